-- Stance counts per organisation, theme and event, kept in step with theme_tags by triggers, so
-- that the matrix and each organisation's overall stance cost the same at any corpus size.
CREATE TABLE stance_counts (
  organisation_id integer NOT NULL REFERENCES organisations(id),
  theme_id integer NOT NULL REFERENCES themes(id),
  event_id integer NOT NULL REFERENCES events(id),
  supportive integer NOT NULL DEFAULT 0,
  critical integer NOT NULL DEFAULT 0,
  mixed integer NOT NULL DEFAULT 0,
  neutral integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organisation_id, theme_id, event_id)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX stance_counts_theme_idx ON stance_counts (theme_id, event_id);
--> statement-breakpoint
INSERT INTO stance_counts (organisation_id, theme_id, event_id, supportive, critical, mixed, neutral)
SELECT s.organisation_id, tt.theme_id, s.event_id,
  sum(tt.stance = 'supportive'), sum(tt.stance = 'critical'), sum(tt.stance = 'mixed'), sum(tt.stance = 'neutral')
FROM theme_tags tt JOIN statements s ON s.id = tt.statement_id
GROUP BY s.organisation_id, tt.theme_id, s.event_id;
--> statement-breakpoint
CREATE TRIGGER stance_counts_tag_insert AFTER INSERT ON theme_tags BEGIN
  INSERT INTO stance_counts (organisation_id, theme_id, event_id, supportive, critical, mixed, neutral)
  SELECT s.organisation_id, NEW.theme_id, s.event_id,
    NEW.stance = 'supportive', NEW.stance = 'critical', NEW.stance = 'mixed', NEW.stance = 'neutral'
  FROM statements s WHERE s.id = NEW.statement_id
  ON CONFLICT (organisation_id, theme_id, event_id) DO UPDATE SET
    supportive = supportive + excluded.supportive, critical = critical + excluded.critical,
    mixed = mixed + excluded.mixed, neutral = neutral + excluded.neutral;
END;
--> statement-breakpoint
-- A tag removed while its statement stays. (When a statement is deleted its tags go by cascade
-- after it; the statement trigger below has already taken them off.)
CREATE TRIGGER stance_counts_tag_delete AFTER DELETE ON theme_tags BEGIN
  UPDATE stance_counts SET
    supportive = supportive - (OLD.stance = 'supportive'), critical = critical - (OLD.stance = 'critical'),
    mixed = mixed - (OLD.stance = 'mixed'), neutral = neutral - (OLD.stance = 'neutral')
  WHERE theme_id = OLD.theme_id
    AND (organisation_id, event_id) = (SELECT organisation_id, event_id FROM statements WHERE id = OLD.statement_id);
END;
--> statement-breakpoint
CREATE TRIGGER stance_counts_tag_update AFTER UPDATE OF stance, theme_id ON theme_tags BEGIN
  UPDATE stance_counts SET
    supportive = supportive - (OLD.stance = 'supportive'), critical = critical - (OLD.stance = 'critical'),
    mixed = mixed - (OLD.stance = 'mixed'), neutral = neutral - (OLD.stance = 'neutral')
  WHERE theme_id = OLD.theme_id
    AND (organisation_id, event_id) = (SELECT organisation_id, event_id FROM statements WHERE id = OLD.statement_id);
  INSERT INTO stance_counts (organisation_id, theme_id, event_id, supportive, critical, mixed, neutral)
  SELECT s.organisation_id, NEW.theme_id, s.event_id,
    NEW.stance = 'supportive', NEW.stance = 'critical', NEW.stance = 'mixed', NEW.stance = 'neutral'
  FROM statements s WHERE s.id = NEW.statement_id
  ON CONFLICT (organisation_id, theme_id, event_id) DO UPDATE SET
    supportive = supportive + excluded.supportive, critical = critical + excluded.critical,
    mixed = mixed + excluded.mixed, neutral = neutral + excluded.neutral;
END;
--> statement-breakpoint
CREATE TRIGGER stance_counts_statement_delete BEFORE DELETE ON statements BEGIN
  UPDATE stance_counts SET
    supportive = supportive - (SELECT count(*) FROM theme_tags WHERE statement_id = OLD.id AND theme_id = stance_counts.theme_id AND stance = 'supportive'),
    critical = critical - (SELECT count(*) FROM theme_tags WHERE statement_id = OLD.id AND theme_id = stance_counts.theme_id AND stance = 'critical'),
    mixed = mixed - (SELECT count(*) FROM theme_tags WHERE statement_id = OLD.id AND theme_id = stance_counts.theme_id AND stance = 'mixed'),
    neutral = neutral - (SELECT count(*) FROM theme_tags WHERE statement_id = OLD.id AND theme_id = stance_counts.theme_id AND stance = 'neutral')
  WHERE organisation_id = OLD.organisation_id AND event_id = OLD.event_id;
END;
