-- Each tag as a point of its organisation's stance on its theme, with the point before it (by the
-- statement's date, then its id), kept in step by triggers: a stance shift is a point whose stance
-- differs from the one before, so that GET /v1/shifts reads and counts its shifts from an index
-- instead of comparing every tag with its neighbour (a second at 100 000 statements). Two
-- sequences: every tag (reviewed_only 0), and only the tags an editor set or reviewed (1, what
-- ?reviewed=true compares). The from_ columns are null at the first point of a sequence.
-- `stakeholder` is 0 for the government's tags, which shifts leave out unless it is named: every
-- list of shifts starts from an index seek, never from a check on each row.
CREATE TABLE stance_points (
  tag_id integer NOT NULL,
  reviewed_only integer NOT NULL,
  organisation_id integer NOT NULL,
  stakeholder integer NOT NULL,
  theme_id integer NOT NULL,
  date text NOT NULL,
  statement_id integer NOT NULL,
  event_id integer NOT NULL,
  stance text NOT NULL,
  from_tag_id integer,
  from_statement_id integer,
  from_date text,
  from_event_id integer,
  from_stance text,
  PRIMARY KEY (tag_id, reviewed_only)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO stance_points (tag_id, reviewed_only, organisation_id, stakeholder, theme_id, date, statement_id, event_id, stance,
  from_tag_id, from_statement_id, from_date, from_event_id, from_stance)
SELECT tt.id, q.reviewed_only, s.organisation_id, o.kind <> 'government', tt.theme_id, s.date, s.id, s.event_id, tt.stance,
  LAG(tt.id) OVER pair, LAG(s.id) OVER pair, LAG(s.date) OVER pair, LAG(s.event_id) OVER pair, LAG(tt.stance) OVER pair
FROM (SELECT 0 AS reviewed_only UNION ALL SELECT 1) q
JOIN theme_tags tt ON q.reviewed_only = 0 OR tt.reviewed = 1
JOIN statements s ON s.id = tt.statement_id
JOIN organisations o ON o.id = s.organisation_id
WINDOW pair AS (PARTITION BY q.reviewed_only, s.organisation_id, tt.theme_id ORDER BY s.date, s.id)
ORDER BY tt.id, q.reviewed_only;
--> statement-breakpoint
-- A sequence in order: the point before or after a place is one step of this index. With the
-- stances and events, it also holds what a named organisation's shifts are filtered and counted by.
CREATE INDEX stance_points_sequence_idx ON stance_points
  (reviewed_only, organisation_id, theme_id, date, statement_id, stance, from_stance, event_id, from_event_id);
--> statement-breakpoint
-- The shifts only (a point whose stance differs from the one before) of stakeholders (or not),
-- newest first as GET /v1/shifts lists them, and from a theme's or an event's (on either side):
-- a count under any filter seeks one of these and reads it alone (each holds every column the
-- filters read), as does a page until it has its rows.
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
-- A tag added: its point goes after the last point before it, and the point after it now follows it.
CREATE TRIGGER stance_points_tag_insert AFTER INSERT ON theme_tags BEGIN
  INSERT INTO stance_points (tag_id, reviewed_only, organisation_id, stakeholder, theme_id, date, statement_id, event_id, stance,
    from_tag_id, from_statement_id, from_date, from_event_id, from_stance)
  SELECT NEW.id, q.reviewed_only, s.organisation_id, o.kind <> 'government', NEW.theme_id, s.date, s.id, s.event_id, NEW.stance,
    p.tag_id, p.statement_id, p.date, p.event_id, p.stance
  FROM (SELECT 0 AS reviewed_only UNION ALL SELECT 1 WHERE NEW.reviewed) q
  JOIN statements s ON s.id = NEW.statement_id
  JOIN organisations o ON o.id = s.organisation_id
  LEFT JOIN stance_points p ON p.reviewed_only = q.reviewed_only AND p.tag_id = (
    SELECT b.tag_id FROM stance_points b
    WHERE b.reviewed_only = q.reviewed_only AND b.organisation_id = s.organisation_id AND b.theme_id = NEW.theme_id
      AND (b.date, b.statement_id) < (s.date, s.id)
    ORDER BY b.date DESC, b.statement_id DESC LIMIT 1);
  UPDATE stance_points SET (from_tag_id, from_statement_id, from_date, from_event_id, from_stance) = (
    SELECT x.tag_id, x.statement_id, x.date, x.event_id, x.stance FROM stance_points x
    WHERE x.tag_id = NEW.id AND x.reviewed_only = stance_points.reviewed_only)
  WHERE (tag_id, reviewed_only) IN (
    SELECT (SELECT a.tag_id FROM stance_points a
            WHERE a.reviewed_only = x.reviewed_only AND a.organisation_id = x.organisation_id AND a.theme_id = x.theme_id
              AND (a.date, a.statement_id) > (x.date, x.statement_id)
            ORDER BY a.date, a.statement_id LIMIT 1), x.reviewed_only
    FROM stance_points x WHERE x.tag_id = NEW.id);
END;
--> statement-breakpoint
-- A tag removed (by an editor, by re-analysis, or with its statement): the point after it now
-- follows the one before it. Read from the stored point, so it holds when the statement has gone first.
CREATE TRIGGER stance_points_tag_delete AFTER DELETE ON theme_tags BEGIN
  UPDATE stance_points SET (from_tag_id, from_statement_id, from_date, from_event_id, from_stance) = (
    SELECT x.from_tag_id, x.from_statement_id, x.from_date, x.from_event_id, x.from_stance FROM stance_points x
    WHERE x.tag_id = OLD.id AND x.reviewed_only = stance_points.reviewed_only)
  WHERE (tag_id, reviewed_only) IN (
    SELECT (SELECT a.tag_id FROM stance_points a
            WHERE a.reviewed_only = x.reviewed_only AND a.organisation_id = x.organisation_id AND a.theme_id = x.theme_id
              AND (a.date, a.statement_id) > (x.date, x.statement_id)
            ORDER BY a.date, a.statement_id LIMIT 1), x.reviewed_only
    FROM stance_points x WHERE x.tag_id = OLD.id);
  DELETE FROM stance_points WHERE tag_id = OLD.id;
END;
--> statement-breakpoint
-- A tag changed (its stance corrected, reviewed or no longer, moved): taken out, then put back as it is now.
CREATE TRIGGER stance_points_tag_update AFTER UPDATE OF id, statement_id, theme_id, stance, reviewed ON theme_tags
WHEN OLD.id IS NOT NEW.id OR OLD.statement_id IS NOT NEW.statement_id OR OLD.theme_id IS NOT NEW.theme_id
  OR OLD.stance IS NOT NEW.stance OR OLD.reviewed IS NOT NEW.reviewed
BEGIN
  UPDATE stance_points SET (from_tag_id, from_statement_id, from_date, from_event_id, from_stance) = (
    SELECT x.from_tag_id, x.from_statement_id, x.from_date, x.from_event_id, x.from_stance FROM stance_points x
    WHERE x.tag_id = OLD.id AND x.reviewed_only = stance_points.reviewed_only)
  WHERE (tag_id, reviewed_only) IN (
    SELECT (SELECT a.tag_id FROM stance_points a
            WHERE a.reviewed_only = x.reviewed_only AND a.organisation_id = x.organisation_id AND a.theme_id = x.theme_id
              AND (a.date, a.statement_id) > (x.date, x.statement_id)
            ORDER BY a.date, a.statement_id LIMIT 1), x.reviewed_only
    FROM stance_points x WHERE x.tag_id = OLD.id);
  DELETE FROM stance_points WHERE tag_id = OLD.id;
  INSERT INTO stance_points (tag_id, reviewed_only, organisation_id, stakeholder, theme_id, date, statement_id, event_id, stance,
    from_tag_id, from_statement_id, from_date, from_event_id, from_stance)
  SELECT NEW.id, q.reviewed_only, s.organisation_id, o.kind <> 'government', NEW.theme_id, s.date, s.id, s.event_id, NEW.stance,
    p.tag_id, p.statement_id, p.date, p.event_id, p.stance
  FROM (SELECT 0 AS reviewed_only UNION ALL SELECT 1 WHERE NEW.reviewed) q
  JOIN statements s ON s.id = NEW.statement_id
  JOIN organisations o ON o.id = s.organisation_id
  LEFT JOIN stance_points p ON p.reviewed_only = q.reviewed_only AND p.tag_id = (
    SELECT b.tag_id FROM stance_points b
    WHERE b.reviewed_only = q.reviewed_only AND b.organisation_id = s.organisation_id AND b.theme_id = NEW.theme_id
      AND (b.date, b.statement_id) < (s.date, s.id)
    ORDER BY b.date DESC, b.statement_id DESC LIMIT 1);
  UPDATE stance_points SET (from_tag_id, from_statement_id, from_date, from_event_id, from_stance) = (
    SELECT x.tag_id, x.statement_id, x.date, x.event_id, x.stance FROM stance_points x
    WHERE x.tag_id = NEW.id AND x.reviewed_only = stance_points.reviewed_only)
  WHERE (tag_id, reviewed_only) IN (
    SELECT (SELECT a.tag_id FROM stance_points a
            WHERE a.reviewed_only = x.reviewed_only AND a.organisation_id = x.organisation_id AND a.theme_id = x.theme_id
              AND (a.date, a.statement_id) > (x.date, x.statement_id)
            ORDER BY a.date, a.statement_id LIMIT 1), x.reviewed_only
    FROM stance_points x WHERE x.tag_id = NEW.id);
END;
--> statement-breakpoint
-- A statement redated, or moved to another organisation or event: each of its tags (one per theme,
-- so each in a sequence of its own) taken out, then put back where the statement is now.
CREATE TRIGGER stance_points_statement_update AFTER UPDATE OF date, organisation_id, event_id ON statements
WHEN OLD.date IS NOT NEW.date OR OLD.organisation_id IS NOT NEW.organisation_id OR OLD.event_id IS NOT NEW.event_id
BEGIN
  UPDATE stance_points SET (from_tag_id, from_statement_id, from_date, from_event_id, from_stance) = (
    SELECT x.from_tag_id, x.from_statement_id, x.from_date, x.from_event_id, x.from_stance FROM stance_points x
    WHERE x.tag_id IN (SELECT id FROM theme_tags WHERE statement_id = NEW.id)
      AND x.reviewed_only = stance_points.reviewed_only AND x.theme_id = stance_points.theme_id)
  WHERE (tag_id, reviewed_only) IN (
    SELECT (SELECT a.tag_id FROM stance_points a
            WHERE a.reviewed_only = x.reviewed_only AND a.organisation_id = x.organisation_id AND a.theme_id = x.theme_id
              AND (a.date, a.statement_id) > (x.date, x.statement_id)
            ORDER BY a.date, a.statement_id LIMIT 1), x.reviewed_only
    FROM stance_points x WHERE x.tag_id IN (SELECT id FROM theme_tags WHERE statement_id = NEW.id));
  DELETE FROM stance_points WHERE tag_id IN (SELECT id FROM theme_tags WHERE statement_id = NEW.id);
  INSERT INTO stance_points (tag_id, reviewed_only, organisation_id, stakeholder, theme_id, date, statement_id, event_id, stance,
    from_tag_id, from_statement_id, from_date, from_event_id, from_stance)
  SELECT tt.id, q.reviewed_only, NEW.organisation_id, (SELECT kind <> 'government' FROM organisations WHERE id = NEW.organisation_id), tt.theme_id, NEW.date, NEW.id, NEW.event_id, tt.stance,
    p.tag_id, p.statement_id, p.date, p.event_id, p.stance
  FROM theme_tags tt
  JOIN (SELECT 0 AS reviewed_only UNION ALL SELECT 1) q ON q.reviewed_only = 0 OR tt.reviewed = 1
  LEFT JOIN stance_points p ON p.reviewed_only = q.reviewed_only AND p.tag_id = (
    SELECT b.tag_id FROM stance_points b
    WHERE b.reviewed_only = q.reviewed_only AND b.organisation_id = NEW.organisation_id AND b.theme_id = tt.theme_id
      AND (b.date, b.statement_id) < (NEW.date, NEW.id)
    ORDER BY b.date DESC, b.statement_id DESC LIMIT 1)
  WHERE tt.statement_id = NEW.id;
  UPDATE stance_points SET (from_tag_id, from_statement_id, from_date, from_event_id, from_stance) = (
    SELECT x.tag_id, x.statement_id, x.date, x.event_id, x.stance FROM stance_points x
    WHERE x.tag_id IN (SELECT id FROM theme_tags WHERE statement_id = NEW.id)
      AND x.reviewed_only = stance_points.reviewed_only AND x.theme_id = stance_points.theme_id)
  WHERE (tag_id, reviewed_only) IN (
    SELECT (SELECT a.tag_id FROM stance_points a
            WHERE a.reviewed_only = x.reviewed_only AND a.organisation_id = x.organisation_id AND a.theme_id = x.theme_id
              AND (a.date, a.statement_id) > (x.date, x.statement_id)
            ORDER BY a.date, a.statement_id LIMIT 1), x.reviewed_only
    FROM stance_points x WHERE x.tag_id IN (SELECT id FROM theme_tags WHERE statement_id = NEW.id));
END;
--> statement-breakpoint
-- An organisation that becomes (or stops being) the government: its points follow.
CREATE TRIGGER stance_points_organisation_kind AFTER UPDATE OF kind ON organisations
WHEN (OLD.kind = 'government') IS NOT (NEW.kind = 'government')
BEGIN
  UPDATE stance_points SET stakeholder = NEW.kind <> 'government' WHERE reviewed_only IN (0, 1) AND organisation_id = NEW.id;
END;
