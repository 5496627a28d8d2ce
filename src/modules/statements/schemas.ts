import { z } from 'zod';
import { VOICES } from '../../db/schema.ts';
import { tagTrustFields } from '../shared/tag-trust.ts';
import { facetParam, formatParam, paginationParams, stanceSchema, statementFilters } from '../../http/params.ts';
import { pageSchema } from '../../http/pagination.ts';
import { facetsField } from '../shared/facets.ts';
import { exampleEvidence, exampleFigure, exampleQuote, exampleStatementSummary } from '../shared/examples.ts';
import {
  citationFields,
  evidenceSchema,
  figureSchema,
  personRef,
  span,
  statementSummarySchema,
  themeRef,
  voiceSchema,
} from '../shared/schemas.ts';

/** How `relevance` orders a broad search: said once for statements and quotes. */
export const RELEVANCE_ORDER =
  'matches are ranked 1 000 at a time, the most recently added first: each page of the first 1 000 shows the best of the 1 000 newest matches, then the next 1 000 ranked, and so on (a search with fewer matches is ranked as a whole)';

/** Whether a list's `total` counts every match (said once for statements and quotes). */
export const totalExactField = {
  totalExact: z
    .boolean()
    .describe('Whether `total` counts every match; false when a broad filter or search has more than 10 000 matches and counting stopped there: `total` is then 10 000, a lower bound'),
};

export const statementListQuery = z.object({
  ...statementFilters,
  sort: z
    .enum(['date', '-date', 'relevance'])
    .optional()
    .describe(`\`-date\` (newest first, the default), \`date\` (oldest first) or \`relevance\` (the default with \`q\`; ${RELEVANCE_ORDER})`),
  ...facetParam,
  ...paginationParams,
  ...formatParam,
});

export const statementHitSchema = statementSummarySchema
  .extend({
    snippet: z.string().nullable().describe('With `q`: the best-matching passage, HTML-escaped, matches wrapped in <mark> (safe to insert as HTML)'),
    snippetVoice: z
      .enum(VOICES)
      .nullable()
      .describe('Whose words the snippet shows: `direct`, `reported` or `own` (the organisation’s), or `publisher` (a page’s background or a reporter’s narrative: nobody’s position, never evidence of a stance); null without `q`'),
    score: z.number().nullable().describe('With `q`: bm25 relevance (lower is more relevant)'),
  })
  .meta({ id: 'StatementHit' });

export const statementPageSchema = pageSchema(statementHitSchema).extend(totalExactField).extend(facetsField).meta({
  id: 'StatementPage',
  example: {
    items: [
      {
        id: 3,
        date: '2023-02-02',
        organisation: { slug: 'lga', name: 'Local Government Association', shortName: 'LGA' },
        event: { slug: 'implementation-strategy-2023', title: 'Stable Homes, Built on Love', publishedOn: '2023-02-02' },
        document: {
          slug: 'councils-strategy-2023',
          title: 'Government strategy to fix children’s social care a "positive" first step…',
          publisher: 'Local Government Lawyer',
          url: 'https://localgovernmentlawyer.co.uk/child-protection/…',
          publishedOn: '2023-02-03',
        },
        summary: 'The LGA welcomes much of the strategy but says the funding falls short of the £1.6bn yearly shortfall.',
        themes: [{ theme: 'funding', stance: 'critical', origin: 'curated', reviewed: true, confidence: 1 }],
        speakers: [{ slug: 'james-jamieson', name: 'Cllr James Jamieson', role: 'Chairman' }],
        url: '/v1/statements/3',
        snippet: null,
        snippetVoice: null,
        score: null,
      },
    ],
    total: 1,
    totalExact: true,
    limit: 20,
    next: null,
  },
});

export const quoteInStatementSchema = z
  .object({ id: z.number().int(), text: z.string(), ...span, speaker: personRef.nullable(), voice: voiceSchema, ...citationFields })
  .meta({ id: 'StatementQuote' });

export const tagSchema = z
  .object({
    theme: themeRef,
    stance: stanceSchema,
    ...tagTrustFields,
    taggedBy: z.enum(['curated', 'analyser']).describe('Who made the tag: an editor (`curated`) or the analyser. Deprecated: read `origin`'),
    note: z.string().nullable().describe("The editor's reason for the stance"),
    evidence: z.array(evidenceSchema),
  })
  .meta({ id: 'ThemeTag' });

export const statementDetailSchema = statementSummarySchema
  .extend({
    document: statementSummarySchema.shape.document.extend({ kind: z.string().describe('press-release, news-article, blog-post …') }),
    text: z.string().describe("The organisation's part of the source document"),
    ...span,
    quotes: z.array(quoteInStatementSchema),
    tags: z.array(tagSchema),
    figures: z.array(figureSchema),
  })
  .meta({
    id: 'StatementDetail',
    example: {
      ...exampleStatementSummary,
      document: { ...exampleStatementSummary.document, kind: 'press-release' },
      text: 'Government reforms for children’s social care put forward: CCN response …',
      start: 0,
      end: 2612,
      quotes: [{ id: exampleQuote.id, text: exampleQuote.text, start: exampleQuote.start, end: exampleQuote.end, speaker: exampleQuote.speaker, voice: exampleQuote.voice, citation: exampleQuote.citation, permalink: exampleQuote.permalink }],
      tags: [
        {
          theme: { slug: 'funding', name: 'Funding' },
          stance: 'critical',
          origin: 'curated',
          reviewed: true,
          confidence: 1,
          taggedBy: 'curated',
          note: 'The funding falls short of what councils and the review say is required; urges an increase to the recommended £2.6bn.',
          evidence: [exampleEvidence],
        },
      ],
      figures: [exampleFigure],
    },
  });
