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

/** The key's public id (`stance_<id>_…`), so that one client is one bucket whatever its address. */
function writer(request: FastifyRequest): string {
  const token = request.headers.authorization?.match(/^Bearer\s+stance_([0-9a-f]{12})_/i)?.[1];
  return token ? `key:${token}` : `ip:${request.ip}`;
}

/**
 * What an API on the open internet needs in front of it: security headers with a content
 * security policy that Swagger UI and the comparison page live within, a rate limit on writes,
 * and 503 with Retry-After when the process is overloaded rather than a queue that never drains.
 * Liveness (`/health`) answers even under pressure.
 */
export default fp<SecurityOptions>(
  async (app, options) => {
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
      // The API is public and read across origins (CORS *): let other sites' pages fetch it.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
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
