import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { recordWrite } from '../modules/audit/queries.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` for a POST that changes nothing (an analysis): it is not a write worth logging. */
    audit?: boolean;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LONGEST_VALUE = 200;

/** The body as it is worth keeping: long texts stand as their length, so the log holds what changed, not copies of documents. */
function summarise(value: unknown): unknown {
  if (typeof value === 'string') return value.length > LONGEST_VALUE ? `(${value.length} characters)` : value;
  if (Array.isArray(value)) return value.length > 50 ? `(${value.length} items)` : value.map(summarise);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, summarise(v)]));
  return value;
}

/**
 * The audit log: every write that succeeded, with the key that made it, the time, the route and
 * what it carried and where the result is. Refused writes change nothing and are not logged.
 * Recorded before the answer leaves (onSend), so that a client who reads the log after its write
 * finds it there, however long the database takes; a failure to record is logged, and does not
 * turn a write that happened into an error.
 */
export default fp(
  async (app) => {
    app.addHook('onSend', async (request: FastifyRequest, reply, payload) => {
      const route = request.routeOptions.url ?? '';
      if (READS.has(request.method) || request.routeOptions.config.audit === false || !route.startsWith('/v1/')) return payload;
      if (reply.statusCode < 200 || reply.statusCode >= 300) return payload;
      const location = reply.getHeader('location');
      await recordWrite(app.db, {
        at: new Date().toISOString(),
        keyName: request.apiKey?.name ?? '(none)',
        method: request.method,
        route,
        url: request.url,
        status: reply.statusCode,
        change: {
          params: request.params ?? {},
          ...(request.body !== undefined ? { body: summarise(request.body) } : {}),
          ...(typeof location === 'string' ? { location } : {}),
        },
      }).catch((error: unknown) => request.log.error({ err: error }, 'the audit log could not record a write'));
      return payload;
    });
  },
  { name: 'audit', dependencies: ['db', 'auth'] },
);
