package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"annals/data/library"
)

// Moving a library in and out: import, export, backup, restore.

func checkTransferArgs(cmd string, rest []string, format string) error {
	switch cmd {
	case "import":
		if len(rest) != 1 {
			return userErrorf("import needs one export file (Pocket, Instapaper, wallabag, Omnivore, Readwise Reader, Karakeep or browser bookmarks)")
		}
		if format != "" && format != "auto" && !slices.Contains(library.ImportFormats(), format) {
			return userErrorf("unknown import format %q (known: auto, %s)", format, strings.Join(library.ImportFormats(), ", "))
		}
	case "export":
		if len(rest) != 1 {
			return userErrorf("export needs one output: a folder for markdown, a file for csv, netscape or epub")
		}
		if !slices.Contains(library.ExportFormats(), format) && timelineFormats[format] == "" {
			return userErrorf("export needs --format %s|%s", strings.Join(library.ExportFormats(), "|"), strings.Join(slices.Sorted(maps.Keys(timelineFormats)), "|"))
		}
	case "backup":
		if len(rest) != 1 {
			return userErrorf("backup needs the file to write (NAME%s) or a folder", library.BackupExt)
		}
	case "restore":
		if len(rest) != 1 {
			return userErrorf("restore needs one %s backup file", library.BackupExt)
		}
	}
	return nil
}

// interruptible stops ctx on Ctrl+C, so an import leaves what it has not
// fetched pending instead of dying mid-write.
func interruptible(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, os.Interrupt)
}

// thousands writes 5000 as "5,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// FetchLimits is what import uses to fetch the pages; tests lower it.
var FetchLimits = library.DefaultFetchLimits

func importCmd(ctx context.Context, lib *library.Library, file, format string, out *printer, stderr io.Writer) error {
	ctx, stop := interruptible(ctx)
	defer stop()
	if format == "" {
		format = "auto"
	}
	job := lib.ImportFormat(ctx, file, format)
	if _, err := job.Wait(); err != nil {
		if errors.Is(err, context.Canceled) {
			// The import saves in batches: those saved before the stop stay.
			st, _ := library.ImportStats(job)
			return userErrorf("import stopped; %s items were imported, the others were not", thousands(st.Items))
		}
		return userErrorf("%s", oneLine(err))
	}
	st, _ := library.ImportStats(job)
	fmt.Fprintf(stderr, "%s: %s items, %s new, %s already there or repeated, %s with their page, %s to fetch\n",
		st.Format, thousands(st.Items), thousands(st.Created), thousands(st.Merged), thousands(st.Ready), thousands(st.Pending))

	q0, err := lib.FetchQueue(ctx)
	if err != nil {
		return err
	}
	fjob := lib.FetchPendingWith(ctx, FetchLimits)
	var last time.Time
	line := func(p library.Progress, final bool) {
		if !final && time.Since(last) < 200*time.Millisecond {
			return
		}
		last = time.Now()
		q, err := lib.FetchQueue(context.WithoutCancel(ctx))
		failed := 0
		if err == nil {
			failed = max(q.Failed-q0.Failed, 0)
		}
		fmt.Fprintf(stderr, "\r%s of %s fetched, %s failed", thousands(p.Done-failed), thousands(p.Total), thousands(failed))
	}
	var lastP library.Progress
	for p := range fjob.Progress() {
		lastP = p
		line(p, false)
	}
	res, ferr := fjob.Wait()
	if lastP.Total > 0 {
		lastP.Done = len(res.IDs) + len(res.Failed)
		line(lastP, true)
		fmt.Fprintln(stderr)
	}
	for _, f := range res.Failed {
		fmt.Fprintf(stderr, "annals: %s: %s\n", f.Item, oneLine(f.Err))
	}
	left := lastP.Total - len(res.IDs) - len(res.Failed)
	perr := out.emit(map[string]any{"format": st.Format, "items": st.Items, "created": st.Created, "merged": st.Merged,
		"ready": st.Ready, "fetched": len(res.IDs), "failed": failuresJSON(res.Failed), "pending": left}, func(w io.Writer) {
		fmt.Fprintf(w, "imported %s articles from %s (%s new); %s pages fetched, %s failed, %s left\n", thousands(st.Created+st.Merged),
			st.Format, thousands(st.Created), thousands(len(res.IDs)), thousands(len(res.Failed)), thousands(left))
	})
	if perr != nil {
		return perr
	}
	if ferr != nil {
		if errors.Is(ferr, context.Canceled) {
			return userErrorf("stopped; the articles are in the library and %s pages are left to fetch: run the same import again (nothing is doubled) or open Annals to fetch them", thousands(left))
		}
		return ferr
	}
	return nil
}

