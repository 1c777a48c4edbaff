package timex

import "testing"

// Kinds of date error seen on unseen news (issue 14), each with sentences
// of our own. reportDCT is Monday 10 February 2025.
func TestDateKindsOfUnseenNews(t *testing.T) {
	runCases(t, [][2]string{
		// a modal "may" is no month; the month keeps its capital
		{"Officials hoped this may settle the dispute before the vote.", ""},
		{"The agency said the rule may change next year.", "next year=2026"},
		{"The law took effect this May.", "this May=2025-05"},
		// a verb of the calendar in the present: what is scheduled
		{"Acme reports earnings Wednesday.", "Wednesday=2025-02-12"},
		{"Lakers: Visit the Kings on Friday.", "Friday=2025-02-14"},
		{"The committee meets again on Thursday.", "Thursday=2025-02-13"},
		{"The committee met on Thursday.", "Thursday=2025-02-06"},
		{"His visit on Thursday drew protests.", "Thursday=2025-02-06"},
		// "would": the future of a report made before publication
		{"He failed to keep his promise that the plant would reopen on Jan. 15.", "Jan. 15=2025-01-15"},
		{"She said the plant would reopen in April.", "April=2025-04"},
		// "in" + a span, looking ahead: a date from publication
		{"The two teams meet again in three days.", "in three days=2025-02-13"},
		{"The ministry will publish its report in 2 weeks.", "in 2 weeks=2025-W09"},
		{"Prices reached their highest level in ten years.", "ten years=P10Y"},
		// a decade with its modifier is no year
		{"Such cells have been known since the mid-1950s, when microscopes found them.", "mid-1950s=195"},
		{"The plant closed in the late 1980s.", "late 1980s=198"},
		// a quarter of a game
		{"He picked up a technical foul in the third quarter.", ""},
		{"The bank's profit fell in the third quarter.", "the third quarter=2024-Q3"},
		// «منذ» + a span with no past verb: a duration, not "ago"
		{"يقود الرئيس البلاد منذ ثلاثين عاما.", "منذ ثلاثين عاما=P30Y"},
		{"منذ عشر سنوات ونحن نعاني من البطالة.", "منذ عشر سنوات=P10Y"},
		{"غادر الوزير البلاد منذ ثلاثين عاما.", "منذ ثلاثين عاما=1995"},
		{"منذ شهرين أعلنت الشركة خطتها.", "منذ شهرين=2024-12"},
		// an offset from an undated happening, told in the past, is a span
		{"وصل الوفد في 3 فبراير. وبدأت الأزمة ثم وصلت العاصمة بعد خمس سنوات.", "3 فبراير=2025-02-03 | بعد خمس سنوات=P5Y"},
		{"وصل الوفد في 3 فبراير، وسيعود بعد خمسة أيام.", "3 فبراير=2025-02-03 | بعد خمسة أيام=2025-02-08"},
		// «اليوم» meaning "nowadays": a clause of its own, a topic, "as today"
		{"يبحث الشباب عن عمل في الخارج واليوم نعيش نزيفا للكفاءات.", "اليوم=PRESENT_REF"},
		{"والحصيلة اليوم أن الاقتصاد منهك.", "اليوم=PRESENT_REF"},
		{"و هل المدينة اليوم أفضل حالا؟", "اليوم=PRESENT_REF"},
		{"وهنا كاليوم دعوات إلى الإصلاح.", "اليوم=PRESENT_REF"},
		{"أعلنت الوزارة اليوم أن المدارس ستفتح.", "اليوم=2025-02-10"},
		{"زار الرئيس المصنع واليوم افتتح المعرض.", "اليوم=2025-02-10"},
		{"الوزارة اليوم تعلن نتائج الامتحانات.", "اليوم=2025-02-10"},
		// "Today, …" opening a statement about our time, in the present
		{"Today, more than half of the country's farms use drones.", "Today=PRESENT_REF"},
		{"Today, the company is one of the largest employers in the region.", "Today=PRESENT_REF"},
		{"Today, the company announced a new chip.", "Today=2025-02-10"},
		{"Today, the senate votes on the budget.", "Today=2025-02-10"},
		{"Today, the minister will visit the flooded towns.", "Today=2025-02-10"},
	})
}
