package timex

// All keys are folded (textnorm.Fold): lower case, أ/إ/آ→ا, ى→ي, ة→ه.
// English and Arabic words share the tables, so one grammar serves both.

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "oct": 10, "nov": 11, "dec": 12,
	// Egyptian / Gulf names
	"يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
	"يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
	// Maghreb names
	"جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8, "غشت": 8,
	"يونيوز": 6, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
	// Levantine / Iraqi names (one word); two-word ones are in months2
	"شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "ايلول": 9,
}

// monthWeak are month words that are also common words (English "may",
// "march"; Arabic «آب» = father): accepted only next to a day or a year.
var monthWeak = map[string]bool{"may": true, "march": true, "mar": true, "jan": false, "اب": true, "ماي": true}

// lowerWeakMonth are month words that, in lower case, are more often
// something else: "you may", "a march", "sep" and "dec" as abbreviations of
// other words.
var lowerWeakMonth = map[string]bool{"may": true, "march": true, "mar": true, "jan": true, "sep": true, "dec": true, "jun": true, "jul": true, "aug": true, "oct": true, "nov": true, "feb": true, "apr": true, "sept": true}

// months2 are two-word month names: first word → second word → month.
var months2 = map[string]map[string]int{
	"كانون": {"الثاني": 1, "الاول": 12, "ثاني": 1, "اول": 12},
	"تشرين": {"الاول": 10, "الثاني": 11, "اول": 10, "ثاني": 11},
}

var hijriMonths = map[string]int{
	"محرم": 1, "صفر": 2, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
	"muharram": 1, "safar": 2, "rajab": 7, "shaban": 8, "ramadan": 9, "shawwal": 10,
}

var hijriMonths2 = map[string]map[string]int{
	"ربيع":  {"الاول": 3, "الثاني": 4, "الاخر": 4, "الاخير": 4},
	"جمادي": {"الاولي": 5, "الاول": 5, "الثانيه": 6, "الاخره": 6, "الثاني": 6, "الاخر": 6},
	"ذو":    {"القعده": 11, "الحجه": 12},
	"ذي":    {"القعده": 11, "الحجه": 12},
}

var weekdays = map[string]int{
	"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
	"mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
	"الاثنين": 1, "الاتنين": 1, "اثنين": 1, "الثلاثاء": 2, "ثلاثاء": 2, "الاربعاء": 3, "اربعاء": 3,
	"الخميس": 4, "خميس": 4, "الجمعه": 5, "جمعه": 5, "السبت": 6, "سبت": 6, "الاحد": 7, "احد": 7,
}

// weakWeekday are weekday words that are also common words; they need
// «يوم» (or a capital letter in English) before them.
var weakWeekday = map[string]bool{"اثنين": true, "احد": true, "جمعه": true, "سبت": true, "خميس": true, "ثلاثاء": true, "اربعاء": true, "mon": true, "sat": true, "sun": true, "wed": true}

type unit uint8

const (
	uNone unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uMonth
	uQuarter
	uYear
	uDecade
	uCentury
	uWeekend
)

// units maps a unit word to its unit, and whether it is plural (2 = dual).
type unitWord struct {
	u      unit
	plural int // 0 singular, 1 plural, 2 Arabic dual
}

