-- Figures grouped by what they measure (src/domain/measures.ts), stored: GET /v1/figures/measures
-- reads groups, their verdicts and counts, filters and pages them in SQL, where it used to read and
-- cluster every figure of the corpus on each request (6 s at 100 000 statements). The grouping is
-- similarity-based and depends on the order figures are met in (and a deletion, an editor's choice
-- or an organisation's new name can move other figures), so it is not kept row by row: triggers
-- mark the units whose figures changed in measure_dirty, and the next read (or the write's own
-- request) regroups those units from scratch, as the batch computation does, in one transaction.
-- Groups never span units (every key starts with its unit), so a unit is regrouped alone; '*'
-- marks every unit (an organisation's names are stripped from every description).
CREATE TABLE measure_dirty (
  unit text PRIMARY KEY NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE measure_groups (
  key text PRIMARY KEY NOT NULL,
  unit text NOT NULL,
  -- 0 for money (GBP), listed first; 1 otherwise.
  unit_rank integer NOT NULL,
  category text,
  label text NOT NULL,
  editor integer NOT NULL,
  specified integer NOT NULL,
  citation_count integer NOT NULL,
  disagreement integer NOT NULL,
  verdict text NOT NULL,
  note text NOT NULL,
  spread text,
  periods text NOT NULL,
  -- The values given, largest first, at most 20 (value_count says how many there are).
  value_list text NOT NULL,
  value_count integer NOT NULL,
  largest real NOT NULL,
  -- The label, key and every figure's description and raw text, in lower case, \u0001 between them: what ?q= searches.
  search text NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX measure_groups_order_idx ON measure_groups (unit_rank, unit, largest DESC, key);
--> statement-breakpoint
-- Each figure's group, and its place among its organisation's figures of the group, newest first
-- (1 is the newest): a page shows each organisation's newest citations by seeking recency <= n.
CREATE TABLE measure_figures (
  figure_id integer PRIMARY KEY NOT NULL,
  group_key text NOT NULL,
  unit text NOT NULL,
  organisation_id integer NOT NULL,
  recency integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX measure_figures_group_idx ON measure_figures (group_key, organisation_id, recency, figure_id);
--> statement-breakpoint
CREATE INDEX measure_figures_unit_idx ON measure_figures (unit);
--> statement-breakpoint
-- Who cites each group and how often; prominence 1 is the organisation that cites it most (then by name):
-- a list shows the most prominent few.
CREATE TABLE measure_group_organisations (
  organisation_id integer NOT NULL,
  group_key text NOT NULL,
  citation_count integer NOT NULL,
  prominence integer NOT NULL,
  PRIMARY KEY (organisation_id, group_key)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX measure_group_organisations_group_idx ON measure_group_organisations (group_key, prominence, organisation_id, citation_count);
--> statement-breakpoint
CREATE TABLE measure_group_themes (
  theme_id integer NOT NULL,
  group_key text NOT NULL,
  PRIMARY KEY (theme_id, group_key)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX measure_group_themes_group_idx ON measure_group_themes (group_key, theme_id);
--> statement-breakpoint
-- Every unit is grouped at the first read after this migration.
INSERT INTO measure_dirty (unit) VALUES ('*');
--> statement-breakpoint
CREATE TRIGGER measure_dirty_figure_insert AFTER INSERT ON figures BEGIN
  INSERT INTO measure_dirty (unit) VALUES (NEW.unit) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER measure_dirty_figure_delete AFTER DELETE ON figures BEGIN
  INSERT INTO measure_dirty (unit) VALUES (OLD.unit) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER measure_dirty_figure_update AFTER UPDATE ON figures
WHEN OLD.id IS NOT NEW.id OR OLD.statement_id IS NOT NEW.statement_id OR OLD.theme_id IS NOT NEW.theme_id OR OLD.raw IS NOT NEW.raw
  OR OLD.value IS NOT NEW.value OR OLD.unit IS NOT NEW.unit OR OLD.measures IS NOT NEW.measures OR OLD.period IS NOT NEW.period
BEGIN
  INSERT INTO measure_dirty (unit) VALUES (OLD.unit), (NEW.unit) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
-- An editor's grouping set, changed or undone (or gone with its figure, which marks its unit itself).
CREATE TRIGGER measure_dirty_grouping_insert AFTER INSERT ON figure_groupings BEGIN
  INSERT INTO measure_dirty (unit) SELECT unit FROM figures WHERE id = NEW.figure_id ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER measure_dirty_grouping_delete AFTER DELETE ON figure_groupings BEGIN
  INSERT INTO measure_dirty (unit) SELECT unit FROM figures WHERE id = OLD.figure_id ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER measure_dirty_grouping_update AFTER UPDATE ON figure_groupings BEGIN
  INSERT INTO measure_dirty (unit) SELECT unit FROM figures WHERE id IN (OLD.figure_id, NEW.figure_id) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
-- A statement moved to another organisation (its figures' organisation, maybe their owner, with it) or redated (their recency).
CREATE TRIGGER measure_dirty_statement_update AFTER UPDATE OF organisation_id, date ON statements
WHEN OLD.organisation_id IS NOT NEW.organisation_id OR OLD.date IS NOT NEW.date
BEGIN
  INSERT INTO measure_dirty (unit) SELECT DISTINCT unit FROM figures WHERE statement_id = NEW.id ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
-- An organisation's names are taken out of every description, and its slug names a group's owner: any change regroups every unit.
CREATE TRIGGER measure_dirty_organisation_insert AFTER INSERT ON organisations BEGIN
  INSERT INTO measure_dirty (unit) VALUES ('*') ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER measure_dirty_organisation_delete AFTER DELETE ON organisations BEGIN
  INSERT INTO measure_dirty (unit) VALUES ('*') ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER measure_dirty_organisation_update AFTER UPDATE OF slug, name, short_name ON organisations
WHEN OLD.slug IS NOT NEW.slug OR OLD.name IS NOT NEW.name OR OLD.short_name IS NOT NEW.short_name
BEGIN
  INSERT INTO measure_dirty (unit) VALUES ('*') ON CONFLICT DO NOTHING;
END;
