import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { compareOnTheme, stanceMatrix } from '../../domain/compare.ts';
import { invalidParameter, problemSchema } from '../../errors.ts';
import { checkFilterSlugs } from '../shared/filters.ts';
import { evidenceForTags } from '../statements/queries.ts';
import { allThemes, comparedOrganisations, figuresOnTheme, sourcesOf, tagRows, themeBySlug } from './queries.ts';
import { compareQuery, comparisonSchema, matrixQuery, matrixSchema } from './schemas.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      tags: ['compare'],
      summary: 'Compare organisations on one theme',
      description:
        "Who said what on a theme, side by side: each organisation's stance, the evidence sentences with their speaker and source, and the figures it cites; plus who is supportive, critical, mixed or neutral, and who said nothing. Narrow it to an event or to named organisations.",
      querystring: compareQuery,
      response: { 200: comparisonSchema, 400: problemSchema },
    },
    handler: async (request) => {
      const { theme: themeSlug, event, organisations } = request.query;
      const theme = themeBySlug(app.db, themeSlug);
      if (!theme) throw invalidParameter('query', 'theme', `unknown theme '${themeSlug}'; see /v1/themes for the list`);
      checkFilterSlugs(app.db, { event, organisation: organisations });

      const tags = tagRows(app.db, { theme: themeSlug, events: event, organisations });
      const statementIds = [...new Set(tags.map((t) => t.statementId))];
      const evidence = evidenceForTags(app.db, tags.map((t) => t.tagId));
      const sources = sourcesOf(app.db, statementIds);
      const figures = figuresOnTheme(app.db, themeSlug, statementIds);

      const facts = tags.map((tag) => ({
        ...tag,
        evidence: evidence.get(tag.tagId) ?? [],
        figures: figures.filter((f) => f.statementId === tag.statementId),
      }));
      const comparison = compareOnTheme(comparedOrganisations(app.db, organisations), facts);
      return {
        theme,
        summary: comparison.summary,
        organisations: comparison.positions.map((position) => ({
          ...position,
          statements: position.statements.map((s) => ({
            id: s.statementId,
            url: `/v1/statements/${s.statementId}`,
            date: s.date,
            stance: s.stance,
            note: s.note,
            source: sources.get(s.statementId) ?? { title: '', publisher: '', url: '', publishedOn: '' },
            evidence: s.evidence,
          })),
        })),
      };
    },
  });

  app.get('/matrix', {
    schema: {
      tags: ['compare'],
      summary: 'Organisation × theme stance matrix',
      description:
        'The at-a-glance picture: for every organisation and every theme, its overall stance (null when it said nothing) and how many statements back it. Narrow it to an event or to named organisations.',
      querystring: matrixQuery,
      response: { 200: matrixSchema, 400: problemSchema },
    },
    handler: async (request) => {
      const { event, organisations } = request.query;
      checkFilterSlugs(app.db, { event, organisation: organisations });
      const themes = allThemes(app.db).map(({ slug, name }) => ({ slug, name }));
      const rows = stanceMatrix(comparedOrganisations(app.db, organisations), themes, tagRows(app.db, { events: event, organisations }));
      return { themes, rows };
    },
  });
};

export default routes;
