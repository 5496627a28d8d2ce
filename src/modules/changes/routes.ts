import { changeRows } from '../../http/csv-rows.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHANGE_KINDS } from '../../db/schema.ts';
import { problemSchema } from '../../errors.ts';
import { changeFeed } from '../../http/atom-entries.ts';
import { formatParam, manyOf, MAX_PAGE } from '../../http/params.ts';
import { latestChange, listChanges } from './queries.ts';

const changesQuery = z.object({
  since: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(2_147_483_647, 'must be at most 2147483647')
    .default(0)
    .describe('The cursor: the `id` of the last change you have (the `cursor` of your last answer); 0 or absent for every change since the start')
    .meta({ example: 0 }),
  order: z
    .enum(['oldest', 'newest'])
    .default('oldest')
    .describe('`oldest` first (to stay in step: follow `next`), or the `newest` `limit` changes first (to read what happened lately, as the Atom feed does)'),
  kind: manyOf(z.enum(CHANGE_KINDS), 'Only changes of these kinds', 'statement.added,tag.corrected'),
  statement: manyOf(
    z.string().regex(/^\d{1,9}$/, 'expected a statement id'),
    'Only changes to these statement(s), by id',
    '1',
  ),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_PAGE, `must be at most ${MAX_PAGE}`)
    .default(MAX_PAGE)
    .describe(`Changes per answer (1–${MAX_PAGE})`),
  ...formatParam,
});

export const changeSchema = z
  .object({
    id: z.number().int().describe('Its place in the order of changes: pass the last one you have as `since`'),
    at: z.string().describe('When it was stored (ISO 8601, UTC)'),
    kind: z
      .enum(CHANGE_KINDS)
      .describe(
        '`statement.added`; `statement.reanalysed` (the analyser ran again; `detail` has the stances before and after); `tag.corrected`, `tag.reviewed`, `tag.removed` (an editor’s decision on a theme’s stance); `quote.corrected` (speaker or voice); `figure.added`; `figure.regrouped` (an editor merged or split figure groups); `ask.added`; `ask.outcome` (what became of an ask); `aliases.changed` (names filters find an organisation or person by)',
      ),
    statement: z.object({ id: z.number().int(), url: z.string() }).nullable().describe('The statement it concerns (it may since have gone)'),
    subject: z
      .object({ type: z.string().describe('`tag`, `quote`, `figure` or `ask`'), id: z.number().int() })
      .nullable()
      .describe('The row within the statement it concerns'),
    detail: z.record(z.string(), z.unknown()).describe('What changed, so that a follower need not ask again: the theme and stance before and after, the figure as cited …'),
  })
  .meta({ id: 'Change' });

const changesSchema = z
  .object({
    changes: z.array(changeSchema).describe('Oldest first (or newest first, with `order=newest`)'),
    cursor: z.number().int().describe('The id of the last change in this answer (or `since` when there is none): ask again with `since` set to it'),
    more: z.boolean().describe('More changes are waiting: ask again at once with `next` (always false with `order=newest`)'),
    next: z.string().describe('The URL to ask next, with `since` set to `cursor`, whether or not there are more yet'),
    latest: z.number().int().describe('The newest change’s id now'),
  })
  .meta({
    id: 'Changes',
    example: {
      changes: [
        {
          id: 42,
          at: '2026-12-02T09:15:00.000Z',
          kind: 'tag.corrected',
          statement: { id: 3, url: '/v1/statements/3' },
          subject: { type: 'tag', id: 11 },
          detail: { theme: 'funding', before: 'mixed', after: 'critical', evidence: true },
        },
      ],
      cursor: 42,
      more: false,
      next: '/v1/changes?since=42',
      latest: 42,
    },
  });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      operationId: 'listChanges',
      tags: ['statements'],
      summary: 'Every change to the corpus, in order',
      description:
        'What was stored, re-analysed or decided by an editor, oldest first, so that an app can stay in step without reading everything again: keep the `cursor` of each answer and ask with `since` set to it (the `next` link). Changes are never rewritten or removed; the first call with no `since` gives the history from the start.',
      querystring: changesQuery,
      response: { 200: changesSchema, 400: problemSchema },
    },
    config: { csv: changeRows, atom: changeFeed },
    handler: async (request, reply) => {
      const { since, limit, order, ...filters } = request.query;
      const [page, latest] = await Promise.all([listChanges(app.db, { kind: filters.kind, statement: filters.statement?.map(Number) }, since, limit, order), latestChange(app.db)]);
      const cursor = order === 'newest' ? Math.max(since, page.items[0]?.id ?? since) : (page.items.at(-1)?.id ?? since);
      const url = new URL(request.url, 'http://placeholder');
      url.searchParams.set('since', String(cursor));
      const next = url.pathname + url.search;
      if (page.more) reply.header('link', `<${next}>; rel="next"`);
      return { changes: page.items, cursor, more: page.more, next, latest };
    },
  });
};

export default routes;
