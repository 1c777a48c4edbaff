package views

import (
	"bytes"
	"context"
	"fmt"
	"image"
	pngenc "image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"annals/data/capture"
	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/i18n"
	annalstheme "annals/gui/theme"
	"annals/gui/widgets"
	"annals/internal/testenv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	log "github.com/sirupsen/logrus"
)

func TestMain(m *testing.M) {
	fynedo.Serialize()
	os.Exit(m.Run())
}

// newTestApp starts Fyne's test app under the UI lock: it resets Fyne's
// font caches, which work left over from the previous test may be using.
func newTestApp() fyne.App {
	var a fyne.App
	fynedo.Do(func() { a = test.NewApp() })
	return a
}

func quiet() *log.Logger {
	l := log.New()
	l.SetOutput(io.Discard)
	return l
}

func wait[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(20 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

// emptyLibrary opens an empty library in a temporary folder, reaching only
// this machine; it closes when the test ends.
func emptyLibrary(t testing.TB) *library.Library {
	t.Helper()
	lib, err := library.Open(context.Background(), library.Options{DBPath: filepath.Join(t.TempDir(), "annals.db"), Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	return lib
}

// showReader shows a reader of lib in a test window of the given size, then
// calls start on the UI thread (opening an article, say); each article the
// reader shows is sent on the channel it returns.
func showReader(a fyne.App, lib *library.Library, size fyne.Size, start func(r *Reader)) (*Reader, fyne.Window, chan int64) {
	shown := make(chan int64, 64)
	var r *Reader
	var w fyne.Window
	fynedo.Do(func() {
		r = NewReader(lib, quiet(), a.Preferences())
		r.OnShown = func(id int64) { shown <- id }
		w = a.NewWindow("reader")
		w.SetContent(r.Content())
		w.Resize(size)
		start(r)
	})
	return r, w, shown
}

// openSeed saves the seed article and shows it in a reader inside a 900×600
// test window.
func openSeed(t *testing.T) (*Reader, *library.Library, int64, chan int64, fyne.Window) {
	t.Helper()
	seed := testenv.SeedHTML(t)
	a := newTestApp()
	t.Cleanup(a.Quit)
	a.Settings().SetTheme(annalstheme.New())
	lib := emptyLibrary(t)
	res, err := lib.ImportFile(context.Background(), seed).Wait()
	if err != nil {
		t.Fatal(err)
	}
	id := res.IDs[0]
	r, w, shown := showReader(a, lib, fyne.NewSize(900, 600), func(r *Reader) { r.Open(id) })
	if got := wait(t, shown, "the article"); got != id {
		t.Fatalf("shown %d, want %d", got, id)
	}
	return r, lib, id, shown, w
}

func TestReaderShowsSeedRightToLeft(t *testing.T) {
	r, _, _, _, _ := openSeed(t)
	fynedo.Do(func() {
		texts := r.Texts()
		if texts[0] != testenv.SeedTitle {
			t.Errorf("first row %q, want the title", texts[0])
		}
		if !strings.Contains(texts[1], "المجلة") || !strings.Contains(texts[1], "يناير 2025") {
			t.Errorf("meta row %q: want the site and an Arabic date", texts[1])
		}
		kinds := map[capture.BlockKind]int{}
		for _, b := range r.blocks {
			kinds[b.kind]++
			if b.dir != widgets.DirRTL && b.kind != capture.BlockPre {
				t.Errorf("block %q is not right-to-left", b.kind)
			}
		}
		if kinds[capture.BlockQuote] == 0 || kinds[capture.BlockCaption] == 0 {
			t.Errorf("block kinds %v: want the pull quote and the photo caption", kinds)
		}
		if len(r.view.heights) != len(r.blocks) {
			t.Fatalf("%d heights for %d rows", len(r.view.heights), len(r.blocks))
		}
		for i, h := range r.view.heights {
			if h <= 0 {
				t.Errorf("row %d has height %v", i, h)
			}
		}
	})
}

func TestReaderTextSizeRelaysOut(t *testing.T) {
	r, _, _, shown, _ := openSeed(t)
	// The rows are laid out again at once, before the next frame.
	fynedo.Do(func() {
		before := r.view.totalHeight()
		r.ChangeTextSize(+6)
		if after := r.view.totalHeight(); after <= before*1.2 {
			t.Errorf("text 6 pt larger: height %v → %v, want clearly taller", before, after)
		}
	})
	_ = shown
}

func TestReaderRemembersProgress(t *testing.T) {
	r, lib, id, shown, _ := openSeed(t)
	fynedo.Do(func() {
		r.view.list.scrollTo(r.view.totalHeight() / 2)
		r.SaveProgress()
	})
	a, err := lib.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if a.ReadProgress < 0.3 || a.ReadProgress > 0.8 {
		t.Fatalf("saved progress %v, want about half", a.ReadProgress)
	}
	fynedo.Do(func() {
		r.Clear()
		r.Open(id)
	})
	wait(t, shown, "the article again")
	fynedo.Do(func() {
		if got := r.view.progress(); got < a.ReadProgress-0.05 || got > a.ReadProgress+0.05 {
			t.Errorf("reopened at %v, want %v", got, a.ReadProgress)
		}
	})
}

func TestReaderDirectionOverride(t *testing.T) {
	r, lib, id, shown, _ := openSeed(t)
	fynedo.Do(r.toggleDirection)
	wait(t, shown, "the relayout")
	a, _ := lib.Get(context.Background(), id)
	if a.Dir != "ltr" {
		t.Fatalf("direction stored %q, want ltr", a.Dir)
	}
	// The override decides the paragraphs that mix both kinds of letters
	// (an Arabic one naming QwQ); one of Arabic letters only still reads
	// right to left (paragraphDirection).
	fynedo.Do(func() {
		mixed, pure := -1, -1
		for i, b := range r.blocks[2:] {
			text := spansText(b.spans)
			switch {
			case mixed < 0 && strings.ContainsAny(text, "QWDS") && strings.ContainsRune(text, 'ا'):
				mixed = i + 2
			case pure < 0 && !strings.ContainsAny(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"):
				pure = i + 2
			}
		}
		if mixed < 0 || pure < 0 {
			t.Fatalf("the seed has no mixed (%d) or no purely Arabic (%d) paragraph", mixed, pure)
		}
		if r.blocks[mixed].dir != widgets.DirLTR {
			t.Errorf("mixed paragraph %q: direction %v after the override, want LTR", spansText(r.blocks[mixed].spans), r.blocks[mixed].dir)
		}
		if r.blocks[pure].dir != widgets.DirRTL {
			t.Errorf("Arabic-only paragraph: direction %v after the override, want RTL", r.blocks[pure].dir)
		}
	})
}

func TestArabicMinutes(t *testing.T) {
	cases := map[int]string{1: "دقيقة واحدة", 2: "دقيقتان", 6: "6 دقائق", 11: "11 دقيقة"}
	for n, want := range cases {
		if got := arabicMinutes(n); got != want {
			t.Errorf("arabicMinutes(%d) = %q, want %q", n, got, want)
		}
	}
}

// BenchmarkFirstLayout1000 measures what opening a long article costs: the
// height of each of 1,000 mixed Arabic/English paragraphs at 800 px.
func BenchmarkFirstLayout1000(b *testing.B) {
	a := newTestApp()
	defer a.Quit()
	th := annalstheme.New()
	a.Settings().SetTheme(th)
	art := &library.Article{Title: "T", Dir: "rtl", Language: "ar"}
	for i := 0; i < 1000; i++ {
		text := fmt.Sprintf("أطلقت شركة علي بابا نموذج QwQ في نوفمبر %d، بعد أن درّبته على 2000 شريحة فقط مقارنة بـ16000 شريحة لدى ميتا. وقال ترمب في خطاب تنصيبه إن أميركا ستنتصر.", 2000+i%25)
		if i%3 == 0 {
			text = fmt.Sprintf("DeepSeek released its reasoning model R1 on January %d, 2025, the day Donald Trump was inaugurated; Alibaba answered with Qwen 2.5-Max a week later.", 1+i%28)
		}
		art.Blocks = append(art.Blocks, capture.Block{Kind: capture.BlockParagraph, Text: text})
	}
	m := rowMetrics{textSize: 16, lineSpacing: 1.75, maxWidth: 760, pad: 8, imageHeight: 320}
	for b.Loop() {
		bs := articleBlocks(art, articleDirection(art.Dir))
		if _, err := blockHeights(context.Background(), bs, 800, m, th, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestOpenAtHighlightsThePassage(t *testing.T) {
	r, lib, id, shown, _ := openSeed(t)
	a, err := lib.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	// A sentence far down the article, so the reader has to scroll to it.
	sentence := "بات من الواضح أن الصين قادرة على تجاوز العقبات"
	start := strings.Index(a.Text, sentence)
	if start < 0 {
		t.Fatalf("the seed text lacks %q", sentence)
	}
	fynedo.Do(func() { r.OpenAt(id, start, start+len(sentence)) })
	wait(t, shown, "the article at the passage")
	fynedo.Do(func() {
		var marked []string
		for _, b := range r.blocks {
			for _, sp := range b.spans {
				if sp.Highlight != nil {
					marked = append(marked, sp.Text)
				}
			}
		}
		if len(marked) != 1 || marked[0] != sentence {
			t.Errorf("highlighted %q, want exactly the sentence", marked)
		}
		row := -1
		for i, b := range r.blocks {
			for _, sp := range b.spans {
				if sp.Highlight != nil {
					row = i
				}
			}
		}
		if !r.view.rowVisible(row) {
			t.Errorf("row %d with the passage is not on screen", row)
		}
	})
}

func TestSelectingTextMakesAHighlight(t *testing.T) {
	r, lib, id, shown, _ := openSeed(t)
	word := "ديفيد ساكس"
	fynedo.Do(func() {
		selectText(r, word)
		if r.hlBtn.Disabled() {
			t.Fatal("selecting text in the article did not enable Highlight")
		}
		r.OnHighlight = func(quote string, done func(colour, note string)) {
			if quote != word {
				t.Errorf("asked to highlight %q, want %q", quote, word)
			}
			done("green", "مستشار ترمب للذكاء الاصطناعي")
		}
		r.addHighlight()
	})
	wait(t, shown, "the article redrawn with the highlight")
	hs, err := lib.Highlights(context.Background(), id)
	if err != nil || len(hs) != 1 || hs[0].Quote != word || hs[0].Colour != "green" {
		t.Fatalf("stored highlights = %+v, %v", hs, err)
	}
	fynedo.Do(func() {
		var painted string
		for _, b := range r.blocks {
			for _, sp := range b.spans {
				if sp.Highlight != nil {
					painted += sp.Text
				}
			}
		}
		if painted != word {
			t.Errorf("the reader paints %q, want %q", painted, word)
		}
	})
	// The note is searchable, in its own spelling variant.
	hits, err := lib.Search(context.Background(), "مستشار", 5)
	if err != nil || len(hits) != 1 {
		t.Errorf("search for a word of the note: %v, %v", hits, err)
	}
	// Changing it from the panel: the dialog starts from what is kept.
	for len(shown) > 0 {
		<-shown
	}
	fynedo.Do(func() {
		r.OnEditHighlight = func(h library.Highlight, done func(colour, note string)) {
			if h.Colour != "green" || h.Note != "مستشار ترمب للذكاء الاصطناعي" {
				t.Errorf("edit starts from %+v", h)
			}
			done("purple", "David Sacks")
		}
		r.editHighlight(r.highlights[0])
	})
	// The highlight is stored, then the article redrawn with it.
	wait(t, shown, "the article redrawn after the edit")
	hs, err = lib.Highlights(context.Background(), id)
	if err != nil || len(hs) != 1 || hs[0].Colour != "purple" || hs[0].Note != "David Sacks" || hs[0].Quote != word {
		t.Fatalf("after the edit: %+v, %v", hs, err)
	}
	fynedo.Do(func() {
		note := ""
		for _, o := range r.hlList.Objects {
			if l, ok := o.(*widgets.Label); ok {
				note = l.Text
			}
		}
		if note != "David Sacks" {
			t.Errorf("the panel shows the note %q", note)
		}
		// Opened, the panel is as high as the page and its list shows.
		r.toggleHighlights()
		r.page.Refresh()
		panel := r.hlPanel.Objects[len(r.hlPanel.Objects)-1]
		if !r.hlPanel.Visible() || panel.Size().Height < 200 || r.hlList.Size().Height < 20 {
			t.Errorf("highlights panel %v, its list %v", panel.Size(), r.hlList.Size())
		}
	})
}

func TestHighlightsViewListsAndOpens(t *testing.T) {
	lib, id := seededLibrary(t)
	a, _ := lib.Get(context.Background(), id)
	word := "كيو دبليو كيو"
	start := strings.Index(a.Text, word)
	if _, err := lib.AddHighlight(context.Background(), library.Highlight{ArticleID: id, Start: start, End: start + len(word), Quote: word, Colour: "blue", Note: "Alibaba's model"}); err != nil {
		t.Fatal(err)
	}
	loaded := make(chan []string, 4)
	type pos struct {
		id         int64
		start, end int
	}
	opened := make(chan pos, 1)
	var v *Highlights
	fynedo.Do(func() {
		v = NewHighlights(lib, quiet())
		v.OnLoaded = func() { loaded <- v.Quotes() }
		v.OnOpen = func(id int64, s, e int) { opened <- pos{id, s, e} }
		v.Reload()
	})
	if q := wait(t, loaded, "the highlights"); len(q) != 1 || q[0] != word {
		t.Fatalf("listed %q", q)
	}
	fynedo.Do(func() { v.Search.SetText("alibaba") })
	if q := wait(t, loaded, "a search in notes"); len(q) != 1 {
		t.Errorf("search in notes found %q", q)
	}
	fynedo.Do(func() { v.list.Select(0) })
	if p := wait(t, opened, "the highlight to open"); p.id != id || a.Text[p.start:p.end] != word {
		t.Errorf("opened %+v", p)
	}
}

func TestReaderShowsImagesKeptOffline(t *testing.T) {
	page, err := os.ReadFile(testenv.SeedHTML(t))
	if err != nil {
		t.Fatal(err)
	}
	var png bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 400, 200))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	if err := pngenc.Encode(&png, img); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	html := regexp.MustCompile(`https://example\.org/`).ReplaceAllString(string(page), srv.URL+"/")
	mux.HandleFunc("/seed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, html)
	})
	// The page's photo is a relative link (images/…): serve it as a PNG.
	mux.HandleFunc("/images/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(png.Bytes())
	})

	a := newTestApp()
	defer a.Quit()
	a.Settings().SetTheme(annalstheme.New())
	lib := emptyLibrary(t)
	res, err := lib.Save(context.Background(), srv.URL+"/seed").Wait()
	if err != nil {
		t.Fatal(err)
	}
	srv.Close() // reading needs no network
	r, _, shown := showReader(a, lib, fyne.NewSize(900, 700), func(r *Reader) { r.Open(res.IDs[0]) })
	deadline := time.After(20 * time.Second)
	for {
		select {
		case <-shown:
		case <-deadline:
			t.Fatal("the picture never appeared")
		}
		done := false
		fynedo.Do(func() {
			for i, b := range r.blocks {
				if p, ok := r.view.pictures[b.src]; ok && b.kind == capture.BlockImage {
					if p.width != 400 || p.height != 200 {
						t.Errorf("picture size %dx%d, want 400x200", p.width, p.height)
					}
					if h := r.view.heights[i]; h < 200 {
						t.Errorf("image row %d is %v high, want room for the 200 px picture", i, h)
					}
					done = true
				}
			}
		})
		if done {
			return
		}
	}
}

// The delete question isolates the article's title, so an English title in
// the Arabic question (or an Arabic one in the English) keeps its words and
// the quotation marks around it in place.
func TestDeleteQuestionIsolatesTheTitle(t *testing.T) {
	r, _, _, _, _ := openSeed(t)
	asked := make(chan string, 1)
	fynedo.Do(func() {
		r.OnConfirm = func(title, question string, yes func()) { asked <- question }
		r.deleteArticle()
	})
	q := wait(t, asked, "the delete question")
	if !strings.Contains(q, i18n.Isolate(testenv.SeedTitle)) {
		t.Errorf("question %q does not isolate the title %q", q, testenv.SeedTitle)
	}
}

// selectText selects the first occurrence of s in the article's text blocks,
// as a drag over it would.
func selectText(r *Reader, s string) {
	for i, b := range r.blocks {
		text := spansText(b.spans)
		if k := strings.Index(text, s); k >= 0 && b.start >= 0 {
			rs := len([]rune(text[:k]))
			r.selected(i, rs, rs+len([]rune(s)))
			return
		}
	}
}
