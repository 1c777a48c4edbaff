package analysis

import (
	"testing"
	"time"
)

// An Arabic verb that holds its subject («وأضاف», «وقالت») with no subject
// written in its clause speaks for the person or body named before, of its
// gender: a man for «وأضاف», a body or a woman for «وقالت».
func TestArabicImpliedSubjectParticipants(t *testing.T) {
	dct := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text, date string
		want, not  []string
	}{
		{"التقى دونالد ترمب بالصحفيين في البيت الأبيض. وأضاف في 3 مارس 2025 أن الرسوم الجمركية ستبقى.", "2025-03-03",
			[]string{"person:donald-trump"}, nil},
		{"تحدثت كريستين لاغارد عن التضخم في فرانكفورت. وأكدت في 5 مارس 2025 أن الفائدة لن تنخفض.", "2025-03-05",
			[]string{"person:christine-lagarde"}, nil},
		// a feminine verb: the body named before
		{"أطلقت هواوي هاتفا جديدا في يناير 2025. وأعلنت في مارس 2025 أن مبيعاته تجاوزت التوقعات.", "2025-03",
			[]string{"organisation:huawei"}, nil},
		{"انتقد ترمب غوغل بشدة في خطابه. وأكدت في 10 مارس 2025 أنها ستطعن في القرار.", "2025-03-10",
			[]string{"organisation:google"}, []string{"person:donald-trump"}},
		// the verb's gender chooses between a man and a woman
		{"التقى ترمب بأنغيلا ميركل في برلين. وقالت في 4 مارس 2025 إن اللقاء كان مثمرا.", "2025-03-04",
			[]string{"person:angela-merkel"}, []string{"person:donald-trump"}},
		{"التقت أورسولا فون دير لاين بدونالد ترمب في بروكسل. وقال في 6 مارس 2025 إن أوروبا ستدفع أكثر.", "2025-03-06",
			[]string{"person:donald-trump"}, []string{"person:ursula-von-der-leyen"}},
		// a body's gender is its head noun's: «البنك» is «هو», «وزارة» «هي»
		{"رفع البنك المركزي الأوروبي سعر الفائدة في فرانكفورت. وأضاف في 5 مارس 2025 أن التضخم ما زال مرتفعا.", "2025-03-05",
			[]string{"organisation:european-central-bank"}, nil},
		{"التقت كريستين لاغارد بمسؤولي صندوق النقد الدولي في واشنطن. وقالت في 6 مارس 2025 إن النمو يتباطأ.", "2025-03-06",
			[]string{"person:christine-lagarde"}, []string{"organisation:international-monetary-fund"}},
		{"انتقد ترمب مجلس الأمن في خطابه. ورحبت وزارة الخارجية بالخطاب. وأكدت في 7 مارس 2025 أنها ستدعم القرار.", "2025-03-07",
			[]string{"organisation:وزاره-الخارجيه"}, []string{"organisation:un-security-council", "person:donald-trump"}},
		// the subject of the sentence before, not the last man it names
		{"قال ترمب إنه تحدث مع فلاديمير بوتين هاتفيا. وأضاف في 7 مارس 2025 أن الحرب ستنتهي قريبا.", "2025-03-07",
			[]string{"person:donald-trump"}, []string{"person:vladimir-putin"}},
		// a subject of its own, after the verb or before it
		{"تحدث ترمب عن الاقتصاد في ميشيغان. وقال إيلون ماسك في 8 مارس 2025 إن شركته ستوظف المزيد.", "2025-03-08",
			[]string{"person:elon-musk"}, []string{"person:donald-trump"}},
		{"تحدث ترمب عن الاقتصاد في ميشيغان. ماسك أعلن في 9 مارس 2025 عن مصنع جديد.", "2025-03-09",
			[]string{"person:elon-musk"}, []string{"person:donald-trump"}},
		// what was said has a subject of its own, or the verb's pronoun
		{"التقى ترمب بالصحفيين في المكتب البيضاوي. وأضاف أن إيلون ماسك سيزور الصين في أبريل 2025.", "2025-04",
			[]string{"person:elon-musk"}, []string{"person:donald-trump"}},
		{"التقى ترمب بالصحفيين في المكتب البيضاوي. وأعلن أنه سيزور الصين في أبريل 2025.", "2025-04",
			[]string{"person:donald-trump"}, nil},
		// no verb that holds a subject: nobody is borrowed
		{"تحدث ترمب عن الاقتصاد في ميشيغان. وفي 13 مارس 2025 ارتفعت الأسهم الأمريكية.", "2025-03-13",
			nil, []string{"person:donald-trump"}},
		// an earlier clause of the same sentence
		{"زار إيلون ماسك مصنع الشركة في برلين، وقال في 14 مارس 2025 إن الإنتاج سيتضاعف.", "2025-03-14",
			[]string{"person:elon-musk"}, nil},
		// a woman's name the list gives, with a man named after her
		{"استقبلت سارة المنصوري الوزير محمد الطاهري في مكتبها. وأضافت في 12 مارس 2025 أن الحملة ستستمر.", "2025-03-12",
			[]string{"person:ساره-المنصوري"}, []string{"person:محمد-الطاهري"}},
	}
	for _, tc := range tests {
		if res, ev := checkParticipants(t, tc.text, dct, tc.date, tc.want, tc.not); ev != nil {
			t.Logf("%s: %v (entities %v)", tc.date, ev.EntityIDs, entityIDs(res))
		}
	}
}

func entityIDs(res Result) []string {
	var ids []string
	for _, e := range res.Entities {
		ids = append(ids, e.ID+"/"+e.Type)
	}
	return ids
}
