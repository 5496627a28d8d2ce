import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { isInternal } from '../http/internal.ts';

type Encoding = 'br' | 'gzip' | 'deflate';

interface Entry {
  version: string;
  /** Every header the answer went out with, as the plugins made them (counters and per-request headers left out). */
  headers: Record<string, string>;
  /** The same, with the body's length, as one array for `writeHead`: what a repeat is sent with at once. */
  raw: string[];
  /** The body as bytes, encoded once. */
  payload: Buffer;
  /** The body compressed, each encoding once, when a client first asks for it; with the headers it goes out with. */
  compressed: Partial<Record<Encoding, { raw: string[]; payload: Buffer }>>;
  /** The bytes its bodies hold (the plain one and each compressed one). */
  bytes: number;
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
    responseCache: AnswerCache;
  }
}

/** Headers that belong to one request, never to the answer: an allowance's counters, and what Node writes itself. */
const PER_REQUEST = /^(x-ratelimit-|retry-after$|date$|connection$|keep-alive$|transfer-encoding$|content-length$|content-encoding$)/;

/** Whether a header belongs to one request rather than to the answer (kept answers, and readers' answers, leave it out). */
export const perRequestHeader = (name: string): boolean => PER_REQUEST.test(name);
const MAX_ENTRIES = 2_000;
/** What the kept bodies may hold in all; an answer over a quarter of it (a whole corpus's figures) is computed each time. */
const MAX_BYTES = 48 * 1024 * 1024;

/** The kept answers by request: least recently used out first, at most `maxEntries` of them and `maxBytes` of bodies. */
export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;
  constructor(
    readonly maxEntries = MAX_ENTRIES,
    readonly maxBytes = MAX_BYTES,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The bytes the kept bodies hold. */
  get bytes(): number {
    return this.held;
  }

  /** The answer kept for `id` under `version`, now the most recently used; one kept under another version is dropped. */
  fresh(id: string, version: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    if (entry.version !== version) {
      this.held -= entry.bytes;
      return undefined;
    }
    this.entries.set(id, entry);
    return entry;
  }

  keep(id: string, entry: Entry): void {
    const old = this.entries.get(id);
    if (old) {
      this.entries.delete(id);
      this.held -= old.bytes;
    }
    if (entry.bytes > this.maxBytes / 4) return;
    this.entries.set(id, entry);
    this.held += entry.bytes;
    this.trim();
  }

  /** An entry kept here grew (a compressed body added): counted, and the least recently used go if need be. */
  grew(entry: Entry, by: number): void {
    entry.bytes += by;
    this.held += by;
    this.trim();
  }

  private trim(): void {
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.held <= this.maxBytes) return;
      this.entries.delete(id);
      this.held -= entry.bytes;
    }
  }
}

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
    const cache = new AnswerCache();
    app.decorate('responseCache', cache);
    app.decorateRequest('fromCache', false);
    app.decorateRequest('dataVersion', undefined);

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!cacheable(request)) return;
      // Read before the handler's first query: an answer computed while a write lands is kept under the
      // version before it, so it goes stale with that write instead of passing for the newer data.
      const version = await app.db.version();
      request.dataVersion = version;
      const entry = cache.fresh(cacheKey(request, app.publicUrl), version);
      if (!entry) return;
      request.fromCache = true;
      const { headers } = request;
      if (headers['if-none-match'] === undefined && headers['if-modified-since'] === undefined) {
        // Nothing left to decide but the encoding: the answer as it first went out, or compressed once
        // for all who ask the same (the log line still follows, onResponse).
        const asked = headers['accept-encoding'];
        const sent = asked === undefined ? entry : compressedFor(entry, asked, cache);
        if (sent) {
          reply.hijack();
          reply.raw.writeHead(200, sent.raw);
          reply.raw.end(sent.payload);
          return reply;
        }
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
        if (typeof value !== 'string' || perRequestHeader(name)) continue;
        headers[name] = value;
        raw.push(name, value);
      }
      raw.push('content-length', String(body.length));
      const id = cacheKey(request, app.publicUrl);
      cache.keep(id, { version, headers, raw, payload: body, compressed: {}, bytes: body.length });
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

/**
 * How answers are compressed, one setting for both ways they go out: @fastify/compress is registered
 * with it (app.ts), and kept answers are compressed with it here. Bodies of 1 KB and more; brotli at
 * quality 4 (11 costs far more for little), gzip and deflate at zlib's defaults.
 */
export const COMPRESSION = { threshold: 1024, brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } } };
const COMPRESSORS: Record<Encoding, (body: Buffer) => Buffer> = {
  br: (body) => brotliCompressSync(body, COMPRESSION.brotliOptions),
  gzip: (body) => gzipSync(body),
  deflate: (body) => deflateSync(body),
};

/**
 * The encoding to send for an Accept-Encoding header: of br, gzip and deflate, the one with the
 * highest q (ties in that order); undefined when the header asks for something else (identity
 * first, only unknown codings, a wildcard), which then goes the whole way through the plugins.
 */
export function encodingFor(header: string): Encoding | undefined {
  let best: Encoding | undefined;
  let bestQ = 0;
  let identityQ = -1;
  for (const part of header.toLowerCase().split(',')) {
    const [token = '', ...parameters] = part.split(';').map((p) => p.trim());
    const qParameter = parameters.find((p) => p.startsWith('q='));
    const q = qParameter === undefined ? 1 : Number(qParameter.slice(2));
    if (!Number.isFinite(q)) return undefined;
    const name = token === 'x-gzip' ? 'gzip' : token;
    if (name === 'identity') identityQ = q;
    else if (name === '*') return undefined;
    else if ((name === 'br' || name === 'gzip' || name === 'deflate') && (q > bestQ || (q === bestQ && q > 0 && rank(name) < rank(best)))) {
      best = name;
      bestQ = q;
    }
  }
  return best !== undefined && bestQ > identityQ ? best : undefined;
}

const rank = (encoding: Encoding | undefined) => (encoding === undefined ? 3 : ['br', 'gzip', 'deflate'].indexOf(encoding));

/** The kept answer as a client asking `acceptEncoding` gets it, compressed once per encoding; undefined when the plugins must decide. */
function compressedFor(entry: Entry, acceptEncoding: string, cache: AnswerCache): { raw: string[]; payload: Buffer } | undefined {
  if (entry.payload.length < COMPRESSION.threshold || entry.headers['content-encoding'] !== undefined) return undefined;
  const encoding = encodingFor(acceptEncoding);
  if (!encoding) return undefined;
  let found = entry.compressed[encoding];
  if (!found) {
    const payload = COMPRESSORS[encoding](entry.payload);
    const raw: string[] = [];
    for (const [name, value] of Object.entries(entry.headers)) {
      if (name !== 'vary') raw.push(name, value);
    }
    raw.push('vary', entry.headers.vary ? `${entry.headers.vary}, accept-encoding` : 'accept-encoding', 'content-encoding', encoding, 'content-length', String(payload.length));
    found = { raw, payload };
    entry.compressed[encoding] = found;
    cache.grew(entry, payload.length);
  }
  return found;
}
