-- Tags the curated corpus holds were set by editors: reviewed, and certain.
UPDATE theme_tags SET reviewed = 1, confidence = 1 WHERE tagged_by = 'curated';
--> statement-breakpoint
-- How many of the tags behind each count no editor has reviewed yet: the matrix and comparisons
-- say it per cell, kept by the same triggers as the counts.
ALTER TABLE stance_counts ADD unreviewed integer NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE stance_totals ADD unreviewed integer NOT NULL DEFAULT 0;
--> statement-breakpoint
UPDATE stance_counts SET unreviewed = (
  SELECT count(*) FROM theme_tags tt JOIN statements s ON s.id = tt.statement_id
  WHERE tt.reviewed = 0 AND tt.theme_id = stance_counts.theme_id AND s.organisation_id = stance_counts.organisation_id AND s.event_id = stance_counts.event_id
);
--> statement-breakpoint
UPDATE stance_totals SET unreviewed = (
  SELECT coalesce(sum(unreviewed), 0) FROM stance_counts sc WHERE sc.organisation_id = stance_totals.organisation_id AND sc.theme_id = stance_totals.theme_id
);
--> statement-breakpoint
DROP TRIGGER stance_counts_tag_insert;
--> statement-breakpoint
DROP TRIGGER stance_counts_tag_delete;
--> statement-breakpoint
DROP TRIGGER stance_counts_tag_update;
--> statement-breakpoint
DROP TRIGGER stance_counts_statement_delete;
--> statement-breakpoint
DROP TRIGGER stance_totals_insert;
--> statement-breakpoint
DROP TRIGGER stance_totals_update;
--> statement-breakpoint
DROP TRIGGER stance_totals_delete;
--> statement-breakpoint
CREATE TRIGGER stance_counts_tag_insert AFTER INSERT ON theme_tags BEGIN
  INSERT INTO stance_counts (organisation_id, theme_id, event_id, supportive, critical, mixed, neutral, unreviewed)
  SELECT s.organisation_id, NEW.theme_id, s.event_id,
    NEW.stance = 'supportive', NEW.stance = 'critical', NEW.stance = 'mixed', NEW.stance = 'neutral', NEW.reviewed = 0
  FROM statements s WHERE s.id = NEW.statement_id
  ON CONFLICT (organisation_id, theme_id, event_id) DO UPDATE SET
    supportive = supportive + excluded.supportive, critical = critical + excluded.critical,
    mixed = mixed + excluded.mixed, neutral = neutral + excluded.neutral, unreviewed = unreviewed + excluded.unreviewed;
END;
--> statement-breakpoint
CREATE TRIGGER stance_counts_tag_delete AFTER DELETE ON theme_tags BEGIN
  UPDATE stance_counts SET
    supportive = supportive - (OLD.stance = 'supportive'), critical = critical - (OLD.stance = 'critical'),
    mixed = mixed - (OLD.stance = 'mixed'), neutral = neutral - (OLD.stance = 'neutral'), unreviewed = unreviewed - (OLD.reviewed = 0)
  WHERE theme_id = OLD.theme_id
    AND (organisation_id, event_id) = (SELECT organisation_id, event_id FROM statements WHERE id = OLD.statement_id);
END;
--> statement-breakpoint
CREATE TRIGGER stance_counts_tag_update AFTER UPDATE OF stance, theme_id, reviewed ON theme_tags BEGIN
  UPDATE stance_counts SET
    supportive = supportive - (OLD.stance = 'supportive'), critical = critical - (OLD.stance = 'critical'),
    mixed = mixed - (OLD.stance = 'mixed'), neutral = neutral - (OLD.stance = 'neutral'), unreviewed = unreviewed - (OLD.reviewed = 0)
  WHERE theme_id = OLD.theme_id
    AND (organisation_id, event_id) = (SELECT organisation_id, event_id FROM statements WHERE id = OLD.statement_id);
  INSERT INTO stance_counts (organisation_id, theme_id, event_id, supportive, critical, mixed, neutral, unreviewed)
  SELECT s.organisation_id, NEW.theme_id, s.event_id,
    NEW.stance = 'supportive', NEW.stance = 'critical', NEW.stance = 'mixed', NEW.stance = 'neutral', NEW.reviewed = 0
  FROM statements s WHERE s.id = NEW.statement_id
  ON CONFLICT (organisation_id, theme_id, event_id) DO UPDATE SET
    supportive = supportive + excluded.supportive, critical = critical + excluded.critical,
    mixed = mixed + excluded.mixed, neutral = neutral + excluded.neutral, unreviewed = unreviewed + excluded.unreviewed;
