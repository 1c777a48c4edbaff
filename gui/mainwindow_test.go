package gui

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/data/library"
	"annals/gui/fynedo"
	"annals/gui/i18n"
	"annals/gui/views"
	"annals/internal/testenv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

// openLibrary starts the test app and opens an empty library in a temporary
// folder that stays on this machine; both close when the test ends.
func openLibrary(t *testing.T) (fyne.App, *library.Library) {
	t.Helper()
	a := newTestApp()
	t.Cleanup(a.Quit)
	lib, err := library.Open(context.Background(), library.Options{DBPath: filepath.Join(t.TempDir(), "annals.db"), Client: testenv.LoopbackClient()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	return a, lib
}

func importFile(t *testing.T, lib *library.Library, path string) {
	t.Helper()
	if _, err := lib.ImportFile(context.Background(), path).Wait(); err != nil {
		t.Fatalf("ImportFile: %v", err)
	}
}

func quietLogger() *log.Logger {
	l := log.New()
	l.SetOutput(io.Discard)
	return l
}

// waitSignal waits for one value on ch, failing the test after a while.
func waitSignal[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(20 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

func TestSeedArticleAppearsInListAndReader(t *testing.T) {
	seed := testenv.SeedHTML(t)
	txt, err := os.ReadFile(filepath.Join(filepath.Dir(seed), "majalla-china-ai.txt"))
	if err != nil {
		t.Fatal(err)
	}
	firstPara := strings.Split(string(txt), "\n")[1]

	a, lib := openLibrary(t)

	var m *MainWindow
	loaded := make(chan []string, 16)
	shown := make(chan []string, 4)
	fynedo.Do(func() {
		m = NewMainWindow(a, lib, quietLogger())
		m.Library.OnLoaded = func() { loaded <- m.Library.Rows() }
		m.Reader.OnShown = func(int64) { shown <- m.Reader.Texts() }
		m.Window.Resize(fyne.NewSize(1000, 700))
	})

	importFile(t, lib, seed)
	var rows []string
	for len(rows) != 1 {
		rows = waitSignal(t, loaded, "the list to show the saved article")
	}
	if rows[0] != testenv.SeedTitle {
		t.Fatalf("list row = %q, want %q", rows[0], testenv.SeedTitle)
	}

	for _, q := range []struct {
		query string
		rows  int
	}{{"كوكاكولا", 0}, {"الصينيه", 1}, {"ترمب", 1}} {
		fynedo.Do(func() { m.Library.Search.SetText(q.query) }) // typing: the list reloads after a short pause
		if got := waitSignal(t, loaded, "search results for "+q.query); len(got) != q.rows {
			t.Errorf("search %q shows %d rows, want %d", q.query, len(got), q.rows)
		}
	}

	fynedo.Do(func() { m.Library.List.Select(0) })
	texts := waitSignal(t, shown, "the reader to show the article")
	if texts[0] != testenv.SeedTitle {
		t.Errorf("reader title = %q", texts[0])
	}
	body := strings.Join(texts[1:], "\n")
	if !strings.Contains(body, strings.TrimSpace(firstPara)) {
		t.Errorf("reader does not show the first paragraph %q;\ngot %q", firstPara, body[:min(len(body), 400)])
	}
}

func TestAddBadLinkShowsErrorAndSavesNothing(t *testing.T) {
	a, lib := openLibrary(t)
	done := make(chan int)
	loaded := make(chan struct{}, 4)
	var m *MainWindow
	fynedo.Do(func() {
		m = NewMainWindow(a, lib, quietLogger())
		m.Library.OnLoaded = func() { loaded <- struct{}{} }
		m.onJobDone = func() { done <- len(m.Window.Canvas().Overlays().List()) }
	})
	// The list's first load reads the library off the UI thread; the test
	// ends (and closes the library) before a query could still be running.
	waitSignal(t, loaded, "the list's first load")
	fynedo.Do(func() { m.Add("ftp://example.invalid/file") })
	overlays := waitSignal(t, done, "the failed job to end")
	if n, _ := lib.Count(context.Background()); n != 0 {
		t.Fatalf("a failed save left %d articles", n)
	}
	if overlays == 0 {
		t.Fatal("no error dialog shown")
	}
}

func TestParseTags(t *testing.T) {
	cases := map[string][]string{
		"china, AI ,china": {"china", "AI"},
		"الصين، ذكاء":      {"الصين", "ذكاء"},
		" , ;":             nil,
	}
	for in, want := range cases {
		got := ParseTags(in)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("ParseTags(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTimelineToSourceAndBack is issue 5's acceptance path: the seed's events
// on the timeline, lanes by entity, the 20 January event's source opened in
// the reader at its sentence, and back/forward between them.
func TestTimelineToSourceAndBack(t *testing.T) {
	seed := testenv.SeedHTML(t)
	a, lib := openLibrary(t)
	importFile(t, lib, seed)
	var m *MainWindow
	loaded := make(chan []string, 8)
	shown := make(chan int64, 8)
	fynedo.Do(func() {
		m = NewMainWindow(a, lib, quietLogger())
		m.Timeline.OnLoaded = func() { loaded <- m.Timeline.Shown() }
		m.Reader.OnShown = func(id int64) { shown <- id }
		m.Window.Resize(fyne.NewSize(1200, 800))
		m.showSection(tabTimeline) // sections load when first shown
	})
	events := strings.Join(waitSignal(t, loaded, "the timeline"), "\n")
	for _, d := range []string{"2024-11 ", "2025-01-20 ", "2025-01-21 ", "2025-01-23 "} {
		if !strings.Contains(events, d) {
			t.Errorf("timeline lacks %s:\n%s", d, events)
		}
	}
	fynedo.Do(func() {
		m.showSection(tabTimeline)
		m.Timeline.Group.Pick(views.GroupEntity)
		lanes := map[string]bool{}
		for _, e := range m.Timeline.Widget.Events() {
			lanes[e.Lane] = true
		}
		// A lane names its entity in the interface's language first, with
		// the other script's spelling after it ("Donald Trump · دونالد ترمب").
		hasLane := func(name string) bool {
			for l := range lanes {
				if l == name || strings.HasPrefix(l, name+" · ") {
					return true
				}
			}
			return false
		}
		for _, want := range []string{"Donald Trump", "DeepSeek"} {
			if !hasLane(want) {
				t.Errorf("grouping by entity has no %q lane (lanes %v)", want, lanes)
			}
		}
	})
	var sentence string
	fynedo.Do(func() {
		ok := m.Timeline.SelectWhere(func(ev library.TimelineEvent) bool {
			for _, e := range ev.Entities {
				if ev.Date == "2025-01-20" && e.Name == "DeepSeek" {
					sentence = ev.Sources[0].SentenceText
					return true
				}
			}
			return false
		})
		if !ok {
			t.Fatal("no 20 January event involving DeepSeek")
		}
		m.Timeline.OpenFirstSource()
	})
	waitSignal(t, shown, "the reader at the source")
	fynedo.Do(func() {
		if m.section() != tabLibrary {
			t.Errorf("the source opened in tab %d, want the library", m.Tabs.SelectedIndex())
		}
		if got := m.Reader.Marked(); got != sentence {
			t.Errorf("reader highlights %q, want the event's sentence %q", got, sentence)
		}
		m.Back()
		if m.section() != tabTimeline {
			t.Errorf("Back went to tab %d, want the timeline", m.Tabs.SelectedIndex())
		}
		m.Forward()
		if m.section() != tabLibrary {
			t.Errorf("Forward went to tab %d, want the library", m.Tabs.SelectedIndex())
		}
	})
}

func TestHistory(t *testing.T) {
	h := newHistory()
	if _, ok := h.back(); ok {
		t.Fatal("back on an empty history")
	}
	h.visit(place{tab: 0, article: 1})
	h.visit(place{tab: 1})
	h.visit(place{tab: 1}) // the same place twice is one step
	h.visit(place{tab: 2, entity: "person:x"})
	if p, _ := h.back(); p.tab != 1 {
		t.Fatalf("back = %+v", p)
	}
	if p, _ := h.back(); p.article != 1 {
		t.Fatalf("back twice = %+v", p)
	}
	h.visit(place{tab: 0, article: 2}) // a new place drops the forward part
	if _, ok := h.forward(); ok {
		t.Error("forward after a new visit")
	}
}

// TestFirstRunSamples: an empty library shows the start page, and "Try a
// sample article" saves the two bundled samples, analysed, so the timeline
// has events from both languages.
func TestFirstRunSamples(t *testing.T) {
	a, lib := openLibrary(t)
	var m *MainWindow
	loaded := make(chan []string, 16)
	done := make(chan struct{}, 4)
	fynedo.Do(func() {
		m = NewMainWindow(a, lib, quietLogger())
		m.Library.OnLoaded = func() { loaded <- m.Library.Rows() }
		m.onJobDone = func() { done <- struct{}{} }
	})
	waitSignal(t, loaded, "the empty list")
	fynedo.Do(func() {
		if !m.Reader.ShowingStart() {
			t.Error("an empty library does not show the start page")
		}
		m.addSamples()
	})
	waitSignal(t, done, "the samples to be saved")
	if n, _ := lib.Count(context.Background()); n != 2 {
		t.Fatalf("%d articles after adding the samples, want 2", n)
	}
	events, err := lib.Timeline(context.Background(), library.TimelineFilter{})
	if err != nil {
		t.Fatal(err)
	}
	dates := map[string]bool{}
	for _, ev := range events {
		dates[ev.Date] = true
	}
	for _, d := range []string{"2025-01-20", "2025-01-23", "2025-01-27"} {
		if !dates[d] {
			t.Errorf("no sample event on %s (dates %v)", d, dates)
		}
	}
}

// TestArabicInterfaceMirrors: in Arabic the sections are named in Arabic
// and the library list sits on the right of the reader.
func TestArabicInterfaceMirrors(t *testing.T) {
	i18n.Setup(i18n.Arabic)
	defer i18n.Setup(i18n.English)
	a, lib := openLibrary(t)
	fynedo.Do(func() {
		m := NewMainWindow(a, lib, quietLogger())
		last := m.Tabs.Items[len(m.Tabs.Items)-1]
		if got := last.Text; got != "المكتبة" {
			t.Errorf("rightmost section = %q, want المكتبة", got)
		}
		if m.section() != tabLibrary {
			t.Errorf("the window opens on section %d, want the library", m.section())
		}
		split := last.Content.(*container.Split)
		if split.Leading != m.Reader.Content() {
			t.Error("the reader is not on the left in the Arabic interface")
		}
		if got := m.Library.Search.PlaceHolder; got != "ابحث في مكتبتك…" {
			t.Errorf("search placeholder = %q", got)
		}
	})
}

// TestFeedsWindowListsSubscriptions: a feed subscribed through the library
// shows in the Feeds window with its items, each one click from saving.
func TestFeedsWindowListsSubscriptions(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Tech notes</title><link>`+"http://"+r.Host+`/</link>
<item><title>DeepSeek released R1 on January 20, 2025</title><link>http://`+r.Host+`/a</link><guid>a</guid></item>
<item><title>أطلقت علي بابا نموذج QwQ</title><link>http://`+r.Host+`/b</link><guid>b</guid></item>
</channel></rss>`)
	}))
	defer srv.Close()
	a, lib := openLibrary(t)
	fd, err := lib.Subscribe(context.Background(), srv.URL+"/feed", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.RefreshFeeds(context.Background(), fd.ID).Wait(); err != nil {
		t.Fatal(err)
	}
	var f *feedsWindow
	fynedo.Do(func() {
		m := NewMainWindow(a, lib, quietLogger())
		m.showFeeds()
		for _, w := range a.Driver().AllWindows() {
			if w.Title() == "Feeds" {
				f = &feedsWindow{}
			}
		}
	})
	if f == nil {
		t.Fatal("no Feeds window")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		items, _ := lib.FeedItems(context.Background(), fd.ID)
		if len(items) == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("feed items = %d, want 2", len(items))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestSectionsLoadWhenShown: the timeline is not read at start, only when
// its section is first shown, and again after the library changes.
func TestSectionsLoadWhenShown(t *testing.T) {
	seed := testenv.SeedHTML(t)
	a, lib := openLibrary(t)
	importFile(t, lib, seed)
	loaded := make(chan int, 4)
	var m *MainWindow
	fynedo.Do(func() {
		m = NewMainWindow(a, lib, quietLogger())
		m.Timeline.OnLoaded = func() { loaded <- len(m.Timeline.Shown()) }
		if !m.stale[tabTimeline] {
			t.Error("the timeline was loaded before it was shown")
		}
		m.showSection(tabTimeline)
	})
	if n := waitSignal(t, loaded, "the timeline when shown"); n == 0 {
		t.Error("the timeline shows no events")
	}
	fynedo.Do(func() {
		if m.stale[tabTimeline] {
			t.Error("the shown timeline is still marked stale")
		}
	})
}
