package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"annals/data/article"

	"github.com/mattn/go-sqlite3"
)

// BackupTo writes a consistent copy of the database to dest (which must
// not exist) with SQLite's online backup API: one step under one read
// transaction, so writers elsewhere never leave it half-updated.
func (s *Store) BackupTo(ctx context.Context, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("store: backup: %s already exists", dest)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		src, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("store: backup: unexpected driver connection %T", dc)
		}
		d, err := (&sqlite3.SQLiteDriver{}).Open(dest)
		if err != nil {
			return fmt.Errorf("store: backup: create %s: %w", dest, err)
		}
		dst := d.(*sqlite3.SQLiteConn)
		defer dst.Close()
		b, err := dst.Backup("main", src, "main")
		if err != nil {
			return fmt.Errorf("store: backup: %w", err)
		}
		for {
			done, err := b.Step(-1)
			if err != nil {
				b.Close()
				return fmt.Errorf("store: backup: %w", err)
			}
			if done {
				break
			}
			if err := ctx.Err(); err != nil {
				b.Close()
				return err
			}
		}
		if err := b.Close(); err != nil {
			return fmt.Errorf("store: backup: %w", err)
		}
		// A copy taken in WAL mode is marked WAL: make it one plain file.
		_, err = dst.Exec("PRAGMA journal_mode = DELETE", nil)
		return err
	})
}

// MergeStats says what MergeFrom brought in.
type MergeStats struct {
	Articles   int // new articles
	Merged     int // articles already here (tags and flags merged)
	Highlights int
	Feeds      int      // subscriptions this library did not have
	Hashes     []string // image hashes the new articles use (their files must be copied too)
}

// MergeFrom merges the library in the database file src (a restored backup;
// it is brought up to this schema first) into this one. Articles are
// matched by URL key: a new one comes with everything it has (tags, images,
// highlights, analysis, the user's event corrections); one already here
// gets the backup's tags, flags and highlights, and its page when it had
// none. Entity corrections and aliases the user made are added unless this
// library has its own for the same entity.
//
// The merge runs in transactions of restoreBatch articles, each holding
// the write lock for a fraction of a second, so the user (or another
// Annals) can still write meanwhile. A backup that cannot be read changes
// nothing; a merge stopped half-way keeps the batches done, and merging
// the same backup again completes it without doubling anything.
func (s *Store) MergeFrom(ctx context.Context, src string) (MergeStats, error) {
	var st MergeStats
	if s.readOnly {
		return st, ErrReadOnly
	}
	// Open it as a library so old backups are migrated to this schema; a
	// backup from a newer Annals is refused here.
	other, err := Open(ctx, src)
	if err != nil {
		return st, fmt.Errorf("the backup's database cannot be read: %w", err)
	}
	other.Close()

	conn, err := s.db.Conn(ctx)
	if err != nil {
		return st, err
	}
	defer conn.Close()
	if err := retryBusy(ctx, s.patience(), func() error {
		_, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS src", src)
		return err
	}); err != nil {
		return st, fmt.Errorf("store: open backup: %w", err)
	}
	defer conn.ExecContext(context.Background(), "DETACH DATABASE src")
	inBatch := func(fn func(*sql.Tx) error) error {
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
		tx, err := s.beginTx(ctx, conn)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			tx.Rollback()
			return asBusy(err)
		}
		if err := tx.Commit(); err != nil {
			return asBusy(fmt.Errorf("store: commit restore: %w", err))
		}
		return nil
	}
	var after int64
	for {
		var n int
		var last int64
		err := inBatch(func(tx *sql.Tx) error {
			var err error
			b := st
			last, n, err = restoreTx(ctx, tx, after, restoreBatch, &b)
			if err == nil {
				st = b
			}
			return err
		})
		if err != nil {
			return st, err
		}
		if n == 0 {
			break
		}
		after = last
		if restoreBatchDone != nil {
			restoreBatchDone()
		}
	}
	// What is not tied to one article: the user's corrections and aliases,
	// the aliases of entities both libraries know, and the subscriptions.
	err = inBatch(func(tx *sql.Tx) error {
		b := st
		if err := restoreShared(ctx, tx, &b); err != nil {
			return err
		}
		st = b
		return nil
	})
	return st, err
}

// restoreBatch is how many of the backup's articles one restore
// transaction merges: about a second of writing at most.
var restoreBatch = 500

// restoreBatchDone, when set (by tests), is called after each committed
// batch of a restore.
var restoreBatchDone func()

