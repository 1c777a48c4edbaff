package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"annals/data/textnorm"
)

// compactBatch is how many articles one transaction of CompactArticles
// rewrites: a fraction of a second of holding the write lock, so the
// user's saves wait no longer than that while it runs.
var compactBatch = 50

// compactBatchDone, when set (by tests), is called after each committed
// batch of CompactArticles.
var compactBatchDone func()

// CompactArticles rewrites the articles stored before migration 014 (it
// listed them in articles_to_compact) in their compressed form
// (compress.go), a batch per transaction; each article leaves the list in
// the transaction that rewrites it, so a run stopped half-way (ctx
// cancelled, the app closed) goes on where it stopped the next time and a
// row is never half-written. Until then the old rows are read as they
// are. It is for maintenance, not Open: at 10,000 articles it takes tens
// of seconds on a busy machine. While rewriting, it strips from the text
// the invisible characters capture now strips (issue 17), which changes
// that article's search entry (the trigger of 014 writes it again) and,
// as any change of the text does, drops its analysis for the next
// re-analysis; its highlights are moved to the same words.
//
// It returns how many articles it rewrote. The space the old rows took is
// free pages inside the file until ReclaimSpace gives it back.
func (s *Store) CompactArticles(ctx context.Context) (int, error) {
	if s.readOnly {
		return 0, nil
	}
	ok, err := s.hasTable(ctx, "articles_to_compact")
	if err != nil || !ok {
		return 0, err
	}
	total := 0
	for {
		n, more, err := s.compactSome(ctx, compactBatch)
		total += n
		if err == nil && compactBatchDone != nil {
			compactBatchDone()
		}
		if err != nil || !more {
			return total, err
		}
	}
}

// ReclaimSpace gives the file's free pages back to the disk. A library
// made before 014 has none to give until CompactArticles rewrote it (then
// about half of its pages are free): when they are more than a quarter of
// the file it runs VACUUM, which copies the whole database (seconds at
// 10,000 articles, and as much free disk as the library takes) and
// switches the file to incremental auto-vacuum. From then on (and in
// every library created since 014, see Open) PRAGMA incremental_vacuum
// releases the free pages without copying anything. It is for
// maintenance, when no job is running, and reports whether it gave space
// back.
func (s *Store) ReclaimSpace(ctx context.Context) (bool, error) {
	if s.readOnly {
		return false, nil
	}
	var pages, free, mode int
	for q, dst := range map[string]*int{"PRAGMA page_count": &pages, "PRAGMA freelist_count": &free, "PRAGMA auto_vacuum": &mode} {
		if err := s.db.QueryRowContext(ctx, q).Scan(dst); err != nil {
			return false, fmt.Errorf("store: reclaim space: %w", err)
		}
	}
	// incremental_vacuum costs what it frees; VACUUM copies the whole
	// file, worth it only for much space.
	if free == 0 || (mode != 2 && free*4 < pages) {
		return false, nil
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("store: reclaim space: %w", err)
	}
	defer conn.Close()
	steps := []string{"PRAGMA incremental_vacuum"}
	if mode != 2 { // 2: incremental
		steps = []string{"PRAGMA auto_vacuum = INCREMENTAL", "VACUUM"}
	}
	for _, q := range append(steps, "PRAGMA wal_checkpoint(TRUNCATE)") {
		// Read to the end: incremental_vacuum frees one page per step.
		rows, err := conn.QueryContext(ctx, q)
		if err == nil {
			for rows.Next() {
			}
			err = rows.Err()
			rows.Close()
		}
		if err != nil {
			return false, asBusy(fmt.Errorf("store: reclaim space (%s): %w", q, err))
		}
	}
	return true, nil
}

