package analysis

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// titleCases are news sentences written for these tests (AI, chips,
// politics, regulation), each with the date of one of its events and the
// title a reader should see for it: a complete clause with its subject,
// the date left out.
var titleCases = []struct {
	text, date, want string
}{
	// English
	{"DeepSeek released R1 on 20 January 2025.", "2025-01-20", "DeepSeek released R1"},
	{"On June 10, 2024, Apple announced Apple Intelligence at its developer conference.", "2024-06-10", "Apple announced Apple Intelligence at its developer conference"},
	{"Mistral, founded by Arthur Mensch in 2023, released Mixtral on the day the EU agreed its AI Act.", "2023", "Mistral was founded by Arthur Mensch"},
	{"On 20 January 2025, the Chinese start-up DeepSeek released R1, a reasoning model.", "2025-01-20", "The Chinese start-up DeepSeek released R1"},
	{"Alibaba answered on January 29, 2025 by releasing Qwen 2.5-Max.", "2025-01-29", "Alibaba released Qwen 2.5-Max"},
	{"In March 2024, the European Parliament approved the AI Act.", "2024-03", "The European Parliament approved the AI Act"},
	{"Nvidia shares fell 17 percent on January 27, 2025.", "2025-01-27", "Nvidia shares fell 17 percent"},
	{"President Biden signed an executive order on artificial intelligence on October 30, 2023.", "2023-10-30", "President Biden signed an executive order on artificial intelligence"},
	{"The Commerce Department tightened export controls on advanced chips in October 2022, when it barred sales of Nvidia's A100 to China.", "2022-10", "The Commerce Department tightened export controls on advanced chips"},
	{"When OpenAI launched ChatGPT in November 2022, Google declared a code red.", "2022-11", "OpenAI launched ChatGPT"},
	{"Microsoft agreed to buy Activision Blizzard in January 2022 for 69 billion dollars.", "2022-01", "Microsoft agreed to buy Activision Blizzard for 69 billion dollars"},
	{"Trump was sworn in as president on January 20, 2025.", "2025-01-20", "Trump was sworn in as president"},
	{"زار الرئيس اللبناني مدينة بيروت يوم 3 مارس 2025، ثم سافر إلى بغداد.", "2025-03-03", "زار الرئيس اللبناني مدينة بيروت"},
	{"On 12 May 2025, the United States and China agreed to cut tariffs for 90 days.", "2025-05-12", "The United States and China agreed to cut tariffs for 90 days"},
	{"TSMC said on 16 January 2025 that its profit had risen 57 percent.", "2025-01-16", "TSMC said that its profit had risen 57 percent"},
	{"In November 2024 the company had already published QwQ, an open reasoning model.", "2024-11", "The company had already published QwQ"},
	{"Regulators in Italy blocked DeepSeek's app on 30 January 2025, citing privacy concerns.", "2025-01-30", "Regulators in Italy blocked DeepSeek's app"},
	{"Meta unveiled Llama 3.1, its largest open model, in July 2024.", "2024-07", "Meta unveiled Llama 3.1"},
	{"Google, which bought DeepMind in 2014, launched Gemini in December 2023.", "2014", "Google bought DeepMind"},
	{"Google, which bought DeepMind in 2014, launched Gemini in December 2023.", "2023-12", "Google launched Gemini"},
	{"Sam Altman was fired by OpenAI's board on November 17, 2023.", "2023-11-17", "Sam Altman was fired by OpenAI's board"},
	{"On 11 February 2025, the Paris AI summit closed with a declaration signed by 60 countries.", "2025-02-11", "The Paris AI summit closed with a declaration signed by 60 countries"},
	{"A day after his inauguration on January 20, 2025, Trump stood beside the heads of OpenAI, Oracle and SoftBank to announce Stargate.", "2025-01-20", "Trump announced Stargate"},
	{"On 1 August 2024, the European Union's Artificial Intelligence Act, the first comprehensive law on artificial intelligence anywhere in the world, entered into force across all member states.", "2024-08-01",
		"The European Union's Artificial Intelligence Act entered into force across all…"},
	// Arabic
	{"أطلقت علي بابا نموذج QwQ في نوفمبر 2024.", "2024-11", "أطلقت علي بابا نموذج QwQ"},
	{"في 20 يناير 2025، أطلقت شركة ديب سيك نموذج R1.", "2025-01-20", "أطلقت شركة ديب سيك نموذج R1"},
	{"وقّع ترمب في 23 يناير 2025 أوامر تنفيذية بشأن الذكاء الاصطناعي.", "2025-01-23", "وقّع ترمب أوامر تنفيذية بشأن الذكاء الاصطناعي"},
	{"أعلنت هواوي في 5 مارس 2025 عن شريحة جديدة للذكاء الاصطناعي.", "2025-03-05", "أعلنت هواوي عن شريحة جديدة للذكاء الاصطناعي"},
	{"وفي 10 مارس 2025 أعلنت وزارة التجارة الأميركية قيودا جديدة على تصدير الرقائق.", "2025-03-10", "أعلنت وزارة التجارة الأميركية قيودا جديدة على تصدير الرقائق"},
	{"اتفقت الولايات المتحدة والصين في 12 مايو 2025 على خفض الرسوم الجمركية.", "2025-05-12", "اتفقت الولايات المتحدة والصين على خفض الرسوم الجمركية"},
	{"أدى ترمب اليمين الدستورية رئيسا للولايات المتحدة في 20 يناير 2025.", "2025-01-20", "أدى ترمب اليمين الدستورية رئيسا للولايات المتحدة"},
	{"تراجعت أسهم إنفيديا بنسبة 17 في المئة في 27 يناير 2025.", "2025-01-27", "تراجعت أسهم إنفيديا بنسبة 17 في المئة"},
	{"أعلن البيت الأبيض في 21 يناير 2025 عن مشروع ستارغيت.", "2025-01-21", "أعلن البيت الأبيض عن مشروع ستارغيت"},
	{"عندما أطلقت أوبن إيه آي تشات جي بي تي في نوفمبر 2022، أعلنت غوغل حالة الطوارئ.", "2022-11", "أطلقت أوبن إيه آي تشات جي بي تي"},
	{"ألغت الاتفاقية، التي وقعها ترمب في 23 يناير 2025، قيود بايدن.", "2025-01-23", "وقع ترمب الاتفاقية"},
	{"صادق البرلمان الأوروبي على قانون الذكاء الاصطناعي في 13 مارس 2024.", "2024-03-13", "صادق البرلمان الأوروبي على قانون الذكاء الاصطناعي"},
	{"في 30 يناير 2025، حظرت الهيئة الإيطالية لحماية البيانات تطبيق ديب سيك.", "2025-01-30", "حظرت الهيئة الإيطالية لحماية البيانات تطبيق ديب سيك"},
	{"كشفت ميتا عن نموذج لاما 3.1 في يوليو 2024، وهو أكبر نماذجها المفتوحة.", "2024-07", "كشفت ميتا عن نموذج لاما 3.1"},
	{"فرضت واشنطن في أكتوبر 2022 قيودا على تصدير الرقائق المتقدمة إلى الصين.", "2022-10", "فرضت واشنطن قيودا على تصدير الرقائق المتقدمة إلى الصين"},
	{"استحوذت مايكروسوفت على أكتيفيجن بليزارد في أكتوبر 2023.", "2023-10", "استحوذت مايكروسوفت على أكتيفيجن بليزارد"},
	{"ديفيد ساكس يتحدث إلى الرئيس ترامب أثناء توقيعه على الأوامر التنفيذية في 23 يناير 2025", "2025-01-23", "توقيع ترامب على الأوامر التنفيذية"},
	{"وقد أعلنت شركة إنفيديا في 18 مارس 2025 عن شريحة بلاكويل ألترا.", "2025-03-18", "أعلنت شركة إنفيديا عن شريحة بلاكويل ألترا"},
	{"التقى ولي العهد السعودي الرئيس الأميركي في الرياض في 13 مايو 2025.", "2025-05-13", "التقى ولي العهد السعودي الرئيس الأميركي في الرياض"},
	{"وفاز ترمب بالانتخابات الرئاسية الأميركية في نوفمبر 2024.", "2024-11", "فاز ترمب بالانتخابات الرئاسية الأميركية"},
	{"ترمب، الذي تولى منصبه في 20 يناير 2025، أعلن عن قيود جديدة على الرقائق.", "2025-01-20", "ترمب تولى منصبه"},
	{"شهد يوم 20 يناير 2025 إطلاق ديب سيك نموذج R1.", "2025-01-20", "إطلاق ديب سيك نموذج R1"},
	{"دشنت أرامكو في 4 مارس 2025 أكبر مركز بيانات في المملكة.", "2025-03-04", "دشنت أرامكو أكبر مركز بيانات في المملكة"},
	{"وقال وزير التجارة الصيني في 5 فبراير 2025 إن بكين ستفرض رسوما على الرقائق الأميركية.", "2025-02-05", "قال وزير التجارة الصيني إن بكين ستفرض رسوما على الرقائق الأميركية"},
	{"طُرحت شريحة “أسند 910C”، التابعة لشركة هواوي، في أبريل 2025.", "2025-04", "طُرحت شريحة “أسند 910C” التابعة لشركة هواوي"},
	{"ديب سيك، التي أسسها ليانغ وينفنغ في 2023، أطلقت نموذج R1 في 20 يناير 2025.", "2023", "أسس ليانغ وينفنغ ديب سيك"},
	{"ديب سيك، التي أسسها ليانغ وينفنغ في 2023، أطلقت نموذج R1 في 20 يناير 2025.", "2025-01-20", "ديب سيك أطلقت نموذج R1"},
}

