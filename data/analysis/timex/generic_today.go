package timex

import (
	"strings"

	"annals/data/analysis/token"
)

// "Today" and «اليوم» also mean "nowadays": «شباب اليوم», «أما اليوم فنحن
// نعيش…», "today's world", "young people today". That sense names no day:
// TimeML writes it PRESENT_REF, and it dates no event. The day sense stays
// where a news verb tells what happened or will happen on it («أعلنت
// الوزارة اليوم أن…», "the firm said today").

// arNowadaysHeads are nouns that, with «اليوم» after them in a construct,
// mean the people or things of our time: «عالم اليوم», «شباب اليوم».
var arNowadaysHeads = map[string]bool{
	"عالم": true, "شباب": true, "جيل": true, "اجيال": true, "انسان": true, "مجتمع": true, "مجتمعات": true,
	"اطفال": true, "نساء": true, "رجال": true, "شبان": true, "فتيات": true, "مراه": true, "امراه": true,
	"عصر": true, "واقع": true, "ثقافه": true, "اعلام": true, "اقتصاد": true, "سياسه": true, "ساسه": true,
	"سياسيي": true, "سياسيو": true, "ابناء": true, "شعوب": true, "مدرسه": true, "لغه": true, "حياه": true,
	"قارئ": true, "قراء": true, "طلاب": true, "طلبه": true, "فن": true, "سينما": true, "ادب": true, "تلاميذ": true,
	// the state of things: «الوضع اليوم صعب», «البلاد اليوم في حاجة…»
	"وضع": true, "اوضاع": true, "حال": true, "مشهد": true, "ساحه": true, "بلاد": true, "بلد": true,
	"شعب": true, "ناس": true, "مواطن": true, "مواطنون": true, "مواطنين": true, "احزاب": true, "نخبه": true,
}

// arContrastWords set «اليوم» against another time: «أما اليوم», «على
// عكس اليوم», «مقارنة باليوم».
var arContrastWords = map[string]bool{
	"اما": true, "عكس": true, "بعكس": true, "خلافا": true, "مقارنه": true, "بخلاف": true,
}

// arNowadaysFrames are words of a general statement about our time: a
// subject pronoun of a whole group, verbs of being, living, lacking or
// facing.
var arNowadaysFrames = map[string]bool{
	"نحن": true, "هناك": true, "يوجد": true, "توجد": true, "لدينا": true,
	"اصبح": true, "اصبحت": true, "اصبحنا": true, "اصبحوا": true, "بات": true, "باتت": true, "بتنا": true,
	"صار": true, "صارت": true, "صرنا": true, "اضحي": true, "اضحت": true, "زال": true, "مازال": true, "مازالت": true, "يزال": true, "تزال": true,
	"يعد": true, "تعد": true, "يعتبر": true, "تعتبر": true,
	"نعيش": true, "يعيش": true, "تعيش": true, "يعيشون": true, "نعاني": true, "يعاني": true, "تعاني": true, "يعانون": true,
	"نحتاج": true, "يحتاج": true, "تحتاج": true, "يحتاجون": true, "نواجه": true, "يواجهون": true,
	"نستطيع": true, "يستطيع": true, "تستطيع": true, "يمكن": true, "يمكننا": true, "نرى": true, "نري": true,
	"نلاحظ": true, "نجد": true, "يجد": true, "تجد": true, "ليس": true, "ليست": true, "لسنا": true,
	"يبحثون": true, "نبحث": true, "يفتقر": true, "تفتقر": true, "نفتقر": true,
	// what should be: «علينا اليوم أن…», «يجب اليوم…»; a copula's pronoun: «المسرح هو اليوم…»
	"يجب": true, "ينبغي": true, "علينا": true, "لابد": true, "بد": true, "هو": true, "هي": true, "هم": true,
	// needing, witnessing, an opinion: «نحن بحاجة», «نشهد اليوم», «أعتقد أن…»
	"حاجه": true, "بحاجه": true, "نشهد": true, "اعتقد": true, "نعتقد": true, "اظن": true, "نظن": true,
	"اري": true, "يبدو": true, "اؤمن": true,
}

