-- The schema of an Annals library after all migrations (data/store/migrations).
-- Written by: go test -tags 'sqlite_fts5 migrated_fynedo' ./data/store -run TestSchemaFile -update
-- Do not edit by hand; the test fails when it no longer matches.

-- index article_analysis_version
CREATE INDEX article_analysis_version ON article_analysis (version);

-- index article_images_hash
CREATE INDEX article_images_hash ON article_images (hash);

-- index article_tags_tag
CREATE INDEX article_tags_tag ON article_tags (tag_id);

-- index articles_list
CREATE INDEX articles_list ON articles (saved DESC, id DESC, archived, favourite, status);

-- index articles_published
CREATE INDEX articles_published ON articles (published DESC);

-- index articles_saved
CREATE INDEX articles_saved ON articles (saved DESC);

-- index articles_summary
CREATE INDEX articles_summary ON articles (
    id, url, title, site, excerpt, published, saved, language, dir,
    word_count, reading_minutes, status, error, archived, favourite, read_progress
);

-- index entities_by_mentions
CREATE INDEX entities_by_mentions ON entities (mention_count DESC, id);

-- index entities_by_type
CREATE INDEX entities_by_type ON entities (type, mention_count DESC);

-- index entity_aliases_folded
CREATE INDEX entity_aliases_folded ON entity_aliases (folded);

-- index event_entities_entity
CREATE INDEX event_entities_entity ON event_entities (entity_id, event_id);

-- index events_group_article
CREATE INDEX events_group_article ON events (group_id, article_id);

-- index events_timeline
CREATE INDEX events_timeline ON events (date, group_id, id);

-- index feed_items_article
CREATE INDEX feed_items_article ON feed_items (article_id);

-- index feed_items_list
CREATE INDEX feed_items_list ON feed_items (feed_id, published DESC, id DESC);

-- index highlights_article
CREATE INDEX highlights_article ON highlights (article_id, byte_start);

-- index highlights_created
CREATE INDEX highlights_created ON highlights (created DESC, id DESC);

-- index mentions_entity
CREATE INDEX mentions_entity ON mentions (entity_id, article_id);

-- table article_analysis
CREATE TABLE article_analysis (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    analysed_at TEXT    NOT NULL,
    language    TEXT    NOT NULL DEFAULT '',
    sentences   INTEGER NOT NULL DEFAULT 0
);

-- table article_images
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

-- table article_tags
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;

-- table articles
CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    url_key         TEXT    NOT NULL UNIQUE,
    url             TEXT    NOT NULL,
    canonical_url   TEXT    NOT NULL DEFAULT '',
    title           TEXT    NOT NULL DEFAULT '',
    byline          TEXT    NOT NULL DEFAULT '',
    site            TEXT    NOT NULL DEFAULT '',
    excerpt         TEXT    NOT NULL DEFAULT '',
    published       TEXT    NOT NULL DEFAULT '',
    saved           TEXT    NOT NULL,
    updated         TEXT    NOT NULL,
    language        TEXT    NOT NULL DEFAULT '',
    dir             TEXT    NOT NULL DEFAULT 'ltr',
    html            TEXT    NOT NULL DEFAULT '',
    text            TEXT    NOT NULL DEFAULT '',
    blocks          TEXT    NOT NULL DEFAULT '[]',
    lead_image      TEXT    NOT NULL DEFAULT '',
    word_count      INTEGER NOT NULL DEFAULT 0,
    reading_minutes INTEGER NOT NULL DEFAULT 0,
    status          TEXT    NOT NULL DEFAULT 'ready' CHECK (status IN ('pending', 'ready', 'failed')),
    error           TEXT    NOT NULL DEFAULT '',
    warnings        TEXT    NOT NULL DEFAULT '[]',
    archived        INTEGER NOT NULL DEFAULT 0,
    favourite       INTEGER NOT NULL DEFAULT 0,
    read_progress   REAL    NOT NULL DEFAULT 0
);

