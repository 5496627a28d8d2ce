import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/prepared.ts';

export interface AuditEntry {
  at: string;
  keyName: string;
  method: string;
  route: string;
  url: string;
  status: number;
  change: Record<string, unknown>;
}

export function recordWrite(db: Db, entry: AuditEntry): void {
  prepared(db, 'INSERT INTO audit_log (at, key_name, method, route, url, status, change) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    entry.at,
    entry.keyName,
    entry.method,
    entry.route,
    entry.url,
    entry.status,
    JSON.stringify(entry.change),
  );
}

export interface AuditFilters {
  key?: string[] | undefined;
  method?: string[] | undefined;
  route?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Newest first, a page at a time: `before` is the id the previous page ended on. */
export function listWrites(db: Db, filters: AuditFilters, limit: number, before: number | undefined) {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: limit + 1 };
  if (filters.key?.length) {
    where.push('key_name IN (SELECT value FROM json_each(@key))');
    params.key = JSON.stringify(filters.key);
  }
  if (filters.method?.length) {
    where.push('method IN (SELECT value FROM json_each(@method))');
    params.method = JSON.stringify(filters.method.map((m) => m.toUpperCase()));
  }
  if (filters.route) {
    where.push("route LIKE @route ESCAPE '\\'");
    params.route = `%${filters.route.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (filters.from) {
    where.push('at >= @from');
    params.from = filters.from;
  }
  if (filters.to) {
    where.push('at <= @to');
    params.to = filters.to;
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (prepared(db, `SELECT count(*) AS n FROM audit_log ${whereSql}`).get(params) as { n: number }).n;
  if (before !== undefined) {
    where.push('id < @before');
    params.before = before;
  }
  const rows = prepared(
    db,
    `SELECT id, at, key_name AS keyName, method, route, url, status, change FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`,
  ).all(params) as (Omit<AuditEntry, 'change'> & { id: number; change: string })[];
  const page = rows.slice(0, limit).map((row) => ({ ...row, change: JSON.parse(row.change) as Record<string, unknown> }));
  return { items: page, total, nextBefore: rows.length > limit ? page[page.length - 1]?.id : undefined };
}
