-- The library: one row per saved page, keyed by a normalised URL so saving
-- the same page twice updates it instead of adding a copy.
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
CREATE INDEX articles_saved ON articles (saved DESC);
CREATE INDEX articles_published ON articles (published DESC);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags (tag_id);
