package timex

import "testing"

// «اليوم» and "today" meaning "nowadays" name no day (PRESENT_REF); with a
// news verb or a happening of the day they are the publication date.
// reportDCT is Monday 10 February 2025.
func TestNowadaysTodayIsNoDay(t *testing.T) {
	runCases(t, [][2]string{
		// nowadays
		{"يعاني شباب اليوم من البطالة والتهميش.", "اليوم=PRESENT_REF"},
		{"إن عالم اليوم لا يشبه عالم آبائنا.", "اليوم=PRESENT_REF"},
		{"كانت المدينة هادئة، أما اليوم فالزحام في كل مكان.", "اليوم=PRESENT_REF"},
		{"نحن اليوم في حاجة إلى حوار صريح بين الأجيال.", "اليوم=PRESENT_REF"},
		{"أصبح الهاتف اليوم جزءا من حياة كل أسرة.", "اليوم=PRESENT_REF"},
		{"في الماضي كان الناس يقرؤون الصحف، واليوم يقرؤون الشاشات.", "اليوم=PRESENT_REF"},
		{"تعيش البلاد اليوم أزمة اقتصادية خانقة.", "اليوم=PRESENT_REF"},
		{"لم تعد القراءة اليوم عادة يومية عند الطلاب، بل هناك ألعاب الفيديو.", "اليوم=PRESENT_REF"},
		{"يعيش الشباب في الوقت الحاضر ظروفا صعبة.", "الوقت الحاضر=PRESENT_REF"},
		{"اليوم، الوضع مختلف تماما عن زمن الاستقلال.", "اليوم=PRESENT_REF"},
		{"ينبغي على الأحزاب اليوم أن تصغي إلى الناس.", "اليوم=PRESENT_REF"},
		{"المسرح هو اليوم مرآة للمجتمع.", "اليوم=PRESENT_REF"},
		{"الشباب اليوم أكثر وعيا بحقوقهم.", "اليوم=PRESENT_REF"},
		{"لا يزال الملف مفتوحا اليوم أمام القضاء.", "اليوم=PRESENT_REF"},
		{"الوضع اليوم أصعب مما كان عليه قبل عشر سنوات.", "اليوم=PRESENT_REF | قبل عشر سنوات=2015"},
		{"أعتقد أن البلاد اليوم بحاجة إلى إصلاح التعليم.", "اليوم=PRESENT_REF"},
		{"نشهد اليوم تحولا كبيرا في سوق العمل.", "اليوم=PRESENT_REF"},
		{"نواجه اليوم مشكلة ندرة المياه في كل القرى.", "اليوم=PRESENT_REF"},
		{"لا يمكن لإنسان اليوم أن يعيش دون إنترنت.", "اليوم=PRESENT_REF"},
		{"Young people today face a housing market their parents never knew.", "today=PRESENT_REF"},
		{"In today's world, privacy is a luxury.", "today=PRESENT_REF"},
		{"Today's children learn to swipe before they can read.", "Today=PRESENT_REF"},
		{"The youth of today care more about climate than cars.", "today=PRESENT_REF"},
		{"The world today is more connected than ever.", "today=PRESENT_REF"},
		{"Today's generation of engineers grew up online.", "Today=PRESENT_REF"},
		{"Consumers today expect delivery the same week.", "today=PRESENT_REF"},
		{"Most students today carry a laptop to class.", "today=PRESENT_REF"},
		{"The pressures on today's families are real.", "today=PRESENT_REF"},
		{"In today's economy, few workers stay in one job.", "today=PRESENT_REF"},
		// the day: a news verb, a happening of the day, the future
		{"أعلنت الوزارة اليوم أن المدارس ستفتح أبوابها.", "اليوم=2025-02-10"},
		{"قال الوزير اليوم إن الحكومة وافقت على الميزانية.", "اليوم=2025-02-10"},
		{"تنطلق اليوم فعاليات معرض الكتاب في العاصمة.", "اليوم=2025-02-10"},
		{"يعقد مجلس النواب اليوم جلسة عامة.", "اليوم=2025-02-10"},
		{"وصل الرئيس اليوم إلى الرباط.", "اليوم=2025-02-10"},
		{"يبحث مجلس الأمن اليوم الأزمة في السودان.", "اليوم=2025-02-10"},
		{"يواجه الفريق اليوم نظيره المصري في القاهرة.", "اليوم=2025-02-10"},
		{"يمثل المتهم اليوم أمام المحكمة.", "اليوم=2025-02-10"},
		{"اليوم.. انطلاق امتحانات البكالوريا في كامل الولايات.", "اليوم=2025-02-10"},
		{"اليوم، أعلن البنك المركزي رفع سعر الفائدة.", "اليوم=2025-02-10"},
		{"يحتفل العالم اليوم بذكرى تأسيس المنظمة.", "اليوم=2025-02-10"},
		{"The ministry said today that schools would reopen.", "today=2025-02-10"},
		{"The company's shares fell today.", "today=2025-02-10"},
		{"Today's vote was delayed again.", "Today=2025-02-10"},
		{"Workers today walked out of the plant, the union said.", "today=2025-02-10"},
		{"The summit opens today in Geneva.", "today=2025-02-10"},
	})
}
