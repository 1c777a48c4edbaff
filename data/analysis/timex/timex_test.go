package timex

import (
	"testing"
	"time"
)

var dct = time.Date(2025, 1, 27, 0, 0, 0, 0, time.UTC) // a Monday

func TestExtract(t *testing.T) {
	tests := []struct {
		name, text  string
		us          bool
		want, value string // text of the first match and its value
		typ         string
	}{
		{"en full date", "Trump signed the orders on January 23, 2025 at the White House.", false, "January 23, 2025", "2025-01-23", Date},
		{"en day month year abbrev", "It shipped on 20 Jan. 2025.", false, "20 Jan. 2025", "2025-01-20", Date},
		{"en iso", "Filed 2025-01-20 in court.", false, "2025-01-20", "2025-01-20", Date},
		{"en month year", "Prices rose in May 2010 and fell.", false, "May 2010", "2010-05", Date},
		{"en bare past month", "Alibaba released QwQ in November.", false, "November", "2024-11", Date},
		{"en future month", "The company will ship the model in March.", false, "March", "2025-03", Date},
		{"en year with cue", "Sales peaked in 2023.", false, "2023", "2023", Date},
		{"en yesterday", "The deal was signed yesterday.", false, "yesterday", "2025-01-26", Date},
		{"en last wednesday", "He spoke last Wednesday.", false, "last Wednesday", "2025-01-22", Date},
		{"en next month", "Talks resume next month.", false, "next month", "2025-02", Date},
		{"en last year", "Profits doubled last year.", false, "last year", "2024", Date},
		{"en this week", "Markets fell this week.", false, "this week", "2025-W05", Date},
		{"en ago", "The firm was founded four years ago.", false, "four years ago", "2021", Date},
		{"en next day anaphora", "It launched on January 20, 2025. The next day, rivals reacted.", false, "January 20, 2025", "2025-01-20", Date},
		{"en inauguration day", "On Inauguration Day the model appeared.", false, "Inauguration Day", "2025-01-20", Date},
		{"en christmas", "Sales fell after Christmas.", false, "Christmas", "2024-12-25", Date},
		{"en duration", "The trial lasted three months.", false, "three months", "P3M", Duration},
		{"en decade", "It began in the 1990s.", false, "the 1990s", "199", Date},
		{"en now", "Prices are now higher.", false, "now", "PRESENT_REF", Date},
		{"en early year", "The plan was drafted in early 2011.", false, "early 2011", "2011", Date},
		{"en quarter", "Revenue grew in the first quarter of 2013.", false, "the first quarter of 2013", "2013-Q1", Date},
		{"ar full date", "وقع الرئيس الأوامر في 23 يناير 2025 في البيت الأبيض", false, "23 يناير 2025", "2025-01-23", Date},
		{"ar paired month", "أطلق النموذج في نوفمبر/تشرين الثاني، بفارق كبير", false, "نوفمبر/تشرين الثاني", "2024-11", Date},
		{"ar levantine month eastern digits", "زار الوفد دمشق في ٦ آذار ٢٠٢٥", false, "٦ آذار ٢٠٢٥", "2025-03-06", Date},
		{"ar paired full", "في 20 يناير/كانون الثاني 2025 تسلم السلطة", false, "20 يناير/كانون الثاني 2025", "2025-01-20", Date},
		{"ar year", "تأسست الشركة عام 2023 في بكين", false, "عام 2023", "2023", Date},
		{"ar yesterday", "أعلنت الشركة أمس عن نموذج جديد", false, "أمس", "2025-01-26", Date},
		{"ar last month", "انخفضت الأسعار الشهر الماضي", false, "الشهر الماضي", "2024-12", Date},
		{"ar next year", "سيبدأ المشروع العام المقبل", false, "العام المقبل", "2026", Date},
		{"ar inauguration day", "وقد شهد يوم التنصيب إطلاق نموذج جديد", false, "يوم التنصيب", "2025-01-20", Date},
		{"ar implicit inauguration", "قال ترمب في خطاب تنصيبه إن أميركا ستنتصر", true, "تنصيبه", "2025-01-20", Date},
		{"ar implicit needs us context", "قال الرئيس في خطاب تنصيبه إن البلاد ستنتصر", false, "", "", ""},
		{"ar next day anaphora", "في 20 يناير 2025 تسلم السلطة. وفي اليوم التالي أعلن المشروع", false, "20 يناير 2025", "2025-01-20", Date},
		{"ar weekday", "التقى الوزيران يوم الأحد الماضي", false, "الأحد الماضي", "2025-01-26", Date},
		{"ar ago", "أطلقت الشركة النموذج قبل ثلاثة أشهر", false, "قبل ثلاثة أشهر", "2024-10", Date},
		{"ar duration dual", "استمرت المفاوضات عامين كاملين", false, "عامين", "P2Y", Duration},
		{"ar hijri", "صدر القرار في 20 رجب 1446 هـ", false, "20 رجب 1446 هـ", "2025-01-20", Date},
		{"ar eid", "تعطل الأسواق خلال عيد الفطر المقبل", false, "عيد الفطر", "2025-03-30", Date},
		{"ar decade", "ازدهر الاقتصاد في التسعينيات", false, "التسعينيات", "199", Date},
		{"ar not a year", "تدريبه باستخدام 2000 شريحة منخفضة الجودة", false, "", "", ""},
		{"ar not a weekday", "وفقا لأحد المعايير", false, "", "", ""},
		{"en no date", "The model is cheap and fast.", false, "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms := Extract(tc.text, Options{DCT: dct, USPresident: tc.us})
			if tc.want == "" {
				if len(ms) != 0 {
					t.Fatalf("want no match, got %+v", ms)
				}
				return
			}
			if len(ms) == 0 {
				t.Fatalf("no match in %q", tc.text)
			}
			m := ms[0]
			if m.Text != tc.want || m.Value != tc.value || m.Type != tc.typ {
				t.Fatalf("got %q %s %s, want %q %s %s", m.Text, m.Value, m.Type, tc.want, tc.value, tc.typ)
			}
			if tc.text[m.Start:m.End] != m.Text {
				t.Fatalf("span %d-%d does not cover %q", m.Start, m.End, m.Text)
			}
		})
	}
}

