import { z } from 'zod';
import { paginationParams, statementFilters } from '../../http/params.ts';
import { pageSchema } from '../../http/pagination.ts';
import { documentRef, eventRef, organisationRef, personRef, span, themeStanceSchema } from '../shared/schemas.ts';

export const quoteListQuery = z.object({
  ...statementFilters,
  theme: statementFilters.theme.describe('Quotes that carry evidence for these theme(s)'),
  stance: statementFilters.stance.describe('Quotes that carry evidence of this stance (on the given themes, if any)'),
  q: statementFilters.q.describe('Full-text search over the quotes (stemmed; "quoted phrases", OR, prefix*), ranked, with highlighted snippets'),
  sort: z.enum(['date', '-date', 'relevance']).optional().describe('`-date` (default), `date`, or `relevance` (default with `q`)'),
  ...paginationParams,
});

export const quoteSchema = z
  .object({
    id: z.number().int(),
    text: z.string().describe('The verbatim words'),
    ...span,
    speaker: personRef.nullable().describe("null when the organisation speaks in its own voice"),
    organisation: organisationRef,
    statement: z.object({ id: z.number().int(), date: z.string(), url: z.string() }),
    event: eventRef,
    document: documentRef,
    themes: z.array(themeStanceSchema).describe('Themes this quote is evidence for, with the stance it carries'),
    url: z.string(),
  })
  .meta({ id: 'Quote' });

export const quoteHitSchema = quoteSchema
  .extend({ snippet: z.string().nullable(), score: z.number().nullable() })
  .meta({ id: 'QuoteHit' });

export const quotePageSchema = pageSchema(quoteHitSchema).meta({
  id: 'QuotePage',
  example: {
    items: [
      {
        id: 12,
        text: 'However, funding looks set to remain a major concern. …',
        start: 5810,
        end: 6090,
        speaker: { slug: 'ian-edwards', name: 'Cllr Ian Edwards', role: 'Executive Member for Children & Young People' },
        organisation: { slug: 'london-councils', name: 'London Councils', shortName: 'London Councils' },
        statement: { id: 4, date: '2023-02-03', url: '/v1/statements/4' },
        event: { slug: 'implementation-strategy-2023', title: 'Stable Homes, Built on Love', publishedOn: '2023-02-02' },
        document: { slug: 'councils-strategy-2023', title: '…', publisher: 'LocalGov', url: 'https://…', publishedOn: '2023-02-03' },
        themes: [{ theme: 'funding', stance: 'mixed' }],
        url: '/v1/quotes/12',
        snippet: 'However, <mark>funding</mark> looks set to remain a major concern…',
        score: -1.2,
      },
    ],
    total: 1,
    limit: 20,
    next: null,
  },
});