var titleDCT = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// TestEventTitles checks each sentence's title and, for every title, the
// rules that hold whatever the sentence: no date, no leading fragment
// word, at most about 80 characters.
func TestEventTitles(t *testing.T) {
	matched := 0
	for _, tc := range titleCases {
		res := analyze(t, tc.text, titleDCT)
		var got *Event
		for i := range res.Events {
			if res.Events[i].Date == tc.date {
				got = &res.Events[i]
			}
		}
		if got == nil {
			t.Errorf("%q: no event on %s; events %+v", tc.text, tc.date, res.Events)
			continue
		}
		if got.Title == tc.want {
			matched++
		} else {
			t.Errorf("%q (%s):\n got  %q\n want %q", tc.text, tc.date, got.Title, tc.want)
		}
	}
	t.Logf("%d of %d titles as expected", matched, len(titleCases))
}

// fragmentStarts are words a title never starts on: it would start inside
// a clause.
var fragmentStarts = []string{"when", "while", "which", "who", "that", "founded", "signed", "by", "to", "on", "in",
	"the day", "عندما", "التي", "الذي", "بينما", "أثناء", "في", "وفي", "على"}

func TestEventTitleRules(t *testing.T) {
	for _, tc := range titleCases {
		res := analyze(t, tc.text, titleDCT)
		for _, ev := range res.Events {
			title := ev.Title
			if n := utf8.RuneCountInString(title); n > maxTitleRunes+1 || n < 3 {
				t.Errorf("%q: title %q has %d characters", tc.text, title, n)
			}
			if strings.HasSuffix(title, "…") && strings.HasSuffix(strings.TrimSuffix(title, "…"), " ") {
				t.Errorf("%q: title %q is not cut at a word", tc.text, title)
			}
			for _, tx := range res.Timexes {
				if tx.Span == ev.Timex && strings.Contains(title, tx.Text) {
					t.Errorf("%q: title %q holds its date %q", tc.text, title, tx.Text)
				}
			}
			lower := strings.ToLower(title)
			for _, w := range fragmentStarts {
				if strings.HasPrefix(lower, w+" ") {
					t.Errorf("%q: title %q starts inside a clause (%q)", tc.text, title, w)
				}
			}
		}
	}
}

func TestCutTitle(t *testing.T) {
	long := "The European Union's Artificial Intelligence Act entered into force across all member states today"
	got := cutTitle(long)
	if utf8.RuneCountInString(got) > maxTitleRunes || !strings.HasSuffix(got, "…") || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")+" ") {
		t.Errorf("cutTitle(%q) = %q: want at most %d characters, cut at a word, with …", long, got, maxTitleRunes)
	}
	if short := "DeepSeek released R1"; cutTitle(short) != short {
		t.Errorf("cutTitle(%q) = %q", short, cutTitle(short))
	}
}
