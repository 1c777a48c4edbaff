-- Full-text search. FTS5 folds diacritics in Latin script only, so the
-- indexed text is first passed through annals_fold (Arabic letter variants,
-- harakat, tatweel; see data/textnorm), and a third column holds the words
-- with attached Arabic prefixes removed (annals_stems), so «واشنطن» finds
-- «لواشنطن». The table is contentless: snippets are cut from articles.text.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body, stems,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body, stems)
    VALUES (new.id, annals_fold(new.title), annals_fold(new.text), annals_stems(new.title || ' ' || new.text));
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
    INSERT INTO articles_fts (rowid, title, body, stems)
    VALUES (new.id, annals_fold(new.title), annals_fold(new.text), annals_stems(new.title || ' ' || new.text));
END;

INSERT INTO articles_fts (rowid, title, body, stems)
SELECT id, annals_fold(title), annals_fold(text), annals_stems(title || ' ' || text) FROM articles;
