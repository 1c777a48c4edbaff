package library

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"annals/data/capture"
	"annals/data/images"
	"annals/data/store"

	log "github.com/sirupsen/logrus"
)

// Offline images: after an article is saved its images are downloaded (or
// copied out of a saved page's "_files" folder) into ImagesDirName beside the
// database, and recorded per article under the URL its blocks use. The
// reader asks Image for them and never touches the network.

// ImagesDirName is the image folder's name beside the database.
const ImagesDirName = "images"

// StageImages: a job is downloading an article's images. Done and Total
// count images.
const StageImages Stage = "images"

// ImageRecord is what became of one image of an article.
type ImageRecord = store.ImageRecord

// ErrImageUnavailable matches (errors.Is) every error Image returns: the
// reader shows a neutral placeholder for the image, never an error dialog.
var ErrImageUnavailable = errors.New("image not available offline")

// ImageUnavailableError says why an image cannot be shown.
type ImageUnavailableError struct {
	Src    string
	Reason string // one sentence for the reader (a tooltip on the placeholder)
	Err    error  // the cause, may be nil
}

func (e *ImageUnavailableError) Error() string { return e.Reason }

// Is makes errors.Is(err, ErrImageUnavailable) true.
func (e *ImageUnavailableError) Is(target error) bool { return target == ErrImageUnavailable }

func (e *ImageUnavailableError) Unwrap() error { return e.Err }

// gcGrace spares, when sweeping, image files no record knows that are newer
// than this: another Annals process may be about to record them.
const gcGrace = time.Hour

// imageState is shared by every Library open on the same image folder.
type imageState struct {
	// gc is held for reading while images are downloaded and recorded, and
	// for writing by CollectGarbage, so a file is never removed between
	// being stored and being recorded.
	gc sync.RWMutex

	mu   sync.Mutex
	opts images.Options
}

var imageStates sync.Map // image folder path → *imageState

// keepSavedImages is the after-save step that downloads a saved article's
// images for reading offline.
func keepSavedImages(l *Library, ctx context.Context, id int64, doc *capture.Document) error {
	srcs := imageSources(doc.LeadImage, doc.Images, doc.Blocks)
	_, err := l.keepImages(ctx, id, doc.URL, srcs, nil)
	return err
}

// ImagesDir is the folder holding the library's images.
func (l *Library) ImagesDir() string {
	return filepath.Join(filepath.Dir(l.DBPath()), ImagesDirName)
}

func (l *Library) imageState() *imageState {
	v, _ := imageStates.LoadOrStore(l.ImagesDir(), &imageState{})
	return v.(*imageState)
}

// SetImageOptions changes the limits used to download images (zero fields
// take the images package's defaults: 10 MB, 100 per article, 10 s each, 4
// at once). Without a Client, the Fetcher's is used. It applies to every
// Library open on the same folder.
func (l *Library) SetImageOptions(opts ImageOptions) {
	st := l.imageState()
	st.mu.Lock()
	defer st.mu.Unlock()
	st.opts = opts
}

func (l *Library) imageFolder() *images.Folder {
	st := l.imageState()
	st.mu.Lock()
	opts := st.opts
	st.mu.Unlock()
	if opts.Client == nil {
		opts.Client = l.fetcher.Client
	}
	if opts.UserAgent == "" {
		opts.UserAgent = l.fetcher.UserAgent
	}
	if opts.Log == nil {
		opts.Log = l.log
	}
	return images.NewFolder(l.ImagesDir(), opts)
}

// imageSources lists an article's image URLs once each: the lead image
// first (it is the article's thumbnail), then the body's in reading order.
func imageSources(lead string, body []string, blocks []capture.Block) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	add(lead)
	for _, s := range body {
		add(s)
	}
	for _, b := range blocks {
		if b.Kind == capture.BlockImage {
			add(b.Src)
		}
	}
	return out
}

// imageSummary counts what keepImages did.
type imageSummary struct {
	Kept   int
	Failed []Failure // one per image not kept, Item is its URL
}

// keepImages downloads the article's images that are not stored yet and
// records all of them (replacing the article's records). page is the
// article's URL: the Referer, and for a saved page what allows file:// images.
// Images already stored whose file is still there are not downloaded again.
// When ctx is canceled, what finished is still recorded.
func (l *Library) keepImages(ctx context.Context, id int64, page string, srcs []string, progress func(done, total int)) (imageSummary, error) {
	st := l.imageState()
	st.gc.RLock()
	defer st.gc.RUnlock()
	f, err := l.fetchImages(ctx, id, page, srcs, progress)
	if err != nil || f.nothing {
		return f.sum, err
	}
	return f.sum, l.recordImages(ctx, []fetchedImages{f})
}

