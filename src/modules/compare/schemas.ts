import { z } from 'zod';
import { RELATIONS } from '../../domain/compare.ts';
import { formatParam, manyOf, namedParam, paginationParams, reviewedParam, stanceSchema } from '../../http/params.ts';
import { exampleDocument, exampleOrganisation, exampleEvidence, exampleFigure } from '../shared/examples.ts';
import { tagTrustFields } from '../shared/tag-trust.ts';
import { documentRef, evidenceSchema, figureSchema, organisationRef, themeRef } from '../shared/schemas.ts';

const scope = {
  event: manyOf(namedParam, 'Only statements answering these event(s), by slug or title, e.g. `implementation-strategy-2023`', 'implementation-strategy-2023'),
  organisations: manyOf(
    namedParam,
    'Only these organisations, by slug, name, short name or alias in any case (default: every stakeholder organisation; the government is included only when named)',
    'lga,london-councils,ccn',
  ),
  ...reviewedParam,
};

export const compareQuery = z.object({
  theme: namedParam.describe('The theme to compare on, by slug or name: `funding`, `workforce`, `early-help`, `kinship`').meta({ example: 'funding' }),
  ...scope,
  limit: paginationParams.limit.describe('Organisations per page (1–100); the summary always covers all of them'),
  cursor: paginationParams.cursor,
  ...formatParam,
});

export const matrixQuery = z.object({
  ...scope,
  limit: paginationParams.limit.describe('Organisations (rows) per page (1–100), in the order of their names'),
  cursor: paginationParams.cursor,
  ...formatParam,
});

const stanceOrSilent = stanceSchema.nullable().describe('null when the organisation said nothing on the theme');

const overEvents = {
  byEvent: z
    .array(z.object({ event: z.string().describe('Event slug'), stance: stanceSchema, statementCount: z.number().int() }))
    .describe('Its stance in its responses to each event, oldest event first'),
  changed: z.boolean().describe('true when its stance differed from one event to another: read `byEvent` before quoting the overall stance'),
};

export const positionSchema = z
  .object({
    organisation: organisationRef,
    stance: stanceOrSilent.describe('Overall stance across its statements: mixed when it both welcomed and criticised; null when silent'),
    statementCount: z.number().int().describe('All its statements tagged with the theme'),
    unreviewed: z.number().int().describe('How many of those tags no editor has reviewed yet: the machine’s guesses behind the stance'),
    ...overEvents,
    statements: z.array(
      z.object({
        id: z.number().int(),
        url: z.string(),
        date: z.string(),
        stance: stanceSchema,
        ...tagTrustFields,
        note: z.string().nullable().describe("The editor's reason for the stance"),
        source: documentRef.omit({ slug: true }),
        evidence: z.array(evidenceSchema),
      }),
    ).describe('Its latest statements on the theme (at most 3), newest first, with their evidence; /v1/statements?organisation=…&theme=… lists them all'),
    figures: z.array(figureSchema.extend({ statementId: z.number().int() })).describe('Figures it cites on the theme in those statements'),
  })
  .meta({ id: 'Position' });

const summarySchema = z
  .object({
    supportive: z.array(z.string()),
    critical: z.array(z.string()),
    mixed: z.array(z.string()),
    neutral: z.array(z.string()),
    silent: z.array(z.string()).describe('Organisations that said nothing on the theme'),
  })
  .describe('Organisation slugs grouped by overall stance');

export const comparisonSchema = z
  .object({
    theme: themeRef.extend({ definition: z.string() }),
    summary: summarySchema,
    organisations: z.array(positionSchema).describe('This page of organisations: critical first, then mixed, supportive, neutral, silent'),
    total: z.number().int().describe('How many organisations are compared, over all pages'),
    limit: z.number().int(),
    next: z.string().nullable().describe('URL of the next page of organisations, or null on the last page'),
  })
  .meta({
    id: 'Comparison',
    example: {
      theme: { slug: 'funding', name: 'Funding', definition: 'Money for the reform or for children’s services …' },
      summary: { supportive: [], critical: ['ccn', 'lga', 'london-councils', 'rcpch'], mixed: [], neutral: [], silent: [] },
      organisations: [
        {
          organisation: exampleOrganisation,
          stance: 'critical',
          statementCount: 1,
          unreviewed: 0,
          byEvent: [{ event: 'implementation-strategy-2023', stance: 'critical', statementCount: 1 }],
          changed: false,
          statements: [
            {
              id: 7,
              url: '/v1/statements/7',
              date: '2023-02-02',
              stance: 'critical',
              origin: 'curated',
              reviewed: true,
              confidence: 1,
              note: 'The funding falls short of what councils and the review say is required; urges an increase to the recommended £2.6bn.',
              source: { title: exampleDocument.title, publisher: exampleDocument.publisher, url: exampleDocument.url, publishedOn: exampleDocument.publishedOn },
              evidence: [exampleEvidence],
            },
          ],
          figures: [{ statementId: 7, ...exampleFigure }],
        },
      ],
      total: 5,
      limit: 20,
      next: null,
    },
  });

