package analysis

import (
	"context"
	"testing"
	"time"
)

// A time of a named day ("Wednesday morning's hearing", "by Thursday
// morning") places an event on that day, as the day alone does; in Arabic
// «صباح الأربعاء» reads the day.
func TestTimeOfADayIsAnEvent(t *testing.T) {
	dct := time.Date(2025, 2, 10, 12, 0, 0, 0, time.UTC) // a Monday
	for _, c := range []struct{ text, lang, date string }{
		{"The senator testified at Wednesday morning's hearing.", "en", "2025-02-05"},
		{"The storm should ease by Thursday morning, the forecasters said.", "en", "2025-02-13"},
		{"Rescuers reached the village on Saturday night after the bridge fell.", "en", "2025-02-08"},
		{"ستعقد اللجنة جلستها صباح الأربعاء لمناقشة الميزانية.", "ar", "2025-02-12"},
	} {
		res, err := Analyze(context.Background(), Input{Text: c.text, Language: c.lang, Published: dct})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ev := range res.Events {
			got = append(got, ev.Date+"/"+ev.Precision)
		}
		if len(got) != 1 || got[0] != c.date+"/day" {
			t.Errorf("%s\n events %v, want one on %s/day", c.text, got, c.date)
		}
	}
	// a clock time alone names no day: no event on the publication date
	for _, text := range []string{
		"Editor's note: this story was updated at 5:45 p.m. ET with details from the call.",
		"The doors open at 9 a.m. for visitors.",
	} {
		res, err := Analyze(context.Background(), Input{Text: text, Language: "en", Published: dct})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Events) != 0 {
			t.Errorf("%s\n events %v, want none", text, res.Events)
		}
	}
}
