package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// Issue 15, item 5: a library saved before only web links were stored may
// hold javascript:, data: or other addresses. Migration 013 clears them
// (keeping each article, its text and tags) and leaves http(s) and a
// saved page's file:/// address alone. The library is a real SQLite file
// built as schema 12 left it, with the bad rows written in SQL the way an
// older Annals would have stored them.
func TestMigration013ClearsAddressesThatAreNotWebLinks(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	const before = 12
	if len(migrations) <= before || migrations[before].name[:4] != "013_" {
		t.Fatalf("the migration after schema %d is not 013 (%d migrations)", before, len(migrations))
	}
	openAtVersion(t, path, before) // one good article: https://old.example/a
	db, err := sql.Open(driverName, "file:"+path+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		key, url, canonical, lead, status string
	}
	rows := []row{
		{"js", "javascript:alert(document.cookie)", "javascript:alert(2)", "javascript:alert(3)", "ready"},
		{"js-upper", "  JavaScript:alert(1)", "", "", "ready"},
		{"data", "data:text/html,<script>alert(1)</script>", "https://ok.example/canon", "data:image/png;base64,AAAA", "ready"},
		{"vbscript-pending", "vbscript:msgbox(1)", "", "", "pending"},
		{"file-page", "file:///home/user/saved/page.html", "file:///etc/passwd", "file:///home/user/saved/page_files/a.png", "ready"},
		{"http-upper", "HTTP://Upper.example/x", "HTTPS://upper.example/canon", "https://upper.example/i.png", "pending"},
	}
	for _, r := range rows {
		if _, err := db.Exec(`INSERT INTO articles (url_key, url, canonical_url, lead_image, title, text, status, saved, updated)
			VALUES (?, ?, ?, ?, ?, 'body text of '||?, ?, '2024-02-01T00:00:00Z', '2024-02-01T00:00:00Z')`,
			r.key, r.url, r.canonical, r.lead, "title "+r.key, r.key, r.status); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`INSERT INTO feeds (url, title, site_url, added) VALUES
		('https://feed.example/rss', 'bad site', 'javascript:alert(4)', '2024-01-01T00:00:00Z'),
		('https://good.example/rss', 'good site', 'https://good.example/', '2024-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO feed_items (feed_id, guid, url, title, added) VALUES
		(1, 'g1', 'javascript:alert(5)', 'bad item', '2024-01-01T00:00:00Z'),
		(1, 'g2', 'https://feed.example/item', 'good item', '2024-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	if v, _ := s.Version(ctx); v < before+1 {
		t.Fatalf("schema %d after opening, want at least %d", v, before+1)
	}
	if n, _ := s.Count(ctx); n != 1+len(rows) {
		t.Fatalf("%d articles after the migration, want all %d kept", n, 1+len(rows))
	}
	want := map[string]row{
		"http://old.example/a": {url: "https://old.example/a", status: "ready"},
		"js":                   {url: "", canonical: "", lead: "", status: "ready"},
		"js-upper":             {url: "", status: "ready"},
		"data":                 {url: "", canonical: "https://ok.example/canon", lead: "", status: "ready"},
		"vbscript-pending":     {url: "", status: "failed"},
		"file-page":            {url: "file:///home/user/saved/page.html", canonical: "", lead: "file:///home/user/saved/page_files/a.png", status: "ready"},
		"http-upper":           {url: "HTTP://Upper.example/x", canonical: "HTTPS://upper.example/canon", lead: "https://upper.example/i.png", status: "pending"},
	}
	got, err := s.db.QueryContext(ctx, `SELECT url_key, url, canonical_url, lead_image, status, title, annals_text(text), error FROM articles`)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	for got.Next() {
		var r row
		var title, text, reason string
		if err := got.Scan(&r.key, &r.url, &r.canonical, &r.lead, &r.status, &title, &text, &reason); err != nil {
			t.Fatal(err)
		}
		w, ok := want[r.key]
		if !ok {
			t.Errorf("unexpected article %q", r.key)
			continue
		}
		w.key = r.key
		if r != w {
			t.Errorf("after the migration\n got %+v\nwant %+v", r, w)
		}
		if r.key != "http://old.example/a" && (title != "title "+r.key || text != "body text of "+r.key) {
			t.Errorf("%s lost its title or text: %q, %q", r.key, title, text)
		}
		if r.status == "failed" && reason == "" {
			t.Errorf("%s was marked failed without a reason", r.key)
		}
	}
	// The article whose address was cleared is still found by its words.
	if hits, err := s.Search(ctx, "vbscript", 10); err != nil || len(hits) != 1 {
		t.Errorf("search for the cleared article: %v, %v", hits, err)
	}
	var site string
	s.db.QueryRowContext(ctx, `SELECT site_url FROM feeds WHERE url = 'https://feed.example/rss'`).Scan(&site)
	var goodSite string
	s.db.QueryRowContext(ctx, `SELECT site_url FROM feeds WHERE url = 'https://good.example/rss'`).Scan(&goodSite)
	if site != "" || goodSite != "https://good.example/" {
		t.Errorf("feeds' site links after the migration: %q and %q", site, goodSite)
	}
	var bad, good string
	s.db.QueryRowContext(ctx, `SELECT url FROM feed_items WHERE guid = 'g1'`).Scan(&bad)
	s.db.QueryRowContext(ctx, `SELECT url FROM feed_items WHERE guid = 'g2'`).Scan(&good)
	if bad != "" || good != "https://feed.example/item" {
		t.Errorf("feed items' links after the migration: %q and %q", bad, good)
	}
}
