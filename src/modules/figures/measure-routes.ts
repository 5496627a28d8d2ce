import { measureFeed } from '../../http/atom-entries.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VERDICTS } from '../../domain/measures.ts';
import { notFound, problemSchema } from '../../errors.ts';
import { measureRows } from '../../http/csv-rows.ts';
import { formatParam, manyOf, paginationParams, statementFilters } from '../../http/params.ts';
import { decodeCursor, nextLink, offsetOf } from '../../http/pagination.ts';
import { resolveFilters } from '../shared/filters.ts';
import { idPath, organisationRef } from '../shared/schemas.ts';
import {
  CITATIONS_IN_GROUP,
  CITATIONS_IN_LIST,
  ORGANISATIONS_IN_GROUP,
  ORGANISATIONS_IN_LIST,
  VALUE_ORGANISATIONS_SHOWN,
  refreshMeasures,
  VALUES_SHOWN,
  listMeasures, measureByKey, mergeMeasures, moveFigure, renameMeasure, resetFigure, splitMeasure } from './measures.ts';
import { citedFigureSchema } from './schemas.ts';

const keySchema = z
  .string()
  .max(200, 'must be at most 200 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a measure group key such as "gbp-recommended-independent-review-reform"');
const keyPath = z.object({ key: keySchema.describe('The measure group’s key, as listed by /v1/figures/measures') });
const labelSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const measuresQuery = z.object({
  theme: statementFilters.theme.describe('Groups with a figure bearing on these theme(s)'),
  organisation: statementFilters.organisation.describe(
    'Groups in which these organisation(s) cite a figure, shown with every other organisation’s figures for the same measure: by slug, name, short name or alias. Repeat the parameter or separate values with commas.',
  ),
  unit: manyOf(z.string().regex(/^[A-Za-z-]+$/, 'expected a unit such as GBP, children, percent'), 'Unit(s): GBP, children, people, social-workers, local-authorities, percent, proportion …', 'GBP'),
  disagreement: z
    .stringbool({ truthy: ['true'], falsy: ['false'], error: 'expected true or false' })
    .optional()
    .describe('`true`: only measures on which organisations give different values for the same period; `false`: only those on which they do not')
    .meta({ type: 'boolean' } as never),
  q: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional().describe('Words in what the group measures, or in a figure as written or described').meta({ example: 'shortfall' }),
  ...paginationParams,
  ...formatParam,
});

const periodDescription = 'The period basis the value is given on: `per year`, `over 2 years`, `by 2025` … or `unstated`';

const GROUP_EXAMPLE = {
  key: 'gbp-shortfall-services-inflation-maintain-current',
  label: 'yearly funding shortfall in children’s services, estimated before inflation, just to maintain current service levels',
  unit: 'GBP',
  category: 'shortfall',
  editor: false,
  specified: true,
  url: '/v1/figures/measures/gbp-shortfall-services-inflation-maintain-current',
  themes: ['funding'],
  citationCount: 2,
  disagreement: true,
  verdict: 'values-differ',
  note: '2 organisations give different values per year: £1.6bn to £2bn.',
  spread: { period: 'per year', min: 1600000000, max: 2000000000, difference: 400000000, ratio: 1.25, display: '£1.6bn to £2bn' },
  periods: ['per year'],
  values: [
    { value: 2000000000, display: '£2bn', period: 'per year', organisations: ['northshire-childrens-alliance'], organisationCount: 1, citationCount: 1 },
    { value: 1600000000, display: '£1.6bn', period: 'per year', organisations: ['lga'], organisationCount: 1, citationCount: 1 },
  ],
  valueCount: 2,
  organisations: [
    {
      organisation: { slug: 'lga', name: 'Local Government Association', shortName: 'LGA' },
      citationCount: 1,
      citations: [
        {
          id: 6,
          raw: '£1.6 billion',
          value: 1600000000,
          display: '£1.6bn',
          unit: 'GBP',
          measures: 'yearly funding shortfall in children’s services, estimated before inflation, just to maintain current service levels',
          period: 'per year',
          periodBasis: 'per year',
          theme: 'funding',
          start: 4852,
          end: 4864,
          context: 'Councils face a £1.6 billion funding shortfall a year in children’s services …',
          organisation: { slug: 'lga', name: 'Local Government Association', shortName: 'LGA' },
          statement: { id: 3, date: '2023-02-02', url: '/v1/statements/3' },
          event: { slug: 'implementation-strategy-2023', title: 'Stable Homes, Built on Love', publishedOn: '2023-02-02' },
          speaker: null,
          citation: 'Local Government Association, in …',
          permalink: 'http://localhost:3000/statements/3#char=4852,4864',
        },
      ],
    },
  ],
  organisationCount: 2,
};

