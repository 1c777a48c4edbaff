-- Performance: the timeline's overview. Reading every event to draw the
-- whole library's timeline took seconds at 10,000 articles (241,000 events)
-- and grows with the library; these two small tables answer "how much
-- happened on each date" by reading one row per date instead.
--
-- They count GROUPS, the items the timeline draws (one per real-world event,
-- see events.group_id in 003_analysis.sql), so that a count bubble drawn
-- from them says exactly how many items appear when the user zooms in:
--   timeline_days.groups       distinct (date, group_id) among the events
--                              of that date value
--   timeline_day_types.groups  the groups of that date that hold at least
--                              one event of that type, which is what
--                              Timeline's type filter selects; a group whose
--                              events have two types counts under both
-- and the EVENTS (one per article's report) beside them. date is the TIMEX3
-- value as stored (2025-01-20, 2024-11, 2023): a month or year event is its
-- own row, never spread over days.
--
-- The triggers keep both equal to a GROUP BY over events after any change,
-- whoever makes it (re-analysis, corrections, regroup, an article deleted by
-- cascade). Each handles one row as "the other rows of its group, plus this
-- one": a group appears when its first event arrives and disappears with its
-- last, so rows changed one at a time inside one statement stay exact.
-- Events not grouped yet are left out: they have group_id 0 between their
-- insert and the regroup of the same transaction (every writer of events
-- regroups the dates it touched before it commits), and counting them on
-- the way in and out again tripled the cost of saving a batch of analyses.

CREATE TABLE timeline_days (
    date   TEXT    PRIMARY KEY,
    groups INTEGER NOT NULL,
    events INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE timeline_day_types (
    date   TEXT    NOT NULL,
    type   TEXT    NOT NULL,
    groups INTEGER NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (date, type)
) WITHOUT ROWID;

INSERT INTO timeline_days (date, groups, events)
SELECT date, count(DISTINCT group_id), count(*) FROM events WHERE group_id <> 0 GROUP BY date;

-- Reading the table straight through is twice as fast as visiting its rows
-- in the order of a date index, none of which holds the type.
INSERT INTO timeline_day_types (date, type, groups, events)
SELECT date, type, count(DISTINCT group_id), count(*) FROM events NOT INDEXED WHERE group_id <> 0 GROUP BY date, type;

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

-- An update is the old row leaving and the new one arriving, in two
-- triggers so that regroup's 0 → group updates do only the second half.
-- The row already holds its new values, so "the other rows of the old
-- group" leave it out by id. Each half only looks at the other rows, so
-- the order SQLite runs them in does not matter.
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