func TestAnaphora(t *testing.T) {
	tests := []struct {
		name, text, value string
	}{
		{"en a day later", "The model launched on January 20, 2025. A day later, shares fell.", "2025-01-21"},
		{"en same day", "It opened on March 3, 2024 and closed the same day.", "2024-03-03"},
		{"ar next day glued", "ألقى خطابه في 20 يناير 2025. استضافة ترمب لليوم التالي لإطلاق المشروع", "2025-01-21"},
		{"ar same day", "وقعت الاتفاقية في 5 مايو 2024 وفي اليوم نفسه بدأ التنفيذ", "2024-05-05"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms := Extract(tc.text, Options{DCT: dct})
			if len(ms) < 2 {
				t.Fatalf("want 2 matches, got %+v", ms)
			}
			if !ms[1].Anaphoric || ms[1].Value != tc.value {
				t.Fatalf("second match %q = %s (anaphoric %v), want %s", ms[1].Text, ms[1].Value, ms[1].Anaphoric, tc.value)
			}
		})
	}
}

func TestNoDCT(t *testing.T) {
	for _, text := range []string{"It happened last week.", "حدث ذلك الأسبوع الماضي"} {
		t.Run(text, func(t *testing.T) {
			if ms := Extract(text, Options{}); len(ms) != 0 {
				t.Fatalf("relative date resolved without a DCT: %+v", ms)
			}
		})
	}
}

func TestHijri(t *testing.T) {
	tests := []struct {
		y, m, d int
		want    string
	}{
		{1446, 7, 20, "2025-01-20"},
		{1445, 9, 1, "2024-03-11"},
		{1400, 1, 1, "1979-11-20"}, // Umm al-Qura; the arithmetical calendar says the 21st
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			g := HijriToGregorian(tc.y, tc.m, tc.d)
			if got := g.Format("2006-01-02"); got != tc.want {
				t.Fatalf("HijriToGregorian(%d,%d,%d) = %s, want %s", tc.y, tc.m, tc.d, got, tc.want)
			}
			y, m, d := GregorianToHijri(g)
			if y != tc.y || m != tc.m || d != tc.d {
				t.Fatalf("round trip gave %d-%d-%d", y, m, d)
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{"January 20, 2025", "في 20 يناير/كانون الثاني 2025", "لليوم التالي", "١٢/٠٣/٢٠٢٤", "the 1990s", "20 رجب 1446 هـ", "2025-01-", "/ - ،", "'90s", "بعد غد", "الحادي والعشرين من مايو"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range Extract(s, Options{DCT: dct, USPresident: true}) {
			if m.Start < 0 || m.End > len(s) || m.Start > m.End || m.Value == "" {
				t.Fatalf("bad match %+v", m)
			}
		}
	})
}
