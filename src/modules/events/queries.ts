import type { Db } from '../../db/database.ts';
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

const EVENT = `SELECT e.id, e.slug, e.title, e.description, e.published_on AS "publishedOn", e.publisher, e.kind,
  (SELECT count(*) FROM statements s WHERE s.event_id = e.id) AS "statementCount" FROM events e`;

export function listEvents(db: Db): Promise<EventRow[]> {
  return db.all<EventRow>(`${EVENT} ORDER BY e.published_on, e.id`);
}

export function eventBySlug(db: Db, slug: string): Promise<EventRow | undefined> {
  return db.get<EventRow>(`${EVENT} WHERE e.slug = ?`, [slug]);
}

/** Responses to the event, newest first. */
export function statementIdsFor(db: Db, eventId: number): Promise<number[]> {
  return db.column<number>('SELECT id FROM statements WHERE event_id = ? ORDER BY date DESC, id DESC', [eventId]);
}
