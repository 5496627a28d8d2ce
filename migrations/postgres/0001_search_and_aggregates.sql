-- What SQLite's hand-written migrations (0001, 0004–0006, 0011) add beyond the tables, in PostgreSQL's words:
-- full-text search, the aggregates kept by triggers, and a change counter for the response cache.

-- Full-text search: a stored tsvector per row (English stemming), the statement's text weighted above its summary.
ALTER TABLE statements ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english', text), 'A') || setweight(to_tsvector('english', summary), 'B')
) STORED;
--> statement-breakpoint
CREATE INDEX statements_search_idx ON statements USING gin (search);
--> statement-breakpoint
ALTER TABLE quotes ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED;
--> statement-breakpoint
CREATE INDEX quotes_search_idx ON quotes USING gin (search);
--> statement-breakpoint
CREATE INDEX statements_read_idx ON statements (id, date, organisation_id, event_id, document_id);
--> statement-breakpoint
-- SQLite's indexes end with the row id, so each of these already pages by (…, date, id) there; PostgreSQL's need it said.
CREATE INDEX statements_date_id_idx ON statements (date, id);
--> statement-breakpoint
CREATE INDEX statements_organisation_date_id_idx ON statements (organisation_id, date, id);
--> statement-breakpoint
CREATE INDEX statements_event_date_id_idx ON statements (event_id, date, id);
--> statement-breakpoint
-- Text compares and sorts byte by byte, as on SQLite, whatever the database's own locale: names,
-- slugs and phrases come back in the same order on both engines. (A statement's and a quote's
-- text feed the search vectors and are never sorted: they keep the database's collation.)
DO $$
DECLARE
  col record;
BEGIN
  FOR col IN
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() AND c.data_type = 'text'
      AND NOT (c.table_name IN ('statements', 'quotes') AND c.column_name IN ('text', 'summary'))
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE text COLLATE "C"', col.table_name, col.column_name);
  END LOOP;
END $$;
--> statement-breakpoint

-- Stance counts per organisation, theme and event, and their totals per organisation and theme, so
-- that the matrix costs the same at any corpus size. Rows are never removed: a count falls to zero.
CREATE TABLE stance_counts (
  organisation_id integer NOT NULL REFERENCES organisations(id),
  theme_id integer NOT NULL REFERENCES themes(id),
  event_id integer NOT NULL REFERENCES events(id),
  supportive integer NOT NULL DEFAULT 0,
  critical integer NOT NULL DEFAULT 0,
  mixed integer NOT NULL DEFAULT 0,
  neutral integer NOT NULL DEFAULT 0,
  unreviewed integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organisation_id, theme_id, event_id)
);
--> statement-breakpoint
CREATE INDEX stance_counts_theme_idx ON stance_counts (theme_id, event_id);
--> statement-breakpoint
CREATE TABLE stance_totals (
  organisation_id integer NOT NULL REFERENCES organisations(id),
  theme_id integer NOT NULL REFERENCES themes(id),
  supportive integer NOT NULL DEFAULT 0,
  critical integer NOT NULL DEFAULT 0,
  mixed integer NOT NULL DEFAULT 0,
  neutral integer NOT NULL DEFAULT 0,
  unreviewed integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organisation_id, theme_id)
);
--> statement-breakpoint
CREATE INDEX stance_totals_theme_idx ON stance_totals (theme_id);
--> statement-breakpoint
-- What a database filled before this migration (by npm run transfer) already holds.
INSERT INTO stance_counts (organisation_id, theme_id, event_id, supportive, critical, mixed, neutral, unreviewed)
SELECT s.organisation_id, tt.theme_id, s.event_id,
  count(*) FILTER (WHERE tt.stance = 'supportive'), count(*) FILTER (WHERE tt.stance = 'critical'),
  count(*) FILTER (WHERE tt.stance = 'mixed'), count(*) FILTER (WHERE tt.stance = 'neutral'), count(*) FILTER (WHERE NOT tt.reviewed)
FROM theme_tags tt JOIN statements s ON s.id = tt.statement_id
GROUP BY s.organisation_id, tt.theme_id, s.event_id;
--> statement-breakpoint
INSERT INTO stance_totals (organisation_id, theme_id, supportive, critical, mixed, neutral, unreviewed)
SELECT organisation_id, theme_id, sum(supportive), sum(critical), sum(mixed), sum(neutral), sum(unreviewed)
FROM stance_counts GROUP BY organisation_id, theme_id;
--> statement-breakpoint

