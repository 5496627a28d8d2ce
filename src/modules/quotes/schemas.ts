import { z } from 'zod';
import { EVIDENCE_VOICES } from '../../db/schema.ts';
import { facetParam, formatParam, manyOf, paginationParams, statementFilters } from '../../http/params.ts';
import { pageSchema } from '../../http/pagination.ts';
import { facetsField } from '../shared/facets.ts';
import { RELEVANCE_ORDER, totalExactField } from '../statements/schemas.ts';
import { exampleQuote } from '../shared/examples.ts';
import { voiceSchema, citationFields, documentRef, eventRef, organisationRef, personRef, span, themeStanceSchema } from '../shared/schemas.ts';

export const quoteListQuery = z.object({
  ...statementFilters,
  theme: statementFilters.theme.describe('Quotes that carry evidence for these theme(s)'),
  stance: statementFilters.stance.describe('Quotes that carry evidence of this stance (on the given themes, if any)'),
  q: statementFilters.q.describe('Full-text search over the quotes (stemmed; "quoted phrases", OR, prefix*, -word for without), ranked, with highlighted snippets; the same matches on SQLite and PostgreSQL, though each engine ranks and cuts snippets its own way. Words that name a speaker or an organisation (`Jamieson`, `Cllr James Jamieson`, `LGA`) also find their quotes, whose text rarely has the name: `Jamieson shortfall` is what he said about the shortfall'),
  voice: manyOf(z.enum(EVIDENCE_VOICES), 'Only quotes in these voice(s): `direct` (in quotation marks), `reported` (the publisher’s account of what was said), `own` (the organisation’s own text)', 'reported'),
  sort: z.enum(['date', '-date', 'relevance']).optional().describe(`\`-date\` (default), \`date\`, or \`relevance\` (default with \`q\`; ${RELEVANCE_ORDER})`),
  ...facetParam,
  ...paginationParams,
  ...formatParam,
});

export const quoteSchema = z
  .object({
    id: z.number().int(),
    text: z.string().describe('The verbatim words'),
    ...span,
    speaker: personRef.nullable().describe("null when the organisation speaks in its own voice"),
    voice: voiceSchema,
    organisation: organisationRef,
    statement: z.object({ id: z.number().int(), date: z.string(), url: z.string() }),
    event: eventRef,
    document: documentRef,
    themes: z.array(themeStanceSchema).describe('Themes this quote is evidence for, with the stance it carries'),
    url: z.string(),
    ...citationFields,
  })
  .meta({ id: 'Quote', example: exampleQuote });

export const quoteHitSchema = quoteSchema
  .extend({ snippet: z.string().nullable(), score: z.number().nullable() })
  .meta({ id: 'QuoteHit' });

export const quotePageSchema = pageSchema(quoteHitSchema).extend(totalExactField).extend(facetsField).meta({
  id: 'QuotePage',
  example: {
    items: [{ ...exampleQuote, snippet: 'We are pleased that the government has acted on our calls and will look to <mark>pilot</mark> this new approach…', score: -2.1 }],
    total: 1,
    totalExact: true,
    limit: 20,
    next: null,
  },
});
