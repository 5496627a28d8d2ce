import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Worker } from 'node:worker_threads';
import type { DatabaseConfig } from '../db/client.ts';
import { chosenMediaType } from './http.ts';
import { perRequestHeader, publicRead } from './response-cache.ts';

export interface ReaderOptions {
  /** How many reader threads compute public reads beside the one that serves HTTP (0: it computes them itself). */
  threads: number;
  /** Where each reader opens the database: the same file (SQLite in WAL mode reads in parallel) or PostgreSQL URLs. */
  database: DatabaseConfig;
  publicUrl?: string | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Computed by a reader thread: the body is final (JSON or Atom, with its ETag and Last-Modified). */
    fromReader: boolean;
  }
  interface FastifyInstance {
    /** The reader threads: how many, and how many have answered since they started (for /health and tests). */
    readers: { threads: () => number; answered: () => number };
  }
}

/** What a reader sends back: the answer as the reader's own copy of the app made it. */
export interface ReaderAnswer {
  id: number;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ReaderQuestion {
  id: number;
  url: string;
  headers: Record<string, string>;
}

// What travels to the reader: what shapes the answer (its format, language, the host its links are
// built on). Never the key, the encoding (the serving thread compresses), nor a condition (it answers 304).
const FORWARDED = ['accept', 'host', 'user-agent'];

interface Thread {
  worker: Worker;
  ready: boolean;
  busy: number;
}

/**
 * Every core for the answers that cost: the thread that serves HTTP keeps the connections, the
 * checks, the allowances and the response cache, and hands each public read it has to compute
 * (a JSON or Atom GET under /v1 that the cache could not answer) to the least busy of `threads`
 * reader threads. Each has its own copy of the app on its own connection to the same database,
 * and answers as the app would. Writes, CSV (streamed, page after page) and everything behind a
 * key stay on the serving thread. Until a reader is ready, or if one fails, the serving thread
 * computes the answer itself.
 */
export default fp<ReaderOptions>(
  async (app, options) => {
    app.decorateRequest('fromReader', false);
    const threads: Thread[] = [];
    const pending = new Map<number, { thread: Thread; resolve: (answer: ReaderAnswer | undefined) => void }>();
    let nextId = 1;
    let answered = 0;
    let closing = false;
    app.decorate('readers', { threads: () => threads.filter((thread) => thread.ready).length, answered: () => answered });
    if (options.threads <= 0) return;

    // The bundle's own reader.js beside it; from the sources (dev, tests), reader.ts through tsx, which a thread does not inherit.
    const source = import.meta.url.endsWith('.ts');
    const script = source
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('../reader.ts', import.meta.url).href)}); })`
      : new URL('./reader.js', import.meta.url);
    const start = (): Thread => {
      const worker = new Worker(script, { eval: source, workerData: { database: options.database, publicUrl: options.publicUrl } });
      const thread: Thread = { worker, ready: false, busy: 0 };
      worker.on('message', (message: ReaderAnswer | { ready: true }) => {
        if ('ready' in message) {
          thread.ready = true;
          return;
        }
        const waiting = pending.get(message.id);
        if (!waiting) return;
        pending.delete(message.id);
        thread.busy -= 1;
        if (thread.busy === 0) worker.unref();
        answered += 1;
        waiting.resolve(message);
      });
      worker.on('error', (error) => app.log.error({ err: error }, 'a reader thread failed; its questions are answered by the serving thread'));
      worker.on('exit', () => {
        // What it owed is computed by the serving thread; a new reader takes its place.
        for (const [id, waiting] of pending) {
          if (waiting.thread !== thread) continue;
          pending.delete(id);
          waiting.resolve(undefined);
        }
        const index = threads.indexOf(thread);
        if (index >= 0) threads.splice(index, 1);
        // A reader that never got ready would fail again: the serving thread goes on without it.
        if (!closing && thread.ready) threads.push(start());
      });
      worker.unref();
      return thread;
    };
    app.addHook('onReady', async () => {
      for (let i = 0; i < options.threads; i += 1) threads.push(start());
    });
    app.addHook('onClose', async () => {
      closing = true;
      await Promise.all(threads.map((thread) => thread.worker.terminate()));
    });

    const ask = (request: FastifyRequest): Promise<ReaderAnswer | undefined> | undefined => {
      let chosen: Thread | undefined;
      for (const thread of threads) if (thread.ready && (!chosen || thread.busy < chosen.busy)) chosen = thread;
      if (!chosen) return undefined;
      const headers: Record<string, string> = { 'cache-control': 'no-cache' };
      for (const name of FORWARDED) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const id = nextId++;
      const thread = chosen;
      // A thread with questions out keeps the process alive (an idle one does not hold it open).
      if (thread.busy === 0) thread.worker.ref();
      thread.busy += 1;
      return new Promise((resolve) => {
        pending.set(id, { thread, resolve });
        thread.worker.postMessage({ id, url: request.url, headers } satisfies ReaderQuestion);
      });
    };

    // After validation and the allowances (a refusal never reaches a reader), before the handler.
    app.addHook('preHandler', async (request, reply) => {
      if (request.fromCache || !publicRead(request) || chosenMediaType(request) === 'text/csv') return;
      const answer = await ask(request);
      if (!answer) return;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (!perRequestHeader(name)) headers[name] = value;
      request.fromReader = true;
      return reply.code(answer.status).headers(headers).send(answer.body);
    });
  },
  { name: 'readers', dependencies: ['db', 'http', 'response-cache'] },
);
