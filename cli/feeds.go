package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"annals/data/library"
)

// Feeds: feeds, subscribe, unsubscribe, refresh.

func checkFeedArgs(cmd string, rest []string) error {
	switch cmd {
	case "feeds", "refresh":
		if len(rest) != 0 {
			return userErrorf("%s takes no arguments", cmd)
		}
	case "subscribe":
		if len(rest) != 1 {
			return userErrorf("subscribe needs one feed address (or a page that links its feed, or an .opml file)")
		}
	case "unsubscribe":
		if len(rest) != 1 {
			return userErrorf("unsubscribe needs exactly one feed id")
		}
		if _, err := strconv.ParseInt(rest[0], 10, 64); err != nil {
			return userErrorf("%q is not a feed id (a number, see 'annals feeds')", rest[0])
		}
	}
	return nil
}

type feedJSON struct {
	ID          int64  `json:"id"`
	URL         string `json:"url"`
	Title       string `json:"title"`
	SiteURL     string `json:"site_url,omitempty"`
	AutoSave    bool   `json:"auto_save"`
	Items       int    `json:"items"`
	Unsaved     int    `json:"unsaved"`
	Unseen      int    `json:"unseen"`
	LastChecked string `json:"last_checked,omitempty"`
	LastError   string `json:"last_error,omitempty"`
}

func toFeedJSON(f library.Feed) feedJSON {
	return feedJSON{ID: f.ID, URL: f.URL, Title: f.Title, SiteURL: f.SiteURL, AutoSave: f.AutoSave, Items: f.Items,
		Unsaved: f.Unsaved, Unseen: f.Unseen, LastChecked: fmtDate(f.LastChecked), LastError: f.LastError}
}

func feedsCmd(ctx context.Context, lib *library.Library, cmd string, rest []string, auto bool, out *printer, stderr io.Writer) error {
	switch cmd {
	case "feeds":
		fs, err := lib.Feeds(ctx)
		if err != nil {
			return err
		}
		js := []feedJSON{}
		for _, f := range fs {
			js = append(js, toFeedJSON(f))
		}
		return out.emit(js, func(w io.Writer) {
			for _, f := range fs {
				mode := "list"
				if f.AutoSave {
					mode = "auto"
				}
				fmt.Fprintf(w, "%d\t%s\t%d unsaved\t%s\t%s\n", f.ID, mode, f.Unsaved, f.Title, f.URL)
				if f.LastError != "" {
					fmt.Fprintf(w, "\t%s\n", f.LastError)
				}
			}
		})
	case "subscribe":
		if strings.HasSuffix(strings.ToLower(rest[0]), ".opml") && !strings.Contains(rest[0], "://") {
			res, err := lib.ImportOPML(ctx, rest[0])
			if err != nil {
				return userErrorf("%s", oneLine(err))
			}
			return out.emit(map[string]int{"added": res.Added, "existing": res.Existing}, func(w io.Writer) {
				fmt.Fprintf(w, "%d feeds added, %d already followed; 'annals refresh' fetches them\n", res.Added, res.Existing)
			})
		}
		f, err := lib.Subscribe(ctx, rest[0], auto)
		if err != nil {
			return userErrorf("%s", oneLine(err))
		}
		ctx, stop := interruptible(ctx)
		defer stop()
		job := lib.RefreshFeeds(ctx, f.ID)
		res, err := job.Wait()
		st, _ := library.FeedRefreshStats(job)
		reportFailures(res.Failed, stderr)
		if err != nil {
			return err
		}
		if f2, gerr := feedByID(ctx, lib, f.ID); gerr == nil {
			f = f2
		}
		return out.emit(map[string]any{"feed": toFeedJSON(f), "new_items": st.NewItems, "saved": st.Saved}, func(w io.Writer) {
			fmt.Fprintf(w, "%d\t%s\n\t%d items, %d saved\n", f.ID, f.Title, st.NewItems, st.Saved)
		})
	case "unsubscribe":
		id, _ := strconv.ParseInt(rest[0], 10, 64)
		if err := lib.Unsubscribe(ctx, id); err != nil {
			if errors.Is(err, library.ErrFeedNotFound) {
				return userErrorf("no feed with id %d", id)
			}
			return err
		}
		return out.emit(map[string]int64{"unsubscribed": id}, func(w io.Writer) { fmt.Fprintf(w, "unsubscribed %d\n", id) })
	case "refresh":
		ctx, stop := interruptible(ctx)
		defer stop()
		job := lib.RefreshFeeds(ctx)
		res, err := job.Wait()
		st, _ := library.FeedRefreshStats(job)
		reportFailures(res.Failed, stderr)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return userErrorf("refresh stopped; what was saved stays")
			}
			return err
		}
		return out.emit(map[string]any{"feeds": st.Feeds, "not_modified": st.NotModified, "new_items": st.NewItems,
			"saved": st.Saved, "failed": failuresJSON(res.Failed)}, func(w io.Writer) {
			fmt.Fprintf(w, "%d feeds checked (%d unchanged), %d new items, %d saved, %d failed\n",
				st.Feeds, st.NotModified, st.NewItems, st.Saved, len(res.Failed))
		})
	}
	return nil
}

func reportFailures(fs []library.Failure, stderr io.Writer) {
	for _, f := range fs {
		fmt.Fprintf(stderr, "annals: %s: %s\n", f.Item, oneLine(f.Err))
	}
}

func feedByID(ctx context.Context, lib *library.Library, id int64) (library.Feed, error) {
	fs, err := lib.Feeds(ctx)
	if err != nil {
		return library.Feed{}, err
	}
	for _, f := range fs {
		if f.ID == id {
			return f, nil
		}
	}
	return library.Feed{}, library.ErrFeedNotFound
}
