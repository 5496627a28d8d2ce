-- SQLite's migration 0017 in PostgreSQL's words: figures grouped by what they measure, stored, so
-- that GET /v1/figures/measures filters and pages groups in SQL. Triggers mark the units whose
-- figures changed in measure_dirty; the next read (or the write's own request) regroups those units
-- from scratch in one transaction, as the batch computation does. '*' marks every unit.
CREATE TABLE measure_dirty (
  unit text COLLATE "C" PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE measure_groups (
  key text COLLATE "C" PRIMARY KEY NOT NULL,
  unit text COLLATE "C" NOT NULL,
  unit_rank integer NOT NULL,
  category text COLLATE "C",
  label text COLLATE "C" NOT NULL,
  editor boolean NOT NULL,
  specified boolean NOT NULL,
  citation_count integer NOT NULL,
  disagreement boolean NOT NULL,
  verdict text COLLATE "C" NOT NULL,
  note text COLLATE "C" NOT NULL,
  spread text COLLATE "C",
  periods text COLLATE "C" NOT NULL,
  value_list text COLLATE "C" NOT NULL,
  value_count integer NOT NULL,
  largest double precision NOT NULL,
  search text COLLATE "C" NOT NULL
);
--> statement-breakpoint
CREATE INDEX measure_groups_order_idx ON measure_groups (unit_rank, unit, largest DESC, key);
--> statement-breakpoint
CREATE TABLE measure_figures (
  figure_id integer PRIMARY KEY NOT NULL,
  group_key text COLLATE "C" NOT NULL,
  unit text COLLATE "C" NOT NULL,
  organisation_id integer NOT NULL,
  recency integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX measure_figures_group_idx ON measure_figures (group_key, organisation_id, recency, figure_id);
--> statement-breakpoint
CREATE INDEX measure_figures_unit_idx ON measure_figures (unit);
--> statement-breakpoint
CREATE TABLE measure_group_organisations (
  organisation_id integer NOT NULL,
  group_key text COLLATE "C" NOT NULL,
  citation_count integer NOT NULL,
  prominence integer NOT NULL,
  PRIMARY KEY (organisation_id, group_key)
);
--> statement-breakpoint
CREATE INDEX measure_group_organisations_group_idx ON measure_group_organisations (group_key, prominence, organisation_id, citation_count);
--> statement-breakpoint
CREATE TABLE measure_group_themes (
  theme_id integer NOT NULL,
  group_key text COLLATE "C" NOT NULL,
  PRIMARY KEY (theme_id, group_key)
);
--> statement-breakpoint
CREATE INDEX measure_group_themes_group_idx ON measure_group_themes (group_key, theme_id);
--> statement-breakpoint
INSERT INTO measure_dirty (unit) VALUES ('*');
--> statement-breakpoint
CREATE FUNCTION measure_dirty_figure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.id = NEW.id AND OLD.statement_id = NEW.statement_id AND OLD.theme_id IS NOT DISTINCT FROM NEW.theme_id
    AND OLD.raw = NEW.raw AND OLD.value = NEW.value AND OLD.unit = NEW.unit AND OLD.measures = NEW.measures
    AND OLD.period IS NOT DISTINCT FROM NEW.period THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN INSERT INTO measure_dirty (unit) VALUES (OLD.unit) ON CONFLICT DO NOTHING; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN INSERT INTO measure_dirty (unit) VALUES (NEW.unit) ON CONFLICT DO NOTHING; END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER measure_dirty_figure AFTER INSERT OR DELETE OR UPDATE ON figures
  FOR EACH ROW EXECUTE FUNCTION measure_dirty_figure();
--> statement-breakpoint
-- An editor's grouping set, changed or undone (or gone with its figure, which marks its unit itself).
CREATE FUNCTION measure_dirty_grouping() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO measure_dirty (unit) SELECT unit FROM figures WHERE id = OLD.figure_id ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO measure_dirty (unit) SELECT unit FROM figures WHERE id = NEW.figure_id ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER measure_dirty_grouping AFTER INSERT OR DELETE OR UPDATE ON figure_groupings
  FOR EACH ROW EXECUTE FUNCTION measure_dirty_grouping();
--> statement-breakpoint
CREATE FUNCTION measure_dirty_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.organisation_id IS DISTINCT FROM NEW.organisation_id OR OLD.date IS DISTINCT FROM NEW.date THEN
    INSERT INTO measure_dirty (unit) SELECT DISTINCT unit FROM figures WHERE statement_id = NEW.id ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER measure_dirty_statement AFTER UPDATE OF organisation_id, date ON statements
  FOR EACH ROW EXECUTE FUNCTION measure_dirty_statement();
--> statement-breakpoint
CREATE FUNCTION measure_dirty_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.slug = NEW.slug AND OLD.name = NEW.name AND OLD.short_name = NEW.short_name THEN RETURN NULL; END IF;
  INSERT INTO measure_dirty (unit) VALUES ('*') ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER measure_dirty_organisation AFTER INSERT OR DELETE OR UPDATE OF slug, name, short_name ON organisations
  FOR EACH ROW EXECUTE FUNCTION measure_dirty_organisation();
