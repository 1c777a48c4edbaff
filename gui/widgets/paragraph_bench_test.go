package widgets

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

const (
	benchArabic  = `قد لا تكون النماذج اللغوية الكبيرة الصينية الأفضل على الإطلاق، لكنها الأرخص بما لا يقاس. على سبيل المثال، أطلق نموذج “كيو دبليو كيو” المملوك لعملاق التجارة الإلكترونية علي بابا، في نوفمبر/تشرين الثاني، بفارق يقل عن ثلاثة أشهر عن أفضل النماذج الأميركية. وفي الوقت ذاته، يحتل نموذج “ديب سيك” الذي طورته شركة ناشئة انبثقت من مؤسسة استثمارية، المرتبة السابعة وفقا لأحد المعايير. ويبدو أن هذا النموذج قد جرى تدريبه باستخدام شريحة منخفضة الجودة، مقارنة بـ شريحة عالية الجودة استخدمتها شركة “ميتا” لنموذجها.`
	benchEnglish = `Chinese large language models may not be the best in the world, but they are by far the cheapest. For example, Alibaba released its model less than three months after the best American models. Meanwhile DeepSeek, developed by a startup spun out of an investment fund, ranks seventh on one benchmark. It appears to have been trained on low-quality chips, compared with the high-quality chips Meta used for its model.`
)

var benchLatin = []string{"QwQ", "DeepSeek", "Llama", "Meta", "GPT-4o", "Nvidia", "H800", "Alibaba"}

// benchArticle generates n paragraphs of about 60 words: two in three are
// Arabic with Latin names and numbers mixed in, the rest English.
func benchArticle(n int) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	ar, en := strings.Fields(benchArabic), strings.Fields(benchEnglish)
	out := make([]string, n)
	for i := range out {
		words := ar
		if i%3 == 2 {
			words = en
		}
		var b strings.Builder
		for j := 0; j < 60; j++ {
			if j > 0 {
				b.WriteByte(' ')
			}
			switch rng.IntN(12) {
			case 0:
				b.WriteString(benchLatin[rng.IntN(len(benchLatin))])
			case 1:
				b.WriteString(strconv.Itoa(rng.IntN(20000)))
			default:
				b.WriteString(words[rng.IntN(len(words))])
			}
		}
		out[i] = b.String()
	}
	return out
}

// resetFontCaches makes the next measurement a first one: applying a new
// theme clears Fyne's font and text-size caches; ours is cleared too.
func resetFontCaches(b *testing.B) {
	b.StopTimer()
	fyne.CurrentApp().Settings().SetTheme(arabicTestTheme{test.NewTheme()})
	measurers.Clear()
	b.StartTimer()
}

// BenchmarkArticleParagraphs is the reader's first layout: every paragraph of
// a 1,000-paragraph article measured and broken into lines at 800 px, i.e.
// all row heights of the virtualised list.
func BenchmarkArticleParagraphs(b *testing.B) {
	test.NewTempApp(b)
	paras := benchArticle(1000)
	b.ReportAllocs()
	for b.Loop() {
		resetFontCaches(b)
		total := float32(0)
		for _, s := range paras {
			p := NewParagraph([]Span{{Text: s}}, DirAuto)
			total += p.HeightForWidth(800)
		}
		if total == 0 {
			b.Fatal("no height")
		}
	}
	b.ReportMetric(float64(articleHeap(paras))/1e6, "MB-held/article")
}

// articleHeap is the memory held by the paragraphs of an article with their
// heights computed at 800 px.
func articleHeap(paras []string) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ps := make([]*Paragraph, len(paras))
	for i, s := range paras {
		ps[i] = NewParagraph([]Span{{Text: s}}, DirAuto)
		ps[i].HeightForWidth(800)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(ps)
	return after.HeapAlloc - before.HeapAlloc
}

// BenchmarkArticleRelayout is a resize: the 1,000 prepared paragraphs of
// the article broken into lines again at a new width.
func BenchmarkArticleRelayout(b *testing.B) {
	test.NewTempApp(b)
	paras := benchArticle(1000)
	ps := make([]*Paragraph, len(paras))
	for i, s := range paras {
		ps[i] = NewParagraph([]Span{{Text: s}}, DirAuto)
		ps[i].HeightForWidth(800)
	}
	w := float32(600)
	for b.Loop() {
		w++ // a width not in the cache
		for _, p := range ps {
			p.HeightForWidth(w)
		}
	}
}

// BenchmarkArticleRichText is the naive baseline: one widget.RichText
// holding the same 1,000 paragraphs, wrapped at 800 px.
func BenchmarkArticleRichText(b *testing.B) {
	test.NewTempApp(b)
	paras := benchArticle(1000)
	b.ReportAllocs()
	for b.Loop() {
		resetFontCaches(b)
		segs := make([]widget.RichTextSegment, len(paras))
		for i, s := range paras {
			segs[i] = &widget.ParagraphSegment{Texts: []widget.RichTextSegment{&widget.TextSegment{Text: s, Style: widget.RichTextStyleParagraph}}}
		}
		rt := widget.NewRichText(segs...)
		rt.Wrapping = fyne.TextWrapWord
		rt.Resize(fyne.NewSize(800, 100))
		if rt.MinSize().Height == 0 {
			b.Fatal("no height")
		}
	}
}
