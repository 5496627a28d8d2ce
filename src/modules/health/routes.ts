import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import type { Engine } from '../../db/database.ts';
import { HttpProblem, problemSchema } from '../../errors.ts';
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

/**
 * Each engine's migrations: the folder drizzle-kit wrote them to, and the table drizzle's migrator
 * records those applied in (on PostgreSQL it keeps it in a schema of its own, `drizzle`).
 */
const MIGRATIONS: Record<Engine, { folder: string[]; table: string }> = {
  sqlite: { folder: ['migrations'], table: '__drizzle_migrations' },
  postgres: { folder: ['migrations', 'postgres'], table: 'drizzle.__drizzle_migrations' },
};

/** The migrations this code ships for `engine`, from drizzle-kit's journal. */
function shippedMigrations(engine: Engine): string[] {
  const journal = JSON.parse(readFileSync(fromRoot(...MIGRATIONS[engine].folder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  return journal.entries.map((entry) => `${entry.when}`);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const shipped = shippedMigrations(app.db.engine);
  const appliedSql = `SELECT created_at AS at FROM ${MIGRATIONS[app.db.engine].table}`;

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
        applied = new Set((await app.db.column<number>(appliedSql)).map((at) => `${at}`));
        statements = (await app.db.value<number>('SELECT count(*) AS n FROM statements')) ?? 0;
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
      const n = (await app.db.value<number>('SELECT count(*) AS n FROM statements')) ?? 0;
      return { status: 'ok' as const, statements: n };
    },
  });
};

export default routes;
