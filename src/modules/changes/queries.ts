import type { Db } from '../../db/database.ts';
import type { ChangeKind } from '../../db/schema.ts';

export interface ChangeFilters {
  kind?: ChangeKind[] | undefined;
  statement?: number[] | undefined;
}

export interface StoredChange {
  id: number;
  at: string;
  kind: ChangeKind;
  statementId: number | null;
  subjectId: number | null;
  detail: Record<string, unknown>;
}

const SUBJECTS: Partial<Record<ChangeKind, string>> = {
  'tag.corrected': 'tag',
  'tag.reviewed': 'tag',
  'tag.removed': 'tag',
  'quote.corrected': 'quote',
  'figure.added': 'figure',
  'figure.regrouped': 'figure',
  'ask.added': 'ask',
  'ask.outcome': 'ask',
};

/** The change as served: what it concerns, with the statement's URL, and its detail as stored. */
export function changeView(change: StoredChange) {
  const subjectType = SUBJECTS[change.kind];
  return {
    id: change.id,
    at: change.at,
    kind: change.kind,
    statement: change.statementId === null ? null : { id: change.statementId, url: `/v1/statements/${change.statementId}` },
    subject: subjectType && change.subjectId !== null ? { type: subjectType, id: change.subjectId } : null,
    detail: change.detail,
  };
}

/**
 * After `since` (the id of the last change the reader has): oldest first, the order they happened
 * in, a page at a time; or the newest `limit` of them, newest first (for reading, as a feed does).
 */
export async function listChanges(db: Db, filters: ChangeFilters, since: number, limit: number, order: 'oldest' | 'newest' = 'oldest') {
  const where = ['id > @since'];
  const params: Record<string, unknown> = { since, limit: limit + 1 };
  if (filters.kind?.length) {
    where.push(db.dialect.inList('kind', '@kind'));
    params.kind = filters.kind;
  }
  if (filters.statement?.length) {
    where.push(db.dialect.inList('statement_id', '@statement'));
    params.statement = filters.statement;
  }
  const rows = await db.all<Omit<StoredChange, 'detail'> & { detail: string }>(
    `SELECT id, at, kind, statement_id AS "statementId", subject_id AS "subjectId", detail FROM changes WHERE ${where.join(' AND ')} ORDER BY id ${order === 'newest' ? 'DESC' : ''} LIMIT @limit`,
    params,
  );
  const items = rows.slice(0, limit).map((row) => changeView({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
  return { items, more: order === 'oldest' && rows.length > limit };
}

/** The newest change's id (0 before any): where a reader starting now begins. */
export async function latestChange(db: Db): Promise<number> {
  return (await db.value<number | null>('SELECT max(id) AS id FROM changes')) ?? 0;
}