-- table articles_fts
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body, stems,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- table articles_fts_config
CREATE TABLE 'articles_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table articles_fts_data
CREATE TABLE 'articles_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table articles_fts_docsize
CREATE TABLE 'articles_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);

-- table articles_fts_idx
CREATE TABLE 'articles_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table articles_to_compact
CREATE TABLE articles_to_compact (id INTEGER PRIMARY KEY);

-- table entities
CREATE TABLE entities (
    id             INTEGER PRIMARY KEY,
    key            TEXT    NOT NULL UNIQUE,          -- "person:donald-trump"
    name           TEXT    NOT NULL,                 -- canonical (English) name
    name_ar        TEXT    NOT NULL DEFAULT '',
    type           TEXT    NOT NULL,                 -- person, organisation, product, place, event
    from_gazetteer INTEGER NOT NULL DEFAULT 0,
    name_edited    INTEGER NOT NULL DEFAULT 0,       -- name or name_ar comes from user_entity_edits
    type_edited    INTEGER NOT NULL DEFAULT 0,       -- type comes from user_entity_edits
    -- Kept up to date by the triggers below, so "entities by mention count"
    -- is an index walk instead of an aggregate over every mention.
    mention_count  INTEGER NOT NULL DEFAULT 0,
    article_count  INTEGER NOT NULL DEFAULT 0,
    event_count    INTEGER NOT NULL DEFAULT 0
);

-- table entity_aliases
CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    folded    TEXT    NOT NULL,
    alias     TEXT    NOT NULL,
    user      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, folded)
) WITHOUT ROWID;

-- table event_entities
CREATE TABLE event_entities (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, entity_id)
) WITHOUT ROWID;

-- table events
CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    article_id       INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    key              TEXT    NOT NULL,               -- machine identity: hash of the sentence @ time expression offset
    date             TEXT    NOT NULL,               -- TIMEX3 value: 2025-01-20, 2024-11, 2023
    precision        TEXT    NOT NULL,
    type             TEXT    NOT NULL,
    title            TEXT    NOT NULL,
    trigger          TEXT    NOT NULL DEFAULT '',
    sentence_start   INTEGER NOT NULL,
    sentence_end     INTEGER NOT NULL,
    sentence_text    TEXT    NOT NULL,
    timex_start      INTEGER NOT NULL,
    timex_end        INTEGER NOT NULL,
    analysis_version INTEGER NOT NULL,
    user_edited      INTEGER NOT NULL DEFAULT 0,     -- date/type/title come from user_event_edits
    group_id         INTEGER NOT NULL DEFAULT 0,
    UNIQUE (article_id, key)
);

-- table feed_items
CREATE TABLE feed_items (
    id         INTEGER PRIMARY KEY,
    feed_id    INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    guid       TEXT    NOT NULL,
    url        TEXT    NOT NULL DEFAULT '',
    title      TEXT    NOT NULL DEFAULT '',
    published  TEXT    NOT NULL DEFAULT '',
    summary    TEXT    NOT NULL DEFAULT '',          -- plain text, short
    content    TEXT    NOT NULL DEFAULT '',          -- the full HTML when the feed carries it
    added      TEXT    NOT NULL,                     -- when this library first saw the item
    article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    seen       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (feed_id, guid)
);

-- table feeds
CREATE TABLE feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT    NOT NULL UNIQUE,           -- the feed document itself (after discovery)
    title         TEXT    NOT NULL DEFAULT '',
    site_url      TEXT    NOT NULL DEFAULT '',
    added         TEXT    NOT NULL,
    last_checked  TEXT    NOT NULL DEFAULT '',       -- '' until the first refresh
    last_error    TEXT    NOT NULL DEFAULT '',       -- why the last check failed, one sentence; '' when it worked
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    auto_save     INTEGER NOT NULL DEFAULT 0         -- 1: new items are saved; 0: listed for saving
);

-- table fetch_leases
CREATE TABLE fetch_leases (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    owner      TEXT NOT NULL,
    until      TEXT NOT NULL
);

