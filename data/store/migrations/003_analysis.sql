-- What data/analysis finds in each article: entities and their mentions,
-- dated events, and the user's corrections to both.
--
-- Two kinds of rows live here:
--   * MACHINE output (entities, entity_aliases, mentions, events,
--     event_entities, article_analysis). SaveAnalysis replaces an article's
--     mentions and events in one transaction every time it is re-analysed.
--     entities is shared by all articles: a row exists while something
--     mentions it and shows the EFFECTIVE name and type (machine output with
--     the user's corrections applied).
--   * USER corrections (user_entity_edits, user_aliases, user_event_edits).
--     They are never touched by re-analysis; SaveAnalysis re-applies them to
--     the fresh machine output. They refer to entities by key (stable across
--     analyses) and to events by article and event key, never by row id.
--
-- All spans are BYTE offsets into articles.text ([start, end)); the rune_*
-- columns hold the same spans counted in code points, for a UI.

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
CREATE INDEX entities_by_mentions ON entities (mention_count DESC, id);
CREATE INDEX entities_by_type ON entities (type, mention_count DESC);

-- Every spelling an entity is known by (machine aliases and the user's),
-- folded with annals_fold for matching.
CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    folded    TEXT    NOT NULL,
    alias     TEXT    NOT NULL,
    user      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, folded)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_folded ON entity_aliases (folded);

CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id      INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    byte_start     INTEGER NOT NULL,
    byte_end       INTEGER NOT NULL,
    rune_start     INTEGER NOT NULL,
    rune_end       INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,                 -- the sentence holding the mention (bytes)
    sentence_end   INTEGER NOT NULL
);
CREATE INDEX mentions_entity ON mentions (entity_id, article_id);
CREATE INDEX mentions_article ON mentions (article_id);

-- Events. Cross-article grouping: events of different articles with the
-- same date value and at least one shared entity that is not a place
-- ("China" is in everything) are one real-world event. group_id holds the
-- smallest event id of its group; events are grouped greedily in (article,
-- id) order and a group never takes two events of the same article. Groups
-- are recomputed for every date an article's events touch whenever they
-- change (re-analysis, event edits, entity merges), so group_id is derived
-- data like the rest of the machine output.
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
CREATE INDEX events_timeline ON events (date, group_id, id);
CREATE INDEX events_group ON events (group_id);

CREATE TABLE event_entities (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX event_entities_entity ON event_entities (entity_id, event_id);

-- Which analysis version last read each article; a missing row or an older
-- version means the article needs (re-)analysis.
CREATE TABLE article_analysis (
    article_id  INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    analysed_at TEXT    NOT NULL,
    language    TEXT    NOT NULL DEFAULT '',
    sentences   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX article_analysis_version ON article_analysis (version);

-- User corrections to entities, by the key the machine gives them. NULL
-- columns keep the machine's value. merged_into sends every mention of key
-- to another entity; not_entity drops it everywhere.
CREATE TABLE user_entity_edits (
    key         TEXT    PRIMARY KEY,
    name        TEXT,
    name_ar     TEXT,
    type        TEXT,
    merged_into TEXT,
    not_entity  INTEGER NOT NULL DEFAULT 0,
    updated     TEXT    NOT NULL
);

-- "This spelling is that entity": fed into the gazetteer the analysis uses,
-- and re-applied to names the rules found outside the gazetteer.
CREATE TABLE user_aliases (
    folded     TEXT PRIMARY KEY,
    alias      TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    updated    TEXT NOT NULL
);

-- User corrections to one article's events, by event key. NULL columns keep
-- the machine's value; deleted hides the event for good.
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

-- Counters on entities follow mentions and event_entities, whoever changes
-- them (re-analysis, a merge, an article deleted by cascade).
CREATE TRIGGER mentions_count_insert AFTER INSERT ON mentions BEGIN
    UPDATE entities SET mention_count = mention_count + 1,
        article_count = article_count + NOT EXISTS (SELECT 1 FROM mentions m
            WHERE m.entity_id = new.entity_id AND m.article_id = new.article_id AND m.id <> new.id)
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
            WHERE m.entity_id = new.entity_id AND m.article_id = new.article_id AND m.id <> new.id)
    WHERE id = new.entity_id;
END;

CREATE TRIGGER event_entities_count_insert AFTER INSERT ON event_entities BEGIN
    UPDATE entities SET event_count = event_count + 1 WHERE id = new.entity_id;
END;

CREATE TRIGGER event_entities_count_delete AFTER DELETE ON event_entities BEGIN
    UPDATE entities SET event_count = event_count - 1 WHERE id = old.entity_id;
END;

-- Spans point into the text they were found in: when an article's text
-- changes, its machine output is dropped and the article needs analysis.
CREATE TRIGGER articles_text_changed_analysis AFTER UPDATE OF text ON articles
WHEN old.text IS NOT new.text BEGIN
    DELETE FROM mentions WHERE article_id = new.id;
    DELETE FROM events WHERE article_id = new.id;
    DELETE FROM article_analysis WHERE article_id = new.id;
END;
