package analysis

import (
	"testing"
	"time"
)

// kindsDCT is Sunday 1 June 2025.
var kindsDCT = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// Kinds of title seen on unseen news (issue 14), with sentences of our
// own: a date in a quotation's attribution dates the saying, not what was
// said; an attribution written verb first is put subject first; a clock
// time or a score is no break; a verbless "during …" phrase dates the
// clause it hangs on; an editor's [words] stay; an aside between dashes
// with its own verb is its own statement.
func TestEventTitleKinds(t *testing.T) {
	for _, tc := range []struct{ text, date, want string }{
		{"“We will win this case,” Sara Lindqvist said on Reuters TV on Monday.", "2025-05-26", "Sara Lindqvist said on Reuters TV"},
		{"“Sales were weak in the quarter,” wrote Dana Okoro in a Tuesday note to clients.", "2025-05-27", "Dana Okoro wrote in a note to clients"},
		{"Kira Vance's late goal 3:12 into overtime gave the Falcons a 2-1 win on Saturday.", "2025-05-31", "Kira Vance's late goal 3:12 into overtime gave the Falcons a 2-1 win"},
		{"Moreno was fined for dissent during the Falcons' 3-0 defeat on Sunday.", "2025-06-01", "Moreno was fined for dissent"},
		{"The analysts wrote that [the bank] had raised its forecast on Thursday.", "2025-05-29", "The analysts wrote that [the bank] had raised its forecast"},
		{"The stock is down 1.8%. Acme reports earnings Wednesday.", "2025-06-04", "Acme reports earnings"},
		// a verb of a fixture before its date; "as" + a pronoun opens a
		// clause; a hyphenated "-based" is no verb; no dangling "even"
		{"The Hawks (9-1) play Saturday against the Owls, with a one-game lead.", "2025-06-07", "The Hawks play against the Owls"},
		{"The scandal has hurt her ratings as she faces next year's election.", "2026", "She faces next year's election"},
		{"As we noted, a 2019 study by the Centre for Trade, a Paris-based think tank, concluded that tariffs hurt.", "2019", "A 2019 study by the Centre for Trade concluded that tariffs hurt"},
		{"The party made gains even as it fell short of a majority in 2015.", "2015", "It fell short of a majority"},
		// a relative holding only its date goes on; an attribution aside is
		// no predicate; "by the time" opens a clause; a lead-in and its date
		// open no title; a name's verb in the present; "the Class of 2020,
		// which…"; "as" + a name and its verb
		{"Actress Ada Obi, who in 2008, won the award for best actress, spoke on Monday.", "2008", "Actress Ada Obi won the award for best actress"},
		{"In 1997, Elise wrote, she interviewed Mike for a magazine.", "1997", "She interviewed Mike for a magazine"},
		{"Regardless, by the time he was weaned off treatment a year later, he was back to normal.", "2026", "He was weaned off treatment"},
		{"Since that day in 2019 he has never forgotten to carry water.", "2019", "He has never forgotten to carry water"},
		{"Looking ahead, Microsoft sees fiscal year 2026 sales growth of 2 percent.", "2026", "Microsoft sees fiscal year 2026 sales growth of 2 percent"},
		{"The band was nominated for the Class of 2026, which will be honored at the City Hall on May 2.", "2026-05-02", "The Class will be honored at the City Hall"},
		{"Stadia is not alone, as Sony has offered its own service since 2014.", "2014", "Sony has offered its own service"},
		{"Debates are new in the country's elections — the first took place in 2012 — and they draw millions.", "2012", "The first took place"},
		// a date's lead-in goes with it; a phrase of nothing but a date and
		// its lead-in is no statement
		{"Its fleet of 400 jets has been grounded since March.", "2025-03", "Its fleet of 400 jets has been grounded"},
		{"She had represented him since 1978.", "1978", "She had represented him"},
		{"More than two decades ago, the probe found evidence of an ocean.", "2005", "The probe found evidence of an ocean"},
		{"Since 2008, there has not been a single year of growth.", "2008", "There has not been a single year of growth"},
		{"«سنربح هذه القضية»، قال المحامي سامي الحداد يوم الاثنين.", "2025-05-26", "قال المحامي سامي الحداد"},
		{"«ترمب غاضب من المفاوضات»، قال مساعد لوكالة رويترز يوم الاثنين.", "2025-05-26", "قال مساعد لوكالة رويترز"},
		// a relative on a thing named before its quoted title; a date
		// between the relative's verb and its subject
		{"شارك الوزير في الندوة الدولية حول \"دور الإعلام في السلام\"، التي نظمها هذا الأسبوع مركز تونس للحريات.", "2025-W22", "نظم مركز تونس للحريات الندوة الدولية"},
		{"ألغت الاتفاقية، التي وقعها في 23 يناير 2025 ترمب، قيود بايدن.", "2025-01-23", "وقع ترمب الاتفاقية"},
		{"He spoke at a conference called \"AI and the State\", which the institute organised on March 3.", "2025-03-03", "The institute organised a conference"},
		{"\"لن نتراجع عن القرار\"، قالت الوزيرة في مؤتمر صحفي يوم الخميس.", "2025-05-29", "قالت الوزيرة في مؤتمر صحفي"},
	} {
		res := analyze(t, tc.text, kindsDCT)
		found := false
		for _, ev := range res.Events {
			if ev.Date == tc.date {
				found = true
				if ev.Title != tc.want {
					t.Errorf("%q (%s):\n got  %q\n want %q", tc.text, tc.date, ev.Title, tc.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no event on %s: %+v", tc.text, tc.date, res.Events)
		}
	}
}

// Kinds of participant seen on unseen news, with sentences of our own: a
// clause after a semicolon has its own; "the tech giant", "the news
// agency" stand for the organisation named before; «الرئيس السوداني» for
// the president named before; a verbal noun's possessive pronoun after a
// preposition of time («منذ وصوله», «بعد وصولها») for the person of its
// gender named before.
func TestEventParticipantKinds(t *testing.T) {
	for _, tc := range []struct {
		text, date string
		want, not  []string
	}{
		{"Nvidia won an award on Monday; Apple is opening a store in Paris in March 2026.", "2026-03",
			[]string{"organisation:apple"}, []string{"organisation:nvidia"}},
		{"Apple plans a surprise event for developers. The tech giant is holding it on December 2.", "2025-12-02",
			[]string{"organisation:apple"}, nil},
		{"Reuters first reported the talks. An insider told the news agency on Friday that a deal was near.", "2025-05-30",
			[]string{"organisation:reuters"}, nil},
		{"حكم الرئيس عمر البشير السودان ثلاثين عاما. التقى الرئيس السوداني بالأمس ممثلي الصحافة المحلية.", "2025-05-31",
			[]string{"person:omar-al-bashir"}, nil},
		{"حكم الرئيس عمر البشير السودان ثلاثين عاما. وتغير الجيل كثيرا منذ وصوله إلى السلطة في 1989.", "1989",
			[]string{"person:omar-al-bashir"}, nil},
		{"فازت أنغيلا ميركل بالانتخابات. وتغيرت البلاد كثيرا بعد وصولها إلى الحكم في 2005.", "2005",
			[]string{"person:angela-merkel"}, nil},
		{"التقى ترمب أنغيلا ميركل. وتغيرت البلاد كثيرا بعد وصوله إلى الحكم في 2017.", "2017",
			[]string{"person:donald-trump"}, []string{"person:angela-merkel"}},
		// names quoted are what was said, not who said it on that day;
		// a date inside the quotation keeps them
		{"“Donald Trump is frustrated with the talks,” an aide told Reuters on Monday.", "2025-05-26",
			[]string{"organisation:reuters"}, []string{"person:donald-trump"}},
		{"Reuters said on Monday that “Donald Trump will visit China in June.”", "2025-06",
			[]string{"person:donald-trump", "place:china"}, nil},
		{"«ترمب غاضب من المفاوضات»، قال مساعد لوكالة رويترز يوم الاثنين.", "2025-05-26",
			[]string{"organisation:reuters"}, []string{"person:donald-trump"}},
		// a pronoun after a person named earlier in its own sentence, the
		// sentence's first; "the league" is the league named before
		{"Although Serena Williams has won often this season, she joined the tour in 1995.", "1995",
			[]string{"person:serena-williams"}, nil},
		{"Barack Obama met Angela Merkel in Berlin, where he spoke on June 19, 2013.", "2013-06-19",
			[]string{"person:barack-obama"}, []string{"person:angela-merkel"}},
		{"The NBA fined two players last week. Although Serena Williams has won often, she joined the league in 1995.", "1995",
			[]string{"organisation:nba", "person:serena-williams"}, nil},
	} {
		checkParticipants(t, tc.text, kindsDCT, tc.date, tc.want, tc.not)
	}
}

// A number ending its sentence ("down 1.8%.", "$2.53.") ends it: the next
// sentence's date is not read with the one before.
func TestSentencesEndAfterANumber(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"The stock is down 1.8%. Acme reports earnings Wednesday.", 2},
		{"Earnings were $2.53. Analysts expected less.", 2},
		{"Version 3.5.1 shipped. It fixed bugs.", 2},
		{"It opened at 9 a.m. on Monday.", 1},
		{"Growth was 3.5 percent in 2024.", 1},
	} {
		if got := Sentences(tc.text); len(got) != tc.want {
			t.Errorf("%q: %d sentences %+v, want %d", tc.text, len(got), got, tc.want)
		}
	}
}

// A page's publication line in Arabic («نشر في 08/02/2019 على الساعة
// 10:30») is metadata, not an event; a dateline's place and agency
// («الخرطوم (رويترز) -») are neither the title's subject nor a participant.
func TestArabicMetadataAndDatelines(t *testing.T) {
	dct := time.Date(2019, 2, 8, 0, 0, 0, 0, time.UTC)
	res := analyze(t, "تونس - الصباح\nنشر في 08/02/2019 على الساعة 10:30\nأعلنت الحكومة خطة جديدة.", dct)
	if len(res.Events) != 0 {
		t.Errorf("a publication line made events: %+v", res.Events)
	}
	for _, tc := range []struct{ text, date, want string }{
		{"الخرطوم (رويترز) - 7 فبراير 2019 - أعلنت الحكومة السودانية حالة الطوارئ.", "2019-02-07", "أعلنت الحكومة السودانية حالة الطوارئ"},
		{"القاهرة - أعلنت وزارة الصحة المصرية في 7 فبراير 2019 عن حملة جديدة.", "2019-02-07", "أعلنت وزارة الصحة المصرية عن حملة جديدة"},
		{"WASHINGTON (AP) — The Senate voted on Tuesday to raise the debt limit.", "2019-02-05", "The Senate voted to raise the debt limit"},
	} {
		_, ev := checkParticipants(t, tc.text, dct, tc.date, nil, []string{"place:khartoum", "place:cairo", "place:washington"})
		if ev != nil && ev.Title != tc.want {
			t.Errorf("%q: title %q, want %q", tc.text, ev.Title, tc.want)
		}
	}
}

// The same event told in English and in Arabic gets the same type, so the
// timeline groups it: the feminine and masculine verbs, a law named "Act".
func TestSameEventSameTypeInBothLanguages(t *testing.T) {
	typeOf := func(text, date string) string {
		for _, ev := range analyze(t, text, kindsDCT).Events {
			if ev.Date == date {
				return ev.Type
			}
		}
		return "(no event)"
	}
	for _, tc := range []struct{ en, ar, date, want string }{
		{"Microsoft acquired Activision in October 2023.", "استحوذت مايكروسوفت على أكتيفيجن في أكتوبر 2023.", "2023-10", "agreement"},
		{"The ministry banned the app on 30 January 2025.", "حظرت الوزارة التطبيق في 30 يناير 2025.", "2025-01-30", "regulation"},
		{"The parliament approved the AI Act on 13 March 2024.", "صادق البرلمان على قانون الذكاء الاصطناعي في 13 مارس 2024.", "2024-03-13", "regulation"},
		{"The queen visited Paris on 3 March 2025.", "زارت الملكة باريس في 3 مارس 2025.", "2025-03-03", "political"},
		{"The minister resigned on 3 March 2025.", "استقالت الوزيرة في 3 مارس 2025.", "2025-03-03", "political"},
		{"Trump met Putin in Helsinki on July 16, 2018.", "التقى ترمب بوتين في هلسنكي في 16 يوليو 2018.", "2018-07-16", "political"},
	} {
		en, ar := typeOf(tc.en, tc.date), typeOf(tc.ar, tc.date)
		if en != tc.want || ar != tc.want {
			t.Errorf("%q: %s, %q: %s; want both %s", tc.en, en, tc.ar, ar, tc.want)
		}
	}
}
