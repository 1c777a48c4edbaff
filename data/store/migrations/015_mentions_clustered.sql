-- Library size on disk (issue 19). mentions was a rowid table with two
-- indexes: at 10,000 articles the table took 30.6 MB and its indexes
-- 26.9 MB, 5.7 KB an article. From here on it is clustered by article
-- and span (WITHOUT ROWID): the primary key is what mentions_article
-- and the id were for (an article's mentions, in text order; one row per
-- span and entity), so both go. rune_start and rune_end go too: nothing
-- read them (a reader of spans maps bytes to runes on the text it holds).
--
-- A span names an entity once: two rows with the same article, span and
-- entity (possible only if an older build stored one twice) become one,
-- and mention_count follows below.
--
-- One INSERT … SELECT in key order, no work per row in SQL functions: a
-- 100,000-article library is migrated when it is opened. The triggers are
-- made after the copy, so they do not count the copied rows again: the
-- counts on entities stay what they were.

-- Refers to mentions: dropped while the table is swapped, made again
-- below. The old table steps aside under another name (its triggers and
-- indexes go with it when it is dropped) so the new one is created under
-- its own.
DROP TRIGGER articles_text_changed_analysis;
ALTER TABLE mentions RENAME TO mentions_rowid;

CREATE TABLE mentions (
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    byte_start     INTEGER NOT NULL,
    byte_end       INTEGER NOT NULL,
    entity_id      INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    sentence_start INTEGER NOT NULL,                 -- the sentence holding the mention (bytes)
    sentence_end   INTEGER NOT NULL,
    PRIMARY KEY (article_id, byte_start, byte_end, entity_id)
) WITHOUT ROWID;

INSERT OR IGNORE INTO mentions (article_id, byte_start, byte_end, entity_id, sentence_start, sentence_end)
SELECT article_id, byte_start, byte_end, entity_id, sentence_start, sentence_end
FROM mentions_rowid ORDER BY article_id, byte_start, byte_end, entity_id;

-- Only when a duplicate was dropped (never, for a library this build's
-- predecessors wrote in the ordinary way): count the mentions again.
-- Both counts are taken once, before any entity is updated.
UPDATE entities SET mention_count = (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id)
WHERE (SELECT count(*) FROM mentions_rowid) <> (SELECT count(*) FROM mentions);

DROP TABLE mentions_rowid;

-- The entity's page, search by entity and the counters below look
-- mentions up by entity; by article, the primary key serves.
CREATE INDEX mentions_entity ON mentions (entity_id, article_id);

-- Counters on entities follow mentions (as in 003): the new row is told
-- apart from the entity's other mentions in the article by its span, the
-- rest of the key.
CREATE TRIGGER mentions_count_insert AFTER INSERT ON mentions BEGIN
    UPDATE entities SET mention_count = mention_count + 1,
        article_count = article_count + NOT EXISTS (SELECT 1 FROM mentions m
            WHERE m.entity_id = new.entity_id AND m.article_id = new.article_id
                AND (m.byte_start <> new.byte_start OR m.byte_end <> new.byte_end))
    WHERE id = new.entity_id;
END;

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

-- As 014 made it.
CREATE TRIGGER articles_text_changed_analysis AFTER UPDATE OF text ON articles
WHEN annals_text(old.text) IS NOT annals_text(new.text) BEGIN
    DELETE FROM mentions WHERE article_id = new.id;
    DELETE FROM events WHERE article_id = new.id;
    DELETE FROM article_analysis WHERE article_id = new.id;
END;
