import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HttpProblem, problemSchema } from '../errors.ts';
import { isInternal } from '../http/internal.ts';
import { RateLimitStore } from '../http/windows.ts';

export interface SecurityOptions {
  /** Writes (POST, PUT, PATCH, DELETE), and reads behind a key, allowed per API key, or per address without a valid one, per minute. */
  writesPerMinute: number;
  /** Event-loop delay (ms) over which requests get 503 instead of queueing without end. */
  maxEventLoopDelay: number;
  /** How often (ms) the event-loop delay is measured. */
  sampleInterval?: number;
  /** Analyses (`POST /v1/analyse`) allowed per address per minute. */
  analysesPerMinute: number;
  /** Full-text searches (`q`, not already cached) allowed per address per minute. */
  searchesPerMinute: number;
  /** Failed API key checks allowed per address per minute, before any more are hashed. */
  keyFailuresPerMinute: number;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyInstance {
    /** The allowances routes with expensive public work give each address. */
    limits: Pick<SecurityOptions, 'analysesPerMinute' | 'searchesPerMinute'>;
  }
}

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
export const pageHeaders = fp<{ tls: boolean }>(
  async (app, { tls }) => {
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
          // Only where the service is reached over TLS (PUBLIC_URL=https://…): a browser told to upgrade on a
          // plain-http host (a container on a LAN name) asks https for the page's script and style and gets nothing.
          upgradeInsecureRequests: tls ? [] : null,
        },
      },
      // Browsers ignore (and complain of) an opener policy on a plain-http origin other than localhost.
      crossOriginOpenerPolicy: tls,
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    });
  },
  { name: 'page-headers' },
);

/**
 * The bucket a request's writes count against: the API key it was proven to carry (auth runs
 * first), else its address. A key that was not proven is never a bucket of its own, so invented
 * keys cannot buy more allowance.
 */
function writer(request: FastifyRequest): string {
  return request.apiKey ? `key:${request.apiKey.id}` : `ip:${request.ip}`;
}

/** For routes whose work is expensive for anyone to ask: a per-address allowance of their own. */
export function perAddressLimit(max: number, what: string, unlimited?: (request: FastifyRequest) => boolean) {
  return {
    max,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => `ip:${request.ip}`,
    allowList: (request: FastifyRequest) => isInternal(request) || (unlimited?.(request) ?? false),
    errorResponseBuilder: (_request: FastifyRequest, context: { max: number; ttl: number }) =>
      new HttpProblem(429, 'too-many-requests', 'Too many requests', `At most ${context.max} ${what} a minute per address; try again in ${Math.ceil(context.ttl / 1000)} s`),
  };
}

/** Full-text searches not already answered from the cache count against the address's search allowance. */
export function searchLimit(app: FastifyInstance) {
  return perAddressLimit(app.limits.searchesPerMinute, 'searches', (request) => !(request.query as { q?: unknown } | undefined)?.q);
}

/**
 * The event loop's delay, sampled without touching the file system (process.memoryUsage() reads
 * /proc and throws when descriptors run out, which once ended the process from a timer).
 */
function loopDelayMonitor(sampleInterval: number) {
  const resolution = 10;
  const histogram = monitorEventLoopDelay({ resolution });
  histogram.enable();
  let delay = 0;
  let due = performance.now() + sampleInterval;
  const timer = setInterval(() => {
    const now = performance.now();
    // How late this very timer fires is a measure too: after a block the histogram may hold no
    // sample yet (it is a timer as well), and "unknown" must not read as "infinite".
    const lateness = Math.max(0, now - due);
    due = now + sampleInterval;
    const mean = Number.isNaN(histogram.mean) ? 0 : Math.max(0, histogram.mean / 1e6 - resolution);
    delay = Math.max(mean, lateness);
    histogram.reset();
  }, sampleInterval);
  timer.unref();
  return {
    delay: () => delay,
    stop: () => {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

/**
 * What an API on the open internet needs in front of it: security headers on every answer, a
 * rate limit on writes and on everything behind a key, and 503 with Retry-After when the process
 * is overloaded rather than a queue that never drains. Liveness (`/health`) answers even under
 * pressure. The rate limit's hooks belong to the routes, so they run after every app-wide hook,
 * auth's included: the bucket is known to be a proven key.
 */
export default fp<SecurityOptions>(
  async (app, options) => {
    // JSON answers carry the few headers that matter for them; pages get helmet's full set (below).
    app.addHook('onSend', async (_request, reply, payload) => {
      if (!reply.hasHeader('content-security-policy')) reply.headers(API_HEADERS);
      return payload;
    });

    // Every route documents the refusals it can give: 429 where a limit applies, 400 where it reads
    // input, and 503 when the process is overloaded (all but /health).
    app.addHook('onRoute', (route) => {
      if (!route.schema || route.schema.hide) return;
      const methods = [route.method].flat();
      const refusals: Record<number, typeof problemSchema> = {};
      if (route.config?.rateLimit || methods.some((method) => !READS.has(method))) refusals[429] = problemSchema;
      if (route.schema.params || route.schema.querystring || route.schema.body) refusals[400] = problemSchema;
      if (route.url !== '/health') refusals[503] = problemSchema;
      route.schema = { ...route.schema, response: { ...refusals, ...(route.schema.response as object | undefined) } };
    });

    app.decorate('limits', { analysesPerMinute: options.analysesPerMinute, searchesPerMinute: options.searchesPerMinute });

    const monitor = loopDelayMonitor(options.sampleInterval ?? 1000);
    app.addHook('onClose', async () => monitor.stop());
    app.addHook('onRequest', async (request, reply) => {
      const delay = monitor.delay();
      if (delay <= options.maxEventLoopDelay || request.routeOptions.url === '/health') return;
      reply.header('retry-after', '10');
      throw new HttpProblem(503, 'overloaded', 'Service unavailable', `The service is overloaded (event loop delay ${Number.isFinite(delay) ? `${Math.round(delay)} ms` : 'unbounded'}); try again in 10 s`);
    });

    await app.register(rateLimit, {
      global: true,
      store: RateLimitStore,
      max: options.writesPerMinute,
      timeWindow: 60_000,
      // Public reads are free; writes, and reads behind a key, count.
      allowList: (request) => READS.has(request.method) && !request.routeOptions.config.scope,
      keyGenerator: writer,
      errorResponseBuilder: (_request, context) =>
        new HttpProblem(
          429,
          'too-many-requests',
          'Too many requests',
          `At most ${context.max} writes a minute per API key (or per address without a valid key); try again in ${Math.ceil(context.ttl / 1000)} s`,
        ),
    });
  },
  { name: 'security' },
);
