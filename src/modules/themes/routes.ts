import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { canonicalUrl, pathRecord } from '../shared/filters.ts';
import { z } from 'zod';
import { stanceMatrix } from '../../domain/compare.ts';
import { notFound, problemSchema } from '../../errors.ts';
import { themeFeed } from '../../http/atom-entries.ts';
import { itemRows } from '../../http/csv-rows.ts';
import { formatParam, reviewedParam, stanceSchema } from '../../http/params.ts';
import { comparedOrganisations, stanceCounts } from '../compare/queries.ts';
import { exampleOrganisation } from '../shared/examples.ts';
import { organisationRef, slugPath } from '../shared/schemas.ts';
import { listThemes, themeDetailBySlug } from './queries.ts';

const themeSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    definition: z.string().describe('What a statement must discuss to be tagged with the theme'),
    cues: z.array(z.string()).describe('Cue words an analyser may use to spot the theme'),
    statementCount: z.number().int().describe('Statements tagged with the theme'),
  })
  .meta({ id: 'Theme' });

const themeListSchema = z.object({ items: z.array(themeSchema), total: z.number().int() }).meta({
  id: 'ThemeList',
  example: {
    items: [
      {
        slug: 'kinship',
        name: 'Kinship care',
        definition: 'Kinship care and family networks: children raised by grandparents, aunts, uncles, other relatives or family friends …',
        cues: ['kinship', 'grandparents', 'special guardianship'],
        statementCount: 4,
      },
    ],
    total: 1,
  },
});

const themeDetailSchema = themeSchema
  .extend({
    organisations: z
      .array(
        z.object({
          organisation: organisationRef,
          stance: stanceSchema.nullable(),
          statementCount: z.number().int(),
          unreviewed: z.number().int().describe('How many of those tags no editor has reviewed yet'),
        }),
      )
      .describe('Every stakeholder organisation and its overall stance on the theme (null when silent); see /v1/compare for the evidence'),
  })
  .meta({
    id: 'ThemeDetail',
    example: {
      slug: 'funding',
      name: 'Funding',
      definition: 'Money for the reform or for children’s services: amounts committed or recommended, shortfalls, overspends …',
      cues: ['funding', 'budget', 'shortfall', 'overspend'],
      statementCount: 7,
      organisations: [
        { organisation: exampleOrganisation, stance: 'critical', statementCount: 1, unreviewed: 0 },
        { organisation: { slug: 'action-for-children', name: 'Action for Children', shortName: 'Action for Children' }, stance: 'mixed', statementCount: 1, unreviewed: 0 },
      ],
    },
  });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      operationId: 'listThemes',
      tags: ['themes'],
      summary: 'List themes',
      description: 'The themes statements are tagged with, with their definitions and cue words. Themes are data: editors can add more.',
      querystring: z.object(formatParam),
      response: { 200: themeListSchema, 400: problemSchema },
    },
    config: { csv: itemRows, atom: themeFeed },
    handler: async () => {
      const items = await listThemes(app.db);
      return { items, total: items.length };
    },
  });

  app.get('/:slug', {
    schema: {
      operationId: 'getTheme',
      tags: ['themes'],
      summary: 'One theme, with each organisation’s stance on it',
      description: 'The theme and, for every stakeholder organisation, its overall stance on it and how many statements back that.',
      params: slugPath,
      querystring: z.object(reviewedParam),
      response: { 200: themeDetailSchema, 308: z.undefined().describe('Found by another name (`/v1/themes/Early%20help`): Location is the URL with its slug'), 400: problemSchema, 404: problemSchema },
    },
    handler: async (request, reply) => {
      const { slug, moved } = await pathRecord(app.db, 'theme', request.params.slug);
      if (moved) return reply.redirect(canonicalUrl(request.url, request.params.slug, slug), 308);
      const theme = await themeDetailBySlug(app.db, slug);
      if (!theme) throw notFound('theme', slug);
      const organisations = await comparedOrganisations(app.db, undefined);
      const counts = await stanceCounts(app.db, { theme: theme.slug, reviewedOnly: request.query.reviewed });
      const rows = stanceMatrix(organisations, [theme], counts);
      return {
        ...theme,
        organisations: rows.map((row) => ({
          organisation: row.organisation,
          stance: row.cells[0]?.stance ?? null,
          statementCount: row.cells[0]?.statementCount ?? 0,
          unreviewed: row.cells[0]?.unreviewed ?? 0,
        })),
      };
    },
  });
};

export default routes;
