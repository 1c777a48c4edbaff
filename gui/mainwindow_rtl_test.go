package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/data/library"

	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/gui/widgets"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// absX is the left edge of o in the window.
func absX(o fyne.CanvasObject) float32 {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).X
}

// buttonsIn are the buttons laid out in o, by text.
func buttonsIn(o fyne.CanvasObject) map[string]*widget.Button {
	out := map[string]*widget.Button{}
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*widget.Button); ok && b.Visible() && b.Text != "" {
			out[b.Text] = b
		}
	}
	return out
}

// In Arabic the menus and the section tabs start from the right: «ملف»
// (File) is the rightmost menu and «المكتبة» (Library) the rightmost tab,
// against the window's right edge; no main menu is set (Fyne would draw it
// from the left). In English the menu is Fyne's and the tabs start from
// the left.
func TestArabicMenusAndTabsStartFromTheRight(t *testing.T) {
	i18n.Setup(i18n.Arabic)
	defer i18n.Setup(i18n.English)
	a, lib := openLibrary(t)
	fynedo.Do(func() {
		m := NewMainWindow(a, lib, quietLogger())
		m.Window.Resize(fyne.NewSize(1200, 700))
		m.Window.Show()
		if m.Window.MainMenu() != nil {
			t.Error("the Arabic window set Fyne's main menu, which is drawn from the left")
		}
		bs := buttonsIn(m.Window.Content())
		file, settings, help := bs[i18n.T("File")], bs[i18n.T("Settings")], bs[i18n.T("Help")]
		if file == nil || settings == nil || help == nil {
			t.Fatalf("menu buttons missing: %v", keys(bs))
		}
		if !(absX(file) > absX(settings) && absX(settings) > absX(help)) {
			t.Errorf("menus at x = %.0f, %.0f, %.0f (File, Settings, Help): want File rightmost", absX(file), absX(settings), absX(help))
		}
		w := m.Window.Canvas().Size().Width
		if right := absX(file) + file.Size().Width; right < w-40 {
			t.Errorf("File ends at %.0f of %.0f: the row does not start from the right", right, w)
		}
		libTab, timeTab := bs[i18n.T("Library")], bs[i18n.T("Timeline")]
		if libTab == nil || timeTab == nil {
			t.Fatalf("tab buttons missing: %v", keys(bs))
		}
		if absX(libTab) <= absX(timeTab) {
			t.Errorf("Library tab at %.0f, Timeline at %.0f: want Library rightmost", absX(libTab), absX(timeTab))
		}
		if right := absX(libTab) + libTab.Size().Width; right < w-40 {
			t.Errorf("Library tab ends at %.0f of %.0f: the strip does not start from the right", right, w)
		}
		// The File menu opens with its commands, right-aligned Arabic.
		test.Tap(file)
		over := m.Window.Canvas().Overlays().Top()
		if over == nil {
			t.Fatal("File opened nothing")
		}
		var items []string
		for _, c := range test.LaidOutObjects(over) {
			if l, ok := c.(*widgets.Label); ok && l.Text != "" {
				items = append(items, l.Text)
				if l.Direction != widgets.DirRTL {
					t.Errorf("menu item %q is not right to left", l.Text)
				}
			}
		}
		if len(items) == 0 || items[0] != i18n.T("Add link…") || items[len(items)-1] != i18n.T("Quit") {
			t.Errorf("File menu items %q", items)
		}
		// Esc closes it, as it closes Fyne's own menus.
		if f := m.Window.Canvas().Focused(); f == nil {
			t.Error("the open menu does not have the keyboard")
		} else {
			f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}
		if m.Window.Canvas().Overlays().Top() != nil {
			t.Error("Esc left the menu open")
		}
	})
}

