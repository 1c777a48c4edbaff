-- Library size on disk (issue 19). With the English names tagger a
-- 10,000-article library has 1.17 million mentions and was over the goal
-- of 35 KB an article. Each mention kept the byte span of its sentence,
-- read in one place only: the entity page's snippet of an article's first
-- mention, where the article's text is decoded anyway and the sentence is
-- cut from it again, as the writer cut it (analysis.Sentences). The two
-- columns go.
--
-- The table is copied, not altered: ALTER TABLE … DROP COLUMN rewrites
-- each row where it lies, leaving the pages as many as before, part empty,
-- which maintenance (PRAGMA incremental_vacuum) does not give back. A copy
-- in key order fills its pages, and the old table's pages are free. As in
-- 015, one INSERT … SELECT in key order, the triggers made after it so the
-- counts on entities stay what they were.

-- Refers to mentions: dropped while the table is swapped, made again
-- below. The old table steps aside under another name (its triggers and
-- its index go with it when it is dropped).
DROP TRIGGER articles_text_changed_analysis;
ALTER TABLE mentions RENAME TO mentions_with_sentences;

CREATE TABLE mentions (
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    byte_start     INTEGER NOT NULL,
    byte_end       INTEGER NOT NULL,
    entity_id      INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, byte_start, byte_end, entity_id)
) WITHOUT ROWID;

INSERT INTO mentions (article_id, byte_start, byte_end, entity_id)
SELECT article_id, byte_start, byte_end, entity_id
FROM mentions_with_sentences ORDER BY article_id, byte_start, byte_end, entity_id;

DROP TABLE mentions_with_sentences;

-- As 015 made them.
CREATE INDEX mentions_entity ON mentions (entity_id, article_id);

CREATE TRIGGER mentions_count_delete AFTER DELETE ON mentions BEGIN
    UPDATE entities SET mention_count = mention_count - 1,
        article_count = article_count - NOT EXISTS (SELECT 1 FROM mentions m
            WHERE m.entity_id = old.entity_id AND m.article_id = old.article_id)
    WHERE id = old.entity_id;
END;

CREATE TRIGGER mentions_count_update AFTER UPDATE OF entity_id ON mentions
WHEN old.entity_id <> new.entity_id BEGIN
    UPDATE entities SET mention_count = mention_count - 1,
        article_count = article_count - NOT EXISTS (SELECT 1 FROM mentions m
            WHERE m.entity_id = old.entity_id AND m.article_id = old.article_id)
    WHERE id = old.entity_id;
    UPDATE entities SET mention_count = mention_count + 1,
        article_count = article_count + NOT EXISTS (SELECT 1 FROM mentions m
            WHERE m.entity_id = new.entity_id AND m.article_id = new.article_id
                AND (m.byte_start <> new.byte_start OR m.byte_end <> new.byte_end))
    WHERE id = new.entity_id;
END;

-- As 016 made it.
CREATE TRIGGER mentions_count_insert AFTER INSERT ON mentions
WHEN NOT EXISTS (SELECT 1 FROM mentions_counted_by_writer) BEGIN
    UPDATE entities SET mention_count = mention_count + 1,
        article_count = article_count + NOT EXISTS (SELECT 1 FROM mentions m
            WHERE m.entity_id = new.entity_id AND m.article_id = new.article_id
                AND (m.byte_start <> new.byte_start OR m.byte_end <> new.byte_end))
    WHERE id = new.entity_id;
END;

-- As 014 made it.
CREATE TRIGGER articles_text_changed_analysis AFTER UPDATE OF text ON articles
WHEN annals_text(old.text) IS NOT annals_text(new.text) BEGIN
    DELETE FROM mentions WHERE article_id = new.id;
    DELETE FROM events WHERE article_id = new.id;
    DELETE FROM article_analysis WHERE article_id = new.id;
END;
