package timex

import (
	"math"
	"sort"
	"time"
)

// Hijri dates follow the Umm al-Qura calendar (Saudi Arabia's official
// one, which Arabic news uses) for the years of its published table
// (ummalqura_table.go), and the arithmetical (tabular, civil epoch) Islamic
// calendar outside it. Either can differ by a day from a local sighting.

const (
	jdnUnixEpoch = 2440588 // JDN of 1970-01-01
	rjdOffset    = 2400000 // RJD = JDN - 2400000
)

// ummAlQuraStarts[k] is the RJD of the first day of the k-th month of the
// table (k = 12*(year-ummAlQuraFirstYear) + month-1); one more entry marks
// the day after the table's last day.
var ummAlQuraStarts = func() []int {
	out := make([]int, 0, len(ummAlQuraLengths)+1)
	rjd := ummAlQuraFirstRJD
	for i := 0; i < len(ummAlQuraLengths); i++ {
		out = append(out, rjd)
		if ummAlQuraLengths[i] == '9' {
			rjd += 29
		} else {
			rjd += 30
		}
	}
	return append(out, rjd)
}()

// ummAlQuraMonth returns the RJD of the first day of Hijri month y/m and
// the month's length, when the table covers it.
func ummAlQuraMonth(y, m int) (start, length int, ok bool) {
	k := 12*(y-ummAlQuraFirstYear) + m - 1
	if m < 1 || m > 12 || k < 0 || k+1 >= len(ummAlQuraStarts) {
		return 0, 0, false
	}
	return ummAlQuraStarts[k], ummAlQuraStarts[k+1] - ummAlQuraStarts[k], true
}

func jdnTime(jdn int) time.Time { return time.Unix(int64(jdn-jdnUnixEpoch)*86400, 0).UTC() }

// HijriToGregorian converts a Hijri date to a Gregorian day.
func HijriToGregorian(y, m, d int) time.Time {
	if start, _, ok := ummAlQuraMonth(y, m); ok {
		return jdnTime(start + rjdOffset + d - 1)
	}
	return jdnTime(HijriJDN(y, m, d))
}

// GregorianToHijri converts a Gregorian day to a Hijri date.
func GregorianToHijri(t time.Time) (y, m, d int) {
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	jdn := int(t.Unix()/86400) + jdnUnixEpoch
	rjd := jdn - rjdOffset
	if n := len(ummAlQuraStarts); rjd >= ummAlQuraStarts[0] && rjd < ummAlQuraStarts[n-1] {
		k := sort.SearchInts(ummAlQuraStarts, rjd+1) - 1
		return ummAlQuraFirstYear + k/12, k%12 + 1, rjd - ummAlQuraStarts[k] + 1
	}
	y = (30*(jdn-1948439) + 10646) / 10631
	m = int(math.Min(12, math.Ceil(float64(jdn-(29+HijriJDN(y, 1, 1)))/29.5)+1))
	if m < 1 {
		m = 1
	}
	d = jdn - HijriJDN(y, m, 1) + 1
	return y, m, d
}

// HijriJDN is the Julian day number of a Hijri date in the arithmetical
// calendar.
func HijriJDN(y, m, d int) int {
	return d + int(math.Ceil(29.5*float64(m-1))) + (y-1)*354 + (3+11*y)/30 + 1948439
}
