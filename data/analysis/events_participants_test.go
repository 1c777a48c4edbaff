package analysis

import (
	"slices"
	"testing"
	"time"
)

// An event's entities are those of its clause: not a name from another
// clause of the same sentence.
func TestEventParticipants(t *testing.T) {
	dct := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text, date string
		want, not  []string
	}{
		{"Mistral AI, founded by Arthur Mensch in 2023, released Mixtral on the day the EU agreed its AI Act.", "2023",
			[]string{"organisation:mistral-ai"}, []string{"organisation:european-union"}},
		{"DeepSeek, founded by Liang Wenfeng in 2023, released R1 on the day Donald Trump was sworn in.", "2023",
			[]string{"organisation:deepseek", "person:liang-wenfeng"}, []string{"person:donald-trump"}},
		{"When OpenAI launched ChatGPT in November 2022, Google declared a code red.", "2022-11",
			[]string{"organisation:openai", "product:chatgpt"}, []string{"organisation:google"}},
		{"Google, which bought DeepMind in 2014, launched Gemini in December 2023.", "2023-12",
			[]string{"organisation:google"}, []string{"organisation:deepmind"}},
		{"DeepSeek announced its R1 model on 20 January 2025, and Nvidia shares fell 17 percent on 27 January 2025.", "2025-01-27",
			[]string{"organisation:nvidia"}, []string{"organisation:deepseek"}},
		{"ديب سيك، التي أسسها ليانغ وينفنغ في 2023، أطلقت نموذج R1 في 20 يناير 2025 بينما كان ترمب يؤدي اليمين.", "2023",
			[]string{"organisation:deepseek", "person:liang-wenfeng"}, []string{"person:donald-trump"}},
		{"ديب سيك، التي أسسها ليانغ وينفنغ في 2023، أطلقت نموذج R1 في 20 يناير 2025 بينما كان ترمب يؤدي اليمين.", "2025-01-20",
			[]string{"organisation:deepseek"}, []string{"person:donald-trump", "person:liang-wenfeng"}},
		{"عندما أطلقت أوبن إيه آي تشات جي بي تي في نوفمبر 2022، أعلنت غوغل حالة الطوارئ.", "2022-11",
			[]string{"organisation:openai", "product:chatgpt"}, []string{"organisation:google"}},
		// "the company" is the organisation named just before
		{"Alibaba answered on January 29, 2025 by releasing Qwen 2.5-Max. In November 2024 the company had already published QwQ.", "2024-11",
			[]string{"organisation:alibaba", "product:qwq"}, nil},
		{"أعلنت هواوي أرباحها في مارس 2025. وكانت الشركة قد أطلقت شريحة جديدة في يناير 2025.", "2025-01",
			[]string{"organisation:huawei"}, nil},
		{"Nvidia shares fell on January 27, 2025. OpenAI said the company would ship GPT-5 in August 2025.", "2025-08",
			[]string{"organisation:openai"}, []string{"organisation:nvidia"}},
		// "the agency" / «الوكالة» is the body named just before
		{"NASA is also looking for crewed landers. This past May, the agency selected 11 companies.", "2025-05",
			[]string{"organisation:nasa"}, nil},
		{"حذرت وكالة الأمن القومي من ثغرة في الشبكات. وفي مايو 2025 نشرت الوكالة تقريرا مفصلا.", "2025-05",
			[]string{"organisation:nsa"}, nil},
		{"فتحت هيئة الأوراق المالية والبورصات تحقيقا في الصفقة. وفي مايو 2025 غرّمت الهيئة المصرف.", "2025-05",
			[]string{"organisation:securities-and-exchange-commission"}, nil},
		// "the president" / "the envoy" is the person named before
		{"Voters backed Maria Esteban in the runoff. The president said on March 3, 2025 that talks would resume.", "2025-03-03",
			[]string{"person:maria-esteban"}, nil},
		{"Maria Esteban spoke first. The president of France said on March 3, 2025 that talks would resume.", "2025-03-03",
			nil, []string{"person:maria-esteban"}},
		// a place that only qualifies a word, or the dateline, takes no part
		{"A Boston man pleaded guilty on March 3, 2025 to fraud.", "2025-03-03", nil, []string{"place:boston"}},
		{"The man threatened U.S. Rep. Ilhan Omar in March 2025, prosecutors said.", "2025-03",
			[]string{"person:ilhan-omar"}, []string{"place:united-states"}},
		{"SAN FRANCISCO (AP) — The utility cut power to 300,000 homes on March 3, 2025.", "2025-03-03", nil, []string{"place:san-francisco", "organisation:associated-press"}},
		{"(Reuters) — Shares of the carmaker fell 4 percent on March 3, 2025.", "2025-03-03", nil, []string{"organisation:reuters"}},
		{"Ukraine President Volodymyr Zelenskiy visited Boston on March 3, 2025.", "2025-03-03",
			[]string{"place:boston"}, []string{"place:ukraine"}},
		// "he" / "she" is the person named just before
		{"Patrick Carlineo faces ten years in prison. He was arrested in April 2025 after the call.", "2025-04",
			[]string{"person:patrick-carlineo"}, nil},
		// a scene: who stands beside an event told in a "while" clause was there
		{"ديفيد ساكس يتحدث إلى الرئيس ترامب أثناء توقيعه على الأوامر التنفيذية في 23 يناير 2025", "2025-01-23",
			[]string{"person:donald-trump", "person:david-sacks"}, nil},
	}
	for _, tc := range tests {
		checkParticipants(t, tc.text, dct, tc.date, tc.want, tc.not)
	}
}

