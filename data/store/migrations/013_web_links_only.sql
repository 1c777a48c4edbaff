-- Issue 15, item 5: only http(s) links are stored and opened. Libraries
-- saved before that rule may hold a javascript:, data:, file: or other
-- address that a crafted backup or export brought in, and "Open the
-- original page", an export or a feed's site link could follow it. Such
-- addresses are cleared here; the articles, their text, tags and
-- highlights stay. An article keeps the file:/// address of a page saved
-- from this computer (what capture stores for a local .html file), and so
-- does its lead image; every other column keeps only http(s). url_key is
-- left alone: it is only ever compared, never opened, and stays unique.
-- A waiting article whose address is cleared can never be fetched, so it
-- is marked failed, with the reason, instead of waiting forever.
UPDATE articles
SET status = 'failed',
    error  = 'its address was not a web link (http or https) and was removed'
WHERE status = 'pending'
  AND NOT (substr(lower(trim(url)), 1, 7) = 'http://'
           OR substr(lower(trim(url)), 1, 8) IN ('https://', 'file:///'));

UPDATE articles SET url = ''
WHERE url <> ''
  AND NOT (substr(lower(trim(url)), 1, 7) = 'http://'
           OR substr(lower(trim(url)), 1, 8) IN ('https://', 'file:///'));

UPDATE articles SET canonical_url = ''
WHERE canonical_url <> ''
  AND NOT (substr(lower(trim(canonical_url)), 1, 7) = 'http://'
           OR substr(lower(trim(canonical_url)), 1, 8) = 'https://');

UPDATE articles SET lead_image = ''
WHERE lead_image <> ''
  AND NOT (substr(lower(trim(lead_image)), 1, 7) = 'http://'
           OR substr(lower(trim(lead_image)), 1, 8) IN ('https://', 'file:///'));

UPDATE feeds SET site_url = ''
WHERE site_url <> ''
  AND NOT (substr(lower(trim(site_url)), 1, 7) = 'http://'
           OR substr(lower(trim(site_url)), 1, 8) = 'https://');

UPDATE feed_items SET url = ''
WHERE url <> ''
  AND NOT (substr(lower(trim(url)), 1, 7) = 'http://'
           OR substr(lower(trim(url)), 1, 8) = 'https://');
