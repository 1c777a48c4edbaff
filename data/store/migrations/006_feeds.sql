-- Feed subscriptions (RSS, Atom, JSON Feed) and the items seen in them.
-- A feed is checked with a conditional GET (etag, last_modified); every
-- item it has carried is kept once, by (feed, guid), so an item is never
-- offered or saved twice. article_id is the article it was saved as (NULL:
-- listed only, for one-click saving); deleting that article makes the item
-- unsaved again rather than deleting it.
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
CREATE INDEX feed_items_list ON feed_items (feed_id, published DESC, id DESC);
CREATE INDEX feed_items_article ON feed_items (article_id);