// checkParticipants analyses text and checks that its event dated date
// names every entity of want and none of not; it returns the analysis and
// the event (nil when there is none).
func checkParticipants(t *testing.T, text string, dct time.Time, date string, want, not []string) (Result, *Event) {
	t.Helper()
	res := analyze(t, text, dct)
	var ev *Event
	for i := range res.Events {
		if res.Events[i].Date == date {
			ev = &res.Events[i]
		}
	}
	if ev == nil {
		t.Errorf("%q: no event on %s: %+v", text, date, res.Events)
		return res, nil
	}
	for _, id := range want {
		if !slices.Contains(ev.EntityIDs, id) {
			t.Errorf("%q %s: entities %v lack %s", text, date, ev.EntityIDs, id)
		}
	}
	for _, id := range not {
		if slices.Contains(ev.EntityIDs, id) {
			t.Errorf("%q %s: entities %v hold %s, who is no participant of its clause", text, date, ev.EntityIDs, id)
		}
	}
	return res, ev
}

// A dateline, a date alone on its line or a byline's date is the page's
// metadata, not an event; the statements beside it still are events.
func TestDatelinesAreNotEvents(t *testing.T) {
	dct := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text  string
		dates []string // the events expected, in order
	}{
		{"2024-06-11\nApple announced Apple Intelligence on June 10, 2024.", []string{"2024-06-10"}},
		{"June 11, 2024\nApple announced Apple Intelligence on June 10, 2024.", []string{"2024-06-10"}},
		{"Published June 11, 2024\nNvidia shares fell 17 percent on January 27, 2025.", []string{"2025-01-27"}},
		{"By Jane Doe, June 11, 2024\nNvidia shares fell 17 percent on January 27, 2025.", []string{"2025-01-27"}},
		{"Updated: 11 June 2024\nThe EU agreed its AI Act in December 2023.", []string{"2023-12"}},
		{"10 مارس 2025\nأعلنت هواوي في 5 مارس 2025 عن شريحة جديدة.", []string{"2025-03-05"}},
		{"نشر في 10 مارس 2025\nأطلقت علي بابا نموذج QwQ في نوفمبر 2024.", []string{"2024-11"}},
		{"بقلم سارة أحمد، 10 مارس 2025\nوقعت السعودية والإمارات اتفاقية في 5 مايو 2024.", []string{"2024-05-05"}},
		{"الثلاثاء 11 مارس 2025\nتراجعت أسهم إنفيديا في 27 يناير 2025.", []string{"2025-01-27"}},
		{"We shipped it.\n— Jane Doe (@janedoe) November 1, 2019\nNvidia shares fell 17 percent on January 27, 2025.", []string{"2025-01-27"}},
	}
	for _, tc := range tests {
		res := analyze(t, tc.text, dct)
		var got []string
		for _, ev := range res.Events {
			got = append(got, ev.Date)
		}
		if !slices.Equal(got, tc.dates) {
			t.Errorf("%q: events on %v, want %v", tc.text, got, tc.dates)
		}
	}
}
