package views

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"annals/data/capture"
	"annals/data/library"
	"annals/gui/fynedo"
	annalstheme "annals/gui/theme"
	"annals/internal/testenv"

	"fyne.io/fyne/v2"
)

// longArticleBlocks is the rows of a 1,000-paragraph mixed Arabic/English
// article, some paragraphs twice as long as others.
func longArticleBlocks() []block {
	art := &library.Article{Title: "T", Dir: "rtl", Language: "ar"}
	for i := range 1000 {
		text := fmt.Sprintf("(%d) أطلقت شركة علي بابا نموذج QwQ في نوفمبر %d، بعد أن درّبته على 2000 شريحة فقط مقارنة بـ16000 شريحة لدى ميتا.", i, 2000+i%25)
		if i%3 == 0 {
			text = fmt.Sprintf("(%d) DeepSeek released its reasoning model R1 on January %d, 2025, the day Donald Trump was inaugurated; Alibaba answered with Qwen 2.5-Max a week later, and the paragraph runs on to wrap.", i, 1+i%28)
		}
		if i%7 == 0 {
			text += " " + text // some rows twice as tall: the mean is not every row's height
		}
		art.Blocks = append(art.Blocks, capture.Block{Kind: capture.BlockParagraph, Text: text})
	}
	return articleBlocks(art, articleDirection(art.Dir))
}

// BenchmarkLongOpenToShown is what a reader of a 1,000-paragraph article
// waits for before its text shows (setBlocks → onReady), with every height
// computed first and with the first screens first (showTopFirst), in a
// 900×600 test window.
func BenchmarkLongOpenToShown(b *testing.B) {
	a := newTestApp()
	defer a.Quit()
	th := annalstheme.New()
	a.Settings().SetTheme(th)
	bs := longArticleBlocks()
	for _, fromTop := range []bool{false, true} {
		name := "all-heights-first"
		if fromTop {
			name = "top-first"
		}
		b.Run(name, func(b *testing.B) {
			ready := make(chan bool, 8)
			var v *articleView
			fynedo.Do(func() {
				v = newArticleView(th)
				v.onReady = func(opened bool) { ready <- opened }
				w := a.NewWindow("long")
				w.SetContent(v.root)
				w.Resize(fyne.NewSize(900, 600))
			})
			for b.Loop() {
				fynedo.Do(func() {
					v.fromTop = fromTop
					v.setBlocks(bs, true)
				})
				for !<-ready {
				}
			}
			b.StopTimer()
			for {
				var busy bool
				fynedo.Do(func() { busy = v.busy() })
				if !busy {
					break
				}
				time.Sleep(5 * time.Millisecond)
			}
		})
	}
}

