package timex

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// reportDCT is a Monday early in the year, so that a month named without
// its year can fall on either side of the publication date.
var reportDCT = time.Date(2025, 2, 10, 0, 0, 0, 0, time.UTC)

// matchesOf renders every match as «text=value».
func matchesOf(text string, dct time.Time) string {
	var out []string
	for _, m := range Extract(text, Options{DCT: dct}) {
		out = append(out, fmt.Sprintf("%s=%s", m.Text, m.Value))
	}
	return strings.Join(out, " | ")
}

func runCases(t *testing.T, cases [][2]string) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc[0], func(t *testing.T) {
			if got := matchesOf(tc[0], reportDCT); got != tc[1] {
				t.Errorf("got  %s\nwant %s", got, tc[1])
			}
		})
	}
}

// A month or a day without its year in a report of the past is the most
// recent occurrence before the publication date; a sentence that looks
// forward takes the next one.
func TestYearlessDateFollowsTense(t *testing.T) {
	runCases(t, [][2]string{
		{"In May, the ministry cancelled the contract.", "May=2024-05"},
		{"In May, the ministry froze the contract.", "May=2024-05"},
		{"On 21 March, the minister met the delegation.", "21 March=2024-03-21"},
		{"The regulator fined the bank on 3 December.", "3 December=2024-12-03"},
		{"The ministry will publish the rules on 21 March.", "21 March=2025-03-21"},
		{"The chip is expected to ship in June.", "June=2025-06"},
		{"The ministry publishes the rules next March.", "next March=2025-03"},
		{"وفي 21 مارس ألغت الوزارة العقد.", "21 مارس=2024-03-21"},
		{"وفي 21 مارس، كشفت الشركة عن نموذجها.", "21 مارس=2024-03-21"},
		{"في مايو، جمدت الحكومة الأموال.", "مايو=2024-05"},
		{"وفي 21 مارس ناقش البرلمان المشروع.", "21 مارس=2024-03-21"},
		{"وفي 21 يناير أعلنت الهيئة نتائجها.", "21 يناير=2025-01-21"},
		{"وفي 21 مارس سيعلن الوزير النتائج.", "21 مارس=2025-03-21"},
		{"من المقرر أن تعلن الوزارة الخطة في 21 مارس.", "21 مارس=2025-03-21"},
		{"تعتزم الشركة طرح الرقاقة في يونيو.", "يونيو=2025-06"},
		{"تنشر الوزارة القواعد في مارس المقبل.", "مارس المقبل=2025-03"},
		// a direction word after a day and month: the next (last) one, even
		// when it falls on the publication day
		{"من المقرر أن تعقد القمة في 10 فبراير المقبل في باريس.", "10 فبراير المقبل=2026-02-10"},
		{"عقدت القمة في 21 مارس الماضي.", "21 مارس الماضي=2024-03-21"},
		{"In the 2023 fiscal year, revenue rose.", "2023=2023"},
		// nouns that start like «سـ» + a verb do not make a sentence future
		{"وفي مايو عدلت الحكومة سياسة الضرائب بعد سنوات من الجدل.", "مايو=2024-05"},
	})
}

// An offset anchored on a date of the same phrase is counted from that
// date, in the right direction.
func TestOffsetAnchoredOnDate(t *testing.T) {
	runCases(t, [][2]string{
		{"The deal was signed two days after the summit held on 3 March 2025.", "two days after the summit held on 3 March 2025=2025-03-05"},
		{"The results came one day after the ceremony on 20 January.", "one day after the ceremony on 20 January=2025-01-21"},
		{"He resigned the day before the vote on 9 June 2024.", "the day before the vote on 9 June 2024=2024-06-08"},
		{"The firm went public three years after it was founded in 2015.", "three years after it was founded in 2015=2018"},
		{"Shares fell a week before the launch on 14 November 2024.", "a week before the launch on 14 November 2024=2024-11-07"},
		{"Sales rose in the week before the launch on 14 November 2024.", "the week before the launch on 14 November 2024=2024-W45"},
		{"وقعت الاتفاقية بعد يوم من الاجتماع الذي عقد في 10 أبريل 2024.", "بعد يوم من الاجتماع الذي عقد في 10 أبريل 2024=2024-04-11"},
		{"أعلنت الشركة النتائج قبل يومين من الانتخابات التي جرت في 5 مايو 2024.", "قبل يومين من الانتخابات التي جرت في 5 مايو 2024=2024-05-03"},
		{"جاء القرار بعد مرور عامين على تأسيسها عام 2015.", "بعد مرور عامين على تأسيسها عام 2015=2017"},
		{"وبعد أسبوع من إطلاق النموذج في 20 يناير، تراجعت الأسهم.", "بعد أسبوع من إطلاق النموذج في 20 يناير=2025-01-27"},
		{"صدر الحكم بعد ثلاثة أيام من الجلسة المنعقدة في 20 يناير 2025.", "بعد ثلاثة أيام من الجلسة المنعقدة في 20 يناير 2025=2025-01-23"},
		// "the following Monday" is the first Monday after the story's date
		{"Stargate was announced on 21 January 2025. The reaction came the following Monday.", "21 January 2025=2025-01-21 | the following Monday=2025-01-27"},
		{"أعلن المشروع في 21 يناير 2025. وجاء الرد يوم الاثنين التالي.", "21 يناير 2025=2025-01-21 | الاثنين التالي=2025-01-27"},
		// a date after a comma is the sentence's own date, not the anchor
		{"Two days after the attack, on 5 May 2024, police arrested him.", "Two days=P2D | 5 May 2024=2024-05-05"},
		// no date in the phrase: the offset stays anaphoric
		{"The summit opened on 3 March 2024. Two days later, the deal was signed.", "3 March 2024=2024-03-03 | Two days later=2024-03-05"},
	})
}

