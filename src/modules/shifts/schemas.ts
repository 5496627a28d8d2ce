import { z } from 'zod';
import { DIRECTIONS } from '../../domain/shifts.ts';
import { formatParam, manyOf, paginationParams, reviewedParam, stanceSchema, statementFilters } from '../../http/params.ts';
import { pageSchema } from '../../http/pagination.ts';
import { tagTrustFields } from '../shared/tag-trust.ts';
import { totalExactField } from '../statements/schemas.ts';
import { documentRef, eventRef, evidenceSchema, organisationRef, themeRef } from '../shared/schemas.ts';

export const directionSchema = z
  .enum(DIRECTIONS)
  .describe(
    'Which way the stance moved. Each stance says whether the organisation welcomes something in the measure and whether it finds fault with it: supportive welcomes only, critical finds fault only, mixed does both, neutral neither. ' +
      '`hardened`: towards critical (it finds more fault or welcomes less, never the reverse): supportive → neutral, mixed or critical; neutral or mixed → critical. ' +
      '`softened`: towards supportive, the other way round. ' +
      '`changed`: between neutral and mixed, which sit level between supportive and critical: it began (or stopped) both welcoming and finding fault, neither harder nor softer.',
  );

export const shiftsQuery = z.object({
  organisation: statementFilters.organisation.describe(
    'Shifts of these organisation(s), by slug, name, short name or alias, in any case (default: every stakeholder; the government is included only when named)',
  ),
  theme: statementFilters.theme.describe('Shifts on these theme(s), by slug or name: `funding`, `workforce`, `early-help`, `kinship`'),
  event: statementFilters.event.describe(
    'Shifts with either side (the earlier or the later statement) responding to these event(s), by slug or title. Shifts are found over all of an organisation’s statements first, so that a change from one event to the next is kept',
  ),
  from: statementFilters.from.describe('Shifts whose later statement (when the change was said) is on or after this date (YYYY-MM-DD)'),
  to: statementFilters.to.describe('Shifts whose later statement is on or before this date (YYYY-MM-DD)'),
  direction: manyOf(directionSchema, 'Only shifts that `hardened`, `softened` or `changed`', 'hardened'),
  ...reviewedParam,
  limit: paginationParams.limit.describe('Shifts per page (1–100)'),
  cursor: paginationParams.cursor,
  ...formatParam,
});

const sideSchema = z
  .object({
    stance: stanceSchema,
    statement: z.object({ id: z.number().int(), date: z.string().describe('YYYY-MM-DD'), url: z.string().describe('The statement in the API') }),
    event: eventRef.describe('The policy event the statement responds to'),
    source: documentRef.omit({ slug: true }).describe('Where the statement was published'),
    ...tagTrustFields,
    note: z.string().nullable().describe("The editor's reason for the stance"),
    evidence: z.array(evidenceSchema).describe('The sentence(s) that carry the stance, each with its speaker, citation and permalink'),
  })
  .meta({ id: 'ShiftSide' });

export const shiftSchema = z
  .object({
    organisation: organisationRef,
    theme: themeRef,
    direction: directionSchema,
    summary: z.string().describe('The shift in a sentence: who, which way, on what, from which stance and when to which stance and when'),
    from: sideSchema.describe('Its stance at the earlier statement'),
    to: sideSchema.describe('Its stance at the next statement tagged with the theme, where it differs'),
  })
  .meta({ id: 'Shift' });

export const shiftPageSchema = pageSchema(shiftSchema)
  .extend({ items: z.array(shiftSchema).describe('Newest first: by the later statement’s date, then its id') })
  .extend(totalExactField)
  .meta({
    id: 'ShiftPage',
    example: {
      items: [
        {
          organisation: { slug: 'rcpch', name: 'Royal College of Paediatrics and Child Health', shortName: 'RCPCH' },
          theme: { slug: 'funding', name: 'Funding' },
          direction: 'hardened',
          summary: 'RCPCH hardened its stance on Funding: neutral (23 May 2022) → critical (2 February 2023)',
          from: {
            stance: 'neutral',
            statement: { id: 2, date: '2022-05-23', url: '/v1/statements/2' },
            event: { slug: 'independent-review-2022', title: 'The Independent Review of Children’s Social Care: final report', publishedOn: '2022-05-23' },
            source: {
              title: "RCPCH responds to the Independent Review of Children's Social Care",
              publisher: 'Royal College of Paediatrics and Child Health',
              url: 'https://www.rcpch.ac.uk/news-events/news/rcpch-responds-independent-review-childrens-social-care',
              publishedOn: '2022-05-23',
            },
            origin: 'curated',
            reviewed: true,
            confidence: 1,
            note: 'Urges the government to back its response with the necessary funding; no funding had been announced to judge.',
            evidence: [
              {
                text: 'We look forward to seeing the Government’s response to the review and urge it to take a child centred approach to policy making fortified with the necessary funding to improve the lives of children and keep them safe.',
                start: 1862,
                end: 2079,
                quoteId: 8,
                voice: 'direct',
                speaker: { slug: 'alison-steele', name: 'Dr Alison Steele', role: 'Officer for Child Protection' },
                citation:
                  'Dr Alison Steele, Officer for Child Protection, Royal College of Paediatrics and Child Health, in “RCPCH responds to the Independent Review of Children\'s Social Care”, Royal College of Paediatrics and Child Health, 23 May 2022, https://www.rcpch.ac.uk/news-events/news/rcpch-responds-independent-review-childrens-social-care',
                permalink: 'http://localhost:3000/statements/2#char=1862,2079',
              },
            ],
          },
          to: {
            stance: 'critical',
            statement: { id: 1, date: '2023-02-02', url: '/v1/statements/1' },
            event: { slug: 'implementation-strategy-2023', title: 'Stable Homes, Built on Love', publishedOn: '2023-02-02' },
            source: {
              title: 'RCPCH responds to Social Care Review Implementation Strategy',
              publisher: 'Royal College of Paediatrics and Child Health',
              url: 'https://www.rcpch.ac.uk/news-events/news/rcpch-responds-social-care-review-implementation-strategy',
              publishedOn: '2023-02-02',
            },
            origin: 'curated',
            reviewed: true,
            confidence: 1,
            note: 'Appalled that just £200m has been budgeted, a far cry from the £2.6bn the review called for.',
            evidence: [
              {
                text: 'The intentions of this report are good, but we are appalled to read that just £200m has been budgeted for this work - a far cry from the £2.6bn suggested by independent review lead Josh MacAlister as needed for this scale of reform.',
                start: 2123,
                end: 2355,
                quoteId: 3,
                voice: 'direct',
                speaker: { slug: 'camilla-kingdon', name: 'Dr Camilla Kingdon', role: 'President' },
                citation:
                  'Dr Camilla Kingdon, President, Royal College of Paediatrics and Child Health, in “RCPCH responds to Social Care Review Implementation Strategy”, Royal College of Paediatrics and Child Health, 2 February 2023, https://www.rcpch.ac.uk/news-events/news/rcpch-responds-social-care-review-implementation-strategy',
                permalink: 'http://localhost:3000/statements/1#char=2123,2355',
              },
            ],
          },
        },
      ],
      total: 2,
      totalExact: true,
      limit: 20,
      next: null,
    },
  });