-- table group_entities
CREATE TABLE group_entities (
    date      TEXT    NOT NULL,
    entity_id INTEGER NOT NULL,
    type      TEXT    NOT NULL,
    group_id  INTEGER NOT NULL,
    members   INTEGER NOT NULL,
    PRIMARY KEY (date, entity_id, type, group_id)
) WITHOUT ROWID;

-- table highlights
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

-- table highlights_fts
CREATE VIRTUAL TABLE highlights_fts USING fts5 (
    quote, note, stems,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- table highlights_fts_config
CREATE TABLE 'highlights_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table highlights_fts_data
CREATE TABLE 'highlights_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table highlights_fts_docsize
CREATE TABLE 'highlights_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB, origin INTEGER);

-- table highlights_fts_idx
CREATE TABLE 'highlights_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table image_garbage
CREATE TABLE image_garbage (
    hash TEXT PRIMARY KEY
) WITHOUT ROWID;

-- table mentions
CREATE TABLE mentions (
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    byte_start     INTEGER NOT NULL,
    byte_end       INTEGER NOT NULL,
    entity_id      INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, byte_start, byte_end, entity_id)
) WITHOUT ROWID;

-- table mentions_counted_by_writer
CREATE TABLE mentions_counted_by_writer (
    id INTEGER PRIMARY KEY CHECK (id = 1)
);

-- table tags
CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

-- table timeline_day_types
CREATE TABLE timeline_day_types (
    date   TEXT    NOT NULL,
    type   TEXT    NOT NULL,
    groups INTEGER NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (date, type)
) WITHOUT ROWID;

-- table timeline_days
CREATE TABLE timeline_days (
    date   TEXT    PRIMARY KEY,
    groups INTEGER NOT NULL,
    events INTEGER NOT NULL
) WITHOUT ROWID;

-- table user_aliases
CREATE TABLE user_aliases (
    folded     TEXT PRIMARY KEY,
    alias      TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    updated    TEXT NOT NULL
);

-- table user_entity_edits
CREATE TABLE user_entity_edits (
    key         TEXT    PRIMARY KEY,
    name        TEXT,
    name_ar     TEXT,
    type        TEXT,
    merged_into TEXT,
    not_entity  INTEGER NOT NULL DEFAULT 0,
    updated     TEXT    NOT NULL
);

-- table user_event_edits
CREATE TABLE user_event_edits (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event_key  TEXT    NOT NULL,
    date       TEXT,
    precision  TEXT,
    type       TEXT,
    title      TEXT,
    deleted    INTEGER NOT NULL DEFAULT 0,
    updated    TEXT    NOT NULL,
    PRIMARY KEY (article_id, event_key)
) WITHOUT ROWID;

-- trigger article_images_claim
CREATE TRIGGER article_images_claim AFTER INSERT ON article_images
WHEN new.hash <> ''
BEGIN
    DELETE FROM image_garbage WHERE hash = new.hash;
END;

-- trigger article_images_rehash
CREATE TRIGGER article_images_rehash AFTER UPDATE OF hash ON article_images
BEGIN
    INSERT OR IGNORE INTO image_garbage (hash)
    SELECT old.hash WHERE old.hash <> ''
        AND NOT EXISTS (SELECT 1 FROM article_images WHERE hash = old.hash);
    DELETE FROM image_garbage WHERE hash = new.hash AND new.hash <> '';
END;

-- trigger article_images_release
CREATE TRIGGER article_images_release AFTER DELETE ON article_images
WHEN old.hash <> '' AND NOT EXISTS (SELECT 1 FROM article_images WHERE hash = old.hash)
BEGIN
    INSERT OR IGNORE INTO image_garbage (hash) VALUES (old.hash);
END;

-- trigger articles_fts_delete
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END;

-- trigger articles_fts_insert
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body, stems)
    VALUES (new.id, annals_fold(new.title), annals_fold(annals_text(new.text)),
        annals_stems(new.title || ' ' || annals_text(new.text)));
END;

