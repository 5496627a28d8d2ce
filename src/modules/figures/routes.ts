import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../errors.ts';
import { formatParam, manyOf, paginationParams, statementFilters } from '../../http/params.ts';
import { decodeCursor, nextLink, offsetOf } from '../../http/pagination.ts';
import { figureFeed } from '../../http/atom-entries.ts';
import { figureRows } from '../../http/csv-rows.ts';
import { resolveFilters } from '../shared/filters.ts';
import { organisationRef } from '../shared/schemas.ts';
import { parseAmount } from '../../domain/figures.ts';
import measureRoutes from './measure-routes.ts';
import { figureGroups } from './queries.ts';
import { citedFigureSchema } from './schemas.ts';

export const figuresQuery = z.object({
  theme: statementFilters.theme.describe('Figures bearing on these theme(s)'),
  organisation: statementFilters.organisation,
  event: statementFilters.event,
  unit: manyOf(z.string().regex(/^[A-Za-z-]+$/, 'expected a unit such as GBP, children, percent'), 'Unit(s): GBP, children, people, social-workers, local-authorities, percent, proportion, years …', 'GBP'),
  q: z.string().trim().min(1).max(200).optional().describe('Words in the figure, what it measures, or its sentence').meta({ example: 'overspend' }),
  amount: z
    .string()
    .trim()
    .max(40, 'must be at most 40 characters')
    .transform((text, context) => {
      const amount = parseAmount(text);
      if (!amount) context.addIssue({ code: 'custom', message: 'expected an amount such as £2.6bn, 2.6bn, 2,600,000,000, £200 million or 45%' });
      return amount ?? z.NEVER;
    })
    .optional()
    .describe('Figures of this amount, however it is written: `£2.6bn`, `2.6bn`, `2,600,000,000` and `£2600m` are the same; a currency or `%` narrows the unit')
    .meta({ example: '£2.6bn', type: 'string' } as never),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(50)
    .describe('Groups per page (1–200)'),
  cursor: paginationParams.cursor,
  ...formatParam,
});

export const figureGroupSchema = z
  .object({
    value: z.number().describe('The normalised number'),
    unit: z.string(),
    display: z.string().describe('The value as a reporter writes it, e.g. £2.6bn'),
    category: z.string().describe('What kind of thing it measures: committed, recommended, shortfall, overspend, cost, spending …'),
    measures: z.string(),
    citationCount: z.number().int().describe('How many times it is cited in all'),
    organisations: z.array(organisationRef).describe('Who cites it'),
    citations: z.array(citedFigureSchema).describe('The most recent citations (at most 10), in their own words'),
  })
  .meta({ id: 'FigureGroup' });

const figureListSchema = z
  .object({
    groups: z.array(figureGroupSchema).describe('This page of groups: money first, largest first'),
    total: z.number().int().describe('Citations over all groups'),
    groupCount: z.number().int().describe('Groups over all pages'),
    limit: z.number().int(),
    next: z.string().nullable().describe('URL of the next page of groups, or null on the last page'),
  })
  .meta({
    id: 'FigureGroups',
    example: {
      groups: [
        {
          value: 2600000000,
          unit: 'GBP',
          display: '£2.6bn',
          category: 'recommended',
          measures: 'funding the Independent Review said the reform needs',
          citationCount: 2,
          organisations: [
            { slug: 'rcpch', name: 'Royal College of Paediatrics and Child Health', shortName: 'RCPCH' },
            { slug: 'ccn', name: 'County Councils Network', shortName: 'CCN' },
          ],
          citations: [
            {
              id: 2,
              raw: '£2.6bn',
              value: 2600000000,
              unit: 'GBP',
              measures: 'funding the Independent Review said the reform needs',
              period: null,
              theme: 'funding',
              start: 2260,
              end: 2266,
              context: 'The intentions of this report are good, but we are appalled to read that just £200m has been budgeted for this work - a far cry from the £2.6bn suggested by independent review lead Josh MacAlister as needed for this scale of reform.',
              organisation: { slug: 'rcpch', name: 'Royal College of Paediatrics and Child Health', shortName: 'RCPCH' },
              statement: { id: 1, date: '2023-02-02', url: '/v1/statements/1' },
              event: { slug: 'implementation-strategy-2023', title: 'Stable Homes, Built on Love', publishedOn: '2023-02-02' },
              speaker: { name: 'Dr Camilla Kingdon', role: 'President' },
              citation: 'Dr Camilla Kingdon, President, Royal College of Paediatrics and Child Health, in “RCPCH responds to Social Care Review Implementation Strategy”, …',
              permalink: 'http://localhost:3000/statements/1#char=2260,2266',
            },
          ],
        },
      ],
      total: 2,
      groupCount: 1,
      limit: 50,
      next: null,
    },
  });

const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(measureRoutes);
  app.get('/', {
    schema: {
      operationId: 'listFigures',
      tags: ['compare'],
      summary: 'Figures side by side',
      description:
        'Every numeric claim, grouped by its normalised value, unit and what it measures, with the organisations that cite it and their words: £2.6bn recommended (RCPCH, CCN) against £200m committed; the same £200m as London’s yearly overspend is a different group. Money first, largest first.',
      querystring: figuresQuery,
      response: { 200: figureListSchema, 400: problemSchema },
    },
    config: { csv: figureRows, atom: figureFeed },
    handler: async (request, reply) => {
      const { limit, cursor, ...typed } = request.query;
      const filters = await resolveFilters(app.db, typed);
      const found = await figureGroups(app.db, filters, { offset: offsetOf(decodeCursor(cursor)), limit });
      const next = nextLink(request, reply, found.nextOffset === undefined ? undefined : { offset: found.nextOffset });
      return { groups: found.groups, total: found.citationCount, groupCount: found.groupCount, limit, next };
    },
  });
};

export default routes;