var units = map[string]unitWord{
	"second": {uSecond, 0}, "seconds": {uSecond, 1}, "minute": {uMinute, 0}, "minutes": {uMinute, 1},
	"hour": {uHour, 0}, "hours": {uHour, 1}, "day": {uDay, 0}, "days": {uDay, 1},
	"week": {uWeek, 0}, "weeks": {uWeek, 1}, "month": {uMonth, 0}, "months": {uMonth, 1},
	"quarter": {uQuarter, 0}, "quarters": {uQuarter, 1}, "year": {uYear, 0}, "years": {uYear, 1},
	"decade": {uDecade, 0}, "decades": {uDecade, 1}, "century": {uCentury, 0}, "centuries": {uCentury, 1},
	"weekend": {uWeekend, 0}, "weekends": {uWeekend, 1},
	"ثانيه": {uSecond, 0}, "ثواني": {uSecond, 1}, "ثوان": {uSecond, 1}, "ثانيتين": {uSecond, 2},
	"دقيقه": {uMinute, 0}, "دقائق": {uMinute, 1}, "دقيقتين": {uMinute, 2}, "دقيقتان": {uMinute, 2},
	"ساعه": {uHour, 0}, "ساعات": {uHour, 1}, "ساعتين": {uHour, 2}, "ساعتان": {uHour, 2},
	"يوم": {uDay, 0}, "يوما": {uDay, 0}, "ايام": {uDay, 1}, "يومين": {uDay, 2}, "يومان": {uDay, 2},
	"اسبوع": {uWeek, 0}, "الاسبوع": {uWeek, 0}, "اسابيع": {uWeek, 1}, "اسبوعين": {uWeek, 2}, "اسبوعان": {uWeek, 2}, "اسبوعا": {uWeek, 0},
	"شهر": {uMonth, 0}, "شهرا": {uMonth, 0}, "اشهر": {uMonth, 1}, "شهور": {uMonth, 1}, "شهرين": {uMonth, 2}, "شهران": {uMonth, 2},
	"سنه": {uYear, 0}, "سنوات": {uYear, 1}, "سنين": {uYear, 1}, "سنتين": {uYear, 2}, "سنتان": {uYear, 2},
	"عام": {uYear, 0}, "عاما": {uYear, 0}, "اعوام": {uYear, 1}, "عامين": {uYear, 2}, "عامان": {uYear, 2},
	"عقد": {uDecade, 0}, "عقود": {uDecade, 1}, "عقدين": {uDecade, 2}, "عقدان": {uDecade, 2},
	"قرن": {uCentury, 0}, "قرون": {uCentury, 1}, "قرنين": {uCentury, 2},
	"ربع": {uQuarter, 0},
}

// defUnits are the same units with the Arabic article (الشهر, العام…),
// used in «الشهر الماضي», «العام المقبل».
var defUnits = map[string]unit{
	"اليوم": uDay, "الاسبوع": uWeek, "الشهر": uMonth, "العام": uYear, "السنه": uYear,
	"العقد": uDecade, "القرن": uCentury, "الربع": uQuarter,
	"day": uDay, "week": uWeek, "month": uMonth, "year": uYear, "decade": uDecade, "century": uCentury,
	"quarter": uQuarter, "weekend": uWeekend,
}

// direction words: -1 last/past, 0 this/current, +1 next.
var enDirBefore = map[string]int{
	"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1,
	"upcoming": 1, "following": 1,
}

var arDirAfter = map[string]int{
	"الماضي": -1, "الماضيه": -1, "المنصرم": -1, "المنصرمه": -1, "الفائت": -1, "الفائته": -1, "السابق": -1, "السابقه": -1,
	"المقبل": 1, "المقبله": 1, "القادم": 1, "القادمه": 1, "التالي": 1, "التاليه": 1, "الاتي": 1, "الجاري": 0,
	"الحالي": 0, "الحاليه": 0, "نفسه": 0, "ذاته": 0, "هذا": 0,
}

var seasons = map[string]string{
	"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
	"الربيع": "SP", "الصيف": "SU", "الخريف": "FA", "الشتاء": "WI", "ربيع": "SP", "صيف": "SU", "خريف": "FA", "شتاء": "WI",
}

var enNumbers = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1,
}

var enOrdinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
	"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20, "thirtieth": 30, "last": -1,
}

// Arabic cardinal units (both genders) and tens.
var arUnits = map[string]int{
	"واحد": 1, "واحده": 1, "احد": 1, "احدي": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثنتا": 2,
	"ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4, "خمسه": 5, "خمس": 5, "سته": 6, "ست": 6,
	"سبعه": 7, "سبع": 7, "ثمانيه": 8, "ثماني": 8, "ثمان": 8, "تسعه": 9, "تسع": 9, "عشره": 10, "عشر": 10,
	"الثلاثه": 3, "الاربعه": 4, "الخمسه": 5, "السته": 6, "السبعه": 7, "الثمانيه": 8, "التسعه": 9, "العشره": 10,
}

