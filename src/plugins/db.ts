import type { FastifyReply, FastifyRequest } from 'fastify';
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
    // Set when the request arrives, and again once its body is in: a body that arrives in several
    // pieces is read in callbacks that do not carry the first; from preHandler on, the handler runs inside the second.
    const onPrimary = (request: FastifyRequest, _reply: FastifyReply, done: () => void) => (READS.has(request.method) ? done() : readingFromPrimary(done));
    app.addHook('onRequest', onPrimary);
    app.addHook('preHandler', onPrimary);
    app.addHook('onClose', async () => db.close());
  },
  { name: 'db' },
);
