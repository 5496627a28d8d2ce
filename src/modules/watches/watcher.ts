import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Db } from '../../db/database.ts';
import { readingFromPrimary } from '../../db/database.ts';
import { latestChange, listChanges } from '../changes/queries.ts';
import { advanceWatch, claim, dueDeliveries, nextDue, recordAttempt, watchesBehind, type DueDelivery, type RetryPolicy, type WatchToCheck } from './outbox.ts';
import { SIGNATURE_HEADER, sign } from './signature.ts';
import { guardedLookup, type TargetPolicy } from './targets.ts';

export interface WebhookOptions extends RetryPolicy {
  /** Hosts and networks beyond loopback that webhooks may go to (WEBHOOK_ALLOW). */
  allow: string[];
  /** How long a receiver has to answer. */
  timeoutMs: number;
  /** How often every process looks for changes made elsewhere and deliveries due (when listening). */
  pollMs: number;
}

export const DEFAULT_WEBHOOKS: WebhookOptions = { allow: [], backoffMs: 10_000, maxAttempts: 8, pauseAfter: 3, timeoutMs: 10_000, pollMs: 5_000 };

/** A read route's answer, as the service gives it to anyone (status and body). */
export type Ask = (query: string, origin: string) => Promise<{ status: number; body: string }>;

interface Log {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/** Answers above this size travel as their URL only: a receiver fetches them if it wants them. */
const LARGEST_ANSWER = 256 * 1024;
/** Changes listed in a delivery; the rest are a `changes` link away. */
const CHANGES_PER_DELIVERY = 50;
const DELIVERIES_PER_ROUND = 20;

/** What an answer is compared by: its status and body, hashed. */
export const answerDigest = (status: number, body: string) => createHash('sha256').update(`${status}\n${body}`).digest('hex');

/**
 * Tells watches when their answer changes. `check` asks each active watch's question again once
 * there are changes it has not seen, and queues a delivery (the outbox, in the database) when the
 * answer differs from the one last seen; `send` posts what is due, signed, and records each attempt.
 * Both run one at a time per process; several processes share the work through the database
 * (a watch moves on once, a delivery is claimed by one sender).
 */
export class Watcher {
  private running = new Set<Promise<void>>();
  private pending: { check: boolean; send: boolean } = { check: false, send: false };
  private busy: { check: boolean; send: boolean } = { check: false, send: false };
  private timer: NodeJS.Timeout | undefined;
  private wake: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly ask: Ask,
    private readonly targets: TargetPolicy,
    private readonly options: WebhookOptions,
    private readonly log: Log,
    private readonly userAgent: string,
  ) {}

  /** After a write: look at once (the change is committed) and send what that queues. */
  kick(): void {
    this.run('check');
  }

