import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { stanceMatrix } from '../../domain/compare.ts';
import { tagTrust } from '../shared/tag-trust.ts';
import { notFound, problemSchema } from '../../errors.ts';
import { allThemes, stanceCounts } from '../compare/queries.ts';
import { z } from 'zod';
import { organisationFeed, timelineFeed } from '../../http/atom-entries.ts';
import { itemRows, timelineRows as timelineCsv } from '../../http/csv-rows.ts';
import { formatParam, reviewedParam } from '../../http/params.ts';
import { aliasRoute } from '../shared/aliases.ts';
import { canonicalUrl, pathRecord } from '../shared/filters.ts';
import { slugPath } from '../shared/schemas.ts';
import { evidenceForTags, statementSummaries } from '../statements/queries.ts';
import { listOrganisations, organisationBySlug, speakersOf, statementIdsOf, timelineRows } from './queries.ts';
import { organisationDetailSchema, organisationListSchema, timelineSchema } from './schemas.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      operationId: 'listOrganisations',
      tags: ['organisations'],
      summary: 'List organisations',
      description: 'Every organisation with a statement or a speaker in the corpus, by name, with its statement count.',
      querystring: z.object(formatParam),
      response: { 200: organisationListSchema, 400: problemSchema },
    },
    config: { csv: itemRows, atom: organisationFeed },
    handler: async () => {
      const items = await listOrganisations(app.db);
      return { items, total: items.length };
    },
  });

  app.get('/:slug', {
    schema: {
      operationId: 'getOrganisation',
      tags: ['organisations'],
      summary: 'One organisation: its stance per theme, speakers and statements',
      description: 'The organisation with its overall stance on every theme, the people who speak for it, and its statements (newest first).',
      params: slugPath,
      querystring: z.object(reviewedParam),
      response: { 200: organisationDetailSchema, 308: z.undefined().describe('Found by another name (`/v1/organisations/LGA`): Location is the URL with its slug'), 400: problemSchema, 404: problemSchema },
    },
    handler: async (request, reply) => {
      const { slug, moved } = await pathRecord(app.db, 'organisation', request.params.slug);
      if (moved) return reply.redirect(canonicalUrl(request.url, request.params.slug, slug), 308);
      const organisation = await organisationBySlug(app.db, slug);
      if (!organisation) throw notFound('organisation', slug);
      const { id, ...fields } = organisation;
      const themes = await allThemes(app.db);
      const counts = await stanceCounts(app.db, { organisations: [fields.slug], reviewedOnly: request.query.reviewed });
      const [row] = stanceMatrix([{ slug: fields.slug, name: fields.name, shortName: fields.shortName }], themes, counts);
      return {
        ...fields,
        stances: (row?.cells ?? []).map((cell, i) => ({
          theme: { slug: cell.theme, name: themes[i]?.name ?? cell.theme },
          stance: cell.stance,
          statementCount: cell.statementCount,
          unreviewed: cell.unreviewed,
        })),
        speakers: await speakersOf(app.db, id),
        statements: await statementSummaries(app.db, await statementIdsOf(app.db, id)),
      };
    },
  });

  app.get('/:slug/timeline', {
    schema: {
      operationId: 'getOrganisationTimeline',
      tags: ['organisations'],
      summary: 'An organisation’s stance per theme over time',
      description: 'For every theme, the organisation’s stance at each of its statements across the policy events, in date order, with the evidence behind each point.',
      params: slugPath,
      querystring: z.object({ ...reviewedParam, ...formatParam }),
      response: { 200: timelineSchema, 308: z.undefined().describe('Found by another name (`/v1/organisations/LGA`): Location is the URL with its slug'), 400: problemSchema, 404: problemSchema },
    },
    config: { csv: timelineCsv, atom: timelineFeed },
    handler: async (request, reply) => {
      const { slug, moved } = await pathRecord(app.db, 'organisation', request.params.slug);
      if (moved) return reply.redirect(canonicalUrl(request.url, request.params.slug, slug), 308);
      const organisation = await organisationBySlug(app.db, slug);
      if (!organisation) throw notFound('organisation', slug);
      const rows = (await timelineRows(app.db, organisation.id)).filter((row) => !request.query.reviewed || Boolean(row.reviewed));
      const evidence = await evidenceForTags(app.db, rows.map((r) => r.tagId));
      const themes = await allThemes(app.db);
      const event = (r: (typeof rows)[number]) => ({ slug: r.eventSlug, title: r.eventTitle, publishedOn: r.eventPublishedOn });
      return {
        organisation: { slug: organisation.slug, name: organisation.name, shortName: organisation.shortName },
        events: [...new Map(rows.map((r) => [r.eventSlug, event(r)])).values()].sort((x, y) => x.publishedOn.localeCompare(y.publishedOn)),
        themes: themes.map(({ slug, name }) => ({
          theme: { slug, name },
          points: rows
            .filter((r) => r.theme === slug)
            .map((r) => ({
              date: r.date,
              event: event(r),
              stance: r.stance,
              ...tagTrust(r),
              statement: { id: r.statementId, url: `/v1/statements/${r.statementId}` },
              source: { title: r.documentTitle, publisher: r.documentPublisher, url: r.documentUrl, publishedOn: r.documentPublishedOn },
              evidence: evidence.get(r.tagId) ?? [],
            })),
        })),
      };
    },
  });

  await app.register(aliasRoute('organisation', 'setOrganisationAliases', 'organisations'));
};

export default routes;