const measuredCitationSchema = citedFigureSchema.extend({
  display: z.string().describe('The value as a reporter writes it'),
  periodBasis: z.string().describe(periodDescription),
});

export const measureGroupSchema = z
  .object({
    key: z.string().describe('Stable identifier: unit, kind and words of what it measures'),
    label: z.string().describe('What it measures: an editor’s label, or the first organisation’s own description'),
    unit: z.string(),
    category: z.string().nullable().describe('The kind of thing: recommended, committed, shortfall, overspend, spending, cost, savings; null when the descriptions name none'),
    editor: z.boolean().describe('An editor merged, split or moved figures of this group: it is held as they left it'),
    specified: z.boolean().describe('False when the figures say neither what kind of thing nor what they measure: then only figures of the same value are grouped'),
    url: z.string(),
    themes: z.array(z.string()).describe('Themes its figures bear on'),
    citationCount: z.number().int(),
    disagreement: z.boolean().describe('Two or more organisations give different values for it on the same period basis'),
    verdict: z.enum(VERDICTS).describe('Why it is or is not a disagreement: `values-differ`, `periods-differ` (different values, each for another period), `same-value`, `one-organisation`'),
    note: z.string().describe('The verdict in a sentence'),
    spread: z
      .object({
        period: z.string().describe('The period basis they disagree on'),
        min: z.number(),
        max: z.number(),
        difference: z.number().describe('max − min in the unit (percentage points for percent)'),
        ratio: z.number().nullable().describe('max ÷ min, to two places; null when min is not above zero'),
        display: z.string(),
      })
      .nullable()
      .describe('How far apart the values are where they disagree (the widest basis when several do); null without a disagreement'),
    periods: z.array(z.string()).describe('Every period basis its figures are given on'),
    values: z
      .array(
        z.object({
          value: z.number(),
          display: z.string(),
          period: z.string().describe(periodDescription),
          organisations: z.array(z.string()).describe(`Slugs of who gives it (the first ${VALUE_ORGANISATIONS_SHOWN} in order of slug)`),
          organisationCount: z.number().int().describe('How many organisations give it'),
          citationCount: z.number().int(),
        }),
      )
      .describe(`Each value given, on its basis, with who gives it: largest first, the first ${VALUES_SHOWN}`),
    valueCount: z.number().int().describe('How many values (value and period basis) are given, over those listed in `values`'),
    organisations: z
      .array(
        z.object({
          organisation: organisationRef,
          citationCount: z.number().int(),
          citations: z.array(measuredCitationSchema).describe(`Its newest citations in its own words (at most ${CITATIONS_IN_LIST} in a list, ${CITATIONS_IN_GROUP} on the group’s own page)`),
        }),
      )
      .describe(
        `The organisations that cite it most (at most ${ORGANISATIONS_IN_LIST} in a list, ${ORGANISATIONS_IN_GROUP} on the group’s own page; of equals, the first by name), by name`,
      ),
    organisationCount: z.number().int().describe('How many organisations cite it, over those listed in `organisations`'),
  })
  .meta({
    id: 'MeasureGroup',
    example: GROUP_EXAMPLE,
  });

const measureListSchema = z
  .object({
    items: z.array(measureGroupSchema).describe('This page of groups: money first, largest first'),
    total: z.number().int().describe('Groups matching the filters, over all pages'),
    limit: z.number().int(),
    next: z.string().nullable().describe('URL of the next page, or null on the last page'),
  })
  .meta({ id: 'MeasureGroups', example: { items: [GROUP_EXAMPLE], total: 1, limit: 20, next: null } });

// 401, 403, 406, 413, 415 and 429 are added to every write by the auth, http and security plugins.
const writeErrors = { 400: problemSchema, 404: problemSchema };
const regroupedNote = 'Each figure that changes group is recorded in /v1/changes as `figure.regrouped` with `{from, to}`.';