// keepBatchImages is keepSavedImages for the pages of one batch a bulk save
// stored: each page's images are fetched as keepImages fetches them, one
// page after the other, and their records are written in one transaction,
// not one a page that waited for the write lock behind the writer's next
// batch (issue 19). If that transaction fails (an article deleted
// meanwhile), each page's records are written on their own.
func (l *Library) keepBatchImages(ctx context.Context, pages []savedPage) {
	st := l.imageState()
	st.gc.RLock()
	defer st.gc.RUnlock()
	var fs []fetchedImages
	for _, p := range pages {
		srcs := imageSources(p.doc.LeadImage, p.doc.Images, p.doc.Blocks)
		f, err := l.fetchImages(ctx, p.id, p.doc.URL, srcs, nil)
		if err != nil {
			l.log.WithError(err).WithFields(log.Fields{"id": p.id, "step": imagesStep}).Warn("after-save step failed")
			continue
		}
		if !f.nothing {
			fs = append(fs, f)
		}
	}
	if len(fs) == 0 {
		return
	}
	err := l.recordImages(ctx, fs)
	if err == nil {
		return
	}
	if len(fs) == 1 {
		l.log.WithError(err).WithFields(log.Fields{"id": fs[0].id, "step": imagesStep}).Warn("after-save step failed")
		return
	}
	for _, f := range fs {
		if err := l.recordImages(ctx, []fetchedImages{f}); err != nil {
			l.log.WithError(err).WithFields(log.Fields{"id": f.id, "step": imagesStep}).Warn("after-save step failed")
		}
	}
}

// fetchedImages is what fetchImages found for one article, to record.
type fetchedImages struct {
	id      int64
	recs    []ImageRecord
	sum     imageSummary
	images  int       // how many were asked for
	start   time.Time // when fetching began
	nothing bool      // no image now and none recorded before: nothing to record
}

// fetchImages is keepImages without recording: the caller holds the image
// state's gc lock for reading until the records are written.
func (l *Library) fetchImages(ctx context.Context, id int64, page string, srcs []string, progress func(done, total int)) (fetchedImages, error) {
	f := fetchedImages{id: id}
	prev := map[string]ImageRecord{}
	old, err := l.store.Images(ctx, id)
	if err != nil && ctx.Err() == nil {
		return f, err
	}
	for _, r := range old {
		prev[r.Src] = r
	}
	if len(srcs) == 0 && len(old) == 0 {
		// A page without images that had none: nothing to fetch, record
		// or release, and no transaction to spend on it.
		f.nothing = true
		return f, nil
	}
	f.start = time.Now()
	results := l.imageFolder().Fetch(ctx, images.Request{
		Page: page,
		URLs: srcs,
		Stored: func(u string) (images.Result, bool) {
			r, ok := prev[u]
			if !ok || !r.Kept() {
				return images.Result{}, false
			}
			return images.Result{URL: u, Hash: r.Hash, MIME: r.MIME, Size: r.Size, Width: r.Width, Height: r.Height}, true
		},
		Progress: progress,
	})
	f.images = len(results)
	f.recs = make([]ImageRecord, 0, len(results))
	for _, r := range results {
		if r.Err != nil {
			f.recs = append(f.recs, ImageRecord{Src: r.URL, Error: r.Err.Error()})
			f.sum.Failed = append(f.sum.Failed, Failure{Item: r.URL, Err: r.Err})
			continue
		}
		f.recs = append(f.recs, ImageRecord{Src: r.URL, Hash: r.Hash, MIME: r.MIME, Size: r.Size, Width: r.Width, Height: r.Height})
		f.sum.Kept++
	}
	return f, nil
}

// recordImages writes the records fetchImages made, of one article or of
// several in one transaction, and logs each article's.
func (l *Library) recordImages(ctx context.Context, fs []fetchedImages) error {
	wctx := ctx
	if ctx.Err() != nil {
		// Canceled: still record what was stored, or it would be swept.
		var cancel context.CancelFunc
		wctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
	}
	arts := make([]store.ArticleImages, len(fs))
	for i, f := range fs {
		arts[i] = store.ArticleImages{ArticleID: f.id, Records: f.recs}
	}
	if err := l.store.SaveImagesOfArticles(wctx, arts); err != nil {
		if len(fs) == 1 {
			return fmt.Errorf("could not record the images of article %d: %w", fs[0].id, err)
		}
		return fmt.Errorf("could not record the images of %d articles: %w", len(fs), err)
	}
	for _, f := range fs {
		entry := l.log.WithFields(log.Fields{"id": f.id, "images": f.images, "kept": f.sum.Kept,
			"failed": len(f.sum.Failed), "took": time.Since(f.start).Round(time.Millisecond)})
		if len(f.sum.Failed) > 0 {
			entry = entry.WithField("first_error", f.sum.Failed[0].Err.Error())
		}
		entry.Info("images kept")
	}
	return nil
}