-- trigger articles_fts_update
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
WHEN old.title IS NOT new.title OR annals_text(old.text) IS NOT annals_text(new.text) BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
    INSERT INTO articles_fts (rowid, title, body, stems)
    VALUES (new.id, annals_fold(new.title), annals_fold(annals_text(new.text)),
        annals_stems(new.title || ' ' || annals_text(new.text)));
END;

-- trigger articles_text_changed_analysis
CREATE TRIGGER articles_text_changed_analysis AFTER UPDATE OF text ON articles
WHEN annals_text(old.text) IS NOT annals_text(new.text) BEGIN
    DELETE FROM mentions WHERE article_id = new.id;
    DELETE FROM events WHERE article_id = new.id;
    DELETE FROM article_analysis WHERE article_id = new.id;
END;

-- trigger articles_text_changed_highlights
CREATE TRIGGER articles_text_changed_highlights AFTER UPDATE OF text ON articles
WHEN annals_text(old.text) IS NOT annals_text(new.text) BEGIN
    UPDATE highlights
    SET orphaned = (substr(CAST(annals_text(new.text) AS BLOB), byte_start + 1, byte_end - byte_start) IS NOT CAST(quote AS BLOB))
    WHERE article_id = new.id;
END;

-- trigger entities_group_type
CREATE TRIGGER entities_group_type AFTER UPDATE OF type ON entities
WHEN (old.type = 'place') IS NOT (new.type = 'place') BEGIN
    DELETE FROM group_entities
    WHERE new.type = 'place' AND entity_id = new.id AND (date, type, group_id) IN
        (SELECT e.date, e.type, e.group_id FROM event_entities ee JOIN events e ON e.id = ee.event_id WHERE ee.entity_id = new.id);
    INSERT INTO group_entities (date, entity_id, type, group_id, members)
    SELECT e.date, new.id, e.type, e.group_id, count(*) FROM event_entities ee JOIN events e ON e.id = ee.event_id
    WHERE old.type = 'place' AND ee.entity_id = new.id AND e.group_id <> 0 GROUP BY e.date, e.type, e.group_id
    ON CONFLICT (date, entity_id, type, group_id) DO UPDATE SET members = members + excluded.members;
END;

-- trigger event_entities_count_delete
CREATE TRIGGER event_entities_count_delete AFTER DELETE ON event_entities BEGIN
    UPDATE entities SET event_count = event_count - 1 WHERE id = old.entity_id;
END;

-- trigger event_entities_count_insert
CREATE TRIGGER event_entities_count_insert AFTER INSERT ON event_entities BEGIN
    UPDATE entities SET event_count = event_count + 1 WHERE id = new.entity_id;
END;

-- trigger event_entities_group_delete
CREATE TRIGGER event_entities_group_delete AFTER DELETE ON event_entities BEGIN
    UPDATE group_entities SET members = members - 1
    WHERE date = (SELECT date FROM events WHERE id = old.event_id) AND entity_id = old.entity_id
        AND type = (SELECT type FROM events WHERE id = old.event_id)
        AND group_id = (SELECT group_id FROM events WHERE id = old.event_id);
    DELETE FROM group_entities
    WHERE date = (SELECT date FROM events WHERE id = old.event_id) AND entity_id = old.entity_id
        AND type = (SELECT type FROM events WHERE id = old.event_id)
        AND group_id = (SELECT group_id FROM events WHERE id = old.event_id) AND members <= 0;
END;

-- trigger event_entities_group_insert
CREATE TRIGGER event_entities_group_insert AFTER INSERT ON event_entities BEGIN
    INSERT INTO group_entities (date, entity_id, type, group_id, members)
    SELECT e.date, new.entity_id, e.type, e.group_id, 1 FROM events e JOIN entities n ON n.id = new.entity_id
    WHERE e.id = new.event_id AND e.group_id <> 0 AND n.type <> 'place'
    ON CONFLICT (date, entity_id, type, group_id) DO UPDATE SET members = members + 1;
END;