// compactSome rewrites up to limit listed articles in one transaction and
// says whether any are left.
func (s *Store) compactSome(ctx context.Context, limit int) (int, bool, error) {
	n, more := 0, false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		n, more = 0, false
		rows, err := tx.QueryContext(ctx, `SELECT c.id, a.id IS NOT NULL, a.title, a.html, a.text, a.blocks
			FROM articles_to_compact c LEFT JOIN articles a ON a.id = c.id ORDER BY c.id LIMIT ?`, limit+1)
		if err != nil {
			return fmt.Errorf("store: compact articles: %w", err)
		}
		type row struct {
			id                 int64
			exists             bool
			title              sql.NullString
			html, text, blocks any
		}
		var todo []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.exists, &r.title, &r.html, &r.text, &r.blocks); err != nil {
				rows.Close()
				return fmt.Errorf("store: compact articles: %w", err)
			}
			todo = append(todo, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: compact articles: %w", err)
		}
		if len(todo) > limit {
			todo, more = todo[:limit], true
		}
		for _, r := range todo {
			if r.exists {
				if err := compactArticle(ctx, tx, r.id, r.title.String, r.html, r.text, r.blocks); err != nil {
					return err
				}
				n++
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM articles_to_compact WHERE id = ?", r.id); err != nil {
				return fmt.Errorf("store: compact article %d: %w", r.id, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, false, err
	}
	return n, more, nil
}

// compactArticle writes one article's page in its stored form, its title
// and text stripped of invisible characters.
func compactArticle(ctx context.Context, tx *sql.Tx, id int64, title string, html, text, blocks any) error {
	old, err := decodeText(text)
	if err != nil {
		return fmt.Errorf("store: compact article %d: %w", id, err)
	}
	h, err := decodeHTML(html, old)
	if err != nil {
		return fmt.Errorf("store: compact article %d: %w", id, err)
	}
	newText, cuts := stripInvisible(old)
	var storedBlocks []byte
	bl, err := decodeBlocks(blocks, old)
	if err != nil {
		// Unreadable blocks stay as they were (Get reports them); only
		// their form changes.
		raw, _ := blocks.(string)
		storedBlocks = zstdPack(storedZstd, []byte(raw))
	} else {
		if len(cuts) > 0 {
			for i := range bl {
				bl[i].Text, _ = stripInvisible(bl[i].Text)
			}
		}
		if storedBlocks, err = encodeBlocks(bl, newText); err != nil {
			return fmt.Errorf("store: compact article %d: %w", id, err)
		}
	}
	storedHTML, err := encodeHTML(h, newText)
	if err != nil {
		return fmt.Errorf("store: compact article %d: %w", id, err)
	}
	if len(cuts) > 0 {
		// Before the text changes: the trigger of 014 then finds each
		// highlight's quote at its new place and keeps it anchored.
		if err := moveHighlights(ctx, tx, id, old, newText, cuts); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE articles SET title = ?, html = ?, text = ?, blocks = ? WHERE id = ?",
		storedTitle(title), storedHTML, encodeText(newText), storedBlocks, id); err != nil {
		return fmt.Errorf("store: compact article %d: %w", id, err)
	}
	return nil
}

// cut is a run of bytes stripInvisible removed: [at, at+n) of the input.
type cut struct{ at, n int }

// shift maps a byte offset of the text before cuts to the same place
// after them.
func shift(off int, cuts []cut) int {
	d := 0
	for _, c := range cuts {
		if c.at+c.n > off {
			break
		}
		d += c.n
	}
	return off - d
}

// moveHighlights moves the highlights of article id that were on their
// words in old to the same words in new (old with cuts taken out).
func moveHighlights(ctx context.Context, tx *sql.Tx, id int64, old, new string, cuts []cut) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, byte_start, byte_end, quote FROM highlights WHERE article_id = ?", id)
	if err != nil {
		return fmt.Errorf("store: move highlights of %d: %w", id, err)
	}
	type hl struct {
		id, start, end int64
		quote          string
	}
	var hs []hl
	for rows.Next() {
		var h hl
		if err := rows.Scan(&h.id, &h.start, &h.end, &h.quote); err != nil {
			rows.Close()
			return fmt.Errorf("store: move highlights of %d: %w", id, err)
		}
		hs = append(hs, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: move highlights of %d: %w", id, err)
	}
	for _, h := range hs {
		if h.start < 0 || h.end > int64(len(old)) || h.start >= h.end || old[h.start:h.end] != h.quote {
			continue // already away from its words: re-anchoring's business
		}
		start, end := shift(int(h.start), cuts), shift(int(h.end), cuts)
		if start >= end {
			continue // it held nothing but invisible characters
		}
		if _, err := tx.ExecContext(ctx, "UPDATE highlights SET byte_start = ?, byte_end = ?, quote = ? WHERE id = ?",
			start, end, new[start:end], h.id); err != nil {
			return fmt.Errorf("store: move highlight %d: %w", h.id, err)
		}
	}
	return nil
}

// stripInvisible removes what capture's normaliseSpace removes from the
// text it stores (data/capture/blocks.go; keep the two in step): soft
// hyphens, zero-width spaces, word joiners and BOMs everywhere, and the
// zero-width joiner and non-joiner where neither neighbour needs them
// (between Latin letters, not in Arabic, Persian, Indic or emoji). A text
// saved before capture stripped them is searched, copied and analysed as
// one saved now. It returns the text and the runs of bytes it removed, in
// order.
func stripInvisible(s string) (string, []cut) {
	if !strings.ContainsFunc(s, func(r rune) bool { return textnorm.IsInvisible(r) || textnorm.IsJoiner(r) }) {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	var cuts []cut
	drop := func(at, n int) {
		if k := len(cuts) - 1; k >= 0 && cuts[k].at+cuts[k].n == at {
			cuts[k].n += n
			return
		}
		cuts = append(cuts, cut{at, n})
	}
	prev := rune(0) // the last rune kept
	for i, r := range s {
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			_, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case textnorm.IsInvisible(r):
			drop(i, size)
			continue
		case textnorm.IsJoiner(r):
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			if !textnorm.JoinerNeeded(prev) && !textnorm.JoinerNeeded(next) {
				drop(i, size)
				continue
			}
		}
		b.WriteString(s[i : i+size])
		// As in capture, a joiner's neighbour is the last letter (or
		// mark, or symbol) kept, not a joiner or a space.
		if !textnorm.IsJoiner(r) && !unicode.IsSpace(r) && r != '\u00A0' {
			prev = r
		}
	}
	return b.String(), cuts
}

// storedTitle is title as it is stored: without the invisible characters
// stripInvisible takes out of a text (a soft hyphen or a zero-width space
// pasted into a title would otherwise hide it from a search for its word
// and show as a gap in the list), ZWJ and ZWNJ kept where the script
// needs them.
func storedTitle(title string) string {
	t, _ := stripInvisible(title)
	return t
}
