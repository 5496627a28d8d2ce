-- Full-text search over statements and quotes (FTS5, external content, kept in step by triggers).
-- Porter stemming so that "fund" finds "funding" and "funded".
CREATE VIRTUAL TABLE statements_fts USING fts5(
  text, summary,
  content='statements', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
  INSERT INTO statements_fts(rowid, text, summary) VALUES (new.id, new.text, new.summary);
END;
--> statement-breakpoint
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
  INSERT INTO statements_fts(statements_fts, rowid, text, summary) VALUES ('delete', old.id, old.text, old.summary);
END;
--> statement-breakpoint
CREATE TRIGGER statements_fts_update AFTER UPDATE OF text, summary ON statements BEGIN
  INSERT INTO statements_fts(statements_fts, rowid, text, summary) VALUES ('delete', old.id, old.text, old.summary);
  INSERT INTO statements_fts(rowid, text, summary) VALUES (new.id, new.text, new.summary);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE quotes_fts USING fts5(
  text,
  content='quotes', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
--> statement-breakpoint
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
