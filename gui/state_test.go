package gui

import (
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The tests here drive the whole main window: the reader must draw the same
// article the same way after a visit to the Timeline and Entities, and the
// reading keys must reach it whether the list or the text was clicked last.

func samplePath(name string) string { return filepath.Join("..", "assets", "samples", name) }

// mainWithSamples opens a main window on a temp library holding the Arabic
// seed and the English sample; the list shows the newest (English) first.
func mainWithSamples(t *testing.T) *MainWindow {
	t.Helper()
	a, lib := openLibrary(t)
	importFile(t, lib, samplePath("majalla-china-ai.html"))
	importFile(t, lib, samplePath("annals-sample-en.html"))
	loaded := make(chan []string, 16)
	var m *MainWindow
	fynedo.Do(func() {
		m = NewMainWindow(a, lib, quietLogger())
		m.Library.OnLoaded = func() { loaded <- m.Library.Rows() }
		m.Window.Resize(fyne.NewSize(1200, 800))
	})
	t.Cleanup(func() {
		fynedo.Do(func() {
			for _, w := range fyne.CurrentApp().Driver().AllWindows() {
				if w == m.Window {
					w.Close() // not closed by the test already
					return
				}
			}
		})
	})
	for rows := []string(nil); len(rows) < 2; {
		rows = waitSignal(t, loaded, "the two samples in the list")
	}
	return m
}

// tapRow taps row i of the library list where a user would click: the
// list takes the focus and opens the article.
func tapRow(t *testing.T, m *MainWindow, i int) {
	t.Helper()
	var row fyne.Tappable
	for try := 0; try < 50 && row == nil; try++ {
		if try > 0 {
			time.Sleep(40 * time.Millisecond) // the list lays its rows out
		}
		fynedo.Do(func() {
			for _, o := range test.LaidOutObjects(m.Library.List) {
				tp, ok := o.(fyne.Tappable)
				if !ok || !o.Visible() || o.Size().Width < 100 || o.Size().Height < 30 {
					continue // not a row (a scroll bar)
				}
				// Rows are as high as each other; which one is it?
				if int(o.Position().Y/o.Size().Height+0.5) == i {
					row = tp
				}
			}
		})
	}
	if row == nil {
		t.Fatalf("the list does not show row %d", i)
	}
	fynedo.Do(func() { test.Tap(row) })
	waitReader(t, m)
}

// waitReader waits until the reader shows an article and has no
// background work left.
func waitReader(t *testing.T, m *MainWindow) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(40 * time.Millisecond)
		done := false
		fynedo.Do(func() { done = m.Reader.ArticleID() != 0 && !m.Reader.Busy() })
		if done {
			return
		}
	}
	t.Fatal("the reader never finished opening the article")
}

// readerImage is what the window shows of the reader (the library list
// beside it shows progress and selection, which may differ).
func readerImage(m *MainWindow) image.Image {
	c := m.Window.Canvas()
	full := c.Capture()
	content := m.Reader.Content()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(content)
	scale := float32(full.Bounds().Dx()) / c.Size().Width
	r := image.Rect(int(pos.X*scale), int(pos.Y*scale), int((pos.X+content.Size().Width)*scale), int((pos.Y+content.Size().Height)*scale))
	out := image.NewNRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(out, out.Bounds(), full, r.Min, draw.Src)
	return out
}

