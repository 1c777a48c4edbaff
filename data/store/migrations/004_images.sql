-- Offline images. The files live in a content-addressed folder beside the
-- database (images/ab/abcdef….ext, named by the SHA-256 of their bytes; see
-- data/images); this table says which article uses which file, under the
-- URL the article's blocks give (src), or why the image could not be kept.
-- SaveImages replaces an article's rows in one transaction.
CREATE TABLE article_images (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    src        TEXT    NOT NULL,                -- the image URL as in the blocks / lead_image
    hash       TEXT    NOT NULL DEFAULT '',     -- hex SHA-256; '' when the image was not kept
    mime       TEXT    NOT NULL DEFAULT '',
    size       INTEGER NOT NULL DEFAULT 0,      -- bytes
    width      INTEGER NOT NULL DEFAULT 0,      -- 0 when unknown
    height     INTEGER NOT NULL DEFAULT 0,
    error      TEXT    NOT NULL DEFAULT '',     -- why it was not kept, one sentence for the reader
    PRIMARY KEY (article_id, src),
    CHECK ((hash = '') <> (error = ''))         -- either kept or failed, never both
) WITHOUT ROWID;
CREATE INDEX article_images_hash ON article_images (hash);

-- Hashes whose last reference went away (an article deleted, or re-saved
-- without that image): their files can be removed. Filled by the triggers
-- below, read by UnusedImageHashes, emptied by ForgetImageHashes once the
-- files are gone. A hash used again in the meantime leaves the list.
CREATE TABLE image_garbage (
    hash TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TRIGGER article_images_release AFTER DELETE ON article_images
WHEN old.hash <> '' AND NOT EXISTS (SELECT 1 FROM article_images WHERE hash = old.hash)
BEGIN
    INSERT OR IGNORE INTO image_garbage (hash) VALUES (old.hash);
END;

CREATE TRIGGER article_images_claim AFTER INSERT ON article_images
WHEN new.hash <> ''
BEGIN
    DELETE FROM image_garbage WHERE hash = new.hash;
END;

CREATE TRIGGER article_images_rehash AFTER UPDATE OF hash ON article_images
BEGIN
    INSERT OR IGNORE INTO image_garbage (hash)
    SELECT old.hash WHERE old.hash <> ''
        AND NOT EXISTS (SELECT 1 FROM article_images WHERE hash = old.hash);
    DELETE FROM image_garbage WHERE hash = new.hash AND new.hash <> '';
END;
