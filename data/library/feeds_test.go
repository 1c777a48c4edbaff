package library

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"annals/data/store"
)

const arabicTitle = "نجاح نماذج بكين الرخيصة يهدد التفوق التكنولوجي"

func arabicContent() string {
	p := "<p>" + strings.Repeat("قال التقرير إن الشركات الصينية طورت نماذج ذكاء اصطناعي رخيصة تنافس النماذج الأمريكية في الأداء والسعر. ", 5) + "</p>"
	return p + p + p + p
}

// feedServer serves feeds in the three formats, a page that links one,
// article pages, and things that are not feeds. version > 1 adds an item
// to the RSS feed (and changes its ETag).
type feedServer struct {
	*httptest.Server
	version atomic.Int32
	broken  atomic.Bool
	hits    sync.Map // path → *atomic.Int32
}

func (s *feedServer) hitCount(path string) int {
	v, ok := s.hits.Load(path)
	if !ok {
		return 0
	}
	return int(v.(*atomic.Int32).Load())
}

func newFeedServer(t *testing.T) *feedServer {
	s := &feedServer{}
	s.version.Store(1)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, _ := s.hits.LoadOrStore(r.URL.Path, new(atomic.Int32))
		v.(*atomic.Int32).Add(1)
		base := s.URL
		switch p := r.URL.Path; {
		case p == "/rss.xml":
			if s.broken.Load() {
				http.Error(w, "down", http.StatusInternalServerError)
				return
			}
			ver := s.version.Load()
			etag := fmt.Sprintf(`"v%d"`, ver)
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			extra := ""
			if ver > 1 {
				extra = fmt.Sprintf(`<item><title>Third story</title><link>%s/a/rss-3</link><guid>rss-3</guid>
<pubDate>Sat, 28 Nov 2026 12:00:00 GMT</pubDate><description>Later news.</description></item>`, base)
			}
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>الاقتصاد اليوم</title><link>%[1]s/</link><description>d</description>%[3]s
<item><title>%[4]s</title><link>%[1]s/a/rss-1</link><guid isPermaLink="false">rss-1</guid>
<pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate><description>ملخص</description>
<content:encoded><![CDATA[%[2]s]]></content:encoded></item>
<item><title>Summary-only story</title><link>%[1]s/a/rss-2</link><guid>rss-2</guid>
<pubDate>Fri, 27 Nov 2026 09:00:00 GMT</pubDate><description>Only a teaser.</description></item>
</channel></rss>`, base, arabicContent(), extra, arabicTitle)
		case p == "/atom.xml":
			w.Header().Set("Content-Type", "application/atom+xml")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>English Atom</title><link href="%[1]s/"/><id>urn:a</id><updated>2026-11-28T10:00:00Z</updated>
<entry><title>Atom story</title><link href="%[1]s/a/atom-1"/><id>urn:a:1</id><updated>2026-11-28T10:00:00Z</updated><summary>Short.</summary></entry>
</feed>`, base)
		case p == "/feed.json":
			w.Header().Set("Content-Type", "application/feed+json")
			fmt.Fprintf(w, `{"version": "https://jsonfeed.org/version/1.1", "title": "مدونة JSON", "home_page_url": "%[1]s/",
"items": [
 {"id": "j1", "url": "%[1]s/a/json-1", "title": "مقال كامل", "content_html": %[2]q, "date_published": "2026-11-26T08:00:00Z"},
 {"id": "j2", "url": "%[1]s/a/json-2", "title": "Teaser only", "summary": "Read more on the site."}
]}`, base, arabicContent())
		case p == "/blog":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!doctype html><html><head><title>Blog</title>
<link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>hi</body></html>`)
		case p == "/nofeed":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><head><title>x</title></head><body>nothing</body></html>`)
		case p == "/logo.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n\x1a\n"))
		case strings.HasPrefix(p, "/a/"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, queuePage("Page "+strings.TrimPrefix(p, "/a/")))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func fastFeedFetch(t *testing.T) {
	old := FeedFetchLimits
	FeedFetchLimits = FetchLimits{PerHost: time.Millisecond, Hosts: 2}
	t.Cleanup(func() { FeedFetchLimits = old })
}

