import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.ts';
import { prepared } from '../db/prepared.ts';

interface Entry {
  version: string;
  status: number;
  headers: Record<string, string>;
  /** The body as bytes, encoded once. */
  payload: Buffer;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Answered from the response cache: the body is already final. */
    fromCache: boolean;
  }
}

const KEPT_HEADERS = ['content-type', 'content-disposition', 'last-modified', 'link', 'vary', 'etag'];
const MAX_ENTRIES = 2_000;

/**
 * What the database holds now, as a token: `data_version` moves when another connection (an
 * import, a second server) commits, `total_changes()` when this one writes. A cached answer is
 * good for exactly as long as the token is the same.
 */
export function dataVersion(db: Db): string {
  return prepared(db, "SELECT (SELECT data_version FROM pragma_data_version()) || ':' || total_changes()").pluck().get() as string;
}

/**
 * Reads are answered from memory until the data changes: the final body of every successful
 * GET under /v1 (JSON or CSV) is kept with its headers, bounded, least recently used out first.
 * A client's `Cache-Control: no-cache` makes the server compute the answer afresh. Register it
 * after the plugins that shape the body, so that it keeps what they made.
 */
export default fp(
  async (app) => {
    const cache = new Map<string, Entry>();
    app.decorateRequest('fromCache', false);
    const key = (request: FastifyRequest) => `${request.url}\u0000${request.headers.accept ?? ''}`;
    const cacheable = (request: FastifyRequest) =>
      request.method === 'GET' &&
      request.url.startsWith('/v1/') &&
      !request.url.startsWith('/v1/export') &&
      // Answers behind an API key are never kept: the cache answers before the key is checked.
      !request.url.startsWith('/v1/audit') &&
      !/no-cache/i.test(request.headers['cache-control'] ?? '');

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!cacheable(request)) return;
      const id = key(request);
      const entry = cache.get(id);
      if (!entry) return;
      cache.delete(id);
      if (entry.version !== dataVersion(app.db)) return;
      cache.set(id, entry);
      request.fromCache = true;
      return reply.code(entry.status).headers(entry.headers).send(entry.payload);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (request.fromCache) return payload;
      if (!cacheable(request) || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name);
        if (typeof value === 'string') headers[name] = value;
      }
      cache.set(key(request), { version: dataVersion(app.db), status: 200, headers, payload: Buffer.from(payload) });
      if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
      return payload;
    });
  },
  { name: 'response-cache', dependencies: ['db'] },
);