var arTens = map[string]int{
	"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50, "خمسين": 50,
	"ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
	"العشرين": 20, "العشرون": 20, "الثلاثين": 30, "الثلاثون": 30, "الاربعين": 40, "الخمسين": 50, "الستين": 60,
	"السبعين": 70, "الثمانين": 80, "التسعين": 90,
}

var arHundreds = map[string]int{
	"مائه": 100, "مئه": 100, "مائتان": 200, "مائتين": 200, "مئتان": 200, "مئتين": 200,
	"ثلاثمائه": 300, "ثلاثمئه": 300, "اربعمائه": 400, "اربعمئه": 400, "خمسمائه": 500, "خمسمئه": 500,
	"ستمائه": 600, "ستمئه": 600, "سبعمائه": 700, "سبعمئه": 700, "ثمانمائه": 800, "ثمانمئه": 800,
	"تسعمائه": 900, "تسعمئه": 900,
}

var arThousands = map[string]int{
	"الف": 1000, "الفا": 1000, "الفان": 2000, "الفين": 2000, "الالفين": 2000, "الاف": 1000, "الفي": 2000,
}

// Arabic ordinals (with and without the article), both genders.
var arOrdinals = map[string]int{
	"الاول": 1, "الاولي": 1, "اول": 1, "الثاني": 2, "الثانيه": 2, "ثاني": 2, "الثالث": 3, "الثالثه": 3, "ثالث": 3,
	"الرابع": 4, "الرابعه": 4, "رابع": 4, "الخامس": 5, "الخامسه": 5, "خامس": 5, "السادس": 6, "السادسه": 6,
	"السابع": 7, "السابعه": 7, "الثامن": 8, "الثامنه": 8, "التاسع": 9, "التاسعه": 9, "العاشر": 10, "العاشره": 10,
	"الحادي": 1, "الحاديه": 1, "حادي": 1, "الاخير": -1, "الاخيره": -1, "اخر": -1,
}

var arDecades = map[string]int{
	"العشرينيات": 2, "الثلاثينيات": 3, "الاربعينيات": 4, "الخمسينيات": 5, "الستينيات": 6, "السبعينيات": 7,
	"الثمانينيات": 8, "التسعينيات": 9, "عشرينيات": 2, "ثلاثينيات": 3, "اربعينيات": 4, "خمسينيات": 5,
	"ستينيات": 6, "سبعينيات": 7, "ثمانينيات": 8, "تسعينيات": 9,
	// «الألفين»: the decade of the 2000s (2000 + 10·n below 10 means 200x)
	"الالفين": 10, "الالفينات": 10,
	"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9,
}

// presentRef words resolve to PRESENT_REF (TimeML).
var presentRef = map[string]bool{
	"now": true, "currently": true, "nowadays": true, "الان": true, "حاليا": true, "راهنا": true,
}

// Year cue words before a bare number: «عام 2023», "in 2023".
var arYearCue = map[string]bool{
	"عام": true, "العام": true, "سنه": true, "السنه": true, "لعام": true, "خلال": true, "منذ": true, "حتي": true,
	"مطلع": true, "اوائل": true, "اواخر": true, "اواسط": true, "منتصف": true, "بدايه": true, "نهايه": true,
	"موسم": true, "ربيع": true, "صيف": true, "خريف": true, "شتاء": true,
}

var enYearCue = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true, "of": true, "from": true, "to": true,
	"during": true, "before": true, "after": true, "through": true, "year": true, "early": true, "late": true,
	"mid": true, "fiscal": true, "around": true, "between": true, "and": true, "circa": true, "throughout": true,
	"summer": true, "spring": true, "winter": true, "autumn": true, "fall": true, "for": true, "than": true,
}

