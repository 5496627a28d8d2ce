import type { Db } from '../../db/database.ts';

export interface WatchRow {
  id: number;
  keyName: string;
  query: string;
  origin: string;
  url: string;
  status: 'active' | 'paused';
  createdAt: string;
  pausedAt: string | null;
  failures: number;
  checkedThrough: number;
}

const WATCH_COLUMNS = `id, key_name AS "keyName", query, origin, url, status, created_at AS "createdAt", paused_at AS "pausedAt", failures, checked_through AS "checkedThrough"`;

export async function createWatch(
  db: Db,
  watch: { keyName: string; query: string; origin: string; url: string; secret: string; digest: string; checkedThrough: number; createdAt: string },
): Promise<WatchRow> {
  return db.transaction(async (tx) => {
    const id = (await tx.value<number>(
      `INSERT INTO watches (key_name, query, origin, url, secret, created_at, digest, checked_through)
       VALUES (@keyName, @query, @origin, @url, @secret, @createdAt, @digest, @checkedThrough) RETURNING id`,
      watch,
    )) as number;
    return (await tx.get<WatchRow>(`SELECT ${WATCH_COLUMNS} FROM watches WHERE id = ?`, [id])) as WatchRow;
  });
}

/** A watch as its owner sees it; undefined when it does not exist or belongs to another key (unless `anyOwner`). */
export async function getWatch(db: Db, id: number, owner: string, anyOwner: boolean): Promise<WatchRow | undefined> {
  const row = await db.get<WatchRow>(`SELECT ${WATCH_COLUMNS} FROM watches WHERE id = ?`, [id]);
  return row && (anyOwner || row.keyName === owner) ? row : undefined;
}

/** Newest first, a page at a time (`before`: the id the previous page ended on). */
export async function listWatches(db: Db, owner: string | undefined, limit: number, before: number | undefined) {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: limit + 1 };
  if (owner !== undefined) {
    where.push('key_name = @owner');
    params.owner = owner;
  }
  const total = (await db.value<number>(`SELECT count(*) AS n FROM watches ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params)) ?? 0;
  if (before !== undefined) {
    where.push('id < @before');
    params.before = before;
  }
  const rows = await db.all<WatchRow>(`SELECT ${WATCH_COLUMNS} FROM watches ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`, params);
  const items = rows.slice(0, limit);
  return { items, total, nextBefore: rows.length > limit ? items.at(-1)?.id : undefined };
}

/**
 * Changes what the owner may change: the target URL, and the status. Resuming a paused watch
 * clears its failures and takes it up from where it stopped: the changes since are checked and
 * deliveries still owed are sent.
 */
export async function updateWatch(db: Db, id: number, change: { url?: string | undefined; status?: 'active' | 'paused' | undefined }, now: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (change.url !== undefined) await tx.run('UPDATE watches SET url = ? WHERE id = ?', [change.url, id]);
    if (change.status === 'paused') await tx.run(`UPDATE watches SET status = 'paused', paused_at = ? WHERE id = ? AND status = 'active'`, [now, id]);
    if (change.status === 'active') await tx.run(`UPDATE watches SET status = 'active', paused_at = NULL, failures = 0 WHERE id = ?`, [id]);
  });
}

export async function deleteWatch(db: Db, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    // Attempts and deliveries go with it (foreign keys cascade on both engines).
    await tx.run('DELETE FROM watches WHERE id = ?', [id]);
  });
}

export interface DeliveryRow {
  id: number;
  createdAt: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  body: string;
}

/** A watch's deliveries, newest first, each with its attempts (oldest first). */
export async function listDeliveries(db: Db, watchId: number, limit: number, before: number | undefined) {
  const params: Record<string, unknown> = { watchId, limit: limit + 1, ...(before !== undefined ? { before } : {}) };
  const total = (await db.value<number>('SELECT count(*) AS n FROM deliveries WHERE watch_id = @watchId', params)) ?? 0;
  const rows = await db.all<DeliveryRow & { nextAttemptAt: string }>(
    `SELECT id, created_at AS "createdAt", status, attempts, next_attempt_at AS "nextAttemptAt", delivered_at AS "deliveredAt", body
       FROM deliveries WHERE watch_id = @watchId${before !== undefined ? ' AND id < @before' : ''} ORDER BY id DESC LIMIT @limit`,
    params,
  );
  const page = rows.slice(0, limit);
  const attempts = page.length
    ? await db.all<{ deliveryId: number; at: string; responseStatus: number | null; error: string | null; ms: number }>(
        `SELECT delivery_id AS "deliveryId", at, response_status AS "responseStatus", error, ms FROM delivery_attempts
          WHERE ${db.dialect.inList('delivery_id', '@ids')} ORDER BY id`,
        { ids: page.map((d) => d.id) },
      )
    : [];
  const items = page.map(({ body, ...delivery }) => ({
    ...delivery,
    nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt : null,
    body: JSON.parse(body) as Record<string, unknown>,
    attemptLog: attempts.filter((a) => a.deliveryId === delivery.id).map(({ deliveryId: _, ...attempt }) => attempt),
  }));
  return { items, total, nextBefore: rows.length > limit ? page.at(-1)?.id : undefined };
}