// Image returns a stored image of an article: src is the URL as the
// article's blocks (or lead image) give it. It reads only the disk. Every
// error it returns is an *ImageUnavailableError (errors.Is
// ErrImageUnavailable): not downloaded, failed, or its file gone; show a
// neutral placeholder.
func (l *Library) Image(ctx context.Context, articleID int64, src string) (data []byte, mime string, err error) {
	rec, err := l.store.ImageBySrc(ctx, articleID, src)
	switch {
	case errors.Is(err, store.ErrImageNotFound):
		return nil, "", &ImageUnavailableError{Src: src, Reason: "This image was not downloaded.", Err: err}
	case err != nil:
		return nil, "", &ImageUnavailableError{Src: src, Reason: "Annals could not look this image up.", Err: err}
	case !rec.Kept():
		return nil, "", &ImageUnavailableError{Src: src, Reason: rec.Error}
	}
	data, err = l.imageFolder().Read(rec.Hash, rec.MIME)
	if err != nil {
		l.log.WithError(err).WithFields(log.Fields{"id": articleID, "src": src}).Warn("stored image unreadable")
		reason := "The image file could not be read."
		if errors.Is(err, images.ErrMissing) {
			reason = "The image file is missing from the library folder."
		}
		return nil, "", &ImageUnavailableError{Src: src, Reason: reason, Err: err}
	}
	return data, rec.MIME, nil
}

// Images lists the image records of an article (kept or not), by src.
func (l *Library) Images(ctx context.Context, articleID int64) ([]ImageRecord, error) {
	return l.store.Images(ctx, articleID)
}

// RefetchImages downloads again the images of an article that are not on
// disk (failed, missing, or never tried), keeping those that are. Progress
// counts images; Result.Failed lists the images still not kept (the job
// itself succeeds). The library signals a change when it is done.
func (l *Library) RefetchImages(ctx context.Context, id int64) *Job {
	return l.startJob(ctx, func(ctx context.Context, report func(Progress)) (Result, error) {
		a, err := l.store.Get(ctx, id)
		if err != nil {
			return Result{}, err
		}
		srcs := imageSources(a.LeadImage, nil, a.Blocks)
		report(Progress{Stage: StageImages, Item: a.URL, Total: len(srcs)})
		sum, err := l.keepImages(ctx, id, a.URL, srcs, func(done, total int) {
			report(Progress{Stage: StageImages, Item: a.URL, Done: done, Total: total})
		})
		if err != nil {
			return Result{}, err
		}
		l.changed()
		res := Result{IDs: []int64{id}, Failed: sum.Failed}
		if err := ctx.Err(); err != nil {
			return res, &capture.Error{Kind: capture.KindCanceled, URL: a.URL, Err: err}
		}
		report(Progress{Stage: StageDone, Item: a.URL, Done: len(srcs), Total: len(srcs)})
		return res, nil
	})
}

// CollectGarbage removes image files no article uses any more: those of
// deleted articles, or dropped when an article was saved again, at once;
// files a crash left unrecorded once they are an hour old. Call it after
// Delete (and at start-up). It returns how many files it removed.
func (l *Library) CollectGarbage(ctx context.Context) (int, error) {
	st := l.imageState()
	st.gc.Lock()
	defer st.gc.Unlock()
	released, err := l.store.UnusedImageHashes(ctx)
	if err != nil {
		return 0, err
	}
	inUse, err := l.store.ImageHashesInUse(ctx)
	if err != nil {
		return 0, err
	}
	rel := make(map[string]bool, len(released))
	for _, h := range released {
		rel[h] = true
	}
	removed, err := l.imageFolder().Collect(ctx, func(h string) bool { return inUse[h] }, rel, gcGrace)
	forget := released
	if err != nil {
		forget = removed // the others stay listed for the next run
	}
	if ferr := l.store.ForgetImageHashes(ctx, forget); ferr != nil && err == nil {
		err = ferr
	}
	switch {
	case err != nil:
		l.log.WithError(err).WithField("removed", len(removed)).Warn("image garbage collection incomplete")
	case len(removed) > 0:
		l.log.WithField("removed", len(removed)).Info("image garbage collected")
	}
	return len(removed), err
}