func settledReaderImage(t *testing.T, m *MainWindow) image.Image {
	t.Helper()
	var last image.Image
	for i := 0; i < 200; i++ {
		time.Sleep(40 * time.Millisecond)
		var img image.Image
		busy := false
		fynedo.Do(func() { busy = m.Reader.Busy(); img = readerImage(m) })
		if !busy && last != nil && samePixels(last, img) {
			return img
		}
		last = img
	}
	t.Fatal("the reader never settled")
	return nil
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

func TestReaderSameAfterTimelineAndEntities(t *testing.T) {
	for _, naskh := range []bool{false, true} {
		name := "Sans"
		if naskh {
			name = "Naskh"
		}
		t.Run(name, func(t *testing.T) {
			// Fyne's test driver answers CanvasForObject with the newest
			// window: one main window at a time.
			m := mainWithSamples(t)
			fynedo.Do(func() { fyne.CurrentApp().Preferences().SetBool("reader.serif", naskh) })
			tapRow(t, m, 1)
			fynedo.Do(func() { m.showSection(tabTimeline) })
			time.Sleep(500 * time.Millisecond)
			fynedo.Do(func() { m.showSection(tabEntities) })
			time.Sleep(500 * time.Millisecond)
			fynedo.Do(func() { m.showSection(tabLibrary) })
			tapRow(t, m, 0) // the English sample, then the seed again
			tapRow(t, m, 1)
			got := settledReaderImage(t, m)
			fynedo.Do(m.Window.Close)

			// A fresh window, the Arabic seed opened directly.
			fresh := mainWithSamples(t)
			fynedo.Do(func() { fyne.CurrentApp().Preferences().SetBool("reader.serif", naskh) })
			tapRow(t, fresh, 1)
			want := settledReaderImage(t, fresh)
			if !samePixels(got, want) {
				if dir := os.Getenv("READER_STATE_DIR"); dir != "" {
					savePNG(filepath.Join(dir, name+"-got.png"), got)
					savePNG(filepath.Join(dir, name+"-want.png"), want)
				}
				t.Error("after Timeline and Entities the seed is drawn differently from a fresh window")
			}
		})
	}
}

// typeKey delivers a key as Fyne's desktop driver does: to the focused
// widget, else to the window's handler.
func typeKey(c fyne.Canvas, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// typeShortcut delivers a shortcut as the desktop driver does: to a focused
// Shortcutable, else to the window's shortcuts.
func typeShortcut(c fyne.Canvas, s fyne.Shortcut) {
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	c.(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(s)
}

func TestReadingKeysWhereverTheFocusIs(t *testing.T) {
	m := mainWithSamples(t)
	c := m.Window.Canvas()
	focusList := func() { tapRow(t, m, 1) }
	focusText := func() {
		fynedo.Do(func() {
			for _, o := range test.LaidOutObjects(m.Reader.Content()) {
				if p, ok := o.(*widgets.Paragraph); ok && p.Visible() && p.Size().Height > 40 {
					test.Tap(p)
					return
				}
			}
			t.Fatal("no paragraph on screen to tap")
		})
	}
	for _, where := range []struct {
		name  string
		focus func()
	}{{"after tapping the list", focusList}, {"after tapping the text", focusText}} {
		t.Run(where.name, func(t *testing.T) {
			focusList()
			fynedo.Do(func() { typeKey(c, fyne.KeyHome) })
			where.focus()
			fynedo.Do(func() {
				if c.Focused() == nil {
					t.Fatal("nothing has the focus: the test does not test what it says")
				}
				off := m.Reader.ScrollOffset
				step := func(k fyne.KeyName, want func(before, after float32) bool, what string) {
					before := off()
					typeKey(c, k)
					if after := off(); !want(before, after) {
						t.Errorf("%s: offset %v → %v, want %s", k, before, after, what)
					}
				}
				down := func(b, a float32) bool { return a > b }
				up := func(b, a float32) bool { return a < b }
				step(fyne.KeyJ, down, "down a line")
				step(fyne.KeyK, up, "up a line")
				step(fyne.KeyDown, down, "down a line")
				step(fyne.KeyUp, up, "up a line")
				step(fyne.KeySpace, func(b, a float32) bool { return a-b > 200 }, "down a page")
				step(fyne.KeyPageDown, func(b, a float32) bool { return a-b > 200 }, "down a page")
				step(fyne.KeyPageUp, func(b, a float32) bool { return b-a > 200 }, "up a page")
				step(fyne.KeyEnd, func(b, a float32) bool { return a > b+500 }, "the end")
				step(fyne.KeyHome, func(b, a float32) bool { return a == 0 }, "the top")
				size := m.Reader.TextSize()
				typeShortcut(c, &desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierShortcutDefault})
				if got := m.Reader.TextSize(); got != size+1 {
					t.Errorf("Ctrl+= made the text %v pt, want %v", got, size+1)
				}
				typeShortcut(c, &desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierShortcutDefault})
				if got := m.Reader.TextSize(); got != size {
					t.Errorf("Ctrl+− made the text %v pt, want %v", got, size)
				}
			})
		})
	}
	t.Run("Esc closes a pop-up", func(t *testing.T) {
		focusText()
		fynedo.Do(func() {
			for _, o := range test.LaidOutObjects(m.Reader.Content()) {
				if b, ok := o.(*widget.Button); ok && b.Text == "Aa" {
					test.Tap(b)
				}
			}
			if c.Overlays().Top() == nil {
				t.Fatal("Aa opened no pop-up")
			}
			typeKey(c, fyne.KeyEscape)
			if c.Overlays().Top() != nil {
				t.Error("Esc left the pop-up open")
			}
		})
	})
}

func savePNG(path string, img image.Image) {
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	_ = pngEncode(f, img)
}

var pngEncode = png.Encode

// TestTabReachesTheControls: Tab (focus next) stops at every control of the
// library and the reader: the search box, the shelf, the list, the buttons.
func TestTabReachesTheControls(t *testing.T) {
	m := mainWithSamples(t)
	tapRow(t, m, 1)
	c := m.Window.Canvas()
	reached := map[string]bool{}
	fynedo.Do(func() {
		inShelf := map[fyne.CanvasObject]bool{}
		for _, o := range test.LaidOutObjects(m.Library.Shelf.Content()) {
			inShelf[o] = true
		}
		c.Unfocus()
		for i := 0; i < 300; i++ {
			test.FocusNext(c)
			switch f := c.Focused().(type) {
			case *widget.Button:
				if inShelf[f] {
					reached["shelf"] = true
				}
				reached["button "+f.Text] = true
			case *widgets.Entry:
				if f == m.Library.Search {
					reached["search"] = true
				}
			case *widgets.Paragraph:
				reached["text"] = true
			case nil:
			default:
				// The shelf is the project's picker, a focusable of its own.
				if o, ok := f.(fyne.CanvasObject); ok && inShelf[o] {
					reached["shelf"] = true
				}
				reached[fmt.Sprintf("%T", f)] = true
			}
		}
	})
	for _, want := range []string{"search", "shelf", "*views.keyList", "text",
		"button " + i18n.T("Add link"), "button " + i18n.T("Open file…"), "button " + i18n.T("Favourite"),
		"button " + i18n.T("Archive"), "button " + i18n.T("A−"), "button " + i18n.T("A+"), "button " + i18n.T("Aa")} {
		if !reached[want] {
			t.Errorf("Tab never reaches %s (reached %v)", want, reached)
		}
	}
}
