import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isInternal } from '../http/internal.ts';

interface Entry {
  version: string;
  /** Every header the answer went out with, as the plugins made them (counters and per-request headers left out). */
  headers: Record<string, string>;
  /** The same, with the body's length, as one array for `writeHead`: what a repeat is sent with at once. */
  raw: string[];
  /** The body as bytes, encoded once. */
  payload: Buffer;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false`: the route's answers are never kept (a stream, or anything that is not the same for everyone). */
    cache?: boolean;
  }
  interface FastifyRequest {
    /** Answered from the response cache: the body is already final. */
    fromCache: boolean;
    /** The database's version when the request began (cacheable requests only): what its answer is kept under. */
    dataVersion: string | undefined;
  }
  interface FastifyInstance {
    /** The answers kept, by request (see `responseCache`). */
    responseCache: Map<string, Entry>;
  }
}

/** Headers that belong to one request, never to the answer: an allowance's counters, and what Node writes itself. */
const PER_REQUEST = /^(x-ratelimit-|retry-after$|date$|connection$|keep-alive$|transfer-encoding$|content-length$|content-encoding$)/;
const MAX_ENTRIES = 2_000;

/**
 * Reads are answered from memory until the data changes: the final body of every successful
 * public GET under /v1 (JSON, CSV or Atom) is kept with its headers, bounded, least recently used out first.
 * An answer is good for exactly as long as the database's version (`db.version()`, which moves on
 * every commit, this process's or another's) is the one it was kept under.
 * A client's `Cache-Control: no-cache` makes the server compute the answer afresh.
 *
 * Register it first, right after the database: a repeat that needs nothing negotiated (no
 * Accept-Encoding, no If-None-Match or If-Modified-Since) is written straight to the socket with
 * the headers it first went out with, before any other hook runs; what needs more goes the whole
 * way with the kept body. `keepAnswers` (registered after the plugins that shape the body) keeps them.
 */
export default fp(
  async (app) => {
    const cache = new Map<string, Entry>();
    app.decorate('responseCache', cache);
    app.decorateRequest('fromCache', false);
    app.decorateRequest('dataVersion', undefined);

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!cacheable(request)) return;
      // Read before the handler's first query: an answer computed while a write lands is kept under the
      // version before it, so it goes stale with that write instead of passing for the newer data.
      const version = await app.db.version();
      request.dataVersion = version;
      const id = cacheKey(request, app.publicUrl);
      const entry = cache.get(id);
      if (!entry) return;
      cache.delete(id);
      if (entry.version !== version) return;
      cache.set(id, entry);
      request.fromCache = true;
      const { headers } = request;
      if (headers['accept-encoding'] === undefined && headers['if-none-match'] === undefined && headers['if-modified-since'] === undefined) {
        // Nothing left to decide: the answer as it first went out (the log line still follows, onResponse).
        reply.hijack();
        reply.raw.writeHead(200, entry.raw);
        reply.raw.end(entry.payload);
        return reply;
      }
      return reply.code(200).headers(entry.headers).send(entry.payload);
    });
  },
  { name: 'response-cache', dependencies: ['db'] },
);

/** Keeps each cacheable answer as it leaves: register after the plugins that shape the body (CSV, Atom, ETag, security headers). */
export const keepAnswers = fp(
  async (app) => {
    const cache = app.responseCache;
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.fromCache) return payload;
      const version = request.dataVersion;
      if (version === undefined || !cacheable(request) || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
      if (/private|no-store/i.test(String(reply.getHeader('cache-control') ?? ''))) return payload;
      const body = Buffer.from(payload);
      const headers: Record<string, string> = {};
      const raw: string[] = [];
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (typeof value !== 'string' || PER_REQUEST.test(name)) continue;
        headers[name] = value;
        raw.push(name, value);
      }
      raw.push('content-length', String(body.length));
      const id = cacheKey(request, app.publicUrl);
      cache.set(id, { version, headers, raw, payload: body });
      if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
      return payload;
    });
  },
  { name: 'keep-answers', dependencies: ['response-cache', 'http'] },
);

// Answers carry absolute links built on the Host they were asked under (without PUBLIC_URL): kept apart per host.
const cacheKey = (request: FastifyRequest, publicUrl: string | undefined) => `${request.url}\u0000${request.headers.accept ?? ''}\u0000${publicUrl ? '' : request.host}`;

// Decided from the route the URL matched, never from the URL as spelled (`/v1/%61udit` is the
// audit route too). Answers behind a key, and requests carrying one, are never kept: the cache
// answers before any key is checked, so what it holds must be what anyone may see.
/** A read whose answer is the same for anyone who asks it now (whether or not the client allows a kept one). */
export function publicRead(request: FastifyRequest): boolean {
  const route = request.routeOptions;
  return (
    request.method === 'GET' &&
    route.url?.startsWith('/v1/') === true &&
    route.config.cache !== false &&
    route.config.scope === undefined &&
    request.headers.authorization === undefined &&
    !isInternal(request)
  );
}

/** A public read that a kept answer may serve: the client did not ask for a fresh one. */
export function cacheable(request: FastifyRequest): boolean {
  return publicRead(request) && !/no-cache/i.test(request.headers['cache-control'] ?? '');
}
