import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isInternal } from '../http/internal.ts';

interface Entry {
  version: string;
  status: number;
  headers: Record<string, string>;
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
}

const KEPT_HEADERS = ['content-type', 'content-disposition', 'last-modified', 'link', 'vary', 'etag'];
const MAX_ENTRIES = 2_000;

/**
 * Reads are answered from memory until the data changes: the final body of every successful
 * public GET under /v1 (JSON or CSV) is kept with its headers, bounded, least recently used out first.
 * An answer is good for exactly as long as the database's version (`db.version()`, which moves on
 * every commit, this process's or another's) is the one it was kept under.
 * A client's `Cache-Control: no-cache` makes the server compute the answer afresh. Register it
 * after the plugins that shape the body, so that it keeps what they made.
 */
export default fp(
  async (app) => {
    const cache = new Map<string, Entry>();
    app.decorateRequest('fromCache', false);
    app.decorateRequest('dataVersion', undefined);
    // Answers carry absolute links built on the Host they were asked under (without PUBLIC_URL): kept apart per host.
    const key = (request: FastifyRequest) => `${request.url}\u0000${request.headers.accept ?? ''}\u0000${app.publicUrl ? '' : request.host}`;
    // Decided from the route the URL matched, never from the URL as spelled (`/v1/%61udit` is the
    // audit route too). Answers behind a key, and requests carrying one, are never kept: the cache
    // answers before any key is checked, so what it holds must be what anyone may see.
    const cacheable = (request: FastifyRequest) => {
      const route = request.routeOptions;
      return (
        request.method === 'GET' &&
        route.url?.startsWith('/v1/') === true &&
        route.config.cache !== false &&
        route.config.scope === undefined &&
        request.headers.authorization === undefined &&
        !isInternal(request) &&
        !/no-cache/i.test(request.headers['cache-control'] ?? '')
      );
    };

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!cacheable(request)) return;
      // Read before the handler's first query: an answer computed while a write lands is kept under the
      // version before it, so it goes stale with that write instead of passing for the newer data.
      const version = await app.db.version();
      request.dataVersion = version;
      const id = key(request);
      const entry = cache.get(id);
      if (!entry) return;
      cache.delete(id);
      if (entry.version !== version) return;
      cache.set(id, entry);
      request.fromCache = true;
      return reply.code(entry.status).headers(entry.headers).send(entry.payload);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (request.fromCache) return payload;
      const version = request.dataVersion;
      if (version === undefined || !cacheable(request) || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
      if (/private|no-store/i.test(String(reply.getHeader('cache-control') ?? ''))) return payload;
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name);
        if (typeof value === 'string') headers[name] = value;
      }
      cache.set(key(request), { version, status: 200, headers, payload: Buffer.from(payload) });
      if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
      return payload;
    });
  },
  { name: 'response-cache', dependencies: ['db'] },
);
