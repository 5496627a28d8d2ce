import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { HttpProblem, problemSchema } from '../../errors.ts';
import { prepared } from '../../db/prepared.ts';
import { fromRoot } from '../../paths.ts';

const healthSchema = z
  .object({
    status: z.literal('ok'),
    statements: z.number().int().describe('Statements stored'),
  })
  .meta({ id: 'Health', example: { status: 'ok', statements: 7 } });

const readySchema = z
  .object({
    status: z.literal('ready'),
    migrations: z.number().int().describe('Migrations applied, all of those the code ships'),
    statements: z.number().int().describe('Statements stored'),
  })
  .meta({ id: 'Ready', example: { status: 'ready', migrations: 7, statements: 7 } });

/** The migrations this code ships, from drizzle-kit's journal. */
function shippedMigrations(): string[] {
  const journal = JSON.parse(readFileSync(fromRoot('migrations', 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  return journal.entries.map((entry) => `${entry.when}`);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const shipped = shippedMigrations();

  app.get('/ready', {
    schema: {
      operationId: 'getReadiness',
      tags: ['service'],
      summary: 'Service readiness',
      description:
        'Ready to serve: the database answers and every migration this version ships is applied. 503 (problem+json) says which is not so; `/health` only says the process is alive.',
      response: { 200: readySchema, 503: problemSchema },
    },
    handler: async () => {
      let applied: Set<string>;
      let statements: number;
      try {
        applied = new Set((prepared(app.db, 'SELECT created_at AS at FROM __drizzle_migrations').all() as { at: number }[]).map((row) => `${row.at}`));
        statements = (prepared(app.db, 'SELECT count(*) AS n FROM statements').get() as { n: number }).n;
      } catch (error) {
        app.log.error({ err: error }, 'readiness: database check failed');
        throw new HttpProblem(503, 'not-ready', 'Service unavailable', 'The database does not answer');
      }
      const missing = shipped.filter((when) => !applied.has(when));
      if (missing.length > 0) {
        throw new HttpProblem(503, 'not-ready', 'Service unavailable', `${missing.length} of ${shipped.length} migrations are not applied to the database`);
      }
      return { status: 'ready' as const, migrations: shipped.length, statements };
    },
  });

  app.get('/health', {
    schema: {
      operationId: 'getHealth',
      tags: ['service'],
      summary: 'Service health',
      description: 'Answers once the service is ready: the database is open, migrated and queryable.',
      response: { 200: healthSchema },
    },
    handler: async () => {
      const { n } = prepared(app.db, 'SELECT count(*) AS n FROM statements').get() as { n: number };
      return { status: 'ok' as const, statements: n };
    },
  });
};

export default routes;