var enFuture = map[string]bool{
	"will": true, "shall": true, "tomorrow": true, "upcoming": true, "plans": true, "plan": true, "planned": true,
	"expected": true, "expects": true, "scheduled": true, "intends": true, "aims": true, "next": true, "won't": true,
	"future": true, "forthcoming": true, "coming": true, "due": true, "slated": true, "intend": true, "going": true,
	"expect": true, "hopes": true, "hope": true, "aim": true, "would": true, "should": true,
}

// enDateFuture qualify the date right after them: "a scheduled Dec. 15
// imposition", "planned for March", "the upcoming June 3 vote".
var enDateFuture = map[string]bool{
	"scheduled": true, "planned": true, "upcoming": true, "slated": true, "due": true, "expected": true,
}

// arDateFuture qualify the date right after them: «الرسوم المقررة في 15
// مارس», «القمة المرتقبة في 3 مايو».
var arDateFuture = map[string]bool{
	"المقرر": true, "المقرره": true, "المرتقب": true, "المرتقبه": true, "المزمع": true, "المزمعه": true,
	"المنتظر": true, "المنتظره": true,
}

// enTitleAbbrev are abbreviations written with a period inside a sentence.
var enTitleAbbrev = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gov": true, "sen": true, "rep": true, "lt": true, "col": true,
	"gen": true, "sgt": true, "capt": true, "st": true, "prof": true, "rev": true, "gens": true, "reps": true, "sens": true,
}

// enMonthAbbrev are months written short with a period ("Dec. 15").
var enMonthAbbrev = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// enStrongFuture are the modals and phrases that put their clause in the
// future whatever past-tense verbs stand around them.
var enStrongFuture = map[string]bool{"will": true, "shall": true, "won't": true, "due": true, "slated": true, "scheduled": true}

// enPast are past-tense cues beyond the regular "-ed" forms: the irregular
// verbs news reports use most.
var enPast = map[string]bool{
	"was": true, "were": true, "had": true, "did": true, "said": true, "ago": true, "yesterday": true,
	"earlier": true, "last": true, "came": true, "went": true, "began": true, "took": true, "made": true,
	"won": true, "lost": true, "told": true, "saw": true, "rose": true, "fell": true, "grew": true, "left": true,
	"froze": true, "met": true, "paid": true, "sold": true, "bought": true, "brought": true, "built": true,
	"chose": true, "drove": true, "fought": true, "found": true, "gave": true, "got": true, "held": true,
	"kept": true, "knew": true, "led": true, "meant": true, "ran": true, "sent": true, "spent": true,
	"spoke": true, "stood": true, "struck": true, "taught": true, "thought": true, "threw": true, "wrote": true,
	"broke": true, "became": true,
	"sought": true, "swore": true, "undertook": true, "withdrew": true, "overtook": true, "forbade": true,
	"slid": true, "shrank": true, "sank": true, "stole": true, "laid": true, "lent": true, "dealt": true,
	"felt": true, "heard": true, "upheld": true,
	"unveiled": true, "previously": true, "already": true, "recently": true,
}

var arFuture = map[string]bool{
	"سوف": true, "المقبل": true, "المقبله": true, "القادم": true, "القادمه": true, "المقرر": true,
	"يعتزم": true, "تعتزم": true, "سيتم": true, "المرتقب": true, "المرتقبه": true, "غدا": true,
	"نعتزم": true, "ينتظر": true, "يرتقب": true, "المنتظر": true, "المتوقع": true, "يتوقع": true, "تتوقع": true,
	"يخطط": true, "تخطط": true, "ستكون": true, "سيكون": true, "لاحقا": true,
}