func TestSubscribeAutoSaveRefresh(t *testing.T) {
	fastFeedFetch(t)
	ctx := context.Background()
	srv := newFeedServer(t)
	l := openTemp(t)

	// A page that links its feed: the feed is what gets subscribed.
	f, err := l.Subscribe(ctx, srv.URL+"/blog", true)
	if err != nil {
		t.Fatal(err)
	}
	if f.URL != srv.URL+"/rss.xml" || f.Title != "الاقتصاد اليوم" || !f.AutoSave || f.ID == 0 {
		t.Fatalf("feed = %+v", f)
	}
	job := l.RefreshFeeds(ctx)
	var sawFeeds bool
	for p := range job.Progress() {
		sawFeeds = sawFeeds || p.Stage == StageFeeds
	}
	res, err := job.Wait()
	if err != nil {
		t.Fatal(err)
	}
	st, _ := FeedRefreshStats(job)
	if !sawFeeds || st.Feeds != 1 || st.NewItems != 2 || st.Saved != 2 || st.Fetched != 1 || len(res.IDs) != 2 || len(res.Failed) != 0 {
		t.Fatalf("first refresh: stats %+v, result %+v, progress %v", st, res, sawFeeds)
	}
	// The full-content item was saved from the feed; only the other page was fetched.
	if srv.hitCount("/a/rss-1") != 0 || srv.hitCount("/a/rss-2") != 1 {
		t.Fatalf("page fetches: rss-1 %d, rss-2 %d", srv.hitCount("/a/rss-1"), srv.hitCount("/a/rss-2"))
	}
	items, err := l.FeedItems(ctx, f.ID)
	if err != nil || len(items) != 2 {
		t.Fatalf("items = %v, %v", items, err)
	}
	for _, it := range items {
		a, err := l.Get(ctx, it.ArticleID)
		if err != nil || a.Status != store.StatusReady || a.URL != it.URL {
			t.Fatalf("item %q → article %+v, %v", it.Title, a, err)
		}
		if it.GUID == "rss-1" && (a.Title != arabicTitle || a.Dir != "rtl" || a.WordCount < FullContentWords) {
			t.Fatalf("full-content article = %q dir %s, %d words", a.Title, a.Dir, a.WordCount)
		}
	}

	// Nothing changed: 304, nothing new, nothing doubled.
	job = l.RefreshFeeds(ctx)
	if _, err := job.Wait(); err != nil {
		t.Fatal(err)
	}
	if st, _ := FeedRefreshStats(job); st.NotModified != 1 || st.NewItems != 0 || st.Saved != 0 {
		t.Fatalf("second refresh = %+v; want 304 and nothing new", st)
	}
	if n, _ := l.Count(ctx); n != 2 {
		t.Fatalf("%d articles after the second refresh, want 2", n)
	}

	// A new item: only it is saved.
	srv.version.Store(2)
	job = l.RefreshFeeds(ctx)
	if _, err := job.Wait(); err != nil {
		t.Fatal(err)
	}
	if st, _ := FeedRefreshStats(job); st.NewItems != 1 || st.Saved != 1 {
		t.Fatalf("third refresh = %+v", st)
	}
	if n, _ := l.Count(ctx); n != 3 {
		t.Fatalf("%d articles, want 3", n)
	}
	if srv.hitCount("/a/rss-2") != 1 {
		t.Fatalf("rss-2 fetched %d times", srv.hitCount("/a/rss-2"))
	}

	// The feed breaks: the failure is recorded, the items stay.
	srv.broken.Store(true)
	srv.version.Store(3)
	job = l.RefreshFeeds(ctx)
	res, _ = job.Wait()
	if len(res.Failed) != 1 || !strings.Contains(res.Failed[0].Err.Error(), "500") {
		t.Fatalf("broken feed: %+v", res)
	}
	fs, _ := l.Feeds(ctx)
	if len(fs) != 1 || fs[0].LastError == "" || fs[0].Items != 3 || fs[0].Unsaved != 0 {
		t.Fatalf("feeds after failure = %+v", fs)
	}

	// Subscribing again returns the same feed, with the new setting.
	again, err := l.Subscribe(ctx, srv.URL+"/blog", false)
	srv.broken.Store(false)
	if err == nil {
		t.Fatalf("subscribing to a broken feed worked: %+v", again)
	}
	again, err = l.Subscribe(ctx, srv.URL+"/rss.xml", false)
	if err != nil || again.ID != f.ID || again.AutoSave {
		t.Fatalf("subscribe again = %+v, %v", again, err)
	}

	// Unsubscribing keeps the articles.
	if err := l.Unsubscribe(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if err := l.Unsubscribe(ctx, f.ID); !errors.Is(err, ErrFeedNotFound) {
		t.Fatalf("unsubscribe twice = %v", err)
	}
	if n, _ := l.Count(ctx); n != 3 {
		t.Fatalf("%d articles after unsubscribing, want 3", n)
	}
}

func TestListedFeedItemsSaveOneClick(t *testing.T) {
	fastFeedFetch(t)
	ctx := context.Background()
	srv := newFeedServer(t)
	l := openTemp(t)
	atom, err := l.Subscribe(ctx, srv.URL+"/atom.xml", false)
	if err != nil {
		t.Fatal(err)
	}
	js, err := l.Subscribe(ctx, srv.URL+"/feed.json", false)
	if err != nil {
		t.Fatal(err)
	}
	if atom.Title != "English Atom" || js.Title != "مدونة JSON" {
		t.Fatalf("titles %q, %q", atom.Title, js.Title)
	}
	job := l.RefreshFeeds(ctx)
	if _, err := job.Wait(); err != nil {
		t.Fatal(err)
	}
	if st, _ := FeedRefreshStats(job); st.Feeds != 2 || st.NewItems != 3 || st.Saved != 0 {
		t.Fatalf("refresh = %+v", st)
	}
	if n, _ := l.Count(ctx); n != 0 {
		t.Fatalf("listed feeds saved %d articles", n)
	}
	items, err := l.FeedItems(ctx, js.ID)
	if err != nil || len(items) != 2 {
		t.Fatalf("json items = %+v, %v", items, err)
	}
	for _, it := range items {
		res, err := l.SaveFeedItem(ctx, it.ID).Wait()
		if err != nil || len(res.IDs) != 1 {
			t.Fatalf("save %q = %+v, %v", it.Title, res, err)
		}
		a, _ := l.Get(ctx, res.IDs[0])
		if a.Status != store.StatusReady {
			t.Fatalf("%q saved as %s", it.Title, a.Status)
		}
	}
	if srv.hitCount("/a/json-1") != 0 || srv.hitCount("/a/json-2") != 1 {
		t.Fatalf("page fetches json-1 %d json-2 %d", srv.hitCount("/a/json-1"), srv.hitCount("/a/json-2"))
	}
	// Saving again does not double.
	if _, err := l.SaveFeedItem(ctx, items[0].ID).Wait(); err != nil {
		t.Fatal(err)
	}
	if n, _ := l.Count(ctx); n != 2 {
		t.Fatalf("%d articles, want 2", n)
	}
	all, _ := l.FeedItems(ctx, 0)
	if len(all) != 3 {
		t.Fatalf("%d items in all feeds, want 3", len(all))
	}
	fs, _ := l.Feeds(ctx)
	for _, f := range fs {
		if f.ID == js.ID && f.Unsaved != 0 || f.ID == atom.ID && f.Unsaved != 1 {
			t.Fatalf("feed %q unsaved = %d", f.Title, f.Unsaved)
		}
	}
	if _, err := l.SaveFeedItem(ctx, 9999).Wait(); !errors.Is(err, ErrFeedNotFound) {
		t.Fatalf("save unknown item = %v", err)
	}
}

func TestSubscribeRefusesNonFeeds(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	l := openTemp(t)
	for _, c := range []struct{ path, want string }{
		{"/missing.xml", "404"},
		{"/logo.png", "image"},
		{"/nofeed", "links to no feed"},
	} {
		_, err := l.Subscribe(ctx, srv.URL+c.path, false)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v; want an error mentioning %q", c.path, err, c.want)
		}
	}
	if fs, _ := l.Feeds(ctx); len(fs) != 0 {
		t.Fatalf("feeds = %+v", fs)
	}
}

