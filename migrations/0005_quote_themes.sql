-- Which quotes are evidence for which theme, with the tag's stance and the statement's date,
-- kept in step by triggers (each reads single rows by primary key, whatever the planner's
-- statistics say): "the quotes on kinship care, newest first" then walks one index
-- instead of testing every quote in the corpus. `n` counts the evidence spans behind a row.
CREATE TABLE quote_themes (
  theme_id integer NOT NULL REFERENCES themes(id),
  quote_id integer NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
  statement_id integer NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
  stance text NOT NULL,
  date text NOT NULL,
  n integer NOT NULL DEFAULT 1,
  PRIMARY KEY (theme_id, quote_id)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX quote_themes_theme_date_idx ON quote_themes (theme_id, date, quote_id, stance, statement_id);
--> statement-breakpoint
CREATE INDEX quote_themes_statement_idx ON quote_themes (statement_id);
--> statement-breakpoint
CREATE INDEX quote_themes_quote_idx ON quote_themes (quote_id);
--> statement-breakpoint
INSERT INTO quote_themes (theme_id, quote_id, statement_id, stance, date, n)
SELECT tt.theme_id, ev.quote_id, tt.statement_id, tt.stance, s.date, count(*)
FROM evidence ev JOIN theme_tags tt ON tt.id = ev.tag_id JOIN statements s ON s.id = tt.statement_id
WHERE ev.quote_id IS NOT NULL
GROUP BY tt.theme_id, ev.quote_id;
--> statement-breakpoint
CREATE TRIGGER quote_themes_evidence_insert AFTER INSERT ON evidence WHEN NEW.quote_id IS NOT NULL BEGIN
  INSERT INTO quote_themes (theme_id, quote_id, statement_id, stance, date, n)
  SELECT tt.theme_id, NEW.quote_id, tt.statement_id, tt.stance, (SELECT date FROM statements WHERE id = tt.statement_id), 1
  FROM theme_tags tt WHERE tt.id = NEW.tag_id
  ON CONFLICT (theme_id, quote_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER quote_themes_evidence_delete AFTER DELETE ON evidence WHEN OLD.quote_id IS NOT NULL BEGIN
  UPDATE quote_themes SET n = n - 1
  WHERE quote_id = OLD.quote_id AND theme_id = (SELECT theme_id FROM theme_tags WHERE id = OLD.tag_id);
  DELETE FROM quote_themes WHERE quote_id = OLD.quote_id AND n <= 0;
END;
--> statement-breakpoint
-- A span moved to another quote or tag (a quote deleted sets its evidence's quote_id to null).
CREATE TRIGGER quote_themes_evidence_update AFTER UPDATE OF quote_id, tag_id ON evidence BEGIN
  UPDATE quote_themes SET n = n - 1
  WHERE OLD.quote_id IS NOT NULL AND quote_id = OLD.quote_id AND theme_id = (SELECT theme_id FROM theme_tags WHERE id = OLD.tag_id);
  DELETE FROM quote_themes WHERE quote_id = OLD.quote_id AND n <= 0;
  INSERT INTO quote_themes (theme_id, quote_id, statement_id, stance, date, n)
  SELECT tt.theme_id, NEW.quote_id, tt.statement_id, tt.stance, (SELECT date FROM statements WHERE id = tt.statement_id), 1
  FROM theme_tags tt WHERE tt.id = NEW.tag_id AND NEW.quote_id IS NOT NULL
  ON CONFLICT (theme_id, quote_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- A tag removed: its evidence goes by cascade after it, when the tag's theme can no longer be read.
CREATE TRIGGER quote_themes_tag_delete BEFORE DELETE ON theme_tags BEGIN
  DELETE FROM quote_themes WHERE theme_id = OLD.theme_id AND quote_id IN (SELECT quote_id FROM evidence WHERE tag_id = OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER quote_themes_tag_update AFTER UPDATE OF stance, theme_id ON theme_tags BEGIN
  UPDATE quote_themes SET theme_id = NEW.theme_id, stance = NEW.stance
  WHERE theme_id = OLD.theme_id AND quote_id IN (SELECT quote_id FROM evidence WHERE tag_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER quote_themes_statement_date AFTER UPDATE OF date ON statements BEGIN
  UPDATE quote_themes SET date = NEW.date WHERE statement_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER quote_themes_statement_delete BEFORE DELETE ON statements BEGIN
  DELETE FROM quote_themes WHERE statement_id = OLD.id;
END;
--> statement-breakpoint
-- A narrow copy of the statement columns that filters, joins and sorts read: a statement row
-- holds its whole text (one row per page), so joining through this index instead of the table
-- reads a page per ~100 statements rather than a page per statement.
CREATE INDEX statements_read_idx ON statements (id, date, organisation_id, event_id, document_id);
--> statement-breakpoint
-- Stance counts over all events, kept from stance_counts by triggers: the matrix and a
-- comparison without an event filter read one row per organisation and theme.
CREATE TABLE stance_totals (
  organisation_id integer NOT NULL REFERENCES organisations(id),
  theme_id integer NOT NULL REFERENCES themes(id),
  supportive integer NOT NULL DEFAULT 0,
  critical integer NOT NULL DEFAULT 0,
  mixed integer NOT NULL DEFAULT 0,
  neutral integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organisation_id, theme_id)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX stance_totals_theme_idx ON stance_totals (theme_id);
--> statement-breakpoint
INSERT INTO stance_totals (organisation_id, theme_id, supportive, critical, mixed, neutral)
SELECT organisation_id, theme_id, sum(supportive), sum(critical), sum(mixed), sum(neutral) FROM stance_counts GROUP BY organisation_id, theme_id;
--> statement-breakpoint
CREATE TRIGGER stance_totals_insert AFTER INSERT ON stance_counts BEGIN
  INSERT INTO stance_totals (organisation_id, theme_id, supportive, critical, mixed, neutral)
  VALUES (NEW.organisation_id, NEW.theme_id, NEW.supportive, NEW.critical, NEW.mixed, NEW.neutral)
  ON CONFLICT (organisation_id, theme_id) DO UPDATE SET
    supportive = supportive + excluded.supportive, critical = critical + excluded.critical,
    mixed = mixed + excluded.mixed, neutral = neutral + excluded.neutral;
END;
--> statement-breakpoint
CREATE TRIGGER stance_totals_update AFTER UPDATE ON stance_counts BEGIN
  UPDATE stance_totals SET
    supportive = supportive - OLD.supportive, critical = critical - OLD.critical, mixed = mixed - OLD.mixed, neutral = neutral - OLD.neutral
  WHERE organisation_id = OLD.organisation_id AND theme_id = OLD.theme_id;
  INSERT INTO stance_totals (organisation_id, theme_id, supportive, critical, mixed, neutral)
  VALUES (NEW.organisation_id, NEW.theme_id, NEW.supportive, NEW.critical, NEW.mixed, NEW.neutral)
  ON CONFLICT (organisation_id, theme_id) DO UPDATE SET
    supportive = supportive + excluded.supportive, critical = critical + excluded.critical,
    mixed = mixed + excluded.mixed, neutral = neutral + excluded.neutral;
END;
--> statement-breakpoint
CREATE TRIGGER stance_totals_delete AFTER DELETE ON stance_counts BEGIN
  UPDATE stance_totals SET
    supportive = supportive - OLD.supportive, critical = critical - OLD.critical, mixed = mixed - OLD.mixed, neutral = neutral - OLD.neutral
  WHERE organisation_id = OLD.organisation_id AND theme_id = OLD.theme_id;
END;
