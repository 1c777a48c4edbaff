-- Groups hold one type of event. Under 010's rule two events of one date
-- sharing any non-place entity were one real-world event, so on 2025-01-20
-- "Trump's inauguration speech" (political) and "DeepSeek announced its R1
-- model on the day Trump took office" (announcement), from two articles
-- sharing "Trump", became one timeline item and one of them was hidden.
--
-- The grouping rule, which replaces the one in 010 (whose header stays as
-- the history of the rest of the design, which is unchanged):
--   * An event joins the OLDEST group of its date (the smallest group_id)
--     that has the SAME event type (events.type), shares a non-place
--     entity with it and holds no event of its article; otherwise it
--     starts a group of its own. On each date events are placed greedily
--     in id order, as in 010.
--   * "Has the same type and shares an entity" is read as one thing: some
--     member of the group of that type carries the entity (a row of
--     group_entities below). For every group made under this rule it is
--     the same as the two read apart, since all its members have one type.
--   * Everything else in 010 holds: group_id 0 is "not placed", a group's
--     id is the id of the event that started it and never more than a
--     member's, groups are not re-split when an event leaves, a group keeps
--     its id when its first event is deleted and takes the smallest
--     remaining one when its first event leaves to be placed again.
--   * An event whose type changes is placed again, like one whose date or
--     entities change: a placed event's type changes only while it is out
--     of its group (EditEvent takes it out first), or a group of one type
--     would get a member of another.
--
-- Existing groups are kept as they are, not recomputed (a group never
-- splits under the reader's eyes, and the timeline's selection and
-- exported UIDs name groups): some made under 010 hold events of several
-- types. They are accepted as they are. Their rows of group_entities are
-- per member type, so a new event joins such a group only through a
-- member of its own type sharing one of its entities. Only such old groups
-- count under two types in timeline_day_types (see 008), and every group
-- started after this migration (group_id more than every event id at the
-- time) holds one type.
--
-- group_entities: for each date, non-place entity, event type and group,
-- how many of the group's events of that type carry that entity (members).
-- It equals
--   SELECT e.date, ee.entity_id, e.type, e.group_id, count(*) FROM events e
--   JOIN event_entities ee ON ee.event_id = e.id JOIN entities n ON n.id = ee.entity_id
--   WHERE e.group_id <> 0 AND n.type <> 'place' GROUP BY 1, 2, 3, 4
-- at all times, whoever changes events (their type included),
-- event_entities or entities' types. Its key answers "the oldest groups of
-- this date holding this entity in an event of this type" in group_id
-- order, so placing stays index probes by the event's own entities.

-- 010's triggers write the old table's key (their ON CONFLICT names it):
-- they go before it and come back below for the new key. 010's
-- events_group_founder_leaves does not touch group_entities and stays.
DROP TRIGGER events_group_entities_update;
DROP TRIGGER events_group_delete;
DROP TRIGGER event_entities_group_insert;
DROP TRIGGER event_entities_group_delete;
DROP TRIGGER entities_group_type;
DROP TABLE group_entities;

CREATE TABLE group_entities (
    date      TEXT    NOT NULL,
    entity_id INTEGER NOT NULL,
    type      TEXT    NOT NULL,
    group_id  INTEGER NOT NULL,
    members   INTEGER NOT NULL,
    PRIMARY KEY (date, entity_id, type, group_id)
) WITHOUT ROWID;

INSERT INTO group_entities (date, entity_id, type, group_id, members)
SELECT e.date, ee.entity_id, e.type, e.group_id, count(*) FROM events e
JOIN event_entities ee ON ee.event_id = e.id JOIN entities n ON n.id = ee.entity_id
WHERE e.group_id <> 0 AND n.type <> 'place' GROUP BY e.date, ee.entity_id, e.type, e.group_id;

-- The triggers of 010 with the type in the key; the comments there hold.
-- An event's contribution is one row per non-place entity under (its date,
-- its type, its group); a new date, type or group_id moves it. Go never
-- changes the type of a placed event, but a writer that did would still
-- find the index exact (the groups would not follow until placed again).
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

CREATE TRIGGER events_group_delete BEFORE DELETE ON events
WHEN old.group_id <> 0 BEGIN
    UPDATE group_entities SET members = members - 1
    WHERE date = old.date AND type = old.type AND group_id = old.group_id
        AND entity_id IN (SELECT entity_id FROM event_entities WHERE event_id = old.id);
    DELETE FROM group_entities
    WHERE date = old.date AND type = old.type AND group_id = old.group_id AND members <= 0
        AND entity_id IN (SELECT entity_id FROM event_entities WHERE event_id = old.id);
END;

CREATE TRIGGER event_entities_group_insert AFTER INSERT ON event_entities BEGIN
    INSERT INTO group_entities (date, entity_id, type, group_id, members)
    SELECT e.date, new.entity_id, e.type, e.group_id, 1 FROM events e JOIN entities n ON n.id = new.entity_id
    WHERE e.id = new.event_id AND e.group_id <> 0 AND n.type <> 'place'
    ON CONFLICT (date, entity_id, type, group_id) DO UPDATE SET members = members + 1;
END;

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