const routes: FastifyPluginAsyncZod = async (app) => {
  // A database migrated to stored groups (or written to by a process that never read them) is grouped before the first request.
  app.addHook('onReady', () => refreshMeasures(app.db));
  const group = async (key: string) => {
    const found = await measureByKey(app.db, key);
    if (!found) throw notFound('measure group', key);
    return found;
  };

  app.get('/measures', {
    schema: {
      operationId: 'listFigureMeasures',
      tags: ['compare'],
      summary: 'Figures reconciled: the same measure across organisations',
      description:
        'Figures that measure the same thing (the review’s recommended investment, the yearly shortfall, the cost of a placement), grouped across organisations and wordings, with the value, period basis and description each gives. `disagreement: true` when organisations give different values for the same measure on the same period basis, with the `spread`; values for different periods (per year against over two years) are shown side by side but are not a disagreement (`verdict: periods-differ`). A filter picks groups; a group is shown whole. Editors merge and split groups with a key.',
      querystring: measuresQuery,
      response: { 200: measureListSchema, 400: problemSchema },
    },
    config: { csv: measureRows, atom: measureFeed },
    handler: async (request, reply) => {
      const { limit, cursor, format: _format, ...typed } = request.query;
      const filters = await resolveFilters(app.db, typed);
      const found = await listMeasures(app.db, filters, { offset: offsetOf(decodeCursor(cursor)), limit });
      const next = nextLink(request, reply, found.nextOffset === undefined ? undefined : { offset: found.nextOffset });
      return { items: found.items, total: found.total, limit, next };
    },
  });

  app.get('/measures/:key', {
    schema: {
      operationId: 'getFigureMeasure',
      tags: ['compare'],
      summary: 'One measure, across organisations',
      description: `Every organisation’s figures for one measure (up to ${CITATIONS_IN_GROUP} citations each), with the comparison.`,
      params: keyPath,
      response: { 200: measureGroupSchema, 400: problemSchema, 404: problemSchema },
    },
    handler: async (request) => group(request.params.key),
  });

  app.patch('/measures/:key', {
    schema: {
      operationId: 'renameFigureMeasure',
      tags: ['ingest'],
      summary: 'Name a measure group',
      description: 'Gives the group a label of an editor’s; its key stays. The group is held as it is from then on.',
      params: keyPath,
      body: z.object({ label: labelSchema.describe('What the group measures, as a reader says it') }).strict(),
      response: { 200: measureGroupSchema, ...writeErrors },
    },
    config: { scope: 'write' },
    handler: async (request) => {
      await renameMeasure(app.db, request.params.key, request.body.label);
      return group(request.params.key);
    },
  });

  app.post('/measures/:key/merge', {
    schema: {
      operationId: 'mergeFigureMeasures',
      tags: ['ingest'],
      summary: 'Merge a measure group into another',
      description: `Every figure of the group joins \`into\` (which must measure in the same unit), under \`into\`’s key and label, or the \`label\` given. Answers the merged group. ${regroupedNote}`,
      params: keyPath,
      body: z
        .object({
          into: keySchema.describe('The key of the group to merge into'),
          label: labelSchema.optional().describe('A label for the merged group (default: the label of `into`)'),
        })
        .strict(),
      response: { 200: measureGroupSchema, ...writeErrors },
    },
    config: { scope: 'write' },
    handler: async (request) => group(await mergeMeasures(app.db, request.params.key, request.body.into, request.body.label)),
  });

  app.post('/measures/:key/split', {
    schema: {
      operationId: 'splitFigureMeasure',
      tags: ['ingest'],
      summary: 'Split figures out of a measure group',
      description: `The figures named (ids from the group’s citations) leave the group for a new one named by \`label\`; at least one figure must stay. Answers the new group (201, its URL in Location). ${regroupedNote}`,
      params: keyPath,
      body: z
        .object({
          figures: z.array(z.number().int().min(1).max(2_147_483_647)).min(1, 'name at least one figure').max(1000, 'at most 1000 figures').describe('Ids of the figures to split out'),
          label: labelSchema.describe('What the new group measures'),
        })
        .strict(),
      response: { 201: measureGroupSchema, ...writeErrors },
    },
    config: { scope: 'write' },
    handler: async (request, reply) => {
      const key = await splitMeasure(app.db, request.params.key, request.body.figures, request.body.label);
      reply.code(201).header('location', `/v1/figures/measures/${key}`);
      return group(key);
    },
  });

  app.put('/:id/measure', {
    schema: {
      operationId: 'setFigureMeasure',
      tags: ['ingest'],
      summary: 'Move one figure to another measure group',
      description: `The figure joins the group \`into\` (same unit). Answers that group. ${regroupedNote}`,
      params: idPath,
      body: z.object({ into: keySchema.describe('The key of the group the figure belongs in') }).strict(),
      response: { 200: measureGroupSchema, ...writeErrors },
    },
    config: { scope: 'write' },
    handler: async (request) => group(await moveFigure(app.db, request.params.id, request.body.into)),
  });

  app.delete('/:id/measure', {
    schema: {
      operationId: 'resetFigureMeasure',
      tags: ['ingest'],
      summary: 'Undo an editor’s grouping of one figure',
      description: `The figure goes back to the group the analysis puts it in. Answers that group. ${regroupedNote}`,
      params: idPath,
      response: { 200: measureGroupSchema, ...writeErrors },
    },
    config: { scope: 'write' },
    handler: async (request) => group(await resetFigure(app.db, request.params.id)),
  });
};

export default routes;