var arPast = map[string]bool{
	"كان": true, "كانت": true, "كانوا": true, "الماضي": true, "الماضيه": true, "قد": true, "لقد": true, "امس": true,
	"اعلن": true, "اعلنت": true, "اطلق": true, "اطلقت": true, "قال": true, "قالت": true, "وقع": true, "وقعت": true,
	"اكد": true, "اكدت": true, "شهد": true, "شهدت": true, "بدا": true, "بدات": true, "جري": true, "اصدر": true, "اصدرت": true,
	"تم": true, "عقد": true, "عقدت": true, "زار": true, "زارت": true, "منذ": true, "سابقا": true,
	"الغي": true, "الغت": true, "كشف": true, "كشفت": true, "قرر": true, "قررت": true, "اقر": true, "اقرت": true,
	"وافق": true, "وافقت": true, "رفض": true, "رفضت": true, "جمد": true, "جمدت": true, "فرض": true, "فرضت": true,
	"نشر": true, "نشرت": true, "حصل": true, "حصلت": true, "استحوذ": true, "استحوذت": true, "قدم": true, "قدمت": true,
	"طرح": true, "طرحت": true, "دخل": true, "دخلت": true, "انطلق": true, "انطلقت": true, "اختتم": true, "اختتمت": true,
	"افتتح": true, "افتتحت": true, "استقال": true, "اقال": true, "التقي": true, "التقت": true, "اجتمع": true,
	"اجتمعت": true, "اجري": true, "اجرت": true, "بلغ": true, "بلغت": true, "سجل": true, "سجلت": true, "ارتفع": true,
	"ارتفعت": true, "انخفض": true, "انخفضت": true, "تراجع": true, "تراجعت": true, "خسر": true, "خسرت": true,
	"فاز": true, "فازت": true, "توفي": true, "اضاف": true, "اضافت": true, "اوضح": true, "اوضحت": true, "اشار": true,
	"اشارت": true, "ذكر": true, "ذكرت": true, "صرح": true, "صرحت": true, "اعتمد": true, "اعتمدت": true, "صادق": true,
	"صادقت": true, "تسلم": true, "تسلمت": true, "تولي": true, "تولت": true, "انتخب": true, "انهي": true, "انهت": true,
	"اسس": true, "اسست": true, "تاسست": true, "تاسس": true, "باع": true, "باعت": true, "اشتري": true, "اشترت": true,
	"استثمر": true, "استثمرت": true, "ابرم": true, "ابرمت": true, "حذر": true, "حذرت": true, "دعا": true, "دعت": true,
	"اعلنه": true, "اقرها": true, "اصبح": true, "اصبحت": true, "صار": true, "صارت": true, "اطلقها": true, "جاء": true, "جاءت": true,
	// masculine perfects, which have no ending to tell them by (not those
	// that double as common nouns: «وضع», «بحث», «رفع», «حظر»)
	"هاجم": true, "نفي": true, "اوقف": true, "سمح": true,
	"اغلق": true, "انتهي": true, "عاد": true, "غادر": true, "وصل": true,
	"استقبل": true, "ناقش": true, "تناول": true, "شارك": true, "حضر": true, "ترأس": true, "دشن": true,
	"تلقي": true, "اتهم": true, "ادان": true, "رحب": true, "انتقد": true, "اندلع": true, "شن": true, "اعتقل": true,
	"افرج": true, "اوضحه": true, "ابلغ": true, "اعلنها": true, "الغاه": true,
}

// notFuture are words that start like «سـ» + an imperfect verb but are
// nouns: «سنوات», «سياسة».
var notFuture = map[string]bool{
	"سنوات": true, "سنويا": true, "سياسه": true, "سياسات": true, "سياسي": true, "سياسيه": true, "سياره": true,
	"سيارات": true, "سيطره": true, "سينما": true, "ستين": true, "ستون": true, "سنغافوره": true, "سيول": true,
	"سيده": true, "سيدات": true, "سيناريو": true, "سيبراني": true, "سيليكون": true, "ستوكهولم": true, "سيادي": true,
	"سيادة": true, "سيادته": true, "سيناء": true, "سنتيمتر": true, "ستار": true, "سيرفر": true, "سيرته": true,
	"سيمنز": true, "سيسكو": true, "ستاربكس": true, "ستانفورد": true, "سنتات": true, "سيولة": true, "سيوله": true,
}
