import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { relation, stanceMatrix, stancesOverEvents } from '../../domain/compare.ts';
import { invalidParameter, problemSchema } from '../../errors.ts';
import { decodeCursor, nextLink, offsetOf } from '../../http/pagination.ts';
import { comparisonFeed, matrixFeed, pairFeed } from '../../http/atom-entries.ts';
import { comparisonRows, matrixRows, pairRows } from '../../http/csv-rows.ts';
import { resolveFilters, resolveOne } from '../shared/filters.ts';
import { allThemes, comparedOrganisations, stanceCounts, stanceCountsByEvent, themeBySlug } from './queries.ts';
import { themeComparison } from './service.ts';
import { compareQuery, comparisonSchema, matrixQuery, matrixSchema, pairQuery, pairSchema } from './schemas.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      operationId: 'compareTheme',
      tags: ['compare'],
      summary: 'Compare organisations on one theme',
      description:
        "Who said what on a theme, side by side: each organisation's stance, the evidence sentences with their speaker and source, and the figures it cites; plus who is supportive, critical, mixed or neutral, and who said nothing. Narrow it to an event or to named organisations.",
      querystring: compareQuery,
      response: { 200: comparisonSchema, 400: problemSchema },
    },
    config: { csv: comparisonRows, atom: comparisonFeed },
    handler: async (request, reply) => {
      const { reviewed, limit, cursor } = request.query;
      const themeSlug = await resolveOne(app.db, 'theme', 'theme', request.query.theme);
      const { event, organisation: organisations } = await resolveFilters(app.db, { event: request.query.event, organisation: request.query.organisations }, { organisation: 'organisations' });
      const theme = await themeBySlug(app.db, themeSlug);
      if (!theme) throw invalidParameter('query', 'theme', `unknown theme '${themeSlug}'`);
      const offset = offsetOf(decodeCursor(cursor));
      const { nextOffset, ...comparison } = await themeComparison(app.db, themeSlug, { event, organisations, reviewed }, { offset, limit });
      return { theme, ...comparison, limit, next: nextLink(request, reply, nextOffset === undefined ? undefined : { offset: nextOffset }) };
    },
  });

  app.get('/matrix', {
    schema: {
      operationId: 'getStanceMatrix',
      tags: ['compare'],
      summary: 'Organisation × theme stance matrix',
      description:
        'The at-a-glance picture: for every organisation and every theme, its overall stance (null when it said nothing), how many statements back it, and its stance event by event, with `changed` when that differed between events (the RCPCH on funding: neutral on the 2022 review, critical on the 2023 strategy). Narrow it to an event or to named organisations. A page of organisations at a time (20 by default, up to 100), in the order of their names: `next` leads to the rest; CSV gives every page.',
      querystring: matrixQuery,
      response: { 200: matrixSchema, 400: problemSchema },
    },
    config: { csv: matrixRows, atom: matrixFeed },
    handler: async (request, reply) => {
      const { reviewed, limit, cursor } = request.query;
      const { event, organisation: organisations } = await resolveFilters(app.db, { event: request.query.event, organisation: request.query.organisations }, { organisation: 'organisations' });
      const offset = offsetOf(decodeCursor(cursor));
      const themes = (await allThemes(app.db)).map(({ slug, name }) => ({ slug, name }));
      const everyone = await comparedOrganisations(app.db, organisations);
      // Counts are read for this page's organisations only: a row costs the same on any page, whatever the corpus holds.
      const shown = everyone.slice(offset, offset + limit);
      const scope = { events: event, organisations: shown.map((o) => o.slug), reviewedOnly: reviewed };
      const rows = shown.length === 0 ? [] : stanceMatrix(shown, themes, await stanceCounts(app.db, scope), stancesOverEvents(await stanceCountsByEvent(app.db, scope)));
      const end = offset + limit;
      return { themes, rows, total: everyone.length, limit, next: nextLink(request, reply, end < everyone.length ? { offset: end } : undefined) };
    },
  });

  app.get('/organisations', {
    schema: {
      operationId: 'compareOrganisations',
      tags: ['compare'],
      summary: 'Where two organisations agree, oppose each other, or differ in degree',
      description:
        'For every theme: how the two organisations’ overall stances relate, with the evidence on each side, and, per theme, which stakeholders agree with each other. ' +
        'They **agree** when they hold the same stance (two that both find the funding insufficient agree, however differently they say it); they **oppose** each other when one is supportive and the other critical; ' +
        'they **differ in degree** otherwise: one is mixed and the other not (critical against mixed: both find fault, one also welcomes something), or one judged and the other only described (neutral). `only-a`, `only-b` and `neither` say who spoke at all.',
      querystring: pairQuery,
      response: { 200: pairSchema, 400: problemSchema },
    },
    config: { csv: pairRows, atom: pairFeed },
    handler: async (request) => {
      const { reviewed } = request.query;
      const a = await resolveOne(app.db, 'organisation', 'a', request.query.a);
      const b = await resolveOne(app.db, 'organisation', 'b', request.query.b);
      const { event } = await resolveFilters(app.db, { event: request.query.event });
      const everyone = [...new Set([...(await comparedOrganisations(app.db, undefined)).map((o) => o.slug), a, b])];
      const summary = { agree: [] as string[], oppose: [] as string[], differInDegree: [] as string[], onlyA: [] as string[], onlyB: [] as string[], neither: [] as string[] };
      const key = { agree: 'agree', oppose: 'oppose', 'differ-in-degree': 'differInDegree', 'only-a': 'onlyA', 'only-b': 'onlyB', neither: 'neither' } as const;
      // One theme after another: the summary lists the themes in their order.
      const themes = [];
      for (const { slug, name } of await allThemes(app.db)) {
        const comparison = await themeComparison(app.db, slug, { event, organisations: everyone, reviewed }, { only: [a, b] });
        const side = (org: string) => {
          const position = comparison.organisations.find((p) => p.organisation.slug === org);
          return { stance: position?.stance ?? null, statements: position?.statements ?? [] };
        };
        const sideA = side(a);
        const sideB = side(b);
        const how = relation(sideA.stance, sideB.stance);
        summary[key[how]].push(slug);
        themes.push({ theme: { slug, name }, relation: how, a: sideA, b: sideB, agreement: comparison.summary });
      }
      const named = async (slug: string) => (await comparedOrganisations(app.db, [slug]))[0] ?? { slug, name: slug, shortName: slug };
      return { a: await named(a), b: await named(b), summary, themes };
    },
  });
};

export default routes;
