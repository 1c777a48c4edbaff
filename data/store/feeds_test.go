package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestFeedsAddListRemove(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := Feed{URL: "http://example.com/feed.xml", Title: "مدونة", AutoSave: true}
	id, created, err := s.AddFeed(ctx, &f)
	if err != nil || !created || f.ID != id {
		t.Fatalf("AddFeed = %d, %v, %v", id, created, err)
	}
	again := Feed{URL: "http://example.com/feed.xml", Title: "Blog"}
	id2, created, err := s.AddFeed(ctx, &again)
	if err != nil || created || id2 != id {
		t.Fatalf("AddFeed again = %d, %v, %v; want %d, false", id2, created, err, id)
	}
	if err := s.SetFeedAutoSave(ctx, id, false); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	if err := s.SetFeedChecked(ctx, id, when, "", `"v1"`, "Sat, 28 Nov 2026 10:00:00 GMT", "", "http://example.com/"); err != nil {
		t.Fatal(err)
	}
	// A failed check keeps the validators.
	if err := s.SetFeedChecked(ctx, id, when.Add(time.Hour), "The feed could not be reached.", "", "", "", ""); err != nil {
		t.Fatal(err)
	}
	fs, err := s.Feeds(ctx)
	if err != nil || len(fs) != 1 {
		t.Fatalf("Feeds = %v, %v", fs, err)
	}
	got := fs[0]
	if got.Title != "Blog" || got.AutoSave || got.ETag != `"v1"` || got.SiteURL != "http://example.com/" ||
		!got.LastChecked.Equal(when.Add(time.Hour)) || got.LastError == "" || got.Added.IsZero() {
		t.Fatalf("feed = %+v", got)
	}
	if err := s.SetFeedAutoSave(ctx, 999, true); !errors.Is(err, ErrFeedNotFound) {
		t.Fatalf("SetFeedAutoSave(999) = %v", err)
	}
	if err := s.RemoveFeed(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveFeed(ctx, id); !errors.Is(err, ErrFeedNotFound) {
		t.Fatalf("RemoveFeed twice = %v", err)
	}
}

func TestFeedItemsUpsertSaveCascade(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := Feed{URL: "http://example.com/feed.xml"}
	if _, _, err := s.AddFeed(ctx, &f); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	items := []FeedItem{
		{GUID: "a", URL: "http://example.com/a", Title: "A", Published: day},
		{GUID: "b", URL: "http://example.com/b", Title: "ب", Published: day.Add(24 * time.Hour)},
		{URL: "http://example.com/c", Title: "C"}, // no GUID: keyed by URL
		{GUID: "a", Title: "A repeated in the same feed"},
		{}, // nothing to key it by: skipped
	}
	fresh, err := s.UpsertFeedItems(ctx, f.ID, items)
	if err != nil || len(fresh) != 3 {
		t.Fatalf("first upsert = %d new, %v; want 3", len(fresh), err)
	}
	if fresh[2].GUID != "http://example.com/c" || fresh[0].ID == 0 || fresh[0].FeedID != f.ID {
		t.Fatalf("fresh = %+v", fresh)
	}
	items[0].Title = "A (edited)"
	items = append(items, FeedItem{GUID: "d", URL: "http://example.com/d", Title: "D"})
	fresh, err = s.UpsertFeedItems(ctx, f.ID, items)
	if err != nil || len(fresh) != 1 || fresh[0].GUID != "d" {
		t.Fatalf("second upsert = %+v, %v; want only d", fresh, err)
	}
	all, err := s.FeedItems(ctx, f.ID, false)
	if err != nil || len(all) != 4 {
		t.Fatalf("FeedItems = %d, %v", len(all), err)
	}
	edited := false
	for _, it := range all {
		edited = edited || it.Title == "A (edited)"
	}
	if !edited {
		t.Fatalf("item A not updated: %+v", all)
	}
	// Save b as an article.
	aid, _, err := s.SaveArticle(ctx, &Article{URL: "http://example.com/b", Title: "ب"})
	if err != nil {
		t.Fatal(err)
	}
	var b FeedItem
	for _, it := range all {
		if it.GUID == "b" {
			b = it
		}
	}
	if err := s.MarkFeedItemSaved(ctx, b.ID, aid); err != nil {
		t.Fatal(err)
	}
	unsaved, _ := s.FeedItems(ctx, f.ID, true)
	if len(unsaved) != 3 {
		t.Fatalf("unsaved = %d, want 3", len(unsaved))
	}
	got, err := s.FeedItem(ctx, b.ID)
	if err != nil || got.ArticleID != aid || !got.Seen {
		t.Fatalf("FeedItem = %+v, %v", got, err)
	}
	fd, _ := s.Feed(ctx, f.ID)
	if fd.Items != 4 || fd.Unsaved != 3 || fd.Unseen != 3 {
		t.Fatalf("counts = %d items, %d unsaved, %d unseen", fd.Items, fd.Unsaved, fd.Unseen)
	}
	// Deleting the article makes the item unsaved again.
	if err := s.Delete(ctx, aid); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FeedItem(ctx, b.ID); got.ArticleID != 0 {
		t.Fatalf("article_id after delete = %d", got.ArticleID)
	}
	if err := s.MarkFeedItemsSeen(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if fd, _ := s.Feed(ctx, f.ID); fd.Unseen != 0 || fd.Unsaved != 4 {
		t.Fatalf("after MarkFeedItemsSeen: %d unseen, %d unsaved", fd.Unseen, fd.Unsaved)
	}
	// Unsubscribing removes the items.
	if err := s.RemoveFeed(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if left, _ := s.FeedItems(ctx, 0, false); len(left) != 0 {
		t.Fatalf("items left after RemoveFeed: %d", len(left))
	}
	if _, err := s.UpsertFeedItems(ctx, f.ID, items); !errors.Is(err, ErrFeedNotFound) {
		t.Fatalf("upsert into removed feed = %v", err)
	}
}