const articleCopyCols = `url_key, url, canonical_url, title, byline, site, excerpt, published, saved, updated, language,
	dir, html, text, blocks, lead_image, word_count, reading_minutes, status, error, warnings, archived, favourite, read_progress`

// restoreTx merges the backup's next articles: up to limit of those with
// an id above after. It returns the last id read and how many were read.
// clippedMeta selects title, byline, site and excerpt cut to the lengths
// capture uses: a crafted backup cannot bring a megabyte title.
func clippedMeta() string {
	return clipSQL("title", article.MaxTitleRunes) + ", " + clipSQL("byline", article.MaxBylineRunes) + ", " +
		clipSQL("site", article.MaxSiteRunes) + ", " + clipSQL("excerpt", article.MaxExcerptRunes)
}

// articleCopySelect is articleCopyCols as read from a backup, metadata cut.
func articleCopySelect() string {
	return strings.Replace(articleCopyCols, "title, byline, site, excerpt", clippedMeta(), 1)
}

func restoreTx(ctx context.Context, tx *sql.Tx, after int64, limit int, st *MergeStats) (int64, int, error) {
	fail := func(err error) (int64, int, error) { return 0, 0, err }
	exec := func(q string, args ...any) error {
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("store: restore: %w (%s)", err, strings.Fields(q)[0]+" "+strings.Join(strings.Fields(q)[1:4], " "))
		}
		return nil
	}
	// amap: backup article id → id here; fresh when it was added now.
	if err := exec(`CREATE TEMP TABLE IF NOT EXISTS amap (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL, fresh INTEGER NOT NULL)`); err != nil {
		return fail(err)
	}
	if err := exec(`DELETE FROM temp.amap`); err != nil {
		return fail(err)
	}
	// Only links (http, https) are restored: a crafted backup must not
	// bring a javascript: or file: address the reader would open.
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.status, m.id, m.status, `+httpURLSQL("s.url")+` FROM src.articles s
		LEFT JOIN main.articles m ON m.url_key = s.url_key WHERE s.id > ? ORDER BY s.id LIMIT ?`, after, limit)
	if err != nil {
		return fail(fmt.Errorf("store: restore: %w", err))
	}
	type pair struct {
		src, dst         int64
		srcSt, dstSt     string
		exists, fillable bool
	}
	var pairs []pair
	var last int64
	var seen int
	for rows.Next() {
		var p pair
		var dst sql.NullInt64
		var dstSt sql.NullString
		var isLink bool
		if err := rows.Scan(&p.src, &p.srcSt, &dst, &dstSt, &isLink); err != nil {
			rows.Close()
			return fail(err)
		}
		last, seen = p.src, seen+1
		if !isLink {
			continue
		}
		p.dst, p.exists, p.dstSt = dst.Int64, dst.Valid, dstSt.String
		pairs = append(pairs, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	if seen == 0 {
		return 0, 0, nil
	}
	for i, p := range pairs {
		if i%256 == 0 && ctx.Err() != nil {
			return fail(ctx.Err())
		}
		if !p.exists {
			res, err := tx.ExecContext(ctx, `INSERT INTO main.articles (`+articleCopyCols+`) SELECT `+articleCopySelect()+
				` FROM src.articles WHERE id = ?`, p.src)
			if err != nil {
				return fail(fmt.Errorf("store: restore article: %w", err))
			}
			id, _ := res.LastInsertId()
			st.Articles++
			if err := exec(`INSERT INTO temp.amap (src, dst, fresh) VALUES (?, ?, 1)`, p.src, id); err != nil {
				return fail(err)
			}
			continue
		}
		st.Merged++
		if err := exec(`UPDATE main.articles SET archived = archived OR (SELECT archived FROM src.articles WHERE id = ?),
			favourite = favourite OR (SELECT favourite FROM src.articles WHERE id = ?) WHERE id = ?`, p.src, p.src, p.dst); err != nil {
			return fail(err)
		}
		fresh := 0
		if p.srcSt == string(StatusReady) && p.dstSt != string(StatusReady) {
			// This library only knew the link: take the backup's page,
			// with its images and analysis, as for a new article.
			if err := exec(`UPDATE main.articles SET (canonical_url, title, byline, site, excerpt, published, updated,
				language, dir, html, text, blocks, lead_image, word_count, reading_minutes, status, error, warnings) =
				(SELECT canonical_url, `+clippedMeta()+`, published, updated, language, dir, html, text, blocks,
				lead_image, word_count, reading_minutes, status, error, warnings FROM src.articles WHERE id = ?)
				WHERE id = ?`, p.src, p.dst); err != nil {
				return fail(err)
			}
			for _, t := range []string{"article_images", "mentions", "events", "article_analysis"} {
				if err := exec(`DELETE FROM main.`+t+` WHERE article_id = ?`, p.dst); err != nil {
					return fail(err)
				}
			}
			fresh = 1
		}
		if err := exec(`INSERT INTO temp.amap (src, dst, fresh) VALUES (?, ?, ?)`, p.src, p.dst, fresh); err != nil {
			return fail(err)
		}
	}

	// A backup made before 014 brings pages in the old, plain form: they
	// join the library's own on the list CompactArticles rewrites.
	if err := exec(`INSERT OR IGNORE INTO main.articles_to_compact (id) SELECT m.dst FROM temp.amap m
		JOIN main.articles a ON a.id = m.dst WHERE m.fresh = 1 AND typeof(a.text) = 'text'`); err != nil {
		return fail(err)
	}
	steps := restoreSteps()
	for _, q := range steps {
		if err := exec(q); err != nil {
			return fail(err)
		}
	}
	// Events of the new pages came in group 0: they join the groups of
	// their dates in id order, as new events do (events this library
	// dropped for them left their groups by the triggers of 010).
	evs, err := eventIDs(ctx, tx, `SELECT e.id FROM temp.amap m CROSS JOIN main.events e ON e.article_id = m.dst
		WHERE m.fresh = 1 AND e.group_id = 0 ORDER BY e.id`)
	if err != nil {
		return fail(err)
	}
	if err := placeEvents(ctx, tx, evs); err != nil {
		return fail(err)
	}
	if err := mergeHighlights(ctx, tx, st); err != nil {
		return fail(err)
	}
	hrows, err := tx.QueryContext(ctx, `SELECT DISTINCT i.hash FROM temp.amap m CROSS JOIN main.article_images i
		ON i.article_id = m.dst WHERE m.fresh = 1 AND i.hash <> ''`)
	if err != nil {
		return fail(err)
	}
	defer hrows.Close()
	for hrows.Next() {
		var h string
		if err := hrows.Scan(&h); err != nil {
			return fail(err)
		}
		st.Hashes = append(st.Hashes, h)
	}
	if err := hrows.Err(); err != nil {
		return fail(err)
	}
	return last, seen, nil
}

// restoreSteps are the statements that copy one batch's tags, images,
// corrections and analysis from the backup (attached as src), for the
// articles in temp.amap. TestRestoreStepsReadOnlyTheBatch checks their
// plans.
func restoreSteps() []string {
	// Every step reads the backup through this batch's articles (temp.amap
	// first, CROSS JOIN keeping it the outer loop): a batch costs what its
	// articles hold, not a scan of the whole backup's tables.
	fresh := "temp.amap m CROSS JOIN "
	newEntities := `SELECT x.entity_id FROM ` + fresh + `src.mentions x ON x.article_id = m.src WHERE m.fresh = 1
		UNION SELECT ee.entity_id FROM ` + fresh + `src.events ev ON ev.article_id = m.src
		CROSS JOIN src.event_entities ee ON ee.event_id = ev.id WHERE m.fresh = 1`
	return []string{
		// Tags, by name.
		`INSERT OR IGNORE INTO main.tags (name) SELECT DISTINCT ` + clipSQL("t.name", article.MaxTagRunes) + `
			FROM ` + fresh + `src.article_tags at ON at.article_id = m.src JOIN src.tags t ON t.id = at.tag_id`,
		`INSERT OR IGNORE INTO main.article_tags (article_id, tag_id)
			SELECT m.dst, mt.id FROM ` + fresh + `src.article_tags at ON at.article_id = m.src
			JOIN src.tags t ON t.id = at.tag_id JOIN main.tags mt ON mt.name = ` + clipSQL("t.name", article.MaxTagRunes),
		// Images of the articles that came with their page.
		`INSERT OR IGNORE INTO main.article_images (article_id, src, hash, mime, size, width, height, error)
			SELECT m.dst, i.src, i.hash, i.mime, i.size, i.width, i.height, i.error
			FROM ` + fresh + `src.article_images i ON i.article_id = m.src WHERE m.fresh = 1`,
		`INSERT OR IGNORE INTO main.user_event_edits (article_id, event_key, date, precision, type, title, deleted, updated)
			SELECT m.dst, e.event_key, e.date, e.precision, e.type, e.title, e.deleted, e.updated
			FROM ` + fresh + `src.user_event_edits e ON e.article_id = m.src`,
		// Machine output of the new pages, so nothing needs analysing again:
		// entities by key, then mentions, events and their entities.
		`INSERT OR IGNORE INTO main.entities (key, name, name_ar, type, from_gazetteer, name_edited, type_edited)
			SELECT key, name, name_ar, type, from_gazetteer, name_edited, type_edited FROM src.entities e
			WHERE e.id IN (` + newEntities + `)`,
		`CREATE TEMP TABLE IF NOT EXISTS emap (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL)`,
		`DELETE FROM temp.emap`,
		// Only the entities this batch's new pages name: the aliases of
		// all entities are copied once, at the end (restoreShared).
		`INSERT INTO temp.emap SELECT s.id, d.id FROM src.entities s JOIN main.entities d ON d.key = s.key
			WHERE s.id IN (` + newEntities + `)`,
		// The backup was brought to this schema (015): its mentions are
		// one row per span and entity, read here in key order; since 017
		// without their sentences' spans.
		`INSERT INTO main.mentions (article_id, byte_start, byte_end, entity_id)
			SELECT m.dst, x.byte_start, x.byte_end, em.dst
			FROM ` + fresh + `src.mentions x ON x.article_id = m.src JOIN temp.emap em ON em.src = x.entity_id
			WHERE m.fresh = 1`,
		`INSERT OR IGNORE INTO main.events (article_id, key, date, precision, type, title, trigger, sentence_start, sentence_end,
			sentence_text, timex_start, timex_end, analysis_version, user_edited, group_id)
			SELECT m.dst, e.key, e.date, e.precision, e.type, e.title, e.trigger, e.sentence_start, e.sentence_end,
			e.sentence_text, e.timex_start, e.timex_end, e.analysis_version, e.user_edited, 0
			FROM ` + fresh + `src.events e ON e.article_id = m.src WHERE m.fresh = 1 ORDER BY e.id`,
		`INSERT OR IGNORE INTO main.event_entities (event_id, entity_id)
			SELECT d.id, em.dst FROM ` + fresh + `src.events s ON s.article_id = m.src
			CROSS JOIN src.event_entities ee ON ee.event_id = s.id
			JOIN main.events d ON d.article_id = m.dst AND d.key = s.key JOIN temp.emap em ON em.src = ee.entity_id
			WHERE m.fresh = 1`,
		`INSERT OR REPLACE INTO main.article_analysis (article_id, version, analysed_at, language, sentences)
			SELECT m.dst, a.version, a.analysed_at, a.language, a.sentences FROM ` + fresh + `src.article_analysis a
			ON a.article_id = m.src WHERE m.fresh = 1`,
	}
}

// restoreShared merges what belongs to no one article: the user's entity
// corrections and aliases (this library's own win), the aliases of
// entities both libraries know, and the subscriptions.
func restoreShared(ctx context.Context, tx *sql.Tx, st *MergeStats) error {
	for _, q := range []string{
		`INSERT OR IGNORE INTO main.user_entity_edits (key, name, name_ar, type, merged_into, not_entity, updated)
			SELECT key, name, name_ar, type, merged_into, not_entity, updated FROM src.user_entity_edits`,
		`INSERT OR IGNORE INTO main.user_aliases (folded, alias, entity_key, updated)
			SELECT folded, alias, entity_key, updated FROM src.user_aliases`,
		`CREATE TEMP TABLE IF NOT EXISTS emap (src INTEGER PRIMARY KEY, dst INTEGER NOT NULL)`,
		`DELETE FROM temp.emap`,
		`INSERT INTO temp.emap SELECT s.id, d.id FROM src.entities s JOIN main.entities d ON d.key = s.key`,
		`INSERT OR IGNORE INTO main.entity_aliases (entity_id, folded, alias, user)
			SELECT em.dst, a.folded, a.alias, a.user FROM src.entity_aliases a JOIN temp.emap em ON em.src = a.entity_id`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: restore: %w", err)
		}
	}
	return mergeFeeds(ctx, tx, st)
}

// mergeFeeds subscribes to the backup's feeds this library does not follow
// (by feed address), with their titles and auto-save choice. Their items
// come with the next refresh; the articles saved from them are restored
// with the rest.
func mergeFeeds(ctx context.Context, tx *sql.Tx, st *MergeStats) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO main.feeds (url, title, site_url, added, auto_save)
		SELECT url, title, site_url, added, auto_save FROM src.feeds WHERE true
		ON CONFLICT (url) DO NOTHING`)
	if err != nil {
		return fmt.Errorf("store: restore feeds: %w", err)
	}
	n, _ := res.RowsAffected()
	st.Feeds = int(n)
	return nil
}

