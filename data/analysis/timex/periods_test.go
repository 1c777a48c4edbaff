package timex

import "testing"

func TestPeriods(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // text of the first match ("" = no match)
		value, end string // its value and RangeEnd
	}{
		{"ar day range month year", "سأسافر من 4 إلى 22 يناير 1995", "من 4 إلى 22 يناير 1995", "1995-01-04", "1995-01-22"},
		{"ar between days month", "سأكون هناك بين 3 و 12 سبتمبر", "بين 3 و 12 سبتمبر", "2024-09-03", "2024-09-12"},
		{"ar day range this month", "سأخرج من 4 حتى 23 من هذا الشهر", "من 4 حتى 23 من هذا الشهر", "2025-01-04", "2025-01-23"},
		{"ar two full dates", "سأخرج من 2 أكتوبر إلى 22 أكتوبر", "من 2 أكتوبر إلى 22 أكتوبر", "2024-10-02", "2024-10-22"},
		{"ar year range", "النطاق من 2014 إلى 2018.", "من 2014 إلى 2018", "2014", "2018"},
		{"ar year dash range", "النطاق بين 2014-2018.", "بين 2014-2018", "2014", "2018"},
		{"ar rest of week", "سأرحل بقية الأسبوع", "بقية الأسبوع", "2025-01-27", "2025-02-02"},
		{"ar rest of year", "سأرحل باقي هذا العام", "باقي هذا العام", "2025-01-27", "2025-12-31"},
		{"ar weekend next", "سأخرج في عطلة نهاية الأسبوع المقبل", "عطلة نهاية الأسبوع المقبل", "2025-W06-WE", ""},
		{"ar weekend after next", "سأخرج في عطلة نهاية الأسبوع بعد التالي", "عطلة نهاية الأسبوع بعد التالي", "2025-W07-WE", ""},
		{"ar week after next", "سأخرج الاسبوع بعد القادم", "الاسبوع بعد القادم", "2025-W07", ""},
		{"ar nth week of year", "الأسبوع الثالث من عام 2027", "الأسبوع الثالث من عام 2027", "2027-01-W03", ""},
		{"ar last week of month", "الأسبوع الأخير من هذا الشهر", "الأسبوع الأخير من هذا الشهر", "2025-01-W04", ""},
		{"ar day alone after yawm", "عدت يوم 27", "يوم 27", "2025-01-27", ""},
		{"ar ordinal day alone", "عدت للثاني والعشرين", "للثاني والعشرين", "2025-01-22", ""},
		{"ar feminine ordinal day", "عدت للحادية والثلاثين", "للحادية والثلاثين", "2025-01-31", ""},
		{"ar day of next month", "سأعود في 20 من الشهر القادم", "20 من الشهر القادم", "2025-02-20", ""},
		{"ar one month ago", "راسلته قبل شهر", "قبل شهر", "2024-12", ""},
		{"ar price is no day", "ارتفع السعر إلى 27 دولارا", "", "", ""},
		{"ar number mid sentence is no day", "قتل في 15 هجوما", "", "", ""},
		{"ar compound from now past", "كان لدينا اجتماع منذ 1 شهر و 21 يوم من الآن", "1 شهر و 21 يوم من الآن", "2024-12-06", ""},
		{"ar compound from now future", "سأعيش هنا بعد 2 عام و 21 يوما من الآن", "2 عام و 21 يوما من الآن", "2027-02-17", ""},
		{"ar next two days", "اليومين المقبلين", "اليومين المقبلين", "2025-01-28", "2025-01-30"},
		{"ar last few days", "الأيام القليلة الماضية", "الأيام القليلة الماضية", "2025-01-24", "2025-01-27"},
		{"ar next three months", "سأخرج في الأشهر الثلاثة القادمة", "في الأشهر الثلاثة القادمة", "2025-01-28", "2025-04-28"},
		{"ar last three years", "سأخرج آخر 3 سنوات", "آخر 3 سنوات", "2022-01-27", "2025-01-27"},
		{"ar later this month", "موعد لقاءنا في وقت لاحق من هذا الشهر", "في وقت لاحق من هذا الشهر", "2025-01", ""},
		{"ar weekdays of next week", "اجتماع الأسبوع المقبل بين الأربعاء والجمعة.", "الأسبوع المقبل بين الأربعاء والجمعة", "2025-02-05", "2025-02-07"},
		{"ar weekdays of this week", "هذا الأسبوع من الثلاثاء إلى الخميس", "هذا الأسبوع من الثلاثاء إلى الخميس", "2025-01-28", "2025-01-30"},
		{"ar year as two numbers", "تسعة عشر ثمانية وعشرون", "تسعة عشر ثمانية وعشرون", "1928", ""},
		{"ar year pair with wa", "في ربيع عام تسعة عشر وثمانية وسبعين", "ربيع عام تسعة عشر وثمانية وسبعين", "1978-SP", ""},
		{"ar year in words alone", "في ألف وسبعمائة وتسعة وثمانين", "ألف وسبعمائة وتسعة وثمانين", "1789", ""},
		{"ar three-figure year after cue", "سأخرج عام 247", "عام 247", "0247", ""},
		{"ar number words mid sentence no year", "أرسلوا ألفين وخمسمائة جندي", "", "", ""},
		{"ar weekday after yawm with date", "سأعود يوم الاثنين 12 يناير 2016", "الاثنين 12 يناير 2016", "2016-01-12", ""},
		{"ar us date with comma year", "سأعود 11/12, 2016", "11/12, 2016", "2016-11-12", ""},
		{"ar 31st in a short month", "عدت للحادية والثلاثين", "للحادية والثلاثين", "2025-01-31", ""},
		{"ar first friday of month", "سأعود أول يوم جمعة من يوليو", "أول يوم جمعة من يوليو", "2025-07-04", ""},
		{"ar last thursday of this month", "سأعود آخر خميس من هذا الشهر", "آخر خميس من هذا الشهر", "2025-01-30", ""},
		{"ar past two decades", "حدث ذلك في العقدين الماضيين.", "العقدين الماضيين", "2000", "2020"},
		{"ar next three decades", "حدث ذلك في الثلاثة عقود القادمة", "الثلاثة عقود القادمة", "2030", "2060"},
		{"ar two decades with digit", "حدث ذلك في 2 العقود الماضية", "2 العقود الماضية", "2000", "2020"},
		{"en compound", "We met 1 month and 21 days ago.", "1 month and 21 days ago", "2024-12-06", ""},
		{"en year pair stays two years", "The pandemic of 2009-2010 killed many.", "2009", "2009", ""},
		{"en range", "It ran from March 4 to March 22.", "from March 4 to March 22", "2024-03-04", "2024-03-22"}, // past tense: the March before the DCT
		{"en two years", "The pandemic of 2009-2010 killed many.", "2009", "2009", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms := Extract(tc.text, Options{DCT: dct})
			if tc.want == "" {
				if len(ms) != 0 {
					t.Fatalf("got %+v, want no match", ms)
				}
				return
			}
			if len(ms) == 0 {
				t.Fatalf("no match, want %q", tc.want)
			}
			m := ms[0]
			if m.Text != tc.want || m.Value != tc.value || m.RangeEnd != tc.end {
				t.Errorf("got %q %s..%q, want %q %s..%q", m.Text, m.Value, m.RangeEnd, tc.want, tc.value, tc.end)
			}
		})
	}
}

func TestDayOnlyShortMonth(t *testing.T) {
	nov := dct.AddDate(0, -2, 0) // November: 30 days
	tests := []struct{ text, want, value string }{
		{"عدت للحادية والثلاثين", "للحادية والثلاثين", "XXXX-XX-31"},
		{"عدت للثلاثين", "للثلاثين", "2024-11-30"},
	}
	for _, tc := range tests {
		ms := Extract(tc.text, Options{DCT: nov})
		if len(ms) != 1 || ms[0].Text != tc.want || ms[0].Value != tc.value {
			t.Errorf("%s: got %+v, want %q %s", tc.text, ms, tc.want, tc.value)
		}
	}
}
