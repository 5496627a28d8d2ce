import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { prepared } from '../../db/prepared.ts';

const healthSchema = z
  .object({
    status: z.literal('ok'),
    statements: z.number().int().describe('Statements stored'),
  })
  .meta({ id: 'Health', example: { status: 'ok', statements: 7 } });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    schema: {
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
