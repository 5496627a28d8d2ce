import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/prepared.ts';
import type { EventKind } from '../../domain/analyse/lexicon.ts';

export interface EventRow {
  id: number;
  slug: string;
  title: string;
  description: string;
  publishedOn: string;
  publisher: string;
  kind: EventKind;
  statementCount: number;
}

const EVENT = `SELECT e.id, e.slug, e.title, e.description, e.published_on AS publishedOn, e.publisher, e.kind,
  (SELECT count(*) FROM statements s WHERE s.event_id = e.id) AS statementCount FROM events e`;

export function listEvents(db: Db): EventRow[] {
  return prepared(db, `${EVENT} ORDER BY e.published_on, e.id`).all() as EventRow[];
}

export function eventBySlug(db: Db, slug: string): EventRow | undefined {
  return prepared(db, `${EVENT} WHERE e.slug = ?`).get(slug) as EventRow | undefined;
}

/** Responses to the event, newest first. */
export function statementIdsFor(db: Db, eventId: number): number[] {
  return prepared(db, 'SELECT id FROM statements WHERE event_id = ? ORDER BY date DESC, id DESC').pluck().all(eventId) as number[];
}
