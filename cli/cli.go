// Package cli runs Annals' sub-commands (add, list, show, search, delete,
// analyze, timeline, entities, highlights, import, export, backup, restore,
// feeds, serve) against the same library facade the GUI uses. No window
// opens.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"annals/data/capture"
	"annals/data/library"
	"annals/internal/buildinfo"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitUser     = 1 // bad arguments, a dead link, an unknown id: one-line message
	ExitInternal = 2 // the library could not be opened or written
)

// Commands lists the sub-command names, so main can tell a command from
// something to open in the GUI.
var Commands = []string{"add", "list", "show", "search", "delete", "analyze", "timeline", "entities", "highlights",
	"import", "export", "backup", "restore", "feeds", "subscribe", "unsubscribe", "refresh", "serve"}

// IsCommand reports whether name is a sub-command.
func IsCommand(name string) bool {
	for _, c := range Commands {
		if c == name {
			return true
		}
	}
	return false
}

// Version is the build's version. The build stamps it into
// internal/buildinfo (a leaf the GUI can import too); this copy keeps the
// CLI's and main's callers unchanged.
var Version = buildinfo.Version

// Usage is the help text.
const Usage = `Usage: annals [--db PATH] [--verbose] [--version] [command]

Without a command, the Annals window opens.

Commands:
  add URL|FILE...        save links or saved .html pages
  list [--json]          list saved articles, newest first
  show ID [--json]       print one article
  search QUERY [--json]  search titles and text (Arabic and English)
  delete ID              delete an article
  analyze FILE|ID [--json]
                         find dated events and entities: a saved article by id
                         (the result is stored again), or a page on disk (read
                         only, nothing is saved)
  timeline [--json]      the events of every saved article, by date
  entities [--json]      the people, organisations, products and places
                         mentioned, most mentioned first
  highlights [ID] [--json]
                         highlights and notes: of one article in text order,
                         or of every article, newest first
  import FILE [--format auto|pocket|…]
                         bring in another app's export (Pocket, Instapaper,
                         wallabag, Omnivore, Readwise Reader, Karakeep,
                         bookmarks), then fetch the pages; Ctrl+C leaves the
                         rest for later
  export --format markdown|csv|netscape|epub OUT
                         write every article out (markdown: a folder)
  export --format timelinejs|timeline-csv OUT
                         write every event of the timeline (TimelineJS
                         JSON, or CSV for a spreadsheet)
  backup OUT             the whole library in one .annals file
  restore FILE           merge a .annals backup into the library
  feeds [--json]         the feeds subscribed to (RSS, Atom, JSON Feed)
  subscribe URL|FILE.opml [--auto]
                         follow a feed (or a page that links one), or every
                         feed of an OPML file; --auto saves new items
                         instead of listing them
  unsubscribe ID         stop following a feed (its saved articles stay)
  refresh                check every feed now and save what is new
  serve                  no window: take pages from the "Save to Annals"
                         browser button on 127.0.0.1 until Ctrl+C; to pair a
                         browser, type the code it shows
`

type userError struct{ msg string }

func (e userError) Error() string { return e.msg }

func userErrorf(format string, a ...any) error { return userError{fmt.Sprintf(format, a...)} }