func TestOPMLRoundTrip(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	l := openTemp(t)
	for _, p := range []string{"/rss.xml", "/atom.xml", "/feed.json"} {
		if _, err := l.Subscribe(ctx, srv.URL+p, false); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := l.ExportOPML(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `xmlUrl="`+srv.URL+`/rss.xml"`) || !strings.Contains(buf.String(), "الاقتصاد اليوم") {
		t.Fatalf("OPML:\n%s", buf.String())
	}
	path := filepath.Join(t.TempDir(), "subs.opml")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	other := openTemp(t)
	got, err := other.ImportOPML(ctx, path)
	if err != nil || got.Added != 3 || got.Existing != 0 {
		t.Fatalf("import = %+v, %v", got, err)
	}
	if got, err := other.ImportOPML(ctx, path); err != nil || got.Added != 0 || got.Existing != 3 {
		t.Fatalf("import again = %+v, %v", got, err)
	}
	a, _ := l.Feeds(ctx)
	b, _ := other.Feeds(ctx)
	if len(a) != len(b) {
		t.Fatalf("%d feeds, want %d", len(b), len(a))
	}
	for i := range a {
		if a[i].URL != b[i].URL || a[i].Title != b[i].Title || a[i].SiteURL != b[i].SiteURL {
			t.Errorf("feed %d: %+v, want %+v", i, b[i], a[i])
		}
	}

	// Another reader's export: folders, text without title, a repeat.
	nested := `<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
<outline text="أخبار"><outline text="جريدة" type="rss" xmlUrl="http://127.0.0.1:1/ar.xml" htmlUrl="http://127.0.0.1:1/"/>
<outline text="Tech" title="Tech news" xmlUrl="http://127.0.0.1:1/tech.xml"/></outline>
<outline text="again" xmlUrl="http://127.0.0.1:1/tech.xml"/></body></opml>`
	np := filepath.Join(t.TempDir(), "reader.opml")
	os.WriteFile(np, []byte(nested), 0o644)
	third := openTemp(t)
	if got, err := third.ImportOPML(ctx, np); err != nil || got.Added != 2 {
		t.Fatalf("nested import = %+v, %v", got, err)
	}
	fs, _ := third.Feeds(ctx)
	if len(fs) != 2 || fs[0].Title != "Tech news" || fs[1].Title != "جريدة" {
		t.Fatalf("nested feeds = %+v", fs)
	}
	bad := filepath.Join(t.TempDir(), "bad.opml")
	os.WriteFile(bad, []byte("{not xml"), 0o644)
	if _, err := third.ImportOPML(ctx, bad); err == nil {
		t.Fatal("a non-OPML file imported")
	}
}

func TestFeedRefresherRunsOnStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := newFeedServer(t)
	l := openTemp(t)
	f, err := l.Subscribe(ctx, srv.URL+"/atom.xml", false)
	if err != nil {
		t.Fatal(err)
	}
	jobs := make(chan *Job, 4)
	l.StartFeedRefresher(ctx, time.Hour, func(j *Job) { jobs <- j })
	select {
	case j := <-jobs:
		if _, err := j.Wait(); err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the refresher did not refresh on start")
	}
	if items, _ := l.FeedItems(ctx, f.ID); len(items) != 1 {
		t.Fatalf("items = %+v", items)
	}
	// Just checked: a second refresher started now has nothing due.
	l.StartFeedRefresher(ctx, time.Hour, func(j *Job) { jobs <- j })
	select {
	case <-jobs:
		t.Fatal("a feed checked a moment ago was refreshed again")
	case <-time.After(300 * time.Millisecond):
	}
}
