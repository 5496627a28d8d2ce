import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { fromRoot } from '../../paths.ts';

const PAGE_DIR = fromRoot('src', 'page');

/** The comparison page at / and its two assets: static files, no build step. */
const routes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, { root: PAGE_DIR, prefix: '/page/', decorateReply: true, index: false, schemaHide: true });
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').sendFile('index.html'));
};

export default routes;
