-- Highlights and notes. A highlight is a BYTE range [byte_start, byte_end)
-- of articles.text plus the text it covered (quote), so it can be found
-- again when the article is saved again with a different text: the
-- trigger below flags every highlight whose range no longer holds its
-- quote, and Store.ReanchorHighlights (Go: exact, then folded match nearest
-- to the old place) moves it or leaves it flagged. An orphaned highlight is
-- never deleted: its quote and note are the user's and stay listed.
-- ("end" is an SQL keyword, hence byte_start/byte_end, as in mentions.)
CREATE TABLE highlights (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    byte_start INTEGER NOT NULL,
    byte_end   INTEGER NOT NULL,
    quote      TEXT    NOT NULL,
    colour     TEXT    NOT NULL DEFAULT 'yellow'
               CHECK (colour IN ('yellow', 'green', 'blue', 'pink', 'purple')),
    note       TEXT    NOT NULL DEFAULT '',
    orphaned   INTEGER NOT NULL DEFAULT 0,          -- 1: the quote is no longer at [byte_start, byte_end)
    created    TEXT    NOT NULL,
    updated    TEXT    NOT NULL,
    CHECK (0 <= byte_start AND byte_start < byte_end)
);
CREATE INDEX highlights_article ON highlights (article_id, byte_start);
CREATE INDEX highlights_created ON highlights (created DESC, id DESC);

-- Search over quotes and notes, folded exactly like articles_fts (see
-- 002_search.sql): rowid is highlights.id.
CREATE VIRTUAL TABLE highlights_fts USING fts5 (
    quote, note, stems,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER highlights_fts_insert AFTER INSERT ON highlights BEGIN
    INSERT INTO highlights_fts (rowid, quote, note, stems)
    VALUES (new.id, annals_fold(new.quote), annals_fold(new.note), annals_stems(new.quote || ' ' || new.note));
END;

CREATE TRIGGER highlights_fts_delete AFTER DELETE ON highlights BEGIN
    DELETE FROM highlights_fts WHERE rowid = old.id;
END;

CREATE TRIGGER highlights_fts_update AFTER UPDATE OF quote, note ON highlights BEGIN
    DELETE FROM highlights_fts WHERE rowid = old.id;
    INSERT INTO highlights_fts (rowid, quote, note, stems)
    VALUES (new.id, annals_fold(new.quote), annals_fold(new.note), annals_stems(new.quote || ' ' || new.note));
END;

-- The text changed under the highlights: compare bytes (CAST AS BLOB, so
-- substr counts bytes, not characters) and flag those that moved. Done in
-- the same statement as the text change, so a highlight never points at
-- the wrong words, whoever updates the text.
CREATE TRIGGER articles_text_changed_highlights AFTER UPDATE OF text ON articles
WHEN old.text IS NOT new.text BEGIN
    UPDATE highlights
    SET orphaned = (substr(CAST(new.text AS BLOB), byte_start + 1, byte_end - byte_start) IS NOT CAST(quote AS BLOB))
    WHERE article_id = new.id;
END;
