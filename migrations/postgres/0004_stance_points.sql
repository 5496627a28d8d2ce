-- SQLite's migration 0016 in PostgreSQL's words: each tag as a point of its organisation's stance
-- on its theme, with the point before it (by the statement's date, then its id), kept in step by
-- triggers, so that GET /v1/shifts reads and counts its shifts (points whose stance differs from
-- the one before) from an index. Two sequences: every tag, and only the tags an editor set or
-- reviewed (reviewed_only). `stakeholder` is false for the government's tags, which shifts leave
-- out unless it is named. The from_ columns are null at the first point of a sequence.
CREATE TABLE stance_points (
  tag_id integer NOT NULL,
  reviewed_only boolean NOT NULL,
  organisation_id integer NOT NULL,
  stakeholder boolean NOT NULL,
  theme_id integer NOT NULL,
  date text COLLATE "C" NOT NULL,
  statement_id integer NOT NULL,
  event_id integer NOT NULL,
  stance text COLLATE "C" NOT NULL,
  from_tag_id integer,
  from_statement_id integer,
  from_date text COLLATE "C",
  from_event_id integer,
  from_stance text COLLATE "C",
  PRIMARY KEY (tag_id, reviewed_only)
);
--> statement-breakpoint
INSERT INTO stance_points (tag_id, reviewed_only, organisation_id, stakeholder, theme_id, date, statement_id, event_id, stance,
  from_tag_id, from_statement_id, from_date, from_event_id, from_stance)
SELECT tt.id, q.reviewed_only, s.organisation_id, o.kind <> 'government', tt.theme_id, s.date, s.id, s.event_id, tt.stance,
  LAG(tt.id) OVER pair, LAG(s.id) OVER pair, LAG(s.date) OVER pair, LAG(s.event_id) OVER pair, LAG(tt.stance) OVER pair
FROM (VALUES (false), (true)) q (reviewed_only)
JOIN theme_tags tt ON NOT q.reviewed_only OR tt.reviewed
JOIN statements s ON s.id = tt.statement_id
JOIN organisations o ON o.id = s.organisation_id
WINDOW pair AS (PARTITION BY q.reviewed_only, s.organisation_id, tt.theme_id ORDER BY s.date, s.id);
--> statement-breakpoint
CREATE INDEX stance_points_sequence_idx ON stance_points
  (reviewed_only, organisation_id, theme_id, date, statement_id, stance, from_stance, event_id, from_event_id);
--> statement-breakpoint
CREATE INDEX stance_points_shifts_idx ON stance_points
  (reviewed_only, stakeholder, date DESC, statement_id DESC, theme_id, organisation_id, event_id, from_event_id, from_stance, stance)
  WHERE from_stance <> stance;
--> statement-breakpoint
CREATE INDEX stance_points_shifts_theme_idx ON stance_points
  (reviewed_only, stakeholder, theme_id, date DESC, statement_id DESC, organisation_id, event_id, from_event_id, from_stance, stance)
  WHERE from_stance <> stance;
--> statement-breakpoint
CREATE INDEX stance_points_shifts_event_idx ON stance_points
  (reviewed_only, stakeholder, event_id, date DESC, statement_id DESC, theme_id, organisation_id, from_event_id, from_stance, stance)
  WHERE from_stance <> stance;
--> statement-breakpoint
CREATE INDEX stance_points_shifts_from_event_idx ON stance_points
  (reviewed_only, stakeholder, from_event_id, date DESC, statement_id DESC, theme_id, organisation_id, event_id, from_stance, stance)
  WHERE from_stance <> stance;
--> statement-breakpoint
-- Takes a tag's points out of their sequences: the point after each now follows the one before it.
-- Read from the stored points, so it holds when the statement has gone first.
CREATE FUNCTION stance_points_remove(tag integer) RETURNS void LANGUAGE sql AS $$
  UPDATE stance_points n SET (from_tag_id, from_statement_id, from_date, from_event_id, from_stance) =
    (x.from_tag_id, x.from_statement_id, x.from_date, x.from_event_id, x.from_stance)
  FROM stance_points x
  WHERE x.tag_id = tag AND n.reviewed_only = x.reviewed_only AND n.tag_id = (
    SELECT a.tag_id FROM stance_points a
    WHERE a.reviewed_only = x.reviewed_only AND a.organisation_id = x.organisation_id AND a.theme_id = x.theme_id
      AND (a.date, a.statement_id) > (x.date, x.statement_id)
    ORDER BY a.date, a.statement_id LIMIT 1);
  DELETE FROM stance_points WHERE tag_id = tag;
$$;
--> statement-breakpoint
-- Puts a tag into its sequences as it is now: after the last point before it, and before the point after it.
CREATE FUNCTION stance_points_add(tag integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stance_points (tag_id, reviewed_only, organisation_id, stakeholder, theme_id, date, statement_id, event_id, stance,
    from_tag_id, from_statement_id, from_date, from_event_id, from_stance)
  SELECT tt.id, q.reviewed_only, s.organisation_id, o.kind <> 'government', tt.theme_id, s.date, s.id, s.event_id, tt.stance,
    b.tag_id, b.statement_id, b.date, b.event_id, b.stance
  FROM theme_tags tt
  JOIN statements s ON s.id = tt.statement_id
  JOIN organisations o ON o.id = s.organisation_id
  JOIN (VALUES (false), (true)) q (reviewed_only) ON NOT q.reviewed_only OR tt.reviewed
  LEFT JOIN LATERAL (
    SELECT p.tag_id, p.statement_id, p.date, p.event_id, p.stance FROM stance_points p
    WHERE p.reviewed_only = q.reviewed_only AND p.organisation_id = s.organisation_id AND p.theme_id = tt.theme_id
      AND (p.date, p.statement_id) < (s.date, s.id)
    ORDER BY p.date DESC, p.statement_id DESC LIMIT 1) b ON true
  WHERE tt.id = tag;
  UPDATE stance_points n SET (from_tag_id, from_statement_id, from_date, from_event_id, from_stance) =
    (x.tag_id, x.statement_id, x.date, x.event_id, x.stance)
  FROM stance_points x
  WHERE x.tag_id = tag AND n.reviewed_only = x.reviewed_only AND n.tag_id = (
    SELECT a.tag_id FROM stance_points a
    WHERE a.reviewed_only = x.reviewed_only AND a.organisation_id = x.organisation_id AND a.theme_id = x.theme_id
      AND (a.date, a.statement_id) > (x.date, x.statement_id)
    ORDER BY a.date, a.statement_id LIMIT 1);
$$;
--> statement-breakpoint
CREATE FUNCTION stance_points_tag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.id = NEW.id AND OLD.statement_id = NEW.statement_id AND OLD.theme_id = NEW.theme_id
    AND OLD.stance = NEW.stance AND OLD.reviewed = NEW.reviewed THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN PERFORM stance_points_remove(OLD.id); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM stance_points_add(NEW.id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stance_points_tag AFTER INSERT OR DELETE OR UPDATE OF id, statement_id, theme_id, stance, reviewed ON theme_tags
  FOR EACH ROW EXECUTE FUNCTION stance_points_tag();
--> statement-breakpoint
-- A statement redated, or moved to another organisation or event: each of its tags taken out, then put back where it is now.
CREATE FUNCTION stance_points_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.date = NEW.date AND OLD.organisation_id = NEW.organisation_id AND OLD.event_id = NEW.event_id THEN RETURN NULL; END IF;
  PERFORM stance_points_remove(t.id) FROM theme_tags t WHERE t.statement_id = NEW.id;
  PERFORM stance_points_add(t.id) FROM theme_tags t WHERE t.statement_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stance_points_statement AFTER UPDATE OF date, organisation_id, event_id ON statements
  FOR EACH ROW EXECUTE FUNCTION stance_points_statement();
--> statement-breakpoint
-- An organisation that becomes (or stops being) the government: its points follow.
CREATE FUNCTION stance_points_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.kind = 'government') IS DISTINCT FROM (NEW.kind = 'government') THEN
    UPDATE stance_points SET stakeholder = NEW.kind <> 'government' WHERE reviewed_only IN (false, true) AND organisation_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stance_points_organisation AFTER UPDATE OF kind ON organisations
  FOR EACH ROW EXECUTE FUNCTION stance_points_organisation();
