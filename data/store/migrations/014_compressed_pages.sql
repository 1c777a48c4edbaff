-- Library size on disk (issue 19). An article's words were stored three
-- times, uncompressed: html, text and the blocks' JSON took 43 of the
-- 71 KB an article used at 10,000 articles. From here on html, text and
-- blocks hold BLOBs (data/store/compress.go: text as zstd, html deflated
-- against the text, blocks as their kinds and lengths when their texts
-- are the text). A TEXT value is an article written before this version
-- and reads as it is, so nothing here rewrites rows: Go does that after
-- the migration, in batches of articles_to_compact (compactArticles).
--
-- Every SQL reader of the text goes through annals_text(text), a function
-- each connection registers (store.go); these triggers too. A text is
-- "changed" when its words differ, not its stored bytes: rewriting a row
-- in its new form must keep its analysis, its highlights and its search
-- entry.

DROP TRIGGER articles_fts_insert;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body, stems)
    VALUES (new.id, annals_fold(new.title), annals_fold(annals_text(new.text)),
        annals_stems(new.title || ' ' || annals_text(new.text)));
END;

DROP TRIGGER articles_fts_update;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
WHEN old.title IS NOT new.title OR annals_text(old.text) IS NOT annals_text(new.text) BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
    INSERT INTO articles_fts (rowid, title, body, stems)
    VALUES (new.id, annals_fold(new.title), annals_fold(annals_text(new.text)),
        annals_stems(new.title || ' ' || annals_text(new.text)));
END;

DROP TRIGGER articles_text_changed_analysis;
CREATE TRIGGER articles_text_changed_analysis AFTER UPDATE OF text ON articles
WHEN annals_text(old.text) IS NOT annals_text(new.text) BEGIN
    DELETE FROM mentions WHERE article_id = new.id;
    DELETE FROM events WHERE article_id = new.id;
    DELETE FROM article_analysis WHERE article_id = new.id;
END;

DROP TRIGGER articles_text_changed_highlights;
CREATE TRIGGER articles_text_changed_highlights AFTER UPDATE OF text ON articles
WHEN annals_text(old.text) IS NOT annals_text(new.text) BEGIN
    UPDATE highlights
    SET orphaned = (substr(CAST(annals_text(new.text) AS BLOB), byte_start + 1, byte_end - byte_start) IS NOT CAST(quote AS BLOB))
    WHERE article_id = new.id;
END;

-- The articles still stored the old way, rewritten and taken off this
-- list in the same transaction, a batch at a time: an upgrade stopped
-- half-way goes on where it stopped at the next start. Rows written
-- after this migration are written in the new form and never listed.
CREATE TABLE articles_to_compact (id INTEGER PRIMARY KEY);
INSERT INTO articles_to_compact (id) SELECT id FROM articles;