// A long article opened from its top is shown once its first screens are
// laid out (showTopFirst); the rows on screen then already have their exact
// heights, and once the background pass ends every row has, with the top
// row still at the top and the article reported shown only once.
func TestLongArticleShowsTopFirstThenExact(t *testing.T) {
	a := newTestApp()
	t.Cleanup(a.Quit)
	th := annalstheme.New()
	a.Settings().SetTheme(th)
	bs := longArticleBlocks()
	if len(bs) <= syncRows {
		t.Fatalf("%d blocks: not a long article", len(bs))
	}
	type readyCall struct {
		opened  bool
		heights []float32
		view    float32
	}
	readies := make(chan readyCall, 8)
	var v *articleView
	var w fyne.Window
	fynedo.Do(func() {
		v = newArticleView(th)
		v.onReady = func(opened bool) {
			readies <- readyCall{opened, append([]float32(nil), v.heights...), v.list.viewHeight()}
		}
		w = a.NewWindow("long")
		w.SetContent(v.root)
		w.Resize(fyne.NewSize(900, 600))
	})
	var width float32
	fynedo.Do(func() {
		width = v.width
		v.fromTop = true
		v.setBlocks(bs, true)
	})
	if width <= 0 {
		t.Fatal("the view has no width")
	}
	first := wait(t, readies, "the article shown")
	if !first.opened {
		t.Fatal("first onReady was not for the opened article")
	}
	exact, err := blockHeights(context.Background(), bs, width, v.metrics, th, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The rows of the first screen are exact when the text first shows.
	var top float32
	for i := 0; top < first.view && i < len(exact); i++ {
		if first.heights[i] != exact[i] {
			t.Fatalf("row %d shown %v high, exact %v", i, first.heights[i], exact[i])
		}
		top += exact[i]
	}
	// Then every row gets its exact height, without another "opened".
	deadline := time.Now().Add(20 * time.Second)
	for {
		var busy bool
		var hs []float32
		var off float32
		fynedo.Do(func() { busy, hs, off = v.busy(), append([]float32(nil), v.heights...), v.list.offset() })
		if !busy {
			if len(hs) != len(exact) {
				t.Fatalf("%d heights, want %d", len(hs), len(exact))
			}
			for i := range hs {
				if hs[i] != exact[i] {
					t.Fatalf("after the background pass row %d is %v high, exact %v", i, hs[i], exact[i])
				}
			}
			if off != 0 {
				t.Errorf("the article moved from its top to %v", off)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the background layout never ended")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case r := <-readies:
		t.Errorf("onReady called again (opened %v) after the article was shown", r.opened)
	default:
	}
}

// BenchmarkSeedOpenToShown is Reader.Open → OnShown for the seed (20 rows)
// in a 900×600 test window, its rows laid out in the background and on the
// UI thread (syncOpenRows); µs-layout is what the UI thread then spends
// on the rows' heights.
func BenchmarkSeedOpenToShown(b *testing.B) {
	a := newTestApp()
	defer a.Quit()
	a.Settings().SetTheme(annalstheme.New())
	lib, err := library.Open(context.Background(), library.Options{DBPath: filepath.Join(b.TempDir(), "annals.db"), Client: testenv.LoopbackClient()})
	if err != nil {
		b.Fatal(err)
	}
	defer lib.Close()
	res, err := lib.ImportFile(context.Background(), filepath.Join("..", "..", "assets", "samples", "majalla-china-ai.html")).Wait()
	if err != nil {
		b.Fatal(err)
	}
	id := res.IDs[0]
	keep := syncOpenRows
	defer func() { syncOpenRows = keep }()
	for _, rows := range []int{0, keep} {
		name := "background"
		if rows > 0 {
			name = "ui-thread"
		}
		b.Run(name, func(b *testing.B) {
			syncOpenRows = rows
			shown := make(chan int64, 64)
			var r *Reader
			fynedo.Do(func() {
				r = NewReader(lib, quiet(), a.Preferences())
				r.OnShown = func(id int64) { shown <- id }
				w := a.NewWindow("reader")
				w.SetContent(r.Content())
				w.Resize(fyne.NewSize(900, 600))
			})
			for b.Loop() {
				fynedo.Do(func() {
					r.Clear()
					r.Open(id)
				})
				<-shown
			}
			var hs time.Duration
			fynedo.Do(func() {
				t0 := time.Now()
				blockHeights(context.Background(), r.view.blocks, r.view.width, r.view.metrics, r.view.theme, nil)
				hs = time.Since(t0)
			})
			b.ReportMetric(float64(hs.Microseconds()), "µs-layout")
		})
	}
}

// Opening another article in the page already shown lays out only the top
// of the page (show skips root.Refresh): the tags line still comes and
// goes, with the text below it.
func TestOpenAnotherArticleShowsItsTagsLine(t *testing.T) {
	a := newTestApp()
	t.Cleanup(a.Quit)
	a.Settings().SetTheme(annalstheme.New())
	lib, err := library.Open(context.Background(), library.Options{DBPath: filepath.Join(t.TempDir(), "annals.db"), Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	var ids []int64
	for _, sample := range []string{"majalla-china-ai.html", "annals-sample-en.html"} {
		res, err := lib.ImportFile(context.Background(), filepath.Join("..", "..", "assets", "samples", sample)).Wait()
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.IDs[0])
	}
	if err := lib.SetTags(context.Background(), ids[1], []string{"ai", "china"}); err != nil {
		t.Fatal(err)
	}
	shown := make(chan int64, 8)
	var r *Reader
	fynedo.Do(func() {
		r = NewReader(lib, quiet(), a.Preferences())
		r.OnShown = func(id int64) { shown <- id }
		w := a.NewWindow("reader")
		w.SetContent(r.Content())
		w.Resize(fyne.NewSize(900, 600))
		r.Open(ids[0])
	})
	wait(t, shown, "the first article")
	type place struct {
		tagsShown        bool
		tagsY, tagsH     float32
		bodyY, barBottom float32
	}
	look := func() place {
		var p place
		fynedo.Do(func() {
			d := fyne.CurrentApp().Driver()
			p.tagsShown = r.tags.Visible()
			p.tagsY, p.tagsH = d.AbsolutePositionForObject(r.tags).Y, r.tags.Size().Height
			p.bodyY = d.AbsolutePositionForObject(r.body).Y
			p.barBottom = d.AbsolutePositionForObject(r.bar).Y + r.bar.Size().Height
		})
		return p
	}
	without := look()
	if without.tagsShown {
		t.Fatal("tags shown for an article without tags")
	}
	fynedo.Do(func() { r.Open(ids[1]) })
	wait(t, shown, "the tagged article")
	with := look()
	if !with.tagsShown || with.tagsH <= 0 || with.tagsY < with.barBottom {
		t.Fatalf("tags line not laid out under the toolbar: %+v", with)
	}
	if with.bodyY < with.tagsY+with.tagsH {
		t.Errorf("the text starts at %v, over the tags line (%v–%v)", with.bodyY, with.tagsY, with.tagsY+with.tagsH)
	}
	fynedo.Do(func() { r.Open(ids[0]) })
	wait(t, shown, "the first article again")
	if back := look(); back.tagsShown || back.bodyY != without.bodyY {
		t.Errorf("after the tags went: %+v, want the text back at %v", back, without.bodyY)
	}
}

// The first article opened puts the view in the window: it has no width
// when its rows are set. A long one opened from its top is still shown as
// soon as its first screens are laid out, not after every row's height (the
// cold open of issue 19 waited ~95 ms for those): once the window has its
// size, the rows on screen have their exact heights and the rows below the
// first screens the estimate, one height for all, while their exact
// heights differ (some rows are twice as tall).
func TestLongArticleFirstOpenWithoutWidthShowsTopFirst(t *testing.T) {
	a := newTestApp()
	t.Cleanup(a.Quit)
	th := annalstheme.New()
	a.Settings().SetTheme(th)
	bs := longArticleBlocks()
	readies := make(chan bool, 8)
	var v *articleView
	var first []float32
	var width, view float32
	fynedo.Do(func() {
		v = newArticleView(th)
		v.onReady = func(opened bool) { readies <- opened }
		v.fromTop = true
		v.setBlocks(bs, true)
		if v.width > 0 {
			t.Error("the view has a width before it is in a window")
		}
		w := a.NewWindow("long")
		w.SetContent(v.root)
		w.Resize(fyne.NewSize(900, 600))
		first = append([]float32(nil), v.heights...)
		width, view = v.width, v.list.viewHeight()
	})
	if !wait(t, readies, "the article shown") {
		t.Fatal("the article was not reported as opened")
	}
	exact, err := blockHeights(context.Background(), bs, width, v.metrics, th, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != len(exact) {
		t.Fatalf("%d heights shown, want %d", len(first), len(exact))
	}
	var top float32
	n := 0
	for ; top < view; n++ {
		if first[n] != exact[n] {
			t.Fatalf("row %d shown %v high, exact %v", n, first[n], exact[n])
		}
		top += exact[n]
	}
	tail := map[float32]bool{}
	exactTail := map[float32]bool{}
	for i := len(first) - 100; i < len(first); i++ {
		tail[first[i]] = true
		exactTail[exact[i]] = true
	}
	if len(exactTail) < 2 {
		t.Fatalf("the article's last rows are all %v high: the test cannot tell estimates from exact heights", exact[len(exact)-1])
	}
	if len(tail) != 1 {
		t.Errorf("the last 100 rows had %d different heights when the article first showed: every height was computed before its first line showed", len(tail))
	}
}