-- Adds (sign 1) or takes away (sign -1) one tag. A tag whose statement is already gone (deleted
-- by cascade after its statement) finds no statement and changes nothing: the statement's own
-- trigger took its tags away before it went.
CREATE FUNCTION stance_counts_add(tag theme_tags, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stance_counts AS c (organisation_id, theme_id, event_id, supportive, critical, mixed, neutral, unreviewed)
  SELECT s.organisation_id, tag.theme_id, s.event_id,
    sign * (tag.stance = 'supportive')::int, sign * (tag.stance = 'critical')::int,
    sign * (tag.stance = 'mixed')::int, sign * (tag.stance = 'neutral')::int, sign * (NOT tag.reviewed)::int
  FROM statements s WHERE s.id = tag.statement_id
  ON CONFLICT (organisation_id, theme_id, event_id) DO UPDATE SET
    supportive = c.supportive + excluded.supportive, critical = c.critical + excluded.critical,
    mixed = c.mixed + excluded.mixed, neutral = c.neutral + excluded.neutral, unreviewed = c.unreviewed + excluded.unreviewed
$$;
--> statement-breakpoint
CREATE FUNCTION stance_counts_tag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN PERFORM stance_counts_add(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM stance_counts_add(NEW, 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stance_counts_tag AFTER INSERT OR DELETE OR UPDATE OF stance, theme_id, reviewed ON theme_tags
  FOR EACH ROW EXECUTE FUNCTION stance_counts_tag();
--> statement-breakpoint
CREATE FUNCTION stance_counts_statement_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stance_counts_add(t, -1) FROM theme_tags t WHERE t.statement_id = OLD.id;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER stance_counts_statement_delete BEFORE DELETE ON statements
  FOR EACH ROW EXECUTE FUNCTION stance_counts_statement_delete();
--> statement-breakpoint
CREATE FUNCTION stance_totals_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE stance_totals SET
      supportive = supportive - OLD.supportive, critical = critical - OLD.critical, mixed = mixed - OLD.mixed,
      neutral = neutral - OLD.neutral, unreviewed = unreviewed - OLD.unreviewed
    WHERE organisation_id = OLD.organisation_id AND theme_id = OLD.theme_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO stance_totals AS t (organisation_id, theme_id, supportive, critical, mixed, neutral, unreviewed)
    VALUES (NEW.organisation_id, NEW.theme_id, NEW.supportive, NEW.critical, NEW.mixed, NEW.neutral, NEW.unreviewed)
    ON CONFLICT (organisation_id, theme_id) DO UPDATE SET
      supportive = t.supportive + excluded.supportive, critical = t.critical + excluded.critical,
      mixed = t.mixed + excluded.mixed, neutral = t.neutral + excluded.neutral, unreviewed = t.unreviewed + excluded.unreviewed;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stance_totals_count AFTER INSERT OR DELETE OR UPDATE ON stance_counts
  FOR EACH ROW EXECUTE FUNCTION stance_totals_count();
--> statement-breakpoint

-- Quotes per theme (a quote evidences a theme when a tag's evidence lies in it), with the stance
-- and date, so that quotes filtered by theme are read from one index.
CREATE TABLE quote_themes (
  theme_id integer NOT NULL REFERENCES themes(id),
  quote_id integer NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
  statement_id integer NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
  stance text COLLATE "C" NOT NULL,
  date text COLLATE "C" NOT NULL,
  n integer NOT NULL DEFAULT 1,
  PRIMARY KEY (theme_id, quote_id)
);
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
GROUP BY tt.theme_id, ev.quote_id, tt.statement_id, tt.stance, s.date;
--> statement-breakpoint
CREATE FUNCTION quote_themes_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.quote_id IS NOT NULL THEN
    UPDATE quote_themes SET n = n - 1
    WHERE quote_id = OLD.quote_id AND theme_id = (SELECT theme_id FROM theme_tags WHERE id = OLD.tag_id);
    DELETE FROM quote_themes WHERE quote_id = OLD.quote_id AND n <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.quote_id IS NOT NULL THEN
    INSERT INTO quote_themes AS q (theme_id, quote_id, statement_id, stance, date, n)
    SELECT tt.theme_id, NEW.quote_id, tt.statement_id, tt.stance, (SELECT date FROM statements WHERE id = tt.statement_id), 1
    FROM theme_tags tt WHERE tt.id = NEW.tag_id
    ON CONFLICT (theme_id, quote_id) DO UPDATE SET n = q.n + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER quote_themes_evidence AFTER INSERT OR DELETE OR UPDATE OF quote_id, tag_id ON evidence
  FOR EACH ROW EXECUTE FUNCTION quote_themes_evidence();
--> statement-breakpoint
CREATE FUNCTION quote_themes_tag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM quote_themes WHERE theme_id = OLD.theme_id AND quote_id IN (SELECT quote_id FROM evidence WHERE tag_id = OLD.id);
    RETURN OLD;
  END IF;
  UPDATE quote_themes SET theme_id = NEW.theme_id, stance = NEW.stance
  WHERE theme_id = OLD.theme_id AND quote_id IN (SELECT quote_id FROM evidence WHERE tag_id = NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER quote_themes_tag_delete BEFORE DELETE ON theme_tags FOR EACH ROW EXECUTE FUNCTION quote_themes_tag();
--> statement-breakpoint
CREATE TRIGGER quote_themes_tag_update AFTER UPDATE OF stance, theme_id ON theme_tags FOR EACH ROW EXECUTE FUNCTION quote_themes_tag();
--> statement-breakpoint
CREATE FUNCTION quote_themes_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM quote_themes WHERE statement_id = OLD.id;
    RETURN OLD;
  END IF;
  UPDATE quote_themes SET date = NEW.date WHERE statement_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER quote_themes_statement_delete BEFORE DELETE ON statements FOR EACH ROW EXECUTE FUNCTION quote_themes_statement();
--> statement-breakpoint
CREATE TRIGGER quote_themes_statement_date AFTER UPDATE OF date ON statements FOR EACH ROW EXECUTE FUNCTION quote_themes_statement();
--> statement-breakpoint

-- Figures per amount, measure, theme (0 for none) and organisation, so that the figures view is one index read.
CREATE TABLE figure_totals (
  unit text COLLATE "C" NOT NULL,
  value double precision NOT NULL,
  measures text COLLATE "C" NOT NULL,
  theme_id integer NOT NULL,
  organisation_id integer NOT NULL REFERENCES organisations(id),
  n integer NOT NULL,
  PRIMARY KEY (unit, value, measures, theme_id, organisation_id)
);
--> statement-breakpoint
INSERT INTO figure_totals (unit, value, measures, theme_id, organisation_id, n)
SELECT f.unit, f.value, f.measures, coalesce(f.theme_id, 0), s.organisation_id, count(*)
FROM figures f JOIN statements s ON s.id = f.statement_id
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE FUNCTION figure_totals_figure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE figure_totals SET n = n - 1
    WHERE unit = OLD.unit AND value = OLD.value AND measures = OLD.measures AND theme_id = coalesce(OLD.theme_id, 0)
      AND organisation_id = (SELECT organisation_id FROM statements WHERE id = OLD.statement_id);
    DELETE FROM figure_totals WHERE n <= 0 AND unit = OLD.unit AND value = OLD.value AND measures = OLD.measures;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO figure_totals AS f (unit, value, measures, theme_id, organisation_id, n)
    SELECT NEW.unit, NEW.value, NEW.measures, coalesce(NEW.theme_id, 0), organisation_id, 1 FROM statements WHERE id = NEW.statement_id
    ON CONFLICT (unit, value, measures, theme_id, organisation_id) DO UPDATE SET n = f.n + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER figure_totals_figure AFTER INSERT OR DELETE OR UPDATE OF unit, value, measures, theme_id ON figures
  FOR EACH ROW EXECUTE FUNCTION figure_totals_figure();
--> statement-breakpoint
CREATE FUNCTION figure_totals_statement_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE figure_totals SET n = n - (
    SELECT count(*) FROM figures f WHERE f.statement_id = OLD.id AND f.unit = figure_totals.unit AND f.value = figure_totals.value
      AND f.measures = figure_totals.measures AND coalesce(f.theme_id, 0) = figure_totals.theme_id)
  WHERE organisation_id = OLD.organisation_id
    AND (unit, value, measures) IN (SELECT unit, value, measures FROM figures WHERE statement_id = OLD.id);
  DELETE FROM figure_totals WHERE n <= 0 AND organisation_id = OLD.organisation_id;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER figure_totals_statement_delete BEFORE DELETE ON statements FOR EACH ROW EXECUTE FUNCTION figure_totals_statement_delete();
--> statement-breakpoint

-- A counter every committed change moves, whichever instance made it: a cached answer is good for
-- as long as the counter stands still. The audit log is left out: it changes no public answer.
CREATE TABLE data_version (
  id integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO data_version (id, version) VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  name text;
BEGIN
  FOREACH name IN ARRAY ARRAY['organisations', 'people', 'events', 'themes', 'source_documents', 'statements', 'quotes',
    'publisher_spans', 'theme_tags', 'evidence', 'figures', 'theme_tag_rejections', 'stance_cues', 'api_keys'] LOOP
    EXECUTE format('CREATE TRIGGER data_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()', name);
  END LOOP;
END $$;