// A Hijri date is a day of the Umm al-Qura calendar; written with its
// Gregorian equivalent it is one expression on the Gregorian day.
func TestHijriDates(t *testing.T) {
	runCases(t, [][2]string{
		{"صدر القرار في 1 شوال 1445 هـ", "1 شوال 1445 هـ=2024-04-10"},
		{"صدر القرار في الأول من رمضان 1445 هـ.", "الأول من رمضان 1445 هـ=2024-03-11"},
		{"بدأ العام الهجري في 1 محرم 1446 هـ", "1 محرم 1446 هـ=2024-07-07"},
		{"صدر القرار في غرة رمضان 1446.", "غرة رمضان 1446=2025-03-01"},
		{"صدر القرار في 1 رمضان 1445 هـ، الموافق 11 مارس.", "1 رمضان 1445 هـ، الموافق 11 مارس=2024-03-11"},
		{"صدر القرار يوم الاثنين 1 رمضان 1445 هـ الموافق 11 مارس 2024م.", "يوم الاثنين 1 رمضان 1445 هـ الموافق 11 مارس 2024م=2024-03-11"},
		{"صدر القرار في 11 مارس 2024 (1 رمضان 1445 هـ).", "11 مارس 2024 (1 رمضان 1445 هـ)=2024-03-11"},
		{"في 1/9/1445هـ بدأ الصيام.", "1/9/1445هـ=2024-03-11"},
		{"في رمضان 1445 تراجعت المبيعات.", "رمضان 1445=2024-03"},
		{"It was signed on 15 Shawwal 1445 AH.", "15 Shawwal 1445 AH=2024-04-24"},
	})
}

// Version numbers are never dates.
func TestVersionsAreNotDates(t *testing.T) {
	runCases(t, [][2]string{
		{"Meta released Llama 3.1 and Alibaba answered with Qwen 2.5-Max.", ""},
		{"GPT-4 beat Gemini 1.5 on the test, and iOS 18 runs on Windows 11 laptops.", ""},
		{"Microsoft shipped Windows 2000.", ""},
		{"أطلقت غوغل جيميني 1.5 بعد لاما 3.1 وكلود 3.5.", ""},
		{"أطلقت الشركة الإصدار 2.1 من البرنامج.", ""},
		// amounts are no dates either
		{"وصل سعر السهم إلى 3.5 دولار.", ""},
		{"ارتفع المؤشر من 2.5 إلى 3.1 نقطة.", ""},
		{"Version 2.1 of the app came out on 12/01.", "12/01=2024-12-01"},
		{"نشرت ديب سيك النموذج 2.5 في السوق.", ""},
		// a dotted pair after a date cue is still a date
		{"سأعود في 4.22 إلى المكتب.", "4.22=2025-04-22"},
	})
}

// An ordinal day before a month is a day.
func TestOrdinalDays(t *testing.T) {
	runCases(t, [][2]string{
		{"وصل الوفد في الأول من آذار 2024.", "الأول من آذار 2024=2024-03-01"},
		{"وصل الوفد في الثاني من يناير.", "الثاني من يناير=2025-01-02"},
		{"He arrived on the first of March 2024.", "first of March 2024=2024-03-01"},
		{"The talks ended on the twenty-first of January.", "twenty-first of January=2025-01-21"},
		{"انتهت المحادثات في الحادي والعشرين من يناير.", "الحادي والعشرين من يناير=2025-01-21"},
	})
}