// arDayOnlyWords keep «اليوم» a day: a verb that tells what happens on it
// (said, announced, opens, meets), a word of the future, or an event noun.
var arDayOnlyWords = map[string]bool{
	// happenings of a given day, told in the present
	"تنطلق": true, "ينطلق": true, "يعقد": true, "تعقد": true, "تفتتح": true, "يفتتح": true, "يزور": true, "تزور": true,
	"يلتقي": true, "تلتقي": true, "يصل": true, "تصل": true, "تنظم": true, "ينظم": true, "يحتفل": true, "تحتفل": true,
	"يجتمع": true, "تجتمع": true, "يختتم": true, "تختتم": true, "يستقبل": true, "تستقبل": true, "يتوجه": true, "تتوجه": true,
	"تقام": true, "يقام": true, "تجري": true, "يجري": true, "يعلن": true, "تعلن": true, "يصوت": true, "تصوت": true,
	"يدلي": true, "تستانف": true, "يستانف": true, "يلقي": true, "تلقي": true, "يوقع": true, "توقع": true, "يترأس": true,
	"يبدا": true, "تبدا": true, "تنتهي": true, "ينتهي": true, "تحيي": true, "يحيي": true, "يخوض": true, "تخوض": true,
	// a council's or a team's day: «يبحث مجلس الأمن اليوم…», «يواجه الفريق اليوم نظيره»
	"يبحث": true, "تبحث": true, "يناقش": true, "تناقش": true, "ينظر": true, "تنظر": true, "يواجه": true, "تواجه": true,
	"يستضيف": true, "تستضيف": true, "يمثل": true, "تمثل": true,
	// events
	"اجتماع": true, "اجتماعا": true, "قمه": true, "مؤتمر": true, "مؤتمرا": true, "جلسه": true, "انتخابات": true,
	"مباراه": true, "زياره": true, "افتتاح": true, "حفل": true, "حفلا": true, "مهرجان": true, "اضراب": true, "اضرابا": true,
	"مظاهره": true, "مسيره": true, "وقفه": true, "ندوه": true, "تصويت": true, "موعد": true,
	"انطلاق": true, "بدء": true, "اختتام": true, "امتحانات": true, "امتحان": true, "مناظره": true,
}

// arNotNewsVerbs are words of arPast that tell no news: being and the past
// a contrast speaks of.
var arNotNewsVerbs = map[string]bool{
	"كان": true, "كانت": true, "كانوا": true, "الماضي": true, "الماضيه": true, "قد": true, "لقد": true,
	"امس": true, "منذ": true, "سابقا": true, "شهد": true, "شهدت": true,
	"اصبح": true, "اصبحت": true, "صار": true, "صارت": true,
}

// enNowadaysNouns are the people and things of our time in "today's
// world", "young people today", "the youth of today".
var enNowadaysNouns = map[string]bool{
	"world": true, "society": true, "societies": true, "youth": true, "generation": true, "generations": true,
	"people": true, "children": true, "kids": true, "teenagers": true, "teens": true, "students": true,
	"women": true, "men": true, "parents": true, "families": true, "workers": true, "consumers": true,
	"economy": true, "culture": true, "climate": true, "age": true, "era": true, "standards": true,
	"politics": true, "media": true, "technology": true, "reality": true, "environment": true, "landscape": true,
	"millennials": true, "adults": true, "readers": true, "audiences": true, "viewers": true, "voters": true,
}

