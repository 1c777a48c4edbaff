-- Performance (issue 8): a list or search row needs only an article's
-- small columns, but several of them (word_count … read_progress) are
-- stored after html, text and blocks, so reading them walked each row's
-- chain of overflow pages, one read per page: most of the 3 ms a search
-- spent reading its 200 hits' rows, and 50 ms to list a shelf of 1,001
-- articles, at 10,000 articles (tools/bench). Two indexes keep every
-- list and search read off the table rows:
--   articles_summary  the summary columns by id (summaryCols' order);
--                     read with INDEXED BY (summariesByID in articles.go)
--   articles_list     the list's order and its filters, to pick a page's
--                     ids before reading their summaries
CREATE INDEX IF NOT EXISTS articles_summary ON articles (
    id, url, title, site, excerpt, published, saved, language, dir,
    word_count, reading_minutes, status, error, archived, favourite, read_progress
);
CREATE INDEX IF NOT EXISTS articles_list ON articles (saved DESC, id DESC, archived, favourite, status);
