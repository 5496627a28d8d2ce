import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analyse } from '../../domain/analyse/index.ts';
import { publishedByOthers } from '../../domain/voice.ts';
import { inTurn } from '../../http/turns.ts';
import { perAddressLimit } from '../../plugins/security.ts';
import { HttpProblem, invalidParameter, notFound, problemSchema } from '../../errors.ts';
import { quotesByIds } from '../quotes/queries.ts';
import { quoteSchema } from '../quotes/schemas.ts';
import { idPath } from '../shared/schemas.ts';
import { statementDetail } from '../statements/queries.ts';
import { statementDetailSchema } from '../statements/schemas.ts';
import { acceptTag, correctQuote, correctTag, removeTag } from './corrections.ts';
import { loadLexicon } from './lexicon.ts';
import { analyseBody, analysisSchema, MAX_TEXT_LENGTH, newStatementBody, quotePatchBody, tagPatchBody, tagPath, tagPutBody } from './schemas.ts';
import { DocumentConflict, reanalyse, storeStatement, UnknownReference } from './store.ts';

// 401, 403, 406, 413, 415 and 429 are added to every write by the auth, http and security plugins.
const writeErrors = { 400: problemSchema, 404: problemSchema };

function checkLength(text: string): void {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new HttpProblem(413, 'payload-too-large', 'Payload too large', `text: ${text.length} characters is over the limit of ${MAX_TEXT_LENGTH}`, [
      { in: 'body', name: 'text', message: `at most ${MAX_TEXT_LENGTH} characters` },
    ]);
  }
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/analyse', {
    schema: {
      operationId: 'analyseText',
      tags: ['ingest'],
      summary: 'Analyse a text without storing it',
      description:
        'Paste a press response and get back its sentences, themes with stance and evidence, quotes with speakers, and normalised figures, every item with character offsets into the text. Send JSON `{"text": …}` or the bare text as `text/plain`. Nothing is stored; no key needed.',
      body: analyseBody,
      response: { 200: analysisSchema, 400: problemSchema },
    },
    config: { audit: false, consumes: ['application/json', 'text/plain'], rateLimit: perAddressLimit(app.limits.analysesPerMinute, 'analyses') },
    handler: async (request) => {
      const { text, organisation, publisher, event } = request.body;
      checkLength(text);
      const lexicon = await loadLexicon(app.db);
      const known = organisation ? lexicon.organisations.find((o) => o.slug === organisation) : undefined;
      if (organisation && !known) throw invalidParameter('body', 'organisation', `unknown organisation '${organisation}'`);
      const reactsTo = event ? lexicon.events.find((e) => e.slug === event) : undefined;
      if (event && !reactsTo) throw invalidParameter('body', 'event', `unknown event '${event}'; see /v1/events for the list`);
      const thirdParty = publisher !== undefined && publishedByOthers(publisher, known ?? { slug: '' });
      return inTurn(() => analyse({ text, organisation: known, thirdParty, event: reactsTo }, lexicon));
    },
  });

  app.post('/statements', {
    schema: {
      operationId: 'createStatement',
      tags: ['ingest'],
      summary: 'Store a new press response, analysed',
      description:
        'Stores the source document and the organisation’s statement, with the themes, stances, evidence, quotes, speakers and figures the analyser finds, in one transaction. The organisation is created if new. Idempotent: the same text again gives back the stored statement (200) instead of a duplicate. One URL is one document: a different text under a URL already stored is refused with 409, whose Location is the stored statement.',
      body: newStatementBody,
      response: { 200: statementDetailSchema, 201: statementDetailSchema, ...writeErrors, 409: problemSchema },
    },
    config: { scope: 'write' },
    handler: async (request, reply) => {
      checkLength(request.body.text);
      let stored: { id: number; created: boolean };
      try {
        stored = await inTurn(async () => storeStatement(app.db, request.body, await loadLexicon(app.db)));
      } catch (error) {
        if (error instanceof UnknownReference) throw invalidParameter('body', error.field, error.message);
        if (error instanceof DocumentConflict) {
          reply.header('location', `/v1/statements/${error.statementId}`);
          throw new HttpProblem(409, 'conflict', 'Conflict', error.message, [{ in: 'body', name: 'url', message: `already stored with another text (statement ${error.statementId})` }]);
        }
        throw error;
      }
      request.log.info({ key: request.apiKey?.name, statement: stored.id, created: stored.created }, 'statement stored');
      reply.header('location', `/v1/statements/${stored.id}`).code(stored.created ? 201 : 200);
      return statementDetail(app.db, stored.id);
    },
  });

  app.post('/statements/:id/reanalyse', {
    schema: {
      operationId: 'reanalyseStatement',
      tags: ['ingest'],
      summary: 'Analyse a stored statement again',
      description: 'Replaces what the analyser found before (after a lexicon change, say); tags, quotes and figures marked `curated` by editors stay as they are, and removed tags stay removed.',
      params: idPath,
      response: { 200: statementDetailSchema, ...writeErrors },
    },
    config: { scope: 'write' },
    handler: async (request) => {
      if (!(await inTurn(async () => reanalyse(app.db, request.params.id, await loadLexicon(app.db))))) throw notFound('statement', request.params.id);
      return statementDetail(app.db, request.params.id);
    },
  });

  app.patch('/statements/:id/tags/:theme', {
    schema: {
      operationId: 'correctTag',
      tags: ['ingest'],
      summary: 'Correct a tag’s stance or evidence',
      description: 'Changes the stance and/or the evidence spans (document offsets inside the statement) of an existing tag. The tag becomes `curated` and reviewed (confidence 1): re-analysis never overwrites it.',
      params: tagPath,
      body: tagPatchBody,
      response: { 200: statementDetailSchema, ...writeErrors },
    },
    config: { scope: 'write' },
    handler: async (request) => {
      await correctTag(app.db, request.params.id, request.params.theme, request.body, false);
      return statementDetail(app.db, request.params.id);
    },
  });

  app.post('/statements/:id/tags/:theme/accept', {
    schema: {
      operationId: 'acceptTag',
      tags: ['ingest'],
      summary: 'Accept a machine-made tag as it is',
      description:
        'Marks the tag reviewed without changing it: it keeps its stance, evidence, `origin: analysed` and confidence, now says `reviewed: true`, counts under `reviewed=true` and is never overwritten by re-analysis. The review queue (`GET /v1/review`) lists the tags waiting for this.',
      params: tagPath,
      response: { 200: statementDetailSchema, ...writeErrors },
    },
    config: { scope: 'write' },
    handler: async (request) => {
      await acceptTag(app.db, request.params.id, request.params.theme);
      return statementDetail(app.db, request.params.id);
    },
  });

  app.put('/statements/:id/tags/:theme', {
    schema: {
      operationId: 'putTag',
      tags: ['ingest'],
      summary: 'Add (or replace) a tag',
      description: 'Tags the statement with the theme, with a stance and evidence spans, as `curated`.',
      params: tagPath,
      body: tagPutBody,
      response: { 200: statementDetailSchema, ...writeErrors },
    },
    config: { scope: 'write' },
    handler: async (request) => {
      await correctTag(app.db, request.params.id, request.params.theme, request.body, true);
      return statementDetail(app.db, request.params.id);
    },
  });

  app.delete('/statements/:id/tags/:theme', {
    schema: {
      operationId: 'removeTag',
      tags: ['ingest'],
      summary: 'Remove a tag',
      description: 'Removes the statement’s tag on the theme; re-analysis will not add it back.',
      params: tagPath,
      response: { 204: z.undefined().describe('Removed'), ...writeErrors },
    },
    config: { scope: 'write' },
    handler: async (request, reply) => {
      await removeTag(app.db, request.params.id, request.params.theme);
      return reply.code(204).send();
    },
  });

  app.patch('/quotes/:id', {
    schema: {
      operationId: 'correctQuote',
      tags: ['ingest'],
      summary: 'Fix who said a quote, or whose words it is',
      description:
        "Sets the quote's speaker to a known person (or null: the organisation's own voice) and/or its voice (`direct`, `reported`, `own`; evidence lying in the quote follows). The attribution becomes `curated`.",
      params: idPath,
      body: quotePatchBody,
      response: { 200: quoteSchema, ...writeErrors },
    },
    config: { scope: 'write' },
    handler: async (request) => {
      await correctQuote(app.db, request.params.id, request.body);
      const [quote] = await quotesByIds(app.db, [request.params.id]);
      if (!quote) throw notFound('quote', request.params.id);
      return quote;
    },
  });
};

export default routes;