// nowadaysToday reports whether "today" / «اليوم» at token k means
// "nowadays".
func (p *parser) nowadaysToday(k int) bool {
	t := &p.toks[k]
	if !t.Arabic {
		return p.enNowadaysToday(k)
	}
	if strings.HasPrefix(t.Norm, "كال") {
		// «وهنا كاليوم…»: "as today", a comparison with our time
		return true
	}
	prev := p.tok(k - 1)
	if p.arTopicToday(k) {
		return true
	}
	if prev != nil && p.sent[k-1] == p.sent[k] && prev.Arabic && prev.Norm != "اليوم" && !t.Has("باليوم") {
		// «شباب اليوم»: a construct (the word before carries no article)
		if arNowadaysHeads[prev.Norm] && t.Norm == "اليوم" {
			return true
		}
		if arContrastWords[prev.Norm] {
			return true
		}
	}
	lo, hi := p.sentenceAround(k)
	if strings.HasPrefix(t.Norm, "و") && k > lo {
		// «…يبحث عن الخلاص عبر الهجرة واليوم نعيش…»: «واليوم» opens a
		// clause of its own; the verbs before it tell another time
		lo = k
	}
	// «اليوم، الوضع مختلف», «واليوم نحن…»: opening its sentence, it sets
	// the time of what follows; «العالم اليوم», «الشباب اليوم»: our time's
	// (a sentence of «اليوم» alone, «اليوم.. انطلاق…», says nothing)
	frame := p.wordAfter(k, hi) && (k == lo || prev != nil && (p.punct(k-1, "،", ",") || p.sent[k-1] != p.sent[k])) ||
		prev != nil && prev.Arabic && len(prev.Norm) > 4 && prev.Norm[:4] == "ال" && arNowadaysHeads[prev.Norm[4:]]
	for i := lo; i <= hi; i++ {
		w := &p.toks[i]
		if w.Kind != token.Word || !w.Arabic || i == k {
			continue
		}
		if arContrastWords[w.Norm] && i < k || w.Has("الماضي") && p.is(i-1, "في") || w.Has("الامس") && i < k {
			// «في الماضي كنا… واليوم…», «بين الأمس واليوم»
			return true
		}
		if arFuture[w.Norm] || arDayOnlyWords[w.Norm] || arPast[w.Norm] && !arNotNewsVerbs[w.Norm] {
			return false
		}
		for _, f := range w.Forms[1:] {
			if arDayOnlyWords[f.Text] || arPast[f.Text] && !arNotNewsVerbs[f.Text] {
				return false
			}
		}
		if len(w.Norm) >= 8 && (w.Norm[:4] == "سي" || w.Norm[:4] == "ست" || w.Norm[:4] == "سن") && !notFuture[w.Norm] {
			return false // «سيعلن»
		}
		if w.Has("نحن") || arNowadaysFrames[w.Norm] {
			frame = true
		}
		for _, f := range w.Forms[1:] {
			if arNowadaysFrames[f.Text] {
				frame = true
			}
		}
	}
	return frame
}

// arTopicToday reports whether «اليوم» at token k follows a definite noun
// that opens its clause, the topic of a sentence without a verb:
// «والنتيجة اليوم أن…», «هل الجنوب اليوم في وضع أفضل؟» ("X today is…").
// A verb or a word of the future within the next three words keeps the
// day («الوزارة اليوم تعلن…», «المنتخب اليوم يواجه…»).
func (p *parser) arTopicToday(k int) bool {
	t := &p.toks[k]
	if t.Norm != "اليوم" || k == 0 || p.sent[k-1] != p.sent[k] {
		return false
	}
	noun := &p.toks[k-1]
	if noun.Kind != token.Word || !noun.Arabic || noun.Norm == "اليوم" || !hasArticle(noun) || arPast[noun.Norm] {
		return false
	}
	// the noun opens its clause: nothing before it but a question
	// particle, or a stop
	j := k - 2
	for p.is(j, "هل", "و", "ف") && p.toks[j].Norm != "اليوم" {
		j--
	}
	if j >= 0 && p.sent[j] == p.sent[k] && p.toks[j].Kind == token.Word {
		return false
	}
	for i, n := k+1, 0; i < len(p.toks) && n < 3 && p.sent[i] == p.sent[k]; i++ {
		w := &p.toks[i]
		if w.Kind != token.Word {
			continue
		}
		n++
		if arFuture[w.Norm] || arDayOnlyWords[w.Norm] || arPast[w.Norm] && !arNotNewsVerbs[w.Norm] || arPerfectFeminine(w) {
			return false
		}
		for _, f := range w.Forms[1:] {
			if arDayOnlyWords[f.Text] {
				return false
			}
		}
	}
	return true
}

