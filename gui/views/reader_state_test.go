package views

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"
	annalstheme "annals/gui/theme"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The reader must draw the same pixels for the same settings, however it
// got there: these tests run a sequence of changes in one window and compare
// what it shows, pixel for pixel, with a fresh window opened directly with
// the final settings. Where the reader keeps a stale layout (row heights for
// an old width, face or size), paragraphs overlap and the images differ.

// sampleArticles is a real library in a temp folder holding the committed
// Arabic seed and English sample, each with one highlight far down.
type sampleArticles struct {
	app    fyne.App
	lib    *library.Library
	ar, en int64
}

const stateWinW, stateWinH = 900, 600

func newSampleArticles(t *testing.T) *sampleArticles {
	t.Helper()
	a := newTestApp()
	t.Cleanup(a.Quit)
	lib := emptyLibrary(t)
	s := &sampleArticles{app: a, lib: lib}
	for _, f := range []struct {
		file string
		id   *int64
	}{{"majalla-china-ai.html", &s.ar}, {"annals-sample-en.html", &s.en}} {
		res, err := lib.ImportFile(context.Background(), filepath.Join("..", "..", "assets", "samples", f.file)).Wait()
		if err != nil {
			t.Fatalf("add %s: %v", f.file, err)
		}
		*f.id = res.IDs[0]
		art, err := lib.Get(context.Background(), *f.id)
		if err != nil {
			t.Fatal(err)
		}
		// A passage about two thirds down: the reader must scroll to reach it.
		start := strings.Index(art.Text[len(art.Text)*2/3:], " ") + len(art.Text)*2/3 + 1
		end := start + strings.Index(art.Text[start+30:], " ") + 30
		if _, err := lib.AddHighlight(context.Background(), library.Highlight{ArticleID: *f.id, Start: start, End: end, Quote: art.Text[start:end], Colour: "yellow", Note: "note"}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// readerSettingsState is what a fresh window starts from.
type readerSettingsState struct {
	size    float64
	serif   bool
	variant string // "Light" or "Dark"
}

func (s *sampleArticles) use(st readerSettingsState) {
	fynedo.Do(func() {
		p := s.app.Preferences()
		p.SetFloat(prefSize, st.size)
		p.SetBool(prefSerif, st.serif)
		p.SetString(annalstheme.PrefVariant, st.variant)
		s.app.Settings().SetTheme(annalstheme.FromPreferences(p))
	})
}

// readerWindow is a reader in a test window of its own.
type readerWindow struct {
	r     *Reader
	w     fyne.Window
	shown chan int64
}

func (s *sampleArticles) open(t *testing.T, id int64) *readerWindow {
	t.Helper()
	rw := &readerWindow{shown: make(chan int64, 64)}
	fynedo.Do(func() {
		rw.r = NewReader(s.lib, quiet(), s.app.Preferences())
		rw.r.OnShown = func(id int64) { rw.shown <- id }
		rw.w = s.app.NewWindow("reader")
		rw.w.SetContent(rw.r.Content())
		rw.w.Resize(fyne.NewSize(stateWinW, stateWinH))
		rw.r.Open(id)
	})
	t.Cleanup(func() { fynedo.Do(rw.w.Close) })
	wait(t, rw.shown, "the article")
	rw.settle(t)
	return rw
}

// do runs f on the UI thread and returns what the window shows right
// after it, before any background work: the next frame.
func (rw *readerWindow) do(t *testing.T, f func()) image.Image {
	t.Helper()
	var img image.Image
	fynedo.Do(func() {
		f()
		checkNoOverlap(t, rw)
		img = rw.w.Canvas().Capture()
	})
	return img
}

// settle waits until the reader has no background work left and two
// captures in a row agree, and returns the image.
func (rw *readerWindow) settle(t *testing.T) image.Image {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last image.Image
	for time.Now().Before(deadline) {
		time.Sleep(40 * time.Millisecond)
		var img image.Image
		busy := false
		fynedo.Do(func() {
			busy = rw.r.Busy()
			img = rw.w.Canvas().Capture()
		})
		if !busy && last != nil && samePixels(last, img) {
			fynedo.Do(func() { checkNoOverlap(t, rw) })
			return img
		}
		last = img
	}
	t.Fatal("the reader never settled")
	return nil
}

// checkNoOverlap fails when a paragraph on screen needs more height than
// its row gives it: it then draws over the next row.
func checkNoOverlap(t *testing.T, rw *readerWindow) {
	t.Helper()
	for _, o := range test.LaidOutObjects(rw.r.view.root) {
		p, ok := o.(*widgets.Paragraph)
		if !ok || !p.Visible() || p.Size().Width <= 0 {
			continue
		}
		if need := p.HeightForWidth(p.Size().Width); need > p.Size().Height+0.5 {
			t.Errorf("a paragraph needs %.1f px at width %.1f but its row gives it %.1f: it overlaps the next row (%.40q)", need, p.Size().Width, p.Size().Height, p.Text())
			return
		}
	}
}

func samePixels(a, b image.Image) bool {
	n, _ := pixelDiff(a, b)
	return n == 0
}

// pixelDiff counts the differing pixels and returns their bounding box.
func pixelDiff(a, b image.Image) (int, image.Rectangle) {
	if a.Bounds() != b.Bounds() {
		return a.Bounds().Dx() * a.Bounds().Dy(), a.Bounds()
	}
	n := 0
	var box image.Rectangle
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				n++
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return n, box
}

// requireSame fails when got differs from want, and keeps both images
// (in $READER_STATE_DIR, else the test's temp folder) to look at.
func requireSame(t *testing.T, what string, got, want image.Image) {
	t.Helper()
	n, box := pixelDiff(got, want)
	if n == 0 {
		return
	}
	dir := os.Getenv("READER_STATE_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name() + "-" + what)
	for suffix, img := range map[string]image.Image{"got": got, "want": want} {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-%s.png", name, suffix)))
		if err == nil {
			png.Encode(f, img)
			f.Close()
		}
	}
	t.Errorf("%s: %d pixels differ from a fresh window with the same settings (in %v); images in %s", what, n, box, dir)
}

// jumpToHighlight presses the panel's "go to" button of the first
// highlight, as the user does.
func jumpToHighlight(t *testing.T, r *Reader) {
	t.Helper()
	for _, o := range test.LaidOutObjects(r.hlList) {
		if b, ok := o.(*widget.Button); ok && b.Text == "" {
			test.Tap(b) // the first icon button is "go to"
			return
		}
	}
	t.Fatal("the highlights panel has no go-to button")
}

func TestReaderStateIndependence(t *testing.T) {
	s := newSampleArticles(t)
	base := readerSettingsState{size: 16, variant: "Light"}
	type step struct {
		name string
		do   func(t *testing.T, rw *readerWindow)
	}
	setFace := func(serif bool) func(*testing.T, *readerWindow) {
		return func(t *testing.T, rw *readerWindow) { rw.r.settings.serif = serif; rw.r.applySettings() }
	}
	size := func(d int) func(*testing.T, *readerWindow) {
		return func(t *testing.T, rw *readerWindow) { rw.r.ChangeTextSize(d) }
	}
	variant := func(v string) func(*testing.T, *readerWindow) {
		return func(t *testing.T, rw *readerWindow) {
			s.app.Preferences().SetString(annalstheme.PrefVariant, v)
			s.app.Settings().SetTheme(annalstheme.FromPreferences(s.app.Preferences()))
		}
	}
	width := func(w float32) func(*testing.T, *readerWindow) {
		return func(t *testing.T, rw *readerWindow) { rw.w.Resize(fyne.NewSize(w, stateWinH)) }
	}
	togglePanel := func(t *testing.T, rw *readerWindow) { rw.r.toggleHighlights() }
	jump := func(t *testing.T, rw *readerWindow) { jumpToHighlight(t, rw.r) }
	cases := []struct {
		name          string
		start, final  readerSettingsState
		steps         []step
		freshSteps    []step // what the fresh window does once open (the end state)
		settleBetween bool   // let background work finish between steps
	}{
		{name: "face Sans→Naskh→Sans", start: base, final: base,
			steps: []step{{"Naskh", setFace(true)}, {"Sans", setFace(false)}}},
		{name: "face Naskh→Sans→Naskh", start: readerSettingsState{16, true, "Light"}, final: readerSettingsState{16, true, "Light"},
			steps: []step{{"Sans", setFace(false)}, {"Naskh", setFace(true)}}},
		{name: "size up down up", start: base, final: readerSettingsState{17, false, "Light"},
			steps: []step{{"up", size(+1)}, {"down", size(-1)}, {"up", size(+1)}}},
		{name: "light dark light", start: base, final: base,
			steps: []step{{"dark", variant("Dark")}, {"light", variant("Light")}}},
		{name: "highlights panel open and close", start: base, final: base,
			steps: []step{{"open", togglePanel}, {"close", togglePanel}}},
		{name: "jump to a highlight", start: base, final: base,
			steps:      []step{{"open the panel", togglePanel}, {"jump", jump}},
			freshSteps: []step{{"open the panel", togglePanel}, {"jump", jump}}, settleBetween: true},
		{name: "jump right after opening the panel", start: base, final: base,
			steps:      []step{{"open the panel", togglePanel}, {"jump", jump}},
			freshSteps: []step{{"open the panel", togglePanel}, {"jump", jump}}},
		{name: "narrower then wider", start: base, final: base,
			steps: []step{{"narrower", width(640)}, {"wider", width(stateWinW)}}},
	}
	for _, lang := range []struct {
		name string
		id   int64
	}{{"ar", s.ar}, {"en", s.en}} {
		for _, c := range cases {
			t.Run(lang.name+"/"+c.name, func(t *testing.T) {
				s.use(c.start)
				rw := s.open(t, lang.id)
				var now image.Image
				for i, st := range c.steps {
					if i > 0 && !c.settleBetween {
						// the user acts again before background work ends
					} else if i > 0 {
						rw.settle(t)
					}
					now = rw.do(t, func() { st.do(t, rw) })
				}
				settled := rw.settle(t)
				s.use(c.final)
				fresh := s.open(t, lang.id)
				for _, st := range c.freshSteps {
					fresh.do(t, func() { st.do(t, fresh) })
					fresh.settle(t)
				}
				want := fresh.settle(t)
				requireSame(t, "next frame", now, want)
				requireSame(t, "settled", settled, want)
			})
		}
	}
}

// TestReaderKeepsTheTopParagraph: the paragraph at the top of the view stays
// at the top across a width change, a text size change and a face change.
func TestReaderKeepsTheTopParagraph(t *testing.T) {
	s := newSampleArticles(t)
	s.use(readerSettingsState{size: 16, variant: "Light"})
	for _, id := range []int64{s.ar, s.en} {
		rw := s.open(t, id)
		fynedo.Do(func() {
			// A row far enough down to scroll to, with room below it to
			// stay at the top when the text grows or shrinks.
			v := rw.r.view
			row := 0
			for i := range v.heights {
				if v.rowTop(i) <= (v.list.total-v.list.viewHeight())/2 {
					row = i
				}
			}
			if row < 2 {
				t.Fatalf("article %d is too short to test", id)
			}
			v.list.scrollTo(v.rowTop(row))
			for _, change := range []struct {
				name string
				do   func()
			}{
				{"narrower", func() { rw.w.Resize(fyne.NewSize(640, stateWinH)) }},
				{"larger text", func() { rw.r.ChangeTextSize(+2) }},
				{"Naskh", func() { rw.r.settings.serif = true; rw.r.applySettings() }},
				{"wider", func() { rw.w.Resize(fyne.NewSize(stateWinW, stateWinH)) }},
			} {
				change.do()
				at := rw.r.view.topRow()
				if at.row != row || at.into > 0.001 {
					t.Errorf("article %d, %s: the top is row %d (%.3f into it), want row %d", id, change.name, at.row, at.into, row)
				}
			}
		})
	}
}