  /** Polls for changes made by other processes and deliveries falling due (a process that serves requests). */
  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.run('check'), this.options.pollMs);
    this.timer.unref();
    this.run('check');
  }

  /** Stops the timers and waits for what is in hand: nothing is cut off mid-transaction. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.wake);
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private run(job: 'check' | 'send'): void {
    if (this.stopped) return;
    if (this.busy[job]) {
      this.pending[job] = true;
      return;
    }
    this.busy[job] = true;
    const work = readingFromPrimary(() => (job === 'check' ? this.check() : this.send()))
      .catch((error: unknown) => this.log.error({ err: error }, `webhooks: the ${job} failed`))
      .finally(() => {
        this.busy[job] = false;
        this.running.delete(work);
        if (job === 'check') this.run('send');
        if (this.pending[job]) {
          this.pending[job] = false;
          this.run(job);
        }
      });
    this.running.add(work);
  }

  /** Asks every watch behind the newest change its question again. */
  async check(): Promise<void> {
    const latest = await latestChange(this.db);
    for (const watch of await watchesBehind(this.db, latest)) {
      if (this.stopped) return;
      await this.checkOne(watch, latest);
    }
  }

  private async checkOne(watch: WatchToCheck, latest: number): Promise<void> {
    const answer = await this.ask(watch.query, watch.origin);
    const digest = answerDigest(answer.status, answer.body);
    if (digest === watch.digest) {
      await advanceWatch(this.db, watch, latest, digest, undefined, new Date().toISOString());
      return;
    }
    const { items } = await listChanges(this.db, {}, watch.checkedThrough, CHANGES_PER_DELIVERY);
    const now = new Date().toISOString();
    const answerUrl = `${watch.origin}${watch.query}`;
    const body = JSON.stringify({
      type: 'answer.changed',
      at: now,
      watch: { id: watch.id, query: watch.query, url: `${watch.origin}/v1/watches/${watch.id}` },
      status: answer.status,
      answerUrl,
      answer: answer.body.length <= LARGEST_ANSWER ? parseAnswer(answer.body) : null,
      changes: items.filter((change) => change.id <= latest).map((change) => absolute(change, watch.origin)),
      changesUrl: `${watch.origin}/v1/changes?since=${watch.checkedThrough}`,
      digest,
    });
    if (await advanceWatch(this.db, watch, latest, digest, body, now)) this.log.info({ watch: watch.id, through: latest }, 'webhooks: an answer changed; a delivery is queued');
  }

  /** Sends every delivery due now, then sleeps until the next falls due. */
  async send(): Promise<void> {
    for (;;) {
      const due = await dueDeliveries(this.db, new Date().toISOString(), DELIVERIES_PER_ROUND);
      if (due.length === 0 || this.stopped) break;
      await Promise.all(due.map((delivery) => this.deliver(delivery)));
    }
    const next = await nextDue(this.db);
    clearTimeout(this.wake);
    if (next !== undefined && !this.stopped) {
      this.wake = setTimeout(() => this.run('send'), Math.max(0, Date.parse(next) - Date.now()) + 5);
      this.wake.unref();
    }
  }

  private async deliver(delivery: DueDelivery): Promise<void> {
    const started = Date.now();
    const now = new Date(started).toISOString();
    // Held long enough to finish the attempt; past that another sender may take it (this process died mid-send).
    if (!(await claim(this.db, delivery.id, now, new Date(started + this.options.timeoutMs * 2 + 1000).toISOString()))) return;
    const result = await this.post(delivery);
    const outcome = await recordAttempt(this.db, delivery, { at: new Date().toISOString(), ...result, ms: Date.now() - started }, this.options);
    const level = outcome === 'delivered' ? 'info' : 'warn';
    this.log[level]({ watch: delivery.watchId, delivery: delivery.id, attempt: delivery.attempts + 1, status: result.responseStatus, error: result.error, outcome }, `webhooks: delivery ${outcome}`);
  }

  /** One POST, signed now; the receiver's status, or why there was none. */
  private async post(delivery: DueDelivery): Promise<{ responseStatus: number | null; error: string | null }> {
    const url = new URL(delivery.url);
    // An address in the URL is never looked up, so it is judged here; a name is judged as it resolves, at connection.
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !this.targets.allowsAddress(host) && !this.targets.allowsName(host)) {
      return { responseStatus: null, error: `${host} is not an allowed target (WEBHOOK_ALLOW)` };
    }
    const client = url.protocol === 'https:' ? https : http;
    const body = Buffer.from(delivery.body);
    return await new Promise((resolve) => {
      const request = client.request(
        url,
        {
          method: 'POST',
          lookup: guardedLookup(this.targets, url.hostname),
          timeout: this.options.timeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            'user-agent': this.userAgent,
            'stance-watch': String(delivery.watchId),
            'stance-delivery': String(delivery.id),
            [SIGNATURE_HEADER]: sign(delivery.secret, delivery.body, Math.floor(Date.now() / 1000)),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve({ responseStatus: response.statusCode ?? null, error: null }));
          response.on('error', (error) => resolve({ responseStatus: response.statusCode ?? null, error: error.message }));
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)));
      request.on('error', (error) => resolve({ responseStatus: null, error: error.message }));
      request.end(body);
    });
  }
}

function parseAnswer(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

function absolute<T extends { statement: { id: number; url: string } | null }>(change: T, origin: string): T {
  return change.statement ? { ...change, statement: { ...change.statement, url: `${origin}${change.statement.url}` } } : change;
}