// hasArticle reports whether an Arabic word carries the article, alone or
// after «و» / «ف»: «النتيجة», «والنتيجة».
func hasArticle(t *token.Token) bool {
	for _, f := range t.Forms {
		if strings.HasPrefix(f.Text, "ال") && len(f.Text) > 6 {
			return true
		}
	}
	return false
}

// enNowadaysToday reads "today's world", "young people today", "the youth
// of today".
func (p *parser) enNowadaysToday(k int) bool {
	if !p.is(k, "today") {
		return false
	}
	// "today's world": the possessive's noun, past an adjective or two
	if p.punct(k+1, "'", "’") && p.is(k+2, "s") {
		for i := k + 3; i < len(p.toks) && i <= k+5 && p.sent[i] == p.sent[k]; i++ {
			w := p.tok(i)
			if w.Kind != token.Word {
				break
			}
			if enNowadaysNouns[w.Norm] {
				return true
			}
		}
		return false
	}
	prev := p.tok(k - 1)
	if prev == nil || p.sent[k-1] != p.sent[k] {
		return p.enTodayOpener(k)
	}
	if prev.Norm == "of" && k >= 2 && enNowadaysNouns[p.toks[k-2].Norm] {
		return true // "the youth of today"
	}
	// "young people today face…", "the world today is…": not "workers
	// today walked out", nor a report made that day
	if !enNowadaysNouns[prev.Norm] || p.enSaidAround(k) {
		return false
	}
	next := p.tok(k + 1)
	return next == nil || next.Kind != token.Word || !enPastVerb(next.Norm)
}

// enTodayOpener reports whether "Today," opening its sentence sets the
// time of a statement about our time: "Today, more than half of farms use
// drones". A verb in the past, a word of the future or a verb of the
// calendar keeps the day ("Today, the company announced…", "Today, the
// senate votes…").
func (p *parser) enTodayOpener(k int) bool {
	if !p.punct(k+1, ",") {
		return false
	}
	_, hi := p.sentenceAround(k)
	if p.enSaidAround(k) {
		return false
	}
	for i := k + 2; i <= hi; i++ {
		w := &p.toks[i]
		if w.Kind != token.Word || w.Upper {
			continue
		}
		if enPastVerb(w.Norm) || enPast[w.Norm] || enFuture[w.Norm] || enStrongFuture[w.Norm] || enSchedulePresent[w.Norm] {
			return false
		}
	}
	return true
}

// enPastVerb reports whether w looks like a verb in the past: "walked",
// "fell".
func enPastVerb(w string) bool {
	if len(w) > 4 && strings.HasSuffix(w, "ed") {
		return true
	}
	switch w {
	case "was", "were", "had", "did", "fell", "rose", "went", "came", "met", "made", "took", "won", "lost", "got",
		"gave", "left", "began", "saw", "held", "told", "said", "sold", "paid", "ran", "struck", "spoke", "chose", "voted":
		return true
	}
	return false
}

// enSaidAround reports whether the sentence of token k reports a news
// statement made that day ("officials said").
func (p *parser) enSaidAround(k int) bool {
	lo, hi := p.sentenceAround(k)
	for i := lo; i <= hi; i++ {
		switch p.toks[i].Norm {
		case "said", "says", "announced", "announces", "told", "reported", "reports", "will", "scheduled":
			return true
		}
	}
	return false
}

// wordAfter reports whether a word follows token k up to token hi.
func (p *parser) wordAfter(k, hi int) bool {
	for i := k + 1; i <= hi; i++ {
		if p.toks[i].Kind == token.Word {
			return true
		}
	}
	return false
}