func TestEnglishKeepsFynesMenuAndTabsFromTheLeft(t *testing.T) {
	a, lib := openLibrary(t)
	fynedo.Do(func() {
		m := NewMainWindow(a, lib, quietLogger())
		m.Window.Resize(fyne.NewSize(1200, 700))
		m.Window.Show()
		if m.Window.MainMenu() == nil {
			t.Error("no main menu in English")
		}
		bs := buttonsIn(m.Window.Content())
		if lt, tt := bs["Library"], bs["Timeline"]; lt == nil || tt == nil || absX(lt) >= absX(tt) || absX(lt) > 40 {
			t.Errorf("English tabs: %v", keys(bs))
		}
		if bs["People & organisations"] == nil {
			t.Errorf("no “People & organisations” tab: %v", keys(bs))
		}
	})
}

// The language dialog draws its Arabic sentence through the bidi label
// with the box on its right; Fyne's Check drew «(٠١٢٣)» out of order with
// the box on the left.
func TestLanguageDialogReadsRightToLeft(t *testing.T) {
	i18n.Setup(i18n.Arabic)
	defer i18n.Setup(i18n.English)
	a, lib := openLibrary(t)
	fynedo.Do(func() {
		m := NewMainWindow(a, lib, quietLogger())
		m.Window.Resize(fyne.NewSize(1000, 700))
		m.Window.Show()
		m.askLanguage()
		over := m.Window.Canvas().Overlays().Top()
		var digits *widgets.Label
		var box *widget.Icon
		for _, c := range test.LaidOutObjects(over) {
			if l, ok := c.(*widgets.Label); ok && strings.Contains(l.Text, "٠١٢٣") {
				digits = l
			}
			if ic, ok := c.(*widget.Icon); ok && digits != nil && box == nil {
				box = ic
			}
		}
		if digits == nil {
			t.Fatal("the digits choice is not a bidi label")
		}
		if digits.Direction != widgets.DirRTL {
			t.Error("the digits sentence is not right to left")
		}
		if box == nil || absX(box) < absX(digits)+digits.Size().Width/2 {
			t.Error("the digits box is not on the right of its sentence")
		}
	})
}

// Add link accepts only web links: a word, a path or "www.x" keep Save
// off (widget.Entry showed a green tick for any text).
func TestAddLinkAcceptsOnlyWebLinks(t *testing.T) {
	for s, want := range map[string]bool{
		"https://www.majalla.com/node/1": true, "http://e.test/a?b=c": true, " https://e.test/ ": true,
		"": false, "hello": false, "www.example.com": false, "file:///tmp/a.html": false,
		"مهم - Stargate": false, "https://": false, "https://a b.com": false, "javascript:alert(1)": false,
	} {
		if IsWebLink(s) != want {
			t.Errorf("IsWebLink(%q) = %v", s, !want)
		}
	}
	a, lib := openLibrary(t)
	fynedo.Do(func() {
		a.Clipboard().SetContent("")
		m := NewMainWindow(a, lib, quietLogger())
		m.Window.Resize(fyne.NewSize(1000, 700))
		m.Window.Show()
		m.askLink()
		over := m.Window.Canvas().Overlays().Top()
		var entry *widgets.Entry
		for _, c := range test.LaidOutObjects(over) {
			if e, ok := c.(*widgets.Entry); ok {
				entry = e
			}
		}
		if entry == nil {
			t.Fatal("no bidi entry in the Add link dialog")
		}
		save := buttonsIn(over)[i18n.T("Save")]
		if save == nil {
			t.Fatal("no Save button")
		}
		test.Type(entry, "not a link")
		if !save.Disabled() {
			t.Error("Save is on for “not a link”")
		}
		entry.SetText("http://127.0.0.1:1/article")
		if save.Disabled() {
			t.Error("Save is off for a link")
		}
		// Enter saves, as it did with widget.Entry in a form.
		entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if m.Window.Canvas().Overlays().Top() == over {
			t.Error("Enter did not save the link")
		}
	})
}

