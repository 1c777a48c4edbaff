-- Timeline export (issue 19). An export reads every event in timeline
-- order (date, group, id); through events_timeline, which held only that
-- order, every row was a jump into the events table, stored in the order
-- articles were analysed: over half of the export's time at 100,000
-- articles (2.4 million events). This index holds every column an export
-- reads (store.TimelineEach), so the export is one walk through it. It
-- takes events_timeline's place, with the same leading columns, so the
-- date windows, the group lookups of the triggers and the timeline view
-- use it as they used the old one. It costs about as much space as the
-- events table itself (~7 KB an article at 10,000 articles).
DROP INDEX events_timeline;
CREATE INDEX events_timeline ON events (
    date, group_id, id,
    article_id, precision, type, title, sentence_start, sentence_end, sentence_text,
    timex_start, timex_end, user_edited
);