-- trigger events_group_delete
CREATE TRIGGER events_group_delete BEFORE DELETE ON events
WHEN old.group_id <> 0 BEGIN
    UPDATE group_entities SET members = members - 1
    WHERE date = old.date AND type = old.type AND group_id = old.group_id
        AND entity_id IN (SELECT entity_id FROM event_entities WHERE event_id = old.id);
    DELETE FROM group_entities
    WHERE date = old.date AND type = old.type AND group_id = old.group_id AND members <= 0
        AND entity_id IN (SELECT entity_id FROM event_entities WHERE event_id = old.id);
END;

-- trigger events_group_entities_update
CREATE TRIGGER events_group_entities_update AFTER UPDATE OF date, type, group_id ON events
WHEN old.date IS NOT new.date OR old.type IS NOT new.type OR old.group_id IS NOT new.group_id BEGIN
    UPDATE group_entities SET members = members - 1
    WHERE old.group_id <> 0 AND date = old.date AND type = old.type AND group_id = old.group_id
        AND entity_id IN (SELECT entity_id FROM event_entities WHERE event_id = old.id);
    DELETE FROM group_entities
    WHERE old.group_id <> 0 AND date = old.date AND type = old.type AND group_id = old.group_id AND members <= 0
        AND entity_id IN (SELECT entity_id FROM event_entities WHERE event_id = old.id);
    INSERT INTO group_entities (date, entity_id, type, group_id, members)
    SELECT new.date, ee.entity_id, new.type, new.group_id, 1 FROM event_entities ee JOIN entities n ON n.id = ee.entity_id
    WHERE new.group_id <> 0 AND ee.event_id = new.id AND n.type <> 'place'
    ON CONFLICT (date, entity_id, type, group_id) DO UPDATE SET members = members + 1;
END;

-- trigger events_group_founder_leaves
CREATE TRIGGER events_group_founder_leaves BEFORE UPDATE OF group_id ON events
WHEN new.group_id = 0 AND old.group_id = old.id BEGIN
    UPDATE events SET group_id = (SELECT min(x.id) FROM events x WHERE x.date = old.date AND x.group_id = old.id AND x.id <> old.id)
    WHERE date = old.date AND group_id = old.id AND id <> old.id;
END;

-- trigger events_timeline_days_delete
CREATE TRIGGER events_timeline_days_delete AFTER DELETE ON events
WHEN old.group_id <> 0 BEGIN
    UPDATE timeline_days SET events = events - 1,
        groups = groups - NOT EXISTS (SELECT 1 FROM events e
            WHERE e.date = old.date AND e.group_id = old.group_id)
    WHERE date = old.date;
    DELETE FROM timeline_days WHERE date = old.date AND events <= 0;
    UPDATE timeline_day_types SET events = events - 1,
        groups = groups - NOT EXISTS (SELECT 1 FROM events e
            WHERE e.date = old.date AND e.group_id = old.group_id AND e.type = old.type)
    WHERE date = old.date AND type = old.type;
    DELETE FROM timeline_day_types WHERE date = old.date AND type = old.type AND events <= 0;
END;

-- trigger events_timeline_days_insert
CREATE TRIGGER events_timeline_days_insert AFTER INSERT ON events
WHEN new.group_id <> 0 BEGIN
    INSERT INTO timeline_days (date, groups, events)
    VALUES (new.date, NOT EXISTS (SELECT 1 FROM events e
        WHERE e.date = new.date AND e.group_id = new.group_id AND e.id <> new.id), 1)
    ON CONFLICT (date) DO UPDATE SET groups = groups + excluded.groups, events = events + 1;
    INSERT INTO timeline_day_types (date, type, groups, events)
    VALUES (new.date, new.type, NOT EXISTS (SELECT 1 FROM events e
        WHERE e.date = new.date AND e.group_id = new.group_id AND e.type = new.type AND e.id <> new.id), 1)
    ON CONFLICT (date, type) DO UPDATE SET groups = groups + excluded.groups, events = events + 1;
END;

