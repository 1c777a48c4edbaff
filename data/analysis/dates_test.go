package analysis

import (
	"context"
	"testing"
	"time"
)

// The dates of the events a reader sees, end to end: each sentence below
// reports one dated thing, and its event must carry this date (or none).
func TestEventDates(t *testing.T) {
	dct := time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text, date, precision string // date "" = no event
	}{
		// a yearless month in a report of the past is the last one before the DCT
		{"In May, the ministry cancelled the contract with the chip maker.", "2024-05", "month"},
		{"وفي 21 مارس ألغت الوزارة العقد مع الشركة.", "2024-03-21", "day"},
		{"The ministry will publish the new rules on 21 March.", "2025-03-21", "day"},
		// an offset anchored on its own date
		{"The deal was signed two days after the summit held on 3 March 2024.", "2024-03-05", "day"},
		{"وقعت الاتفاقية بعد يوم من الاجتماع الذي عقد في 10 أبريل 2024.", "2024-04-11", "day"},
		// a Hijri date with its Gregorian twin is one event on the Gregorian day
		{"أصدرت الهيئة القرار في 1 رمضان 1445 هـ، الموافق 11 مارس.", "2024-03-11", "day"},
		{"أعلنت الوزارة النتائج في 1 شوال 1445 هـ.", "2024-04-10", "day"},
		// versions are no dates
		{"أطلقت غوغل جيميني 1.5 ثم أطلقت ميتا لاما 3.1 للمطورين.", "", ""},
		{"Alibaba released Qwen 2.5-Max to compete with GPT-4 on Windows 11.", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			res, err := Analyze(context.Background(), Input{Text: tc.text, Published: dct})
			if err != nil {
				t.Fatal(err)
			}
			if tc.date == "" {
				if len(res.Events) != 0 {
					t.Fatalf("want no event, got %+v", res.Events)
				}
				return
			}
			if len(res.Events) != 1 {
				t.Fatalf("want one event on %s, got %d: %+v", tc.date, len(res.Events), res.Events)
			}
			if ev := res.Events[0]; ev.Date != tc.date || ev.Precision != tc.precision {
				t.Fatalf("event on %s (%s), want %s (%s)", ev.Date, ev.Precision, tc.date, tc.precision)
			}
		})
	}
}
