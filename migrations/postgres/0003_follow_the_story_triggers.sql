-- The new tables' text sorts byte by byte, as SQLite's does (see 0001).
DO $$
DECLARE
  col record;
BEGIN
  FOR col IN
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    WHERE c.table_schema = current_schema() AND c.data_type = 'text'
      AND c.table_name IN ('changes', 'watches', 'deliveries', 'delivery_attempts', 'asks', 'ask_outcomes', 'figure_groupings')
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE text COLLATE "C"', col.table_name, col.column_name);
  END LOOP;
END $$;
--> statement-breakpoint
-- What public answers are made of moves the response cache's version. Watches and their deliveries
-- are behind a key, never cached: a delivery's bookkeeping leaves every cached answer good.
DO $$
DECLARE
  name text;
BEGIN
  FOREACH name IN ARRAY ARRAY['changes', 'asks', 'ask_outcomes', 'figure_groupings'] LOOP
    EXECUTE format('CREATE TRIGGER data_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()', name);
  END LOOP;
END $$;
