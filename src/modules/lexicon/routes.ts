import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CUE_KINDS } from '../../db/schema.ts';
import { notFound, problemSchema } from '../../errors.ts';
import { idPath, slugPath } from '../shared/schemas.ts';
import { deleteStanceCue, listStanceCues, listThemeCues, setThemeCues, upsertStanceCue } from './queries.ts';

const stanceCueSchema = z
  .object({
    id: z.number().int(),
    phrase: z.string().describe('A word or phrase, matched as whole words with its inflections'),
    kind: z
      .enum(CUE_KINDS)
      .describe('`supportive` or `critical` judgements; `negation` words that turn a judgement round; `contrast` words that turn or concede a clause; `demand`s on the measure (critical after a government measure, supportive of a review’s recommendations); `problem` talk, which judges nothing alone; `reservation`s that are praise and complaint at once (“a first step”)'),
    weight: z.number().int().describe('2 for an explicit judgement, 1 for a weak signal'),
  })
  .meta({ id: 'StanceCue', example: { id: 151, phrase: 'damp squib', kind: 'critical', weight: 2 } });

const lexiconSchema = z
  .object({
    themes: z.array(z.object({ theme: z.string(), cues: z.array(z.string()) })).describe('Cue words per theme'),
    stanceCues: z.array(stanceCueSchema),
  })
  .meta({
    id: 'LexiconData',
    example: {
      themes: [{ theme: 'kinship', cues: ['kinship', 'grandparents', 'special guardianship'] }],
      stanceCues: [
        { id: 1, phrase: 'welcome', kind: 'supportive', weight: 2 },
        { id: 60, phrase: 'falls short', kind: 'critical', weight: 2 },
        { id: 120, phrase: 'not', kind: 'negation', weight: 1 },
      ],
    },
  });

const newCueBody = z.object({
  phrase: z.string().trim().min(1).max(80),
  kind: z.enum(CUE_KINDS),
  weight: z.number().int().min(1).max(3).default(1),
});

const writeErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/lexicon', {
    schema: {
      operationId: 'getLexicon',
      tags: ['ingest'],
      summary: 'The analyser’s lexicon',
      description: 'The cue words of every theme and the stance cues (judgements, negations, contrasts) the analyser works from. Editors extend them below.',
      response: { 200: lexiconSchema },
    },
    handler: async () => ({ themes: await listThemeCues(app.db), stanceCues: await listStanceCues(app.db) }),
  });

  app.post('/lexicon/cues', {
    schema: {
      operationId: 'addStanceCue',
      tags: ['ingest'],
      summary: 'Add a stance cue',
      description: 'Adds a cue phrase (or changes the weight of an existing one with the same kind). New analyses use it at once; stored statements pick it up when re-analysed.',
      body: newCueBody,
      response: { 200: stanceCueSchema, ...writeErrors },
    },
    config: { scope: 'admin' },
    handler: async (request) => upsertStanceCue(app.db, request.body),
  });

  app.delete('/lexicon/cues/:id', {
    schema: {
      operationId: 'removeStanceCue',
      tags: ['ingest'],
      summary: 'Remove a stance cue',
      description: 'Removes the cue: new analyses stop using it at once; stored statements lose it when re-analysed.',
      params: idPath,
      response: { 204: z.undefined().describe('Removed'), ...writeErrors },
    },
    config: { scope: 'admin' },
    handler: async (request, reply) => {
      if (!(await deleteStanceCue(app.db, request.params.id))) throw notFound('stance cue', request.params.id);
      return reply.code(204).send();
    },
  });

  app.put('/themes/:slug/cues', {
    schema: {
      operationId: 'setThemeCues',
      tags: ['ingest'],
      summary: 'Replace a theme’s cue words',
      description: 'Sets the words and phrases that make a sentence count as discussing the theme.',
      params: slugPath,
      body: z.object({ cues: z.array(z.string().trim().min(1).max(80)).min(1).max(200) }),
      response: { 200: z.object({ theme: z.string(), cues: z.array(z.string()) }).meta({ example: { theme: 'kinship', cues: ['kinship', 'grandparents'] } }), ...writeErrors },
    },
    config: { scope: 'admin' },
    handler: async (request) => {
      if (!(await setThemeCues(app.db, request.params.slug, request.body.cues))) throw notFound('theme', request.params.slug);
      const theme = (await listThemeCues(app.db)).find((t) => t.theme === request.params.slug);
      return theme ?? { theme: request.params.slug, cues: [] };
    },
  });
};

export default routes;