// Periods written in English as in Arabic: ranges, a month before its
// days, the n-th weekday of the month, a season without its year.
func TestPeriodsBothLanguages(t *testing.T) {
	runCases(t, [][2]string{
		{"The strike ran from 4 to 22 January 2024.", "from 4 to 22 January 2024=2024-01-04"},
		{"Talks were held between 3 and 7 March 2024.", "between 3 and 7 March 2024=2024-03-03"},
		{"The fair ran November 19-20, 2024.", "November 19-20, 2024=2024-11-19"},
		{"The fair will run November between 19 and 20.", "November between 19 and 20=2025-11-19"},
		{"استمر المعرض في شهر نوفمبر بين 19 و 20 من الزوار.", "شهر نوفمبر بين 19 و 20=2024-11-19"},
		{"The talks lasted from Oct. 2 to October 22.", "from Oct. 2 to October 22=2024-10-02"},
		{"سيعود الوفد يوم الأحد الثاني", "الأحد الثاني=2025-02-09"},
		{"سأرحل الصيف", "الصيف=SU"},
		{"The resort closes in the summer.", "the summer=SU"},
		{"He stayed through British Summer Time.", ""},
		{"مر آخر يوم.", "آخر يوم=2025-02-09"},
		{"وصل في آخر يوم من الشهر.", ""},
		{"شهدت الألفين ازدهارا.", "الألفين=200"},
		{"Talks were held the week of March 18, 2024.", "the week of March 18, 2024=2024-W12"},
		{"عقدت المحادثات أسبوع 16 سبتمبر 2024.", "أسبوع 16 سبتمبر 2024=2024-W38"},
	})
}

// English forms that used to be missed: lower-case names, days alone,
// weekdays with their week, n-th weekdays, quarters and halves, years in
// words, a year then its month, compound offsets, holidays.
func TestEnglishForms(t *testing.T) {
	runCases(t, [][2]string{
		{"we met on april 22, 2024", "april 22, 2024=2024-04-22"},
		{"you may go", ""},
		{"the march ended at noon", ""},
		{"The board met for the 27th.", "the 27th=2025-02-27"},
		{"The vote is on the 21st.", "the 21st=2025-02-21"},
		{"It was the second time.", ""},
		{"Rates will change on the 20th of next month.", "the 20th of next month=2025-03-20"},
		{"The team plays Friday next week.", "Friday next week=2025-02-21"},
		{"The team played last week on Sunday.", "last week on Sunday=2025-02-09"},
		{"Markets open the second Monday of March 2025.", "the second Monday of March 2025=2025-03-10"},
		{"Sales rose in Q3 2024 and in H1 2024.", "Q3 2024=2024-Q3 | H1 2024=2024-H1"},
		{"Output peaked in 2016 November.", "2016 November=2016-11"},
		{"Figures for 2024-11 came out.", "2024-11=2024-11"},
		{"In 2016, 11 people were hurt.", "2016=2016"},
		{"The fair ran in the 1970's.", "the 1970's=197"},
		{"It happened in nineteen seventy eight.", "nineteen seventy eight=1978"},
		{"It opened on September 10, nineteen zero one.", "September 10, nineteen zero one=1901-09-10"},
		{"It opened in two thousand and eighteen.", "two thousand and eighteen=2018"},
		{"We met 1 month and 21 days ago.", "1 month and 21 days ago=2024-12-20"},
		{"The company will report on 4/22 at noon.", "4/22=2025-04-22"},
		{"Costs rose 3/4 of a point.", ""},
		{"Shops were busy on black friday 2024.", "black friday 2024=2024-11-29"},
		{"Sales slowed after Father's Day 2024.", "Father's Day 2024=2024-06-16"},
		{"The office closes the week after next.", "the week after next=2025-W09"},
		{"Prices spiked over the weekend.", "the weekend=2025-W06-WE"},
		{"The talks resume two days from tomorrow.", "two days from tomorrow=2025-02-13"},
		{"It opened on monday, jan twenty two, 2018.", "monday, jan twenty two, 2018=2018-01-22"},
		{"We may one day agree.", "one day=P1D"}, // no day of May
		{"The vote is day after tomorrow.", "day after tomorrow=2025-02-12"},
	})
}

// A report of the past goes on in the year it has just written: a month
// without a year in the same or the next sentence belongs to that year.
func TestYearlessDateFollowsStory(t *testing.T) {
	runCases(t, [][2]string{
		{"The firm was founded in March 2019. In May, it raised money.", "March 2019=2019-03 | May=2019-05"},
		{"تأسست الشركة في مارس 2019. وفي مايو جمعت تمويلا.", "مارس 2019=2019-03 | مايو=2019-05"},
		{"In 2019, the firm was founded. On 3 May it shipped its first chip.", "2019=2019 | 3 May=2019-05-03"},
		// a year given in passing starts no story
		{"Nvidia, founded in 1993, said its sales fell. In January, it lowered prices.", "1993=1993 | January=2025-01"},
		// a sentence about the future is not part of the old story
		{"The firm was founded in March 2019. In May, it will list its shares.", "March 2019=2019-03 | May=2025-05"},
		// two sentences on, the story's year no longer holds
		{"The firm was founded in March 2019. It grew. Staff left. In May, it lowered prices.", "March 2019=2019-03 | May=2024-05"},
	})
}
