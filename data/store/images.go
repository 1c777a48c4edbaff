package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ImageRecord is what became of one image of an article: kept (Hash set,
// the file is in the image folder beside the database) or not (Error says
// why, in one sentence for the reader).
type ImageRecord struct {
	Src           string // the image URL as the article's blocks (or lead image) give it
	Hash          string // hex SHA-256 of the bytes; "" when not kept
	MIME          string
	Size          int64
	Width, Height int // 0 when unknown
	Error         string
}

// Kept reports whether the image was stored.
func (r ImageRecord) Kept() bool { return r.Hash != "" && r.Error == "" }

// ErrImageNotFound is returned by ImageBySrc for an image the article has
// no record of.
var ErrImageNotFound = errors.New("image not found")

// SaveImages replaces the image records of an article, in one transaction.
// Hashes no longer referenced by any article become garbage (see
// UnusedImageHashes). Of several records with the same Src the last wins.
func (s *Store) SaveImages(ctx context.Context, articleID int64, recs []ImageRecord) error {
	return s.SaveImagesOfArticles(ctx, []ArticleImages{{ArticleID: articleID, Records: recs}})
}

// ArticleImages is the image records of one article, for
// SaveImagesOfArticles.
type ArticleImages struct {
	ArticleID int64
	Records   []ImageRecord
}

// SaveImagesOfArticles replaces the image records of several articles, each
// as SaveImages does, in one transaction: a bulk save records a batch's
// images with one commit instead of one a page, each waiting for the write
// lock behind the writer (issue 19). On error nothing is saved.
func (s *Store) SaveImagesOfArticles(ctx context.Context, arts []ArticleImages) error {
	for _, a := range arts {
		for _, r := range a.Records {
			if r.Src == "" {
				return fmt.Errorf("store: image record of article %d without src", a.ArticleID)
			}
			if (r.Hash == "") == (r.Error == "") {
				return fmt.Errorf("store: image %q of article %d needs either a hash or an error", r.Src, a.ArticleID)
			}
		}
	}
	stop := ctx
	return s.inBulkTx(ctx, func(_ sqlTx, prepare preparer) error {
		ctx := bulkStatementContext(ctx)
		stmt, err := prepare(ctx, `INSERT INTO article_images
			(article_id, src, hash, mime, size, width, height, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (article_id, src) DO UPDATE SET hash = excluded.hash, mime = excluded.mime,
			size = excluded.size, width = excluded.width, height = excluded.height, error = excluded.error`)
		if err != nil {
			return fmt.Errorf("store: save images: %w", err)
		}
		// Prepared once for the batch, not compiled for each article.
		exists, err := prepare(ctx, "SELECT 1 FROM articles WHERE id = ?")
		if err != nil {
			return fmt.Errorf("store: save images: %w", err)
		}
		clearOld, err := prepare(ctx, "DELETE FROM article_images WHERE article_id = ?")
		if err != nil {
			return fmt.Errorf("store: save images: %w", err)
		}
		for _, a := range arts {
			if err := stop.Err(); err != nil {
				return err
			}
			articleID := a.ArticleID
			var one int
			err := exists.QueryRowContext(ctx, articleID).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return ErrNotFound
			}
			if err != nil {
				return fmt.Errorf("store: save images of %d: %w", articleID, err)
			}
			if _, err := clearOld.ExecContext(ctx, articleID); err != nil {
				return fmt.Errorf("store: save images of %d: %w", articleID, err)
			}
			for _, r := range a.Records {
				if _, err := stmt.ExecContext(ctx, articleID, r.Src, r.Hash, r.MIME, r.Size, r.Width, r.Height, r.Error); err != nil {
					return fmt.Errorf("store: save image %q of %d: %w", r.Src, articleID, err)
				}
			}
		}
		return nil
	})
}

const imageCols = "src, hash, mime, size, width, height, error"

func scanImage(row interface{ Scan(...any) error }) (ImageRecord, error) {
	var r ImageRecord
	err := row.Scan(&r.Src, &r.Hash, &r.MIME, &r.Size, &r.Width, &r.Height, &r.Error)
	return r, err
}

// Images lists an article's image records, by src. An article without
// images (or an unknown id) gives none.
func (s *Store) Images(ctx context.Context, articleID int64) ([]ImageRecord, error) {
	// +? rather than ?: compiled once, not twice (see candidateQuery).
	rows, err := s.readQuery(ctx, "SELECT "+imageCols+" FROM article_images WHERE article_id = +? ORDER BY src", articleID)
	if err != nil {
		return nil, fmt.Errorf("store: images of %d: %w", articleID, err)
	}
	defer rows.Close()
	var out []ImageRecord
	for rows.Next() {
		r, err := scanImage(rows)
		if err != nil {
			return nil, fmt.Errorf("store: images of %d: %w", articleID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ImageBySrc returns the record of one image of an article, or
// ErrImageNotFound.
func (s *Store) ImageBySrc(ctx context.Context, articleID int64, src string) (ImageRecord, error) {
	r, err := scanImage(s.db.QueryRowContext(ctx, "SELECT "+imageCols+" FROM article_images WHERE article_id = ? AND src = ?", articleID, src))
	if errors.Is(err, sql.ErrNoRows) {
		return ImageRecord{}, ErrImageNotFound
	}
	if err != nil {
		return ImageRecord{}, fmt.Errorf("store: image %q of %d: %w", src, articleID, err)
	}
	return r, nil
}

// UnusedImageHashes lists the hashes no article references any more since
// their last reference was removed: their files can be deleted. Call
// ForgetImageHashes once they are.
func (s *Store) UnusedImageHashes(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT g.hash FROM image_garbage g
		WHERE NOT EXISTS (SELECT 1 FROM article_images i WHERE i.hash = g.hash) ORDER BY g.hash`)
	if err != nil {
		return nil, fmt.Errorf("store: unused images: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, fmt.Errorf("store: unused images: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// ForgetImageHashes drops hashes from the garbage list once their files are
// deleted.
func (s *Store) ForgetImageHashes(ctx context.Context, hashes []string) error {
	if len(hashes) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, h := range hashes {
			if _, err := tx.ExecContext(ctx, "DELETE FROM image_garbage WHERE hash = ?", h); err != nil {
				return fmt.Errorf("store: forget image %s: %w", h, err)
			}
		}
		return nil
	})
}

// ImageHashesInUse returns every hash an article references, for sweeping
// the image folder of files no record knows (left by a crash).
func (s *Store) ImageHashesInUse(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT hash FROM article_images WHERE hash <> ''")
	if err != nil {
		return nil, fmt.Errorf("store: images in use: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, fmt.Errorf("store: images in use: %w", err)
		}
		out[h] = true
	}
	return out, rows.Err()
}