func keys(m map[string]*widget.Button) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// The list's selection follows the article opened from elsewhere (a
// timeline event's source), and choosing the open article's row again does
// not open it again (which would lose the reading position).
func TestListFollowsArticleOpenedFromTheTimeline(t *testing.T) {
	a, lib := openLibrary(t)
	var ids []int64
	for _, n := range []string{"majalla-china-ai.html", "annals-sample-en.html"} {
		data, err := os.ReadFile(filepath.Join("..", "assets", "samples", n))
		if err != nil {
			t.Fatal(err)
		}
		res, err := lib.AddPages(context.Background(), library.Page{URL: "https://example.invalid/samples/" + n, HTML: data}).Wait()
		if err != nil || len(res.IDs) != 1 {
			t.Fatalf("saving %s: %v %v", n, res, err)
		}
		ids = append(ids, res.IDs[0])
	}
	shown := make(chan int64, 4)
	loaded := make(chan bool, 8)
	var m *MainWindow
	fynedo.Do(func() {
		m = NewMainWindow(a, lib, quietLogger())
		follow := m.Reader.OnShown
		m.Reader.OnShown = func(id int64) { follow(id); shown <- id }
		m.Library.OnLoaded = func() { loaded <- true }
		m.Window.Resize(fyne.NewSize(1200, 700))
		m.Window.Show()
		m.Library.Reload()
	})
	waitSignal(t, loaded, "the list")
	fynedo.Do(func() {
		m.showSection(tabTimeline)
		m.openSource(ids[0], 0, 40)
	})
	if id := waitSignal(t, shown, "the article"); id != ids[0] {
		t.Fatalf("shown %d, want %d", id, ids[0])
	}
	fynedo.Do(func() {
		if m.section() != tabLibrary {
			t.Errorf("section %d after opening a source", m.section())
		}
		if got := m.Library.Selected(); got != ids[0] {
			t.Errorf("the list selects %d, want the open article %d", got, ids[0])
		}
		// The row of the open article, chosen again.
		m.Library.OnSelected(ids[0])
	})
	select {
	case id := <-shown:
		t.Errorf("choosing the open article opened it again (%d)", id)
	case <-time.After(700 * time.Millisecond):
	}
}

// In Arabic a form dialog mirrors: its title is right-aligned Arabic, the
// field's label is on the right of the field, and Save is left of Cancel.
func TestArabicFormDialogMirrors(t *testing.T) {
	i18n.Setup(i18n.Arabic)
	defer i18n.Setup(i18n.English)
	a, lib := openLibrary(t)
	fynedo.Do(func() {
		a.Clipboard().SetContent("")
		m := NewMainWindow(a, lib, quietLogger())
		m.Window.Resize(fyne.NewSize(1000, 700))
		m.Window.Show()
		m.askLink()
		over := m.Window.Canvas().Overlays().Top()
		var title, label *widgets.Label
		var entry *widgets.Entry
		for _, c := range test.LaidOutObjects(over) {
			switch o := c.(type) {
			case *widgets.Label:
				switch o.Text {
				case i18n.T("Add link"):
					title = o
				case i18n.T("Link"):
					label = o
				}
			case *widgets.Entry:
				entry = o
			}
		}
		if title == nil || title.Direction != widgets.DirRTL {
			t.Fatal("the dialog's title is not a right-to-left bidi label")
		}
		if label == nil || entry == nil {
			t.Fatal("no label or entry")
		}
		if absX(label) < absX(entry)+entry.Size().Width-1 {
			t.Errorf("label at %.0f is not right of the entry (%.0f–%.0f)", absX(label), absX(entry), absX(entry)+entry.Size().Width)
		}
		bs := buttonsIn(over)
		if save, cancel := bs[i18n.T("Save")], bs[i18n.T("Cancel")]; save == nil || cancel == nil || absX(save) > absX(cancel) {
			t.Error("Save is not left of Cancel")
		}
	})
}
