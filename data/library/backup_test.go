package library

import (
	"context"
	"image/color"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"annals/data/store"
	"annals/internal/testenv"
)

// seededLibrary holds the Arabic seed article with its image, a highlight
// and a note, tags and flags, an English article, an entity correction and
// an imported batch still pending.
func seededLibrary(t *testing.T) (*Library, Options) {
	t.Helper()
	seed, err := os.ReadFile(testenv.SeedHTML(t))
	if err != nil {
		t.Fatal(err)
	}
	photo := testenv.PNG(t, 8, 6, color.RGBA{10, 120, 30, 255})
	_, opts := webServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/china-ai":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(seed)
		case "/images/sacks-trump.jpg":
			w.Header().Set("Content-Type", "image/png")
			w.Write(photo)
		case "/english":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(articlePage("Schools get new books"))
		default:
			http.NotFound(w, r)
		}
	}))
	l := openWith(t, opts)
	ctx := context.Background()
	id := addOne(t, l, "https://example.org/china-ai")
	addOne(t, l, "https://example.org/english")
	if err := l.SetTags(ctx, id, []string{"الصين", "ai"}); err != nil {
		t.Fatal(err)
	}
	if err := l.Favourite(ctx, id, true); err != nil {
		t.Fatal(err)
	}
	if _, err := l.AddHighlight(ctx, Highlight{ArticleID: id, Quote: "ديفيد ساكس", Note: "مهم"}); err != nil {
		t.Fatal(err)
	}
	ents, err := l.Entities(ctx, EntityFilter{Limit: 1})
	if err != nil || len(ents) == 0 {
		t.Fatalf("the seed has no entities: %v", err)
	}
	if err := l.RenameEntity(ctx, ents[0].Key, "Renamed by the user", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Import(ctx, sample("pocket.zip")).Wait(); err != nil {
		t.Fatal(err)
	}
	return l, opts
}