END;
--> statement-breakpoint
CREATE TRIGGER stance_counts_statement_delete BEFORE DELETE ON statements BEGIN
  UPDATE stance_counts SET
    supportive = supportive - (SELECT count(*) FROM theme_tags WHERE statement_id = OLD.id AND theme_id = stance_counts.theme_id AND stance = 'supportive'),
    critical = critical - (SELECT count(*) FROM theme_tags WHERE statement_id = OLD.id AND theme_id = stance_counts.theme_id AND stance = 'critical'),
    mixed = mixed - (SELECT count(*) FROM theme_tags WHERE statement_id = OLD.id AND theme_id = stance_counts.theme_id AND stance = 'mixed'),
    neutral = neutral - (SELECT count(*) FROM theme_tags WHERE statement_id = OLD.id AND theme_id = stance_counts.theme_id AND stance = 'neutral'),
    unreviewed = unreviewed - (SELECT count(*) FROM theme_tags WHERE statement_id = OLD.id AND theme_id = stance_counts.theme_id AND reviewed = 0)
  WHERE organisation_id = OLD.organisation_id AND event_id = OLD.event_id;
END;
--> statement-breakpoint
CREATE TRIGGER stance_totals_insert AFTER INSERT ON stance_counts BEGIN
  INSERT INTO stance_totals (organisation_id, theme_id, supportive, critical, mixed, neutral, unreviewed)
  VALUES (NEW.organisation_id, NEW.theme_id, NEW.supportive, NEW.critical, NEW.mixed, NEW.neutral, NEW.unreviewed)
  ON CONFLICT (organisation_id, theme_id) DO UPDATE SET
    supportive = supportive + excluded.supportive, critical = critical + excluded.critical,
    mixed = mixed + excluded.mixed, neutral = neutral + excluded.neutral, unreviewed = unreviewed + excluded.unreviewed;
END;
--> statement-breakpoint
CREATE TRIGGER stance_totals_update AFTER UPDATE ON stance_counts BEGIN
  UPDATE stance_totals SET
    supportive = supportive - OLD.supportive, critical = critical - OLD.critical, mixed = mixed - OLD.mixed, neutral = neutral - OLD.neutral,
    unreviewed = unreviewed - OLD.unreviewed
  WHERE organisation_id = OLD.organisation_id AND theme_id = OLD.theme_id;
  INSERT INTO stance_totals (organisation_id, theme_id, supportive, critical, mixed, neutral, unreviewed)
  VALUES (NEW.organisation_id, NEW.theme_id, NEW.supportive, NEW.critical, NEW.mixed, NEW.neutral, NEW.unreviewed)
  ON CONFLICT (organisation_id, theme_id) DO UPDATE SET
    supportive = supportive + excluded.supportive, critical = critical + excluded.critical,
    mixed = mixed + excluded.mixed, neutral = neutral + excluded.neutral, unreviewed = unreviewed + excluded.unreviewed;
END;
--> statement-breakpoint
CREATE TRIGGER stance_totals_delete AFTER DELETE ON stance_counts BEGIN
  UPDATE stance_totals SET
    supportive = supportive - OLD.supportive, critical = critical - OLD.critical, mixed = mixed - OLD.mixed, neutral = neutral - OLD.neutral,
    unreviewed = unreviewed - OLD.unreviewed
  WHERE organisation_id = OLD.organisation_id AND theme_id = OLD.theme_id;
END;
