-- Performance: cross-article event groups are kept up to date as events
-- come and go instead of being recomputed. Until now every save of an
-- analysis regrouped each date its events touched by reading all events of
-- that date (see events.group_id in 003_analysis.sql); at 100,000 articles
-- a year-only date such as "2024" holds 50,000 events, and re-analysing a
-- batch of 128 articles read about 1.5 million event rows (3.5 articles/s).
--
-- The grouping rule, which replaces the one described in 003:
--   * Events of different articles with the same date value that share at
--     least one entity that is not a place ("China" is in everything)
--     report one real-world event: a group. A group never holds two events
--     of the same article.
--   * On each date, events are grouped greedily in id order (ids are
--     insertion order): an event joins the OLDEST group of its date (the
--     smallest group_id) that shares a non-place entity with it and holds
--     no event of its article; otherwise it starts a group of its own.
--   * group_id 0 means "not placed yet". Otherwise group_id is the id of
--     the event that started the group, never more than any member's id,
--     so it tells the groups' age.
--   * Groups are kept as events arrive and are NOT re-split when an event
--     leaves (its row deleted, or it moves to another date, or its
--     entities change): the other members stay together even when the
--     event that left was their only link, so a group never splits under
--     the reader's eyes.
--   * A group keeps its id when the event that started it is DELETED
--     (re-analysis replaces an article's events by deleting them). The id
--     stays unique: SQLite gives a new row max(rowid) + 1, and every member
--     of the group has an id at least the group's, so a deleted event's id
--     is not given again while its group has members. The group keeps its
--     identity (the timeline's selection, exported UIDs), and no member is
--     rewritten: taking the smallest remaining id instead made
--     re-analysing articles in id order, which is what a new analysis
--     version does, rewrite every big group once per article (410 ms
--     instead of 8 ms per article on a date of 20,000 events whose
--     biggest group had 1,960, BenchmarkReanalyseLargeDate).
--   * When the first event leaves a group but stays (taken out to be
--     placed again because its date or entities changed), the group takes
--     the smallest remaining id, since the event may start a group of its
--     own under its id. An event placed again that is older than the
--     group it joins gives the group its id. Both follow user
--     corrections, and each rewrites the group's members once.
--   * Events whose entities or date change (an event edit, a merge, an
--     entity becoming or ceasing to be a place, an entity marked "not an
--     entity") leave their group and are placed again, in id order, by the
--     same rule. New events always get ids larger than every event already
--     stored (SQLite gives max(rowid) + 1), so placing them in id order is
--     the greedy rule itself.
--
-- Who does what:
--   * PLACING is Go (data/store/grouping.go): rows are inserted with
--     group_id 0, their event_entities added, then each is placed. Finding
--     its group reads group_entities for its own entities, never the date.
--   * LEAVING is these triggers, so it also happens when events go by
--     cascade (an article deleted, its text changed): deleting an event or
--     setting its group_id to 0 takes it out of its group (and, for the
--     latter, renumbers the group when the event was its first).
--   * group_entities, the index placing reads, follows every change of
--     events, event_entities and entities' types, whoever makes it.
--   * An event's date or entities change only while it is out of its
--     group (EditEvent, MergeEntities, SetEntityType and MarkNotEntity take
--     it out first): a placed event given another date directly would stay
--     in its group, on a date the rest of the group is not on.
--
-- group_entities: for each date, non-place entity and group, how many of
-- the group's events carry that entity (members), so an event leaving
-- decrements and the row goes at 0. It equals
--   SELECT e.date, ee.entity_id, e.group_id, count(*) FROM events e
--   JOIN event_entities ee ON ee.event_id = e.id JOIN entities n ON n.id = ee.entity_id
--   WHERE e.group_id <> 0 AND n.type <> 'place' GROUP BY 1, 2, 3
-- at all times. Its key answers "the oldest groups of this date holding
-- this entity" in group_id order, so placing stops at the first group
-- that takes the event.
CREATE TABLE group_entities (
    date      TEXT    NOT NULL,
    entity_id INTEGER NOT NULL,
    group_id  INTEGER NOT NULL,
    members   INTEGER NOT NULL,
    PRIMARY KEY (date, entity_id, group_id)
) WITHOUT ROWID;

-- Existing groups are kept as they are, not recomputed: the old code made
-- them in (article, id) order, but they hold what groups hold here (one
-- event per article, an id no more than any member's: the smallest, or
-- that of a first event deleted with a changed text, as deleted events'
-- groups keep now). Every writer placed its events before committing; an
-- event left unplaced all the same becomes a group of its own.
UPDATE events SET group_id = id WHERE group_id = 0;

INSERT INTO group_entities (date, entity_id, group_id, members)
SELECT e.date, ee.entity_id, e.group_id, count(*) FROM events e
JOIN event_entities ee ON ee.event_id = e.id JOIN entities n ON n.id = ee.entity_id
WHERE n.type <> 'place' GROUP BY e.date, ee.entity_id, e.group_id;

-- "Does group g hold an event of article a" is one index probe while
-- placing; group_id alone (Timeline's lookups) is its prefix.
DROP INDEX IF EXISTS events_group;
CREATE INDEX events_group_article ON events (group_id, article_id);
-- 007 added this for the whole-date regroup, its only reader.
DROP INDEX IF EXISTS events_date_article;

-- An event's contribution to group_entities is one row per non-place
-- entity under (its date, its group). Moving an event (a new group_id, a
-- new date) moves its contribution. Rows are looked up by their whole key,
-- entity by entity; an entity that is a place has no row, so taking a
-- contribution away needs no type check.
CREATE TRIGGER events_group_entities_update AFTER UPDATE OF date, group_id ON events
WHEN old.date IS NOT new.date OR old.group_id IS NOT new.group_id BEGIN
    UPDATE group_entities SET members = members - 1
    WHERE old.group_id <> 0 AND date = old.date AND group_id = old.group_id
        AND entity_id IN (SELECT entity_id FROM event_entities WHERE event_id = old.id);
    DELETE FROM group_entities
    WHERE old.group_id <> 0 AND date = old.date AND group_id = old.group_id AND members <= 0
        AND entity_id IN (SELECT entity_id FROM event_entities WHERE event_id = old.id);
    INSERT INTO group_entities (date, entity_id, group_id, members)
    SELECT new.date, ee.entity_id, new.group_id, 1 FROM event_entities ee JOIN entities n ON n.id = ee.entity_id
    WHERE new.group_id <> 0 AND ee.event_id = new.id AND n.type <> 'place'
    ON CONFLICT (date, entity_id, group_id) DO UPDATE SET members = members + 1;
END;

-- The first event of a group leaving it (group_id set to 0, which is how
-- Go takes an event out before placing it again, one row per statement:
-- a BEFORE trigger must not change rows its own statement will update):
-- the rest take the smallest remaining id. BEFORE the row changes, so
-- that the triggers of 008 see the leaving row still in the old group
-- while the others move: run after, the old group would vanish twice from
-- timeline_days. The subquery does not depend on the rows being updated,
-- so SQLite computes it once per firing, before any row changes
-- (TestGroupFounderLeaves checks groups of three and more). Each
-- renumbered row moves its own contribution through the trigger above,
-- and its timeline counts through 008's.
CREATE TRIGGER events_group_founder_leaves BEFORE UPDATE OF group_id ON events
WHEN new.group_id = 0 AND old.group_id = old.id BEGIN
    UPDATE events SET group_id = (SELECT min(x.id) FROM events x WHERE x.date = old.date AND x.group_id = old.id AND x.id <> old.id)
    WHERE date = old.date AND group_id = old.id AND id <> old.id;
END;

-- A deleted event takes its contribution away; its group keeps its id
-- (see above). BEFORE, because the cascade to event_entities runs before
-- AFTER triggers and would take the event's entities with it.
CREATE TRIGGER events_group_delete BEFORE DELETE ON events
WHEN old.group_id <> 0 BEGIN
    UPDATE group_entities SET members = members - 1
    WHERE date = old.date AND group_id = old.group_id
        AND entity_id IN (SELECT entity_id FROM event_entities WHERE event_id = old.id);
    DELETE FROM group_entities
    WHERE date = old.date AND group_id = old.group_id AND members <= 0
        AND entity_id IN (SELECT entity_id FROM event_entities WHERE event_id = old.id);
END;

-- An entity added to or taken from a placed event (a merge moves
-- event_entities rows; deleting an entity cascades to them). Rows of
-- unplaced events (group_id 0, every row a save inserts) cost one lookup.
-- When the event itself is being deleted its row is already gone here and
-- events_group_delete has taken its contribution away.
CREATE TRIGGER event_entities_group_insert AFTER INSERT ON event_entities BEGIN
    INSERT INTO group_entities (date, entity_id, group_id, members)
    SELECT e.date, new.entity_id, e.group_id, 1 FROM events e JOIN entities n ON n.id = new.entity_id
    WHERE e.id = new.event_id AND e.group_id <> 0 AND n.type <> 'place'
    ON CONFLICT (date, entity_id, group_id) DO UPDATE SET members = members + 1;
END;

CREATE TRIGGER event_entities_group_delete AFTER DELETE ON event_entities BEGIN
    UPDATE group_entities SET members = members - 1
    WHERE date = (SELECT date FROM events WHERE id = old.event_id) AND entity_id = old.entity_id
        AND group_id = (SELECT group_id FROM events WHERE id = old.event_id);
    DELETE FROM group_entities
    WHERE date = (SELECT date FROM events WHERE id = old.event_id) AND entity_id = old.entity_id
        AND group_id = (SELECT group_id FROM events WHERE id = old.event_id) AND members <= 0;
END;

-- An entity becoming a place stops counting in every group; one ceasing to
-- be a place starts counting in the groups of the placed events carrying
-- it. (The groups themselves change only when Go places the entity's
-- events again, as SetEntityType does.)
CREATE TRIGGER entities_group_type AFTER UPDATE OF type ON entities
WHEN (old.type = 'place') IS NOT (new.type = 'place') BEGIN
    DELETE FROM group_entities
    WHERE new.type = 'place' AND entity_id = new.id AND (date, group_id) IN
        (SELECT e.date, e.group_id FROM event_entities ee JOIN events e ON e.id = ee.event_id WHERE ee.entity_id = new.id);
    INSERT INTO group_entities (date, entity_id, group_id, members)
    SELECT e.date, new.id, e.group_id, count(*) FROM event_entities ee JOIN events e ON e.id = ee.event_id
    WHERE old.type = 'place' AND ee.entity_id = new.id AND e.group_id <> 0 GROUP BY e.date, e.group_id
    ON CONFLICT (date, entity_id, group_id) DO UPDATE SET members = members + excluded.members;
END;