// Run executes one command. open is called only once arguments are valid.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, open func() (*library.Library, error)) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, Usage)
		return ExitUser
	}
	cmd, rest := args[0], args[1:]
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "print JSON")
	format := fs.String("format", "", "import or export format")
	auto := fs.Bool("auto", false, "subscribe: save new items automatically")
	// Flags may come before or after the arguments ("show 3 --json").
	var pos []string
	for {
		if err := fs.Parse(rest); err != nil {
			fmt.Fprintf(stderr, "annals %s: %v\n", cmd, err)
			return ExitUser
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	rest = pos
	if err := checkArgs(cmd, rest); err != nil {
		fmt.Fprintf(stderr, "annals: %v\n", err)
		return ExitUser
	}
	if err := checkTransferArgs(cmd, rest, *format); err != nil {
		fmt.Fprintf(stderr, "annals: %v\n", err)
		return ExitUser
	}
	lib, err := open()
	if err != nil {
		fmt.Fprintf(stderr, "annals: cannot open the library: %v\n", err)
		return ExitInternal
	}
	defer lib.Close()
	out := &printer{w: stdout, json: *asJSON}
	switch cmd {
	case "add":
		err = add(ctx, lib, rest, out, stderr)
	case "list":
		err = list(ctx, lib, out)
	case "show":
		err = show(ctx, lib, rest[0], out)
	case "search":
		err = search(ctx, lib, strings.Join(rest, " "), out)
	case "delete":
		err = del(ctx, lib, rest[0], out)
	case "analyze":
		err = analyze(ctx, lib, rest[0], out)
	case "timeline":
		err = timeline(ctx, lib, out)
	case "entities":
		err = entities(ctx, lib, out)
	case "highlights":
		err = highlights(ctx, lib, rest, out)
	case "import":
		err = importCmd(ctx, lib, rest[0], *format, out, stderr)
	case "export":
		err = exportCmd(ctx, lib, *format, rest[0], out)
	case "backup":
		err = backupCmd(ctx, lib, rest[0], out)
	case "restore":
		err = restoreCmd(ctx, lib, rest[0], out)
	case "feeds", "subscribe", "unsubscribe", "refresh":
		err = feedsCmd(ctx, lib, cmd, rest, *auto, out, stderr)
	case "serve":
		err = serveCmd(ctx, lib, stdout)
	}
	if err == nil {
		return ExitOK
	}
	fmt.Fprintf(stderr, "annals: %s\n", oneLine(err))
	return exitCode(err)
}

// internalError marks a command's error as an internal problem (exit 2)
// whatever its words: some item could not be written.
type internalError struct{ error }

func (e internalError) Unwrap() error { return e.error }

// exitCode is the README's promise: 1 for what the user can fix (a bad
// argument, a dead link, an unknown id, a file that is not an export), 2
// for an internal problem (the library could not be opened or written,
// the disk is full, a bug).
func exitCode(err error) int {
	var ie internalError
	if errors.As(err, &ie) {
		return ExitInternal
	}
	if isUserError(err) {
		return ExitUser
	}
	return ExitInternal
}

// isUserError reports an error the user can act on.
func isUserError(err error) bool {
	var ue userError
	if errors.As(err, &ue) {
		return true
	}
	var ce *capture.Error
	if errors.As(err, &ce) {
		return ce.Kind != capture.KindInternal
	}
	return errors.Is(err, library.ErrNotFound) || errors.Is(err, library.ErrNotWebLink)
}

func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

func checkArgs(cmd string, rest []string) error {
	switch cmd {
	case "add":
		if len(rest) == 0 {
			return userErrorf("add needs at least one link or file")
		}
	case "list", "timeline", "entities", "serve":
		if len(rest) != 0 {
			return userErrorf("%s takes no arguments", cmd)
		}
	case "highlights":
		return checkHighlightsArgs(rest)
	case "import", "export", "backup", "restore":
		// checkTransferArgs, with the --format given
	case "feeds", "subscribe", "unsubscribe", "refresh":
		return checkFeedArgs(cmd, rest)
	case "analyze":
		if len(rest) != 1 {
			return userErrorf("analyze needs one saved .html file or one article id")
		}
	case "show", "delete":
		if len(rest) != 1 {
			return userErrorf("%s needs exactly one article id", cmd)
		}
		if _, err := strconv.ParseInt(rest[0], 10, 64); err != nil {
			return userErrorf("%q is not an article id (a number, see 'annals list')", rest[0])
		}
	case "search":
		if len(strings.TrimSpace(strings.Join(rest, " "))) == 0 {
			return userErrorf("search needs a query")
		}
	default:
		return userErrorf("unknown command %q\n%s", cmd, Usage)
	}
	return nil
}

type printer struct {
	w    io.Writer
	json bool
}

func (p *printer) emit(v any, text func(io.Writer)) error {
	if p.json {
		enc := json.NewEncoder(p.w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	}
	text(p.w)
	return nil
}

func add(ctx context.Context, lib *library.Library, items []string, out *printer, stderr io.Writer) error {
	job := lib.Add(ctx, items...)
	res, err := job.Wait()
	var saved []articleJSON
	for _, id := range res.IDs {
		a, gerr := lib.Get(ctx, id)
		if gerr != nil {
			return gerr
		}
		saved = append(saved, toJSON(a, false))
	}
	perr := out.emit(map[string]any{"saved": nonNil(saved), "failed": failuresJSON(res.Failed)}, func(w io.Writer) {
		for _, a := range saved {
			fmt.Fprintf(w, "%d\t%s\n", a.ID, a.Title)
		}
	})
	if perr != nil {
		return perr
	}
	if err != nil {
		return err
	}
	if len(res.Failed) > 0 {
		internal := false
		for _, f := range res.Failed {
			fmt.Fprintf(stderr, "annals: %s: %s\n", f.Item, oneLine(f.Err))
			internal = internal || !isUserError(f.Err)
		}
		err := userErrorf("%d of %d could not be saved", len(res.Failed), len(items))
		if internal {
			// A page that could not be written (a full disk, a locked
			// or damaged library) is not the user's link's fault.
			return internalError{err}
		}
		return err
	}
	return nil
}

func failuresJSON(fs []library.Failure) []map[string]string {
	out := []map[string]string{}
	for _, f := range fs {
		out = append(out, map[string]string{"item": f.Item, "error": oneLine(f.Err)})
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

type articleJSON struct {
	ID             int64    `json:"id"`
	URL            string   `json:"url"`
	Title          string   `json:"title"`
	Site           string   `json:"site,omitempty"`
	Byline         string   `json:"byline,omitempty"`
	Published      string   `json:"published,omitempty"`
	Saved          string   `json:"saved"`
	Language       string   `json:"language"`
	Dir            string   `json:"dir"`
	WordCount      int      `json:"word_count"`
	ReadingMinutes int      `json:"reading_minutes"`
	Status         string   `json:"status"`
	Archived       bool     `json:"archived"`
	Favourite      bool     `json:"favourite"`
	Tags           []string `json:"tags,omitempty"`
	Text           string   `json:"text,omitempty"`
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func toJSON(a *library.Article, withText bool) articleJSON {
	j := articleJSON{ID: a.ID, URL: a.URL, Title: a.Title, Site: a.Site, Byline: a.Byline,
		Published: fmtDate(a.Published), Saved: fmtDate(a.Saved), Language: a.Language, Dir: a.Dir,
		WordCount: a.WordCount, ReadingMinutes: a.ReadingMinutes, Status: string(a.Status),
		Archived: a.Archived, Favourite: a.Favourite, Tags: a.Tags}
	if withText {
		j.Text = a.Text
	}
	return j
}

func summaryJSON(s library.Summary) articleJSON {
	return articleJSON{ID: s.ID, URL: s.URL, Title: s.Title, Site: s.Site, Published: fmtDate(s.Published),
		Saved: fmtDate(s.Saved), Language: s.Language, Dir: s.Dir, WordCount: s.WordCount,
		ReadingMinutes: s.ReadingMinutes, Status: string(s.Status), Archived: s.Archived, Favourite: s.Favourite}
}

func list(ctx context.Context, lib *library.Library, out *printer) error {
	items, err := lib.List(ctx, library.Filter{})
	if err != nil {
		return err
	}
	js := []articleJSON{}
	for _, s := range items {
		js = append(js, summaryJSON(s))
	}
	return out.emit(js, func(w io.Writer) {
		for _, s := range items {
			date := ""
			if !s.Published.IsZero() {
				date = s.Published.Format("2006-01-02")
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", s.ID, date, s.Language, s.Site, s.Title)
		}
	})
}

func show(ctx context.Context, lib *library.Library, idArg string, out *printer) error {
	id, _ := strconv.ParseInt(idArg, 10, 64)
	a, err := lib.Get(ctx, id)
	if errors.Is(err, library.ErrNotFound) {
		return userErrorf("no article with id %d", id)
	}
	if err != nil {
		return err
	}
	return out.emit(toJSON(a, true), func(w io.Writer) {
		fmt.Fprintf(w, "%s\n", a.Title)
		meta := []string{}
		for _, m := range []string{a.Byline, a.Site} {
			if m != "" {
				meta = append(meta, m)
			}
		}
		if !a.Published.IsZero() {
			meta = append(meta, a.Published.Format("2006-01-02"))
		}
		if len(meta) > 0 {
			fmt.Fprintln(w, strings.Join(meta, " · "))
		}
		fmt.Fprintf(w, "%s\n\n%s\n", a.URL, a.Text)
	})
}

func search(ctx context.Context, lib *library.Library, q string, out *printer) error {
	hits, err := lib.Search(ctx, q, 50)
	if err != nil {
		return err
	}
	type hitJSON struct {
		articleJSON
		Snippet string  `json:"snippet"`
		Rank    float64 `json:"rank"`
		Entity  string  `json:"matched_entity,omitempty"` // found through this entity's spellings
	}
	js := []hitJSON{}
	for _, h := range hits {
		why := ""
		if h.Entity != nil {
			why = h.Entity.Key
		}
		js = append(js, hitJSON{summaryJSON(h.Summary), h.Snippet, h.Rank, why})
	}
	return out.emit(js, func(w io.Writer) {
		for _, h := range hits {
			fmt.Fprintf(w, "%d\t%s\n\t%s\n", h.ID, h.Title, markSnippet(h.Snippet, h.Matches))
			if h.Entity != nil {
				fmt.Fprintf(w, "\tmatched the entity %s\n", h.Entity.Why())
			}
		}
	})
}

// markSnippet brackets the matching words for a terminal.
func markSnippet(s string, ms []library.Range) string {
	var b strings.Builder
	last := 0
	for _, m := range ms {
		b.WriteString(s[last:m.Start])
		b.WriteString("[" + s[m.Start:m.End] + "]")
		last = m.End
	}
	b.WriteString(s[last:])
	return b.String()
}

func del(ctx context.Context, lib *library.Library, idArg string, out *printer) error {
	id, _ := strconv.ParseInt(idArg, 10, 64)
	if err := lib.Delete(ctx, id); err != nil {
		if errors.Is(err, library.ErrNotFound) {
			return userErrorf("no article with id %d", id)
		}
		return err
	}
	return out.emit(map[string]int64{"deleted": id}, func(w io.Writer) { fmt.Fprintf(w, "deleted %d\n", id) })
}
