import type { Db } from '../../db/database.ts';

export interface AuditEntry {
  at: string;
  keyName: string;
  method: string;
  route: string;
  url: string;
  status: number;
  change: Record<string, unknown>;
}

export async function recordWrite(db: Db, entry: AuditEntry): Promise<void> {
  await db.run('INSERT INTO audit_log (at, key_name, method, route, url, status, change) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    entry.at,
    entry.keyName,
    entry.method,
    entry.route,
    entry.url,
    entry.status,
    JSON.stringify(entry.change),
  ]);
}

export interface AuditFilters {
  key?: string[] | undefined;
  method?: string[] | undefined;
  route?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Newest first, a page at a time: `before` is the id the previous page ended on. */
export async function listWrites(db: Db, filters: AuditFilters, limit: number, before: number | undefined) {
  const { inList } = db.dialect;
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: limit + 1 };
  if (filters.key?.length) {
    where.push(inList('key_name', '@key'));
    params.key = filters.key;
  }
  if (filters.method?.length) {
    where.push(inList('method', '@method'));
    params.method = filters.method.map((m) => m.toUpperCase());
  }
  if (filters.route) {
    // Case-insensitive on every engine (SQLite's LIKE is, PostgreSQL's is not): both sides lower-cased.
    where.push("lower(route) LIKE @route ESCAPE '\\'");
    params.route = `%${filters.route.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
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
  const total = (await db.value<number>(`SELECT count(*) AS n FROM audit_log ${whereSql}`, params)) ?? 0;
  if (before !== undefined) {
    where.push('id < @before');
    params.before = before;
  }
  const rows = await db.all<Omit<AuditEntry, 'change'> & { id: number; change: string }>(
    `SELECT id, at, key_name AS "keyName", method, route, url, status, change FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`,
    params,
  );
  const page = rows.slice(0, limit).map((row) => ({ ...row, change: JSON.parse(row.change) as Record<string, unknown> }));
  return { items: page, total, nextBefore: rows.length > limit ? page[page.length - 1]?.id : undefined };
}
