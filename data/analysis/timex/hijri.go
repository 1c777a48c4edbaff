package timex

import (
	"math"
	"time"
)

// Hijri dates use the arithmetical (tabular, civil epoch) Islamic calendar.
// It can differ by a day from the Umm al-Qura calendar or from a sighting.

const jdnUnixEpoch = 2440588 // JDN of 1970-01-01

// monthStarts overrides the arithmetical calendar with the first day of
// months as observed (Umm al-Qura / announced) for the months that carry
// the main holidays in recent years.
var monthStarts = map[[2]int][3]int{
	{1444, 9}: {2023, 3, 23}, {1444, 10}: {2023, 4, 21}, {1444, 12}: {2023, 6, 19},
	{1445, 9}: {2024, 3, 11}, {1445, 10}: {2024, 4, 10}, {1445, 12}: {2024, 6, 7},
	{1446, 7}: {2025, 1, 1}, {1446, 9}: {2025, 3, 1}, {1446, 10}: {2025, 3, 30}, {1446, 12}: {2025, 5, 28},
}

// HijriToGregorian converts a Hijri date to a Gregorian day.
func HijriToGregorian(y, m, d int) time.Time {
	if s, ok := monthStarts[[2]int{y, m}]; ok {
		return time.Date(s[0], time.Month(s[1]), s[2]+d-1, 0, 0, 0, 0, time.UTC)
	}
	jdn := d + int(math.Ceil(29.5*float64(m-1))) + (y-1)*354 + (3+11*y)/30 + 1948439
	return time.Unix(int64(jdn-jdnUnixEpoch)*86400, 0).UTC()
}

// GregorianToHijri converts a Gregorian day to a Hijri date.
func GregorianToHijri(t time.Time) (y, m, d int) {
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	jdn := int(t.Unix()/86400) + jdnUnixEpoch
	y = (30*(jdn-1948439) + 10646) / 10631
	m = int(math.Min(12, math.Ceil(float64(jdn-(29+HijriJDN(y, 1, 1)))/29.5)+1))
	if m < 1 {
		m = 1
	}
	d = jdn - HijriJDN(y, m, 1) + 1
	return y, m, d
}

// HijriJDN is the Julian day number of a Hijri date.
func HijriJDN(y, m, d int) int {
	return d + int(math.Ceil(29.5*float64(m-1))) + (y-1)*354 + (3+11*y)/30 + 1948439
}
