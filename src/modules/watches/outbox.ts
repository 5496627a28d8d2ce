import type { Db } from '../../db/database.ts';

/** How deliveries are retried and when a watch is paused. */
export interface RetryPolicy {
  /** The wait before the second attempt; each later wait doubles, up to an hour. */
  backoffMs: number;
  /** Attempts before a delivery is given up (`failed`). */
  maxAttempts: number;
  /** Deliveries given up in a row before the watch pauses itself. */
  pauseAfter: number;
}

/** The wait after the `attempts`-th failed attempt: backoff × 2^(attempts − 1), at most an hour. */
export function retryDelay(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.backoffMs * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface WatchToCheck {
  id: number;
  query: string;
  origin: string;
  digest: string | null;
  checkedThrough: number;
}

/** Active watches that have not yet been checked against the newest change. */
export async function watchesBehind(db: Db, latest: number): Promise<WatchToCheck[]> {
  return db.all<WatchToCheck>(
    `SELECT id, query, origin, digest, checked_through AS "checkedThrough" FROM watches
      WHERE status = 'active' AND checked_through < @latest ORDER BY id`,
    { latest },
  );
}

/**
 * Moves a watch on to `latest` and, when its answer changed, queues the delivery: both or neither,
 * and only if no other process moved it first (it must still be where this check found it).
 * Returns whether this check won.
 */
export async function advanceWatch(db: Db, watch: WatchToCheck, latest: number, digest: string, body: string | undefined, now: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const moved = await tx.run(
      `UPDATE watches SET checked_through = @latest, digest = @digest WHERE id = @id AND checked_through = @from AND status = 'active'`,
      { id: watch.id, latest, digest, from: watch.checkedThrough },
    );
    if (moved.changes !== 1) return false;
    if (body !== undefined) {
      await tx.run(`INSERT INTO deliveries (watch_id, created_at, body, next_attempt_at) VALUES (@watchId, @now, @body, @now)`, { watchId: watch.id, now, body });
    }
    return true;
  });
}

export interface DueDelivery {
  id: number;
  watchId: number;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

/**
 * Deliveries due now, each its watch's oldest still pending (a watch's deliveries arrive in the
 * order they were made: a later one waits for an earlier one being retried), of active watches only.
 */
export async function dueDeliveries(db: Db, now: string, limit: number): Promise<DueDelivery[]> {
  return db.all<DueDelivery>(
    `SELECT d.id, d.watch_id AS "watchId", d.body, d.attempts, w.url, w.secret
       FROM deliveries d JOIN watches w ON w.id = d.watch_id
      WHERE d.status = 'pending' AND w.status = 'active' AND d.next_attempt_at <= @now
        AND (d.claimed_until IS NULL OR d.claimed_until < @now)
        AND d.id = (SELECT min(p.id) FROM deliveries p WHERE p.watch_id = d.watch_id AND p.status = 'pending')
      ORDER BY d.next_attempt_at, d.id LIMIT @limit`,
    { now, limit },
  );
}

/** The earliest time a pending delivery of an active watch falls due (undefined when none is pending). */
export async function nextDue(db: Db): Promise<string | undefined> {
  const next = await db.value<string | null>(
    `SELECT min(d.next_attempt_at) AS next FROM deliveries d JOIN watches w ON w.id = d.watch_id WHERE d.status = 'pending' AND w.status = 'active'`,
  );
  return next ?? undefined;
}

/** Takes a delivery to send until `until`: false when another sender has it. */
export async function claim(db: Db, id: number, now: string, until: string): Promise<boolean> {
  const claimed = await db.run(
    `UPDATE deliveries SET claimed_until = @until WHERE id = @id AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < @now)`,
    { id, now, until },
  );
  return claimed.changes === 1;
}

export interface AttemptResult {
  at: string;
  responseStatus: number | null;
  error: string | null;
  ms: number;
}

/**
 * Records an attempt and its consequences in one transaction: delivered; or retried after the
 * back-off; or, at the last attempt, given up, and the watch paused once enough are given up in a row.
 */
export async function recordAttempt(db: Db, delivery: DueDelivery, result: AttemptResult, policy: RetryPolicy): Promise<'delivered' | 'retry' | 'failed' | 'paused'> {
  const ok = result.responseStatus !== null && result.responseStatus >= 200 && result.responseStatus < 300;
  return db.transaction(async (tx) => {
    await tx.run('INSERT INTO delivery_attempts (delivery_id, at, response_status, error, ms) VALUES (@id, @at, @responseStatus, @error, @ms)', { id: delivery.id, ...result });
    // Counted where it is stored: a sender whose claim ran out while it waited (a stalled process) counts on top of the other's.
    const attempts = (await tx.value<number>('UPDATE deliveries SET attempts = attempts + 1, claimed_until = NULL WHERE id = ? RETURNING attempts', [delivery.id])) ?? 0;
    if (ok) {
      await tx.run(`UPDATE deliveries SET status = 'delivered', delivered_at = coalesce(delivered_at, @at) WHERE id = @id`, { id: delivery.id, at: result.at });
      await tx.run('UPDATE watches SET failures = 0 WHERE id = ?', [delivery.watchId]);
      return 'delivered';
    }
    if (attempts < policy.maxAttempts) {
      const next = new Date(Date.parse(result.at) + retryDelay(policy, attempts)).toISOString();
      await tx.run(`UPDATE deliveries SET next_attempt_at = @next WHERE id = @id AND status = 'pending'`, { id: delivery.id, next });
      return 'retry';
    }
    const given = await tx.run(`UPDATE deliveries SET status = 'failed' WHERE id = ? AND status = 'pending'`, [delivery.id]);
    if (given.changes === 0) return 'failed';
    const failures = (await tx.value<number>('UPDATE watches SET failures = failures + 1 WHERE id = ? RETURNING failures', [delivery.watchId])) ?? 0;
    if (failures < policy.pauseAfter) return 'failed';
    await tx.run(`UPDATE watches SET status = 'paused', paused_at = @at WHERE id = @id AND status = 'active'`, { id: delivery.watchId, at: result.at });
    return 'paused';
  });
}
