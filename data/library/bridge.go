package library

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"annals/data/bridge"
	"annals/data/capture"

	log "github.com/sirupsen/logrus"
)

// The browser button's endpoint, as the GUI and CLI see it (they never
// import data/bridge).
type (
	BridgeServer  = bridge.Server
	Pairing       = bridge.Pairing
	PairedBrowser = bridge.Browser
	PageFromTab   = bridge.SaveRequest
	PageSaved     = bridge.SaveResult
)

// BridgeOptions configure StartBridge.
type BridgeOptions struct {
	// OnPair is called when an extension asks to pair (from the server's
	// goroutine; it must not block).
	OnPair  func(Pairing)
	Version string
	Ports   []int // nil: bridge.DefaultPort, then its fallbacks
}

// StartBridge opens the loopback endpoint the "Save to Annals" browser
// button sends pages to. Paired browsers and the port in use are kept in
// the library's data folder.
func (l *Library) StartBridge(opts BridgeOptions) (*BridgeServer, error) {
	return bridge.Start(bridge.Options{
		Dir: filepath.Dir(l.DBPath()), Saver: l, Logger: l.log, Ports: opts.Ports,
		OnPair: opts.OnPair, Version: opts.Version,
	})
}

// bridgeError is a capture failure told to the extension in the reader's
// words.
type bridgeError struct{ error }

func (e bridgeError) UserMessage() string { return e.Error() }
func (e bridgeError) Unwrap() error       { return e.error }

// SavePage keeps a page as the browser rendered it. The HTML is what the
// reader saw (after logins, scripts, cookie banners), so it goes through
// the capture pipeline as it is and the URL is never fetched again; the
// images are fetched by the after-save steps as for any page. A URL saved
// before is updated in place: same article, highlights kept (and moved to
// where their quotes now are). A selection, when there is one and the
// article holds it, becomes a highlight.
func (l *Library) SavePage(ctx context.Context, p PageFromTab) (PageSaved, error) {
	start := time.Now()
	u, err := url.Parse(p.URL)
	if err != nil || !IsWebLink(p.URL) {
		return PageSaved{}, bridgeError{fmt.Errorf("%q is not a web page's address", p.URL)}
	}
	// The browser's DOM is already Unicode and JSON carried it as UTF-8:
	// the charset here wins over the page's own <meta charset>.
	doc, err := capture.Parse(l.captureCtx(ctx), []byte(p.HTML), "text/html; charset=utf-8", u)
	if err != nil {
		var ce *capture.Error
		if errors.As(err, &ce) && ce.Kind != capture.KindInternal {
			return PageSaved{}, bridgeError{err}
		}
		return PageSaved{}, err
	}
	if doc.Title == "" {
		doc.Title = strings.TrimSpace(p.Title)
	}
	a := articleFrom(doc)
	id, created, err := l.store.SaveArticle(ctx, a)
	if err != nil {
		return PageSaved{}, fmt.Errorf("could not save %q to the library: %w", doc.Title, err)
	}
	l.runAfterSave(ctx, id, doc)
	if sel := strings.TrimSpace(p.Selection); sel != "" {
		l.highlightSelection(ctx, id, doc.Text, sel)
	}
	l.log.WithFields(log.Fields{"id": id, "new": created, "title": doc.Title, "from": "browser", "took": time.Since(start).Round(time.Millisecond)}).Info("saved")
	l.changed()
	return PageSaved{ID: id, Existed: !created, Title: doc.Title}, nil
}

// highlightSelection keeps what the reader selected before saving as a
// highlight, unless the article does not hold it word for word or it is
// already highlighted.
func (l *Library) highlightSelection(ctx context.Context, id int64, text, sel string) {
	i := strings.Index(text, sel)
	if i < 0 {
		return
	}
	hs, err := l.store.Highlights(ctx, id)
	if err != nil {
		return
	}
	for _, h := range hs {
		if h.Quote == sel {
			return
		}
	}
	if _, err := l.store.AddHighlight(ctx, Highlight{ArticleID: id, Start: i, End: i + len(sel), Quote: sel}); err != nil {
		l.log.WithError(err).WithField("id", id).Warn("keep the selection as a highlight")
	}
}