func TestBackupRestoreReproducesTheLibrary(t *testing.T) {
	ctx := context.Background()
	src, _ := seededLibrary(t)
	out := filepath.Join(t.TempDir(), "library"+BackupExt)
	info, err := src.Backup(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Articles != 22 || info.Images != 1 {
		t.Errorf("backup info = %+v", info)
	}
	wantCounts, err := src.store.TableCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantHash, _ := src.store.ContentHash(ctx)
	for _, table := range []string{"articles", "tags", "article_tags", "highlights", "entities", "mentions", "events", "article_images", "user_entity_edits"} {
		if wantCounts[table] == 0 {
			t.Errorf("the seeded library has no %s: the test proves little", table)
		}
	}

	dst := openTemp(t)
	res, err := dst.Restore(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 22 || res.Merged != 0 || res.Images != 1 || res.Highlights != 1 {
		t.Errorf("restore = %+v", res)
	}
	gotCounts, _ := dst.store.TableCounts(ctx)
	if !reflect.DeepEqual(gotCounts, wantCounts) {
		t.Errorf("row counts differ:\n got %v\nwant %v", gotCounts, wantCounts)
	}
	if got, _ := dst.store.ContentHash(ctx); got != wantHash {
		t.Errorf("content hash %s, want %s", got, wantHash)
	}
	// The Arabic article reads the same, image and highlight included.
	hits, _ := dst.Search(ctx, "ديفيد ساكس", 5)
	if len(hits) != 1 {
		t.Fatalf("the restored library finds %d articles, want the Arabic one", len(hits))
	}
	a, _ := dst.Get(ctx, hits[0].ID)
	if a.Dir != "rtl" || !a.Favourite || !reflect.DeepEqual(a.Tags, []string{"ai", "الصين"}) {
		t.Errorf("restored article: dir %s fav %v tags %v", a.Dir, a.Favourite, a.Tags)
	}
	if data, _, err := dst.Image(ctx, a.ID, a.LeadImage); err != nil || len(data) == 0 {
		t.Errorf("restored image: %v", err)
	}
	hs, _ := dst.Highlights(ctx, a.ID)
	if len(hs) != 1 || hs[0].Quote != "ديفيد ساكس" || hs[0].Note != "مهم" || hs[0].Orphaned {
		t.Errorf("restored highlights = %+v", hs)
	}
	ents, _ := dst.Entities(ctx, EntityFilter{Query: "Renamed by the user"})
	if len(ents) != 1 {
		t.Errorf("the user's entity correction was not restored")
	}

	// Restoring again doubles nothing.
	res, err = dst.Restore(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 0 || res.Merged != 22 || res.Highlights != 0 {
		t.Errorf("second restore = %+v", res)
	}
	if again, _ := dst.store.TableCounts(ctx); !reflect.DeepEqual(again, wantCounts) {
		t.Errorf("a second restore changed the counts:\n got %v\nwant %v", again, wantCounts)
	}
}

func TestRestoreMergesIntoALibraryInUse(t *testing.T) {
	ctx := context.Background()
	src, _ := seededLibrary(t)
	for _, u := range []string{"https://a.example/feed.xml", "https://b.example/rss"} {
		if _, _, err := src.store.AddFeed(ctx, &store.Feed{URL: u, Title: "Feed " + u, AutoSave: u[8] == 'b'}); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "b"+BackupExt)
	if _, err := src.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	dst := openTemp(t)
	// It follows one of the backup's feeds already.
	if _, _, err := dst.store.AddFeed(ctx, &store.Feed{URL: "https://a.example/feed.xml", Title: "Mine"}); err != nil {
		t.Fatal(err)
	}
	// This library knows two of the backup's links already, one tagged.
	if _, err := dst.Import(ctx, sample("instapaper.csv")).Wait(); err != nil {
		t.Fatal(err)
	}
	res, err := dst.Restore(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := dst.Count(ctx)
	if res.Merged != 20 || res.Articles != 2 || n != 22 {
		t.Errorf("restore = %+v, %d articles", res, n)
	}
	// The feeds come along: the one followed already stays as it was.
	feeds, err := dst.Feeds(ctx)
	if err != nil || res.Feeds != 1 || len(feeds) != 2 {
		t.Fatalf("after the restore: %d feeds added, feeds %+v, %v", res.Feeds, feeds, err)
	}
	for _, f := range feeds {
		if f.URL == "https://a.example/feed.xml" && f.Title != "Mine" || f.URL == "https://b.example/rss" && !f.AutoSave {
			t.Errorf("feed %+v", f)
		}
	}
}

func TestRestoreRefusesWhatIsNotABackup(t *testing.T) {
	dst := openTemp(t)
	_, err := dst.Restore(context.Background(), sample("omnivore.zip"))
	if err == nil || !strings.Contains(err.Error(), "not an Annals backup") {
		t.Fatalf("err = %v", err)
	}
	if n, _ := dst.Count(context.Background()); n != 0 {
		t.Errorf("%d articles", n)
	}
}

func TestAutoBackupKeepsTheLastFew(t *testing.T) {
	ctx := context.Background()
	l := openTemp(t)
	if _, err := l.Import(ctx, sample("karakeep.json")).Wait(); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "backups")
	p, err := l.AutoBackup(ctx, AutoBackupOptions{Dir: dir})
	if err != nil || p == "" {
		t.Fatalf("first AutoBackup = %q, %v", p, err)
	}
	if p, err := l.AutoBackup(ctx, AutoBackupOptions{Dir: dir}); p != "" || err != nil {
		t.Errorf("a backup a week early: %q, %v", p, err)
	}
	for range 4 {
		if p, err := l.AutoBackup(ctx, AutoBackupOptions{Dir: dir, Every: time.Nanosecond, Keep: 2}); p == "" || err != nil {
			t.Fatalf("due backup = %q, %v", p, err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"+BackupExt))
	if len(left) != 2 {
		t.Errorf("%d backups kept, want 2", len(left))
	}
}
