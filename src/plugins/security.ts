import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../errors.ts';

export interface SecurityOptions {
  /** Writes (POST, PUT, PATCH, DELETE) allowed per API key, or per address without one, per minute. */
  writesPerMinute: number;
  /** Event-loop delay (ms) over which requests get 503 instead of queueing without end. */
  maxEventLoopDelay: number;
  /** How often (ms) the event-loop delay is measured. */
  sampleInterval?: number;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** For JSON (and CSV) answers: nothing in them may run or be framed, browsers must not guess their type, and other origins may read them. */
const API_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-resource-policy': 'cross-origin',
};

/**
 * Helmet's full set of headers for the HTML pages (the comparison page and Swagger UI), with a
 * content security policy both live within. Register it in the context that serves them.
 */
export const pageHeaders = fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Swagger UI sets style attributes and draws its icons as data: SVG.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    });
  },
  { name: 'page-headers' },
);

/** The key's public id (`stance_<id>_…`), so that one client is one bucket whatever its address. */
function writer(request: FastifyRequest): string {
  const token = request.headers.authorization?.match(/^Bearer\s+stance_([0-9a-f]{12})_/i)?.[1];
  return token ? `key:${token}` : `ip:${request.ip}`;
}

/**
 * What an API on the open internet needs in front of it: security headers on every answer, a
 * rate limit on writes, and 503 with Retry-After when the process is overloaded rather than a
 * queue that never drains.
 * Liveness (`/health`) answers even under pressure.
 */
export default fp<SecurityOptions>(
  async (app, options) => {
    // JSON answers carry the few headers that matter for them; pages get helmet's full set (below).
    app.addHook('onSend', async (_request, reply, payload) => {
      if (!reply.hasHeader('content-security-policy')) reply.headers(API_HEADERS);
      return payload;
    });

    await app.register(rateLimit, {
      global: true,
      max: options.writesPerMinute,
      timeWindow: 60_000,
      allowList: (request) => READS.has(request.method),
      keyGenerator: writer,
      errorResponseBuilder: (_request, context) =>
        new HttpProblem(
          429,
          'too-many-requests',
          'Too many requests',
          `At most ${context.max} writes a minute per API key; try again in ${Math.ceil(context.ttl / 1000)} s`,
        ),
    });

    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelay,
      sampleInterval: options.sampleInterval ?? 1000,
      retryAfter: 10,
      pressureHandler: async (request, reply, type) => {
        if (request.url === '/health') return;
        reply.header('retry-after', '10');
        throw new HttpProblem(503, 'overloaded', 'Service unavailable', `The service is overloaded (${type}); try again in 10 s`);
      },
    });
  },
  { name: 'security' },
);