export const matrixSchema = z
  .object({
    themes: z.array(themeRef),
    rows: z.array(
      z.object({
        organisation: organisationRef,
        cells: z
          .array(
            z.object({
              theme: z.string(),
              stance: stanceOrSilent,
              statementCount: z.number().int().describe('Statements tagged with the theme'),
              unreviewed: z.number().int().describe('How many of those tags no editor has reviewed yet (0: every tag behind the cell was checked)'),
              ...overEvents,
              counts: z.object({
                supportive: z.number().int(),
                critical: z.number().int(),
                mixed: z.number().int(),
                neutral: z.number().int(),
              }),
            }),
          )
          .describe('One cell per theme, in the order of `themes`'),
      }),
    ).describe('This page of organisations, in the order of their names'),
    total: z.number().int().describe('How many organisations the matrix has, over all pages'),
    limit: z.number().int(),
    next: z.string().nullable().describe('URL of the next page of organisations, or null on the last page'),
  })
  .meta({
    id: 'StanceMatrix',
    example: {
      themes: [
        { slug: 'funding', name: 'Funding' },
        { slug: 'kinship', name: 'Kinship care' },
      ],
      rows: [
        {
          organisation: { slug: 'lga', name: 'Local Government Association', shortName: 'LGA' },
          cells: [
            {
              theme: 'funding',
              stance: 'critical',
              statementCount: 1,
              unreviewed: 0,
              byEvent: [{ event: 'implementation-strategy-2023', stance: 'critical', statementCount: 1 }],
              changed: false,
              counts: { supportive: 0, critical: 1, mixed: 0, neutral: 0 },
            },
            {
              theme: 'kinship',
              stance: 'supportive',
              statementCount: 1,
              unreviewed: 0,
              byEvent: [{ event: 'implementation-strategy-2023', stance: 'supportive', statementCount: 1 }],
              changed: false,
              counts: { supportive: 1, critical: 0, mixed: 0, neutral: 0 },
            },
          ],
        },
      ],
      total: 5,
      limit: 20,
      next: null,
    },
  });

export const pairQuery = z.object({
  a: namedParam.describe('The first organisation, by slug, name, short name or alias').meta({ example: 'lga' }),
  b: namedParam.describe('The second organisation, by slug, name, short name or alias').meta({ example: 'ccn' }),
  event: scope.event,
  reviewed: scope.reviewed,
  ...formatParam,
});

const side = z.object({
  stance: stanceOrSilent,
  statements: positionSchema.shape.statements,
});

export const pairSchema = z
  .object({
    a: organisationRef,
    b: organisationRef,
    summary: z
      .object({
        agree: z.array(z.string()),
        oppose: z.array(z.string()),
        differInDegree: z.array(z.string()),
        onlyA: z.array(z.string()),
        onlyB: z.array(z.string()),
        neither: z.array(z.string()),
      })
      .describe('Theme slugs by how the two relate'),
    themes: z.array(
      z.object({
        theme: themeRef,
        relation: z
          .enum(RELATIONS)
          .describe('agree: the same stance; oppose: supportive against critical; differ-in-degree: mixed against another stance, or a judgement against a neutral description; only-a, only-b, neither: who spoke'),
        a: side,
        b: side,
        agreement: summarySchema.describe('Every stakeholder on this theme, grouped by stance: who agrees with whom'),
      }),
    ),
  })
  .meta({
    id: 'PairComparison',
    example: {
      a: { slug: 'lga', name: 'Local Government Association', shortName: 'LGA' },
      b: exampleOrganisation,
      summary: { agree: ['funding', 'early-help'], oppose: [], differInDegree: [], onlyA: ['workforce', 'kinship'], onlyB: [], neither: [] },
      themes: [
        {
          theme: { slug: 'funding', name: 'Funding' },
          relation: 'agree',
          a: { stance: 'critical', statements: [] },
          b: { stance: 'critical', statements: [] },
          agreement: { supportive: [], critical: ['ccn', 'lga', 'rcpch'], mixed: ['action-for-children', 'london-councils'], neutral: [], silent: [] },
        },
      ],
    },
  });
