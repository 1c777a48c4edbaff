package store

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func saveTestArticle(t *testing.T, s *Store, url string) int64 {
	t.Helper()
	id, _, err := s.SaveArticle(context.Background(), &Article{URL: url, Title: "t", Text: "نص"})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func unused(t *testing.T, s *Store) []string {
	t.Helper()
	h, err := s.UnusedImageHashes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestSaveImagesReplacesAnArticlesRecords(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	id := saveTestArticle(t, s, "https://example.org/a")
	hashA, hashB := strings.Repeat("a", 64), strings.Repeat("b", 64)
	recs := []ImageRecord{
		{Src: "https://example.org/a.png", Hash: hashA, MIME: "image/png", Size: 10, Width: 3, Height: 2},
		{Src: "https://example.org/b.jpg", Hash: hashB, MIME: "image/jpeg", Size: 20},
		{Src: "https://example.org/gone.png", Error: "The website did not give the image (HTTP 404)."},
	}
	if err := s.SaveImages(ctx, id, recs); err != nil {
		t.Fatal(err)
	}
	got, err := s.Images(ctx, id)
	if err != nil || !reflect.DeepEqual(got, recs) {
		t.Fatalf("Images = %+v, %v; want %+v", got, err, recs)
	}
	r, err := s.ImageBySrc(ctx, id, "https://example.org/gone.png")
	if err != nil || r.Kept() || !strings.Contains(r.Error, "404") {
		t.Errorf("ImageBySrc(gone) = %+v, %v", r, err)
	}
	if _, err := s.ImageBySrc(ctx, id, "https://example.org/other.png"); !errors.Is(err, ErrImageNotFound) {
		t.Errorf("ImageBySrc(unknown) err = %v", err)
	}

	// Re-saving without b.jpg drops its row, and its hash becomes garbage.
	if err := s.SaveImages(ctx, id, recs[:1]); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Images(ctx, id); len(got) != 1 || got[0].Src != recs[0].Src {
		t.Errorf("after replace: %+v", got)
	}
	if u := unused(t, s); !reflect.DeepEqual(u, []string{hashB}) {
		t.Errorf("unused = %v, want [%s]", u, hashB[:8])
	}
	// Used again: no longer garbage.
	if err := s.SaveImages(ctx, id, recs[:2]); err != nil {
		t.Fatal(err)
	}
	if u := unused(t, s); len(u) != 0 {
		t.Errorf("unused = %v after the hash was used again", u)
	}
}

func TestSaveImagesRefusesBadRecords(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	id := saveTestArticle(t, s, "https://example.org/a")
	good := ImageRecord{Src: "https://example.org/a.png", Hash: strings.Repeat("a", 64), MIME: "image/png"}
	if err := s.SaveImages(ctx, id, []ImageRecord{good}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []ImageRecord{
		{Src: "", Hash: strings.Repeat("c", 64)},
		{Src: "x"},
		{Src: "x", Hash: strings.Repeat("c", 64), Error: "both"},
	} {
		if err := s.SaveImages(ctx, id, []ImageRecord{bad}); err == nil {
			t.Errorf("SaveImages(%+v) accepted", bad)
		}
	}
	if got, _ := s.Images(ctx, id); len(got) != 1 {
		t.Errorf("a refused save changed the records: %+v", got)
	}
	if err := s.SaveImages(ctx, 999, []ImageRecord{good}); !errors.Is(err, ErrNotFound) {
		t.Errorf("SaveImages(unknown article) = %v", err)
	}
}

func TestDeletingArticlesReleasesTheirImages(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	a := saveTestArticle(t, s, "https://example.org/a")
	b := saveTestArticle(t, s, "https://example.org/b")
	shared, own := strings.Repeat("1", 64), strings.Repeat("2", 64)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SaveImages(ctx, a, []ImageRecord{
		{Src: "https://example.org/logo.png", Hash: shared, MIME: "image/png"},
		{Src: "https://example.org/a.png", Hash: own, MIME: "image/png"},
	}))
	must(s.SaveImages(ctx, b, []ImageRecord{{Src: "https://cdn.example.org/logo.png", Hash: shared, MIME: "image/png"}}))
	inUse, err := s.ImageHashesInUse(ctx)
	if err != nil || len(inUse) != 2 || !inUse[shared] || !inUse[own] {
		t.Fatalf("in use = %v, %v", inUse, err)
	}

	must(s.Delete(ctx, a))
	if got, _ := s.Images(ctx, a); len(got) != 0 {
		t.Errorf("the deleted article's records remain: %+v", got)
	}
	if u := unused(t, s); !reflect.DeepEqual(u, []string{own}) {
		t.Errorf("unused after deleting a = %v, want only its own image", u)
	}
	must(s.Delete(ctx, b))
	if u := unused(t, s); !reflect.DeepEqual(u, []string{shared, own}) {
		t.Errorf("unused after deleting both = %v", u)
	}
	must(s.ForgetImageHashes(ctx, []string{shared, own}))
	if u := unused(t, s); len(u) != 0 {
		t.Errorf("unused after forgetting = %v", u)
	}
}

// SaveImagesOfArticles records several articles' images at once, each as
// SaveImages would; an unknown article fails it whole, nothing recorded.
func TestSaveImagesOfArticlesRecordsEachOrNone(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	a := saveTestArticle(t, s, "https://e.com/a")
	b := saveTestArticle(t, s, "https://e.com/b")
	if err := s.SaveImages(ctx, b, []ImageRecord{{Src: "https://e.com/old.png", Error: "gone"}}); err != nil {
		t.Fatal(err)
	}
	err := s.SaveImagesOfArticles(ctx, []ArticleImages{
		{ArticleID: a, Records: []ImageRecord{{Src: "https://e.com/1.png", Hash: "h1", MIME: "image/png", Size: 10}}},
		{ArticleID: b, Records: []ImageRecord{{Src: "https://e.com/2.png", Error: "404"}, {Src: "https://e.com/3.png", Hash: "h1", MIME: "image/png", Size: 10}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64][]string{a: {"https://e.com/1.png"}, b: {"https://e.com/2.png", "https://e.com/3.png"}} {
		recs, err := s.Images(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range recs {
			got = append(got, r.Src)
		}
		if !slices.Equal(got, want) {
			t.Errorf("article %d: images %v, want %v (the old record replaced)", id, got, want)
		}
	}
	err = s.SaveImagesOfArticles(ctx, []ArticleImages{
		{ArticleID: a, Records: []ImageRecord{{Src: "https://e.com/4.png", Error: "timeout"}}},
		{ArticleID: 9999, Records: []ImageRecord{{Src: "https://e.com/5.png", Error: "timeout"}}},
	})
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown article among them: %v, want ErrNotFound", err)
	}
	if recs, _ := s.Images(ctx, a); len(recs) != 1 || recs[0].Src != "https://e.com/1.png" {
		t.Errorf("after the failed call article %d has %+v, want its records untouched", a, recs)
	}
}