// mergeHighlights copies the backup's highlights not already here (same
// article and quote), then re-anchors those of articles whose text here
// differs from the backup's.
func mergeHighlights(ctx context.Context, tx *sql.Tx, st *MergeStats) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM main.sqlite_master WHERE name = 'highlights')
		* (SELECT count(*) FROM src.sqlite_master WHERE name = 'highlights')`).Scan(&n); err != nil || n == 0 {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO main.highlights (article_id, byte_start, byte_end, quote, colour, note, orphaned, created, updated)
		SELECT m.dst, h.byte_start, h.byte_end, h.quote, h.colour, `+clipSQL("h.note", article.MaxNoteRunes)+`,
			h.orphaned OR (annals_text(ma.text) IS NOT annals_text(sa.text)), h.created, h.updated
		FROM temp.amap m CROSS JOIN src.highlights h ON h.article_id = m.src
		JOIN src.articles sa ON sa.id = h.article_id JOIN main.articles ma ON ma.id = m.dst
		WHERE NOT EXISTS (SELECT 1 FROM main.highlights x WHERE x.article_id = m.dst AND x.quote = h.quote)
		ORDER BY h.id`)
	if err != nil {
		return fmt.Errorf("store: restore highlights: %w", err)
	}
	k, _ := res.RowsAffected()
	st.Highlights = int(k)
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT h.article_id FROM temp.amap m CROSS JOIN main.highlights h
		ON h.article_id = m.dst WHERE h.orphaned = 1`)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if _, err := reanchorHighlights(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

// TableCounts returns the number of rows of every table (FTS shadow
// tables excepted), for checks after a restore.
func (s *Store) TableCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	out := map[string]int{}
	for _, n := range names {
		var c int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM "`+n+`"`).Scan(&c); err != nil {
			return nil, err
		}
		out[n] = c
	}
	return out, nil
}

