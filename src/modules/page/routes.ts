import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../../errors.ts';
import { chosenMediaType } from '../../plugins/http.ts';
import { fromRoot } from '../../paths.ts';
import { idPath } from '../shared/schemas.ts';
import { statementExists } from '../statements/queries.ts';
import { statementAnswer } from '../statements/routes.ts';
import { statementDetailSchema } from '../statements/schemas.ts';

const PAGE_DIR = fromRoot('src', 'page');
const HTML = 'text/html; charset=utf-8';

/** The comparison page at /, the statement pages every permalink opens, and their assets: static files, no build step. */
const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(fastifyStatic, { root: PAGE_DIR, prefix: '/page/', decorateReply: true, index: false, schemaHide: true });
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type(HTML).sendFile('index.html'));

  app.get('/statements/:id', {
    schema: {
      operationId: 'openStatement',
      tags: ['statements'],
      summary: 'A permalink: the statement’s page in a browser, its JSON for apps',
      description:
        'Where every `permalink` in an answer points, with the passage as an RFC 5147 fragment (`/statements/7#char=2050,2287`). A browser (`Accept: text/html`) gets a page with the statement’s text, the passage highlighted and scrolled into view, its citation, and the tags, quotes and figures; any other client gets the same JSON as GET /v1/statements/{id}.',
      params: idPath,
      response: { 200: statementDetailSchema, 400: problemSchema, 404: problemSchema },
    },
    config: { produces: ['application/json', 'text/html'] },
    handler: async (request, reply) => {
      reply.header('vary', 'Accept');
      // A browser gets the page either way (it reads the JSON itself): for an unknown statement it says so, with the 404 status.
      if (chosenMediaType(request) === 'text/html') return reply.code((await statementExists(app.db, request.params.id)) ? 200 : 404).type(HTML).sendFile('statement.html');
      return statementAnswer(app.db, request.params.id, reply);
    },
  });
};

export default routes;