// timelineFormats are the exports of the timeline rather than of the
// articles, by the name the command line gives them.
var timelineFormats = map[string]string{
	"timelinejs":   library.FormatTimelineJS,
	"timeline-csv": library.FormatCSV,
}

func exportCmd(ctx context.Context, lib *library.Library, format, dest string, out *printer) error {
	if f := timelineFormats[format]; f != "" {
		return exportTimelineCmd(ctx, lib, format, f, dest, out)
	}
	n, err := lib.ExportArticles(ctx, format, dest)
	if err != nil {
		return userErrorf("%s", oneLine(err))
	}
	return out.emit(map[string]any{"format": format, "out": dest, "articles": n}, func(w io.Writer) {
		fmt.Fprintf(w, "exported %s articles to %s\n", thousands(n), dest)
	})
}

func backupCmd(ctx context.Context, lib *library.Library, dest string, out *printer) error {
	if fi, err := os.Stat(dest); err == nil && fi.IsDir() {
		dest = filepath.Join(dest, "annals-"+time.Now().Format("2006-01-02-150405")+library.BackupExt)
	} else if err == nil {
		return userErrorf("%s exists already; choose a new name", dest)
	}
	info, err := lib.Backup(ctx, dest)
	if err != nil {
		return err
	}
	return out.emit(map[string]any{"path": info.Path, "articles": info.Articles, "images": info.Images, "bytes": info.Size}, func(w io.Writer) {
		fmt.Fprintf(w, "backed up %s articles and %s images to %s (%s KB)\n", thousands(info.Articles), thousands(info.Images),
			info.Path, thousands(int(info.Size>>10)))
	})
}

func restoreCmd(ctx context.Context, lib *library.Library, file string, out *printer) error {
	if _, err := os.Stat(file); err != nil {
		return userErrorf("cannot read %s: %v", file, errors.Unwrap(err))
	}
	res, err := lib.Restore(ctx, file)
	if err != nil {
		return userErrorf("%s", oneLine(err))
	}
	return out.emit(map[string]any{"new": res.Articles, "merged": res.Merged, "highlights": res.Highlights, "images": res.Images, "feeds": res.Feeds}, func(w io.Writer) {
		fmt.Fprintf(w, "restored %s new articles (%s were there already, merged), %s highlights, %s images, %s feeds\n",
			thousands(res.Articles), thousands(res.Merged), thousands(res.Highlights), thousands(res.Images), thousands(res.Feeds))
	})
}

// exportTimelineCmd writes every event of the library as TimelineJS JSON or
// CSV. The file is written beside its final name and renamed when complete,
// so an interrupted export never leaves half a file under that name.
func exportTimelineCmd(ctx context.Context, lib *library.Library, name, format, dest string, out *printer) error {
	if _, err := os.Stat(dest); err == nil {
		return userErrorf("%s exists already; choose a new name", dest)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".*")
	if err != nil {
		return userErrorf("cannot write %s: %v", dest, errors.Unwrap(err))
	}
	defer os.Remove(tmp.Name())
	cw := &countingWriter{w: tmp}
	if err := lib.ExportTimeline(ctx, library.TimelineFilter{}, format, cw); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return err
	}
	return out.emit(map[string]any{"format": name, "out": dest, "bytes": cw.n}, func(w io.Writer) {
		fmt.Fprintf(w, "exported the timeline to %s (%s KB)\n", dest, thousands(int(cw.n>>10)))
	})
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
