package timex

import "testing"

// The tense that places a month or a weekday without its year is read
// where the date stands: the word qualifying it, then its clause, then its
// sentence without the words of a quotation it is not in. reportDCT is
// Monday 10 February 2025.
func TestTenseIsReadAtTheDate(t *testing.T) {
	runCases(t, [][2]string{
		// a word that qualifies the date looks ahead, whatever the report's verbs
		{"Officials said the board had decided to cancel a scheduled March 3 vote on the budget.", "March 3=2025-03-03"},
		{"The council delayed a contract planned for April.", "April=2025-04"},
		{"قال المسؤولون إن الحكومة قررت إلغاء الرسوم المقررة في 15 مارس.", "15 مارس=2025-03-15"},
		{"أكد الوزير أنه ألغى القمة المرتقبة في 3 مايو.", "3 مايو=2025-05-03"},
		// an adjective or a noun after an article or "of" is no future
		{"The utility began two rounds of planned outages in November.", "November=2024-11"},
		{"The company shelved its plans for a listing in September.", "September=2024-09"},
		// "once expected": formerly
		{"The treaty, once expected to be signed in October, could slip.", "October=2024-10"},
		// "would" governs a date after it, not one before it
		{"An April 2 memo indicated that staff would be cut.", "April 2=2024-04-02"},
		{"The minister said the plant would open in April.", "April=2025-04"},
		// a bracket is an aside; a decimal point ends no sentence
		{"A storm dropped 3 inches (76.2 millimeters) of snow on Thursday and more was expected.", "Thursday=2025-02-06"},
		// a quotation the date is not in does not set its tense
		{"The president said on Thursday that the deal \"is going to happen, and we will sign it.\"", "Thursday=2025-02-06"},
		{"The president said on Thursday that the deal “is going to happen, and we will sign it.”", "Thursday=2025-02-06"},
		// the date's own clause before the sentence's
		{"The firm confirmed the order on Thursday, and the board will meet again.", "Thursday=2025-02-06"},
		{"Talks will resume on Thursday, the ministry said.", "Thursday=2025-02-13"},
		{"The weather should ease by Thursday morning.", "Thursday morning=2025-02-13TMO"},
		// the same sentences that looked forward still do
		{"The vote is expected on Oct. 15, officials said.", "Oct. 15=2025-10-15"},
		{"In May, the ministry cancelled the contract.", "May=2024-05"},
	})
}

// "The next year" in a report of a dated past counts from the year the
// story is in, not from the publication date; «العام التالي» the same.
func TestNextYearOfTheStory(t *testing.T) {
	runCases(t, [][2]string{
		{"The two men were abducted in August 2016. The next year, the group released two videos.", "August 2016=2016-08 | The next year=2017"},
		{"The firm was founded in March 2019. The next month, it raised money.", "March 2019=2019-03 | The next month=2019-04"},
		{"اختطف الرجلان في أغسطس 2016. وفي العام التالي نشرت الجماعة مقطعين.", "أغسطس 2016=2016-08 | العام التالي=2017"},
		{"تأسست الشركة في مارس 2019. وفي الشهر التالي جمعت تمويلا.", "مارس 2019=2019-03 | الشهر التالي=2019-04"},
		// with no dated story, or looking ahead, it is the DCT's next year
		{"We expect results next year.", "next year=2026"},
		{"نتوقع النتائج في العام المقبل.", "العام المقبل=2026"},
		{"The firm was founded in March 2019. The next year will bring a listing.", "March 2019=2019-03 | The next year=2026"},
	})
}

// "the previous week" / «الأسبوع السابق» count from the date just told.
func TestPreviousWeekOfTheStory(t *testing.T) {
	runCases(t, [][2]string{
		{"The company shelved the listing on September 30. Its chief had resigned the previous week.", "September 30=2024-09-30 | the previous week=2024-W39"},
		{"ألغت الشركة الطرح في 30 سبتمبر 2024. وكان رئيسها قد استقال في الأسبوع السابق.", "30 سبتمبر 2024=2024-09-30 | الأسبوع السابق=2024-W39"},
		// with no date told, the week before the DCT's
		{"Its chief resigned the previous week.", "the previous week=2025-W06"},
	})
}
