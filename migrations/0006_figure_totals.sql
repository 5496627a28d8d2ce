-- Figures counted by what they are (unit, value, what they measure), theme and organisation,
-- kept in step by triggers: "who cites which sums" then adds up a few thousand rows at most,
-- not every figure in the corpus. theme_id 0 stands for a figure with no theme.
CREATE TABLE figure_totals (
  unit text NOT NULL,
  value real NOT NULL,
  measures text NOT NULL,
  theme_id integer NOT NULL,
  organisation_id integer NOT NULL REFERENCES organisations(id),
  n integer NOT NULL,
  PRIMARY KEY (unit, value, measures, theme_id, organisation_id)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO figure_totals (unit, value, measures, theme_id, organisation_id, n)
SELECT f.unit, f.value, f.measures, coalesce(f.theme_id, 0), s.organisation_id, count(*)
FROM figures f JOIN statements s ON s.id = f.statement_id
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE TRIGGER figure_totals_insert AFTER INSERT ON figures BEGIN
  INSERT INTO figure_totals (unit, value, measures, theme_id, organisation_id, n)
  SELECT NEW.unit, NEW.value, NEW.measures, coalesce(NEW.theme_id, 0), organisation_id, 1 FROM statements WHERE id = NEW.statement_id
  ON CONFLICT (unit, value, measures, theme_id, organisation_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- A figure removed while its statement stays. (A statement deleted takes its figures off first,
-- below; its figures then go by cascade when the statement can no longer be read.)
CREATE TRIGGER figure_totals_delete AFTER DELETE ON figures BEGIN
  UPDATE figure_totals SET n = n - 1
  WHERE unit = OLD.unit AND value = OLD.value AND measures = OLD.measures AND theme_id = coalesce(OLD.theme_id, 0)
    AND organisation_id = (SELECT organisation_id FROM statements WHERE id = OLD.statement_id);
  DELETE FROM figure_totals WHERE n <= 0 AND unit = OLD.unit AND value = OLD.value AND measures = OLD.measures;
END;
--> statement-breakpoint
CREATE TRIGGER figure_totals_update AFTER UPDATE OF unit, value, measures, theme_id ON figures BEGIN
  UPDATE figure_totals SET n = n - 1
  WHERE unit = OLD.unit AND value = OLD.value AND measures = OLD.measures AND theme_id = coalesce(OLD.theme_id, 0)
    AND organisation_id = (SELECT organisation_id FROM statements WHERE id = OLD.statement_id);
  DELETE FROM figure_totals WHERE n <= 0 AND unit = OLD.unit AND value = OLD.value AND measures = OLD.measures;
  INSERT INTO figure_totals (unit, value, measures, theme_id, organisation_id, n)
  SELECT NEW.unit, NEW.value, NEW.measures, coalesce(NEW.theme_id, 0), organisation_id, 1 FROM statements WHERE id = NEW.statement_id
  ON CONFLICT (unit, value, measures, theme_id, organisation_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER figure_totals_statement_delete BEFORE DELETE ON statements BEGIN
  UPDATE figure_totals SET n = n - (
    SELECT count(*) FROM figures f WHERE f.statement_id = OLD.id AND f.unit = figure_totals.unit AND f.value = figure_totals.value
      AND f.measures = figure_totals.measures AND coalesce(f.theme_id, 0) = figure_totals.theme_id)
  WHERE organisation_id = OLD.organisation_id
    AND (unit, value, measures) IN (SELECT unit, value, measures FROM figures WHERE statement_id = OLD.id);
  DELETE FROM figure_totals WHERE n <= 0 AND organisation_id = OLD.organisation_id;
END;
