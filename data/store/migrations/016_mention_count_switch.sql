-- Speed of saving many articles (issue 19). A batch of many mentions
-- (SaveAnalyses) counts them itself, once per entity, instead of by
-- mentions_count_insert once per mention. It used to drop the trigger
-- and create it again before commit: two changes of the schema per batch,
-- after each of which every prepared statement of every connection
-- (FTS5's own included) was compiled again, a tenth of the writer's CPU.
-- Now the trigger stays and the batch puts a row in
-- mentions_counted_by_writer for the length of its transaction: rows, not
-- the schema, change. A rollback takes the row away with the batch.
CREATE TABLE mentions_counted_by_writer (
    id INTEGER PRIMARY KEY CHECK (id = 1)
);

DROP TRIGGER mentions_count_insert;

-- As in 015, unless a batch counts the mentions itself.
CREATE TRIGGER mentions_count_insert AFTER INSERT ON mentions
WHEN NOT EXISTS (SELECT 1 FROM mentions_counted_by_writer) BEGIN
    UPDATE entities SET mention_count = mention_count + 1,
        article_count = article_count + NOT EXISTS (SELECT 1 FROM mentions m
            WHERE m.entity_id = new.entity_id AND m.article_id = new.article_id
                AND (m.byte_start <> new.byte_start OR m.byte_end <> new.byte_end))
    WHERE id = new.entity_id;
END;
