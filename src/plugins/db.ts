import fp from 'fastify-plugin';
import { readingFromPrimary, type Db } from '../db/database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Shares the opened database with every module and closes it when the app closes. A request
 * that may write reads from the primary throughout (where reads otherwise go to a replica), so
 * that what it answers includes what it wrote.
 */
export default fp<{ db: Db }>(
  async (app, { db }) => {
    app.decorate('db', db);
    // preHandler, not onRequest: a body that arrives in several pieces is read in callbacks that do not
    // carry a context set before it; from preHandler on, the handler runs inside this one.
    app.addHook('preHandler', (request, _reply, done) => (READS.has(request.method) ? done() : readingFromPrimary(done)));
    app.addHook('onClose', async () => db.close());
  },
  { name: 'db' },
);
