-- Claims on waiting (pending) articles while their page is fetched. Two
-- Annals on one library (the window and a CLI, or two windows) used to
-- fetch the same waiting pages, doubling the requests to a site. A process
-- claims a page before fetching it; the claim expires at "until" (UTC,
-- RFC 3339), so one left by a killed process frees itself.
CREATE TABLE fetch_leases (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    owner      TEXT NOT NULL,
    until      TEXT NOT NULL
);