-- trigger events_timeline_days_update_new
CREATE TRIGGER events_timeline_days_update_new AFTER UPDATE OF date, type, group_id ON events
WHEN new.group_id <> 0 AND (old.date IS NOT new.date OR old.type IS NOT new.type OR old.group_id IS NOT new.group_id) BEGIN
    INSERT INTO timeline_days (date, groups, events)
    VALUES (new.date, NOT EXISTS (SELECT 1 FROM events e
        WHERE e.date = new.date AND e.group_id = new.group_id AND e.id <> new.id), 1)
    ON CONFLICT (date) DO UPDATE SET groups = groups + excluded.groups, events = events + 1;
    INSERT INTO timeline_day_types (date, type, groups, events)
    VALUES (new.date, new.type, NOT EXISTS (SELECT 1 FROM events e
        WHERE e.date = new.date AND e.group_id = new.group_id AND e.type = new.type AND e.id <> new.id), 1)
    ON CONFLICT (date, type) DO UPDATE SET groups = groups + excluded.groups, events = events + 1;
END;

-- trigger events_timeline_days_update_old
CREATE TRIGGER events_timeline_days_update_old AFTER UPDATE OF date, type, group_id ON events
WHEN old.group_id <> 0 AND (old.date IS NOT new.date OR old.type IS NOT new.type OR old.group_id IS NOT new.group_id) BEGIN
    UPDATE timeline_days SET events = events - 1,
        groups = groups - NOT EXISTS (SELECT 1 FROM events e
            WHERE e.date = old.date AND e.group_id = old.group_id AND e.id <> old.id)
    WHERE date = old.date;
    DELETE FROM timeline_days WHERE date = old.date AND events <= 0;
    UPDATE timeline_day_types SET events = events - 1,
        groups = groups - NOT EXISTS (SELECT 1 FROM events e
            WHERE e.date = old.date AND e.group_id = old.group_id AND e.type = old.type AND e.id <> old.id)
    WHERE date = old.date AND type = old.type;
    DELETE FROM timeline_day_types WHERE date = old.date AND type = old.type AND events <= 0;
END;

-- trigger highlights_fts_delete
CREATE TRIGGER highlights_fts_delete AFTER DELETE ON highlights BEGIN
    DELETE FROM highlights_fts WHERE rowid = old.id;
END;

-- trigger highlights_fts_insert
CREATE TRIGGER highlights_fts_insert AFTER INSERT ON highlights BEGIN
    INSERT INTO highlights_fts (rowid, quote, note, stems)
    VALUES (new.id, annals_fold(new.quote), annals_fold(new.note), annals_stems(new.quote || ' ' || new.note));
END;

-- trigger highlights_fts_update
CREATE TRIGGER highlights_fts_update AFTER UPDATE OF quote, note ON highlights BEGIN
    DELETE FROM highlights_fts WHERE rowid = old.id;
    INSERT INTO highlights_fts (rowid, quote, note, stems)
    VALUES (new.id, annals_fold(new.quote), annals_fold(new.note), annals_stems(new.quote || ' ' || new.note));
END;

-- trigger mentions_count_delete
CREATE TRIGGER mentions_count_delete AFTER DELETE ON mentions BEGIN
    UPDATE entities SET mention_count = mention_count - 1,
        article_count = article_count - NOT EXISTS (SELECT 1 FROM mentions m
            WHERE m.entity_id = old.entity_id AND m.article_id = old.article_id)
    WHERE id = old.entity_id;
END;

-- trigger mentions_count_insert
CREATE TRIGGER mentions_count_insert AFTER INSERT ON mentions
WHEN NOT EXISTS (SELECT 1 FROM mentions_counted_by_writer) BEGIN
    UPDATE entities SET mention_count = mention_count + 1,
        article_count = article_count + NOT EXISTS (SELECT 1 FROM mentions m
            WHERE m.entity_id = new.entity_id AND m.article_id = new.article_id
                AND (m.byte_start <> new.byte_start OR m.byte_end <> new.byte_end))
    WHERE id = new.entity_id;
END;

-- trigger mentions_count_update
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
