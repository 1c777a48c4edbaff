package timex

import (
	"testing"
	"time"
)

// Month starts announced by the Umm al-Qura calendar (and printed in Saudi
// government calendars); the arithmetical calendar misses some by a day.
func TestUmmAlQuraKnownDates(t *testing.T) {
	tests := []struct {
		y, m, d int
		want    string
	}{
		{1445, 9, 1, "2024-03-11"},   // 1 Ramadan 1445
		{1445, 10, 1, "2024-04-10"},  // 1 Shawwal 1445, Eid al-Fitr
		{1446, 1, 1, "2024-07-07"},   // 1 Muharram 1446
		{1446, 9, 1, "2025-03-01"},   // 1 Ramadan 1446
		{1446, 10, 1, "2025-03-30"},  // 1 Shawwal 1446
		{1445, 12, 10, "2024-06-16"}, // Eid al-Adha 1445
	}
	for _, tc := range tests {
		got := HijriToGregorian(tc.y, tc.m, tc.d).Format("2006-01-02")
		if got != tc.want {
			t.Errorf("HijriToGregorian(%d, %d, %d) = %s, want %s", tc.y, tc.m, tc.d, got, tc.want)
		}
		g, _ := time.Parse("2006-01-02", tc.want)
		if y, m, d := GregorianToHijri(g); y != tc.y || m != tc.m || d != tc.d {
			t.Errorf("GregorianToHijri(%s) = %d-%d-%d, want %d-%d-%d", tc.want, y, m, d, tc.y, tc.m, tc.d)
		}
	}
}

// Every day of the table converts there and back, and the months have 29
// or 30 days; outside the table the arithmetical calendar takes over
// without a gap.
func TestUmmAlQuraRoundTrip(t *testing.T) {
	first := HijriToGregorian(ummAlQuraFirstYear, 1, 1)
	last := HijriToGregorian(ummAlQuraFirstYear+len(ummAlQuraLengths)/12-1, 12, 1)
	for g := first; !g.After(last); g = g.AddDate(0, 0, 1) {
		y, m, d := GregorianToHijri(g)
		if d < 1 || d > 30 {
			t.Fatalf("%s: day %d", g.Format("2006-01-02"), d)
		}
		if back := HijriToGregorian(y, m, d); !back.Equal(g) {
			t.Fatalf("%s -> %d-%d-%d -> %s", g.Format("2006-01-02"), y, m, d, back.Format("2006-01-02"))
		}
	}
	// the arithmetic calendar before and after the table
	if got := HijriToGregorian(1300, 1, 1).Format("2006-01-02"); got != "1882-11-12" {
		t.Errorf("1 Muharram 1300 = %s, want 1882-11-12 (arithmetical)", got)
	}
	if y, m, _ := GregorianToHijri(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)); y != 1523 || m < 1 || m > 12 {
		t.Errorf("2100-01-01 = %d-%d, want in 1523", y, m)
	}
}