// ContentHash is a SHA-256 over every article's identity, page, tags and
// flags, in URL-key order, ids left out: two libraries holding the same
// articles hash the same, whichever form their pages are stored in.
func (s *Store) ContentHash(ctx context.Context) (string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.url_key, a.url, a.title, annals_text(a.text), annals_html(a.html, a.text),
		annals_blocks(a.blocks, a.text), a.status, a.archived,
		a.favourite, a.saved, a.published, a.language, a.dir,
		coalesce((SELECT group_concat(name, '|') FROM (SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
			WHERE at.article_id = a.id ORDER BY t.name)), '')
		FROM articles a ORDER BY a.url_key`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	h := sha256.New()
	for rows.Next() {
		vals := make([]any, 14)
		ptrs := make([]any, 14)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%q\n", vals)
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ErrNotBackup is returned for a file that is not an Annals backup.
var ErrNotBackup = errors.New("this file is not an Annals backup")

// keepMigrationBackups is how many pre-migration copies are kept.
const keepMigrationBackups = 3

// BackupBeforeMigration copies the database beside itself
// (annals.db.schema3-20261128-134501.123.bak) when its schema is older than
// this version's, so a migration that goes wrong can be undone by hand;
// only the last three such copies are kept. A new or current database is
// not copied (path ""). Call it from Open, before migrate.
func (s *Store) BackupBeforeMigration(ctx context.Context) (string, error) {
	cur, err := s.Version(ctx)
	if err != nil {
		return "", err
	}
	if cur == 0 || cur >= SchemaVersion() {
		return "", nil
	}
	dest := fmt.Sprintf("%s.schema%d-%s.bak", s.path, cur, time.Now().UTC().Format("20060102-150405.000"))
	if err := s.BackupTo(ctx, dest); err != nil {
		return "", fmt.Errorf("store: copy the library before updating it: %w", err)
	}
	old, _ := filepath.Glob(s.path + ".schema*.bak")
	sort.Strings(old) // the date sorts them within a version; versions only grow
	sort.SliceStable(old, func(i, j int) bool { return modTime(old[i]).Before(modTime(old[j])) })
	for len(old) > keepMigrationBackups {
		os.Remove(old[0])
		old = old[1:]
	}
	return dest, nil
}

func modTime(p string) time.Time {
	fi, err := os.Stat(p)
	if err != nil {
		return time.Time{}
	}
	return fi.ModTime()
}
