import compress from '@fastify/compress';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from './db/client.ts';
import { errorHandler, notFoundHandler } from './errors.ts';
import { clientErrorHandler } from './http/client-errors.ts';
import { serializerCompiler } from './http/serializer.ts';
import askRoutes from './modules/asks/routes.ts';
import auditRoutes from './modules/audit/routes.ts';
import changeRoutes from './modules/changes/routes.ts';
import watchRoutes from './modules/watches/routes.ts';
import compareRoutes from './modules/compare/routes.ts';
import eventRoutes from './modules/events/routes.ts';
import figureRoutes from './modules/figures/routes.ts';
import healthRoutes from './modules/health/routes.ts';
import ingestRoutes from './modules/ingest/routes.ts';
import lexiconRoutes from './modules/lexicon/routes.ts';
import organisationRoutes from './modules/organisations/routes.ts';
import pageRoutes from './modules/page/routes.ts';
import problemRoutes from './modules/problems/routes.ts';
import peopleRoutes from './modules/people/routes.ts';
import quoteRoutes from './modules/quotes/routes.ts';
import reviewRoutes from './modules/review/routes.ts';
import shiftRoutes from './modules/shifts/routes.ts';
import statementRoutes, { exportRoutes } from './modules/statements/routes.ts';
import themeRoutes from './modules/themes/routes.ts';
import auditPlugin from './plugins/audit.ts';
import connectionsPlugin, { DEFAULT_CONNECTION_LIMITS, serverTimeouts, type ConnectionLimits } from './plugins/connections.ts';
import authPlugin from './plugins/auth.ts';
import dbPlugin from './plugins/db.ts';
import httpPlugin from './plugins/http.ts';
import openapiPlugin, { docsUi } from './plugins/openapi.ts';
import responseCachePlugin, { COMPRESSION, keepAnswers } from './plugins/response-cache.ts';
import securityPlugin, { pageHeaders, type SecurityOptions } from './plugins/security.ts';
import webhooksPlugin from './plugins/webhooks.ts';
import readersPlugin, { type ReaderOptions } from './plugins/readers.ts';
import type { WebhookOptions } from './modules/watches/watcher.ts';

export interface AppOptions {
  db: Db;
  logger?: FastifyServerOptions['logger'];
  /** Rate limit and overload thresholds (defaults: 120 writes a minute per key, 1 s of event-loop delay). */
  security?: Partial<SecurityOptions>;
  /** Bounds on connections and how long a request may take to arrive (defaults: DEFAULT_CONNECTION_LIMITS). */
  connections?: Partial<ConnectionLimits>;
  /** The address the service is reached at from outside (PUBLIC_URL): links in answers are built on it; unset, on the request's Host. */
  publicUrl?: string | undefined;
  /** Where webhooks may go beyond loopback (WEBHOOK_ALLOW), and how they are retried (defaults: DEFAULT_WEBHOOKS). */
  webhooks?: Partial<WebhookOptions>;
  /** Reader threads that compute public reads beside the serving thread (READERS; default none, as in tests). */
  readers?: ReaderOptions;
}

export const DEFAULT_SECURITY: SecurityOptions = {
  writesPerMinute: 120,
  analysesPerMinute: 30,
  searchesPerMinute: 120,
  keyFailuresPerMinute: 10,
  maxEventLoopDelay: 1000,
};

// Our compilers from the start: otherwise Fastify loads its default ones (@fastify/ajv-compiler and
// @fastify/fast-json-stringify-compiler), which no route uses, at every start. Fastify types the
// factories after ajv's, hence the cast.
type Compilers = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
const ZOD_COMPILERS = { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler } as unknown as Compilers;

/** Builds the whole application on an opened database; never listens (the server and tests decide). */
export async function buildApp({ db, logger = false, security = {}, connections = {}, publicUrl, webhooks = {}, readers }: AppOptions) {
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...connections };
  const app = Fastify({
    ...serverTimeouts(limits),
    logger,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    bodyLimit: 1024 * 1024,
    // A URL that cannot be decoded (`/v1/statements/%FF`) is refused before routing: as problem+json too.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
    // And a request the HTTP parser refuses (a raw £ in the URL, headers over 16 KB, a request too slow to arrive).
    clientErrorHandler: clientErrorHandler(publicUrl),
    // One line per request, written when it is answered (below), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    schemaController: { compilersFactory: ZOD_COMPILERS },
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('publicUrl', publicUrl);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('onResponse', async (request, reply) => {
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    request.log.info({ method: request.method, url: request.url, status: reply.statusCode, ms }, `${request.method} ${request.url} ${reply.statusCode} ${ms} ms`);
  });

  await app.register(dbPlugin, { db });
  // First of all: a repeat read is answered from memory before any other hook runs.
  await app.register(responseCachePlugin);
  await app.register(connectionsPlugin, limits);
  await app.register(securityPlugin, { ...DEFAULT_SECURITY, ...security });
  await app.register(httpPlugin);
  await app.register(keepAnswers);
  await app.register(readersPlugin, readers ?? { threads: 0, database: { DATABASE_PATH: ':memory:' } });
  // After the cache (which keeps bodies as the route made them) and before every route: answers
  // over 1 KB go gzip, brotli or deflate to clients that ask for it (Swagger UI's 2.3 MB, lists, CSV).
  // Their ETags are weak (http.ts): one tag for the compressed and the plain body of the same answer.
  await app.register(compress, COMPRESSION);
  await app.register(authPlugin, { keyFailuresPerMinute: security.keyFailuresPerMinute ?? DEFAULT_SECURITY.keyFailuresPerMinute });
  await app.register(auditPlugin);
  await app.register(webhooksPlugin, webhooks);
  await app.register(openapiPlugin);

  await app.register(healthRoutes);
  // The HTML (the comparison page and Swagger UI) in a context of its own, under helmet's full set of headers.
  await app.register(async (pages) => {
    await pages.register(pageHeaders, { tls: publicUrl?.startsWith('https:') === true });
    await pages.register(docsUi);
    await pages.register(pageRoutes);
    await pages.register(problemRoutes, { prefix: '/problems' });
  });
  await app.register(compareRoutes, { prefix: '/v1/compare' });
  await app.register(figureRoutes, { prefix: '/v1/figures' });
  await app.register(askRoutes, { prefix: '/v1/asks' });
  await app.register(shiftRoutes, { prefix: '/v1/shifts' });
  await app.register(statementRoutes, { prefix: '/v1/statements' });
  await app.register(exportRoutes, { prefix: '/v1/export' });
  await app.register(quoteRoutes, { prefix: '/v1/quotes' });
  await app.register(organisationRoutes, { prefix: '/v1/organisations' });
  await app.register(themeRoutes, { prefix: '/v1/themes' });
  await app.register(eventRoutes, { prefix: '/v1/events' });
  await app.register(peopleRoutes, { prefix: '/v1/people' });
  await app.register(ingestRoutes, { prefix: '/v1' });
  await app.register(lexiconRoutes, { prefix: '/v1' });
  await app.register(auditRoutes, { prefix: '/v1/audit' });
  await app.register(changeRoutes, { prefix: '/v1/changes' });
  await app.register(watchRoutes, { prefix: '/v1/watches' });
  await app.register(reviewRoutes, { prefix: '/v1/review' });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
