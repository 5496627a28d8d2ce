import { z } from 'zod';
import { stanceSchema } from '../../http/params.ts';
import { tagTrustFields } from '../shared/tag-trust.ts';
import { exampleSpeaker, exampleStatementSummary } from '../shared/examples.ts';
import { documentRef, eventRef, evidenceSchema, statementSummarySchema, themeRef } from '../shared/schemas.ts';

export const organisationSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    shortName: z.string(),
    kind: z.string().describe('professional-body, local-government-association, charity, government …'),
    url: z.string().nullable().describe("The organisation's website"),
    aliases: z.array(z.string()).describe('Other names it is found by in filters (besides its slug, name and short name), kept by editors'),
    statementCount: z.number().int(),
  })
  .meta({ id: 'Organisation' });

export const organisationListSchema = z
  .object({ items: z.array(organisationSchema), total: z.number().int() })
  .meta({
    id: 'OrganisationList',
    example: {
      items: [
        {
          slug: 'lga',
          name: 'Local Government Association',
          shortName: 'LGA',
          kind: 'local-government-association',
          url: 'https://www.local.gov.uk',
          aliases: ['Local Govt Association'],
          statementCount: 1,
        },
      ],
      total: 1,
    },
  });

export const organisationDetailSchema = organisationSchema
  .extend({
    stances: z
      .array(
        z.object({
          theme: themeRef,
          stance: stanceSchema.nullable().describe('Overall stance across its statements; null when it never spoke on the theme'),
          statementCount: z.number().int(),
          unreviewed: z.number().int().describe('How many of those tags no editor has reviewed yet'),
        }),
      )
      .describe('Its stance on every theme'),
    speakers: z.array(z.object({ slug: z.string(), name: z.string(), role: z.string().nullable(), quoteCount: z.number().int() })),
    statements: z.array(statementSummarySchema).describe('Newest first'),
  })
  .meta({
    id: 'OrganisationDetail',
    example: {
      slug: 'ccn',
      name: 'County Councils Network',
      shortName: 'CCN',
      kind: 'local-government-association',
      url: 'https://www.countycouncilsnetwork.org.uk',
      aliases: [],
      statementCount: 1,
      stances: [
        { theme: { slug: 'funding', name: 'Funding' }, stance: 'critical', statementCount: 1, unreviewed: 0 },
        { theme: { slug: 'workforce', name: 'Workforce' }, stance: null, statementCount: 0, unreviewed: 0 },
        { theme: { slug: 'early-help', name: 'Early help' }, stance: 'supportive', statementCount: 1, unreviewed: 0 },
        { theme: { slug: 'kinship', name: 'Kinship care' }, stance: null, statementCount: 0, unreviewed: 0 },
      ],
      speakers: [{ ...exampleSpeaker, quoteCount: 3 }],
      statements: [exampleStatementSummary],
    },
  });

export const timelineSchema = z
  .object({
    organisation: z.object({ slug: z.string(), name: z.string(), shortName: z.string() }),
    events: z.array(eventRef).describe('The policy events it responded to, in date order'),
    themes: z.array(
      z.object({
        theme: themeRef,
        points: z
          .array(
            z.object({
              date: z.string(),
              event: eventRef,
              stance: stanceSchema,
              ...tagTrustFields,
              statement: z.object({ id: z.number().int(), url: z.string() }),
              source: documentRef.omit({ slug: true }).describe('Where the statement was published'),
              evidence: z.array(evidenceSchema),
            }),
          )
          .describe('Its stance on the theme at each statement, oldest first'),
      }),
    ),
  })
  .meta({
    id: 'Timeline',
    example: {
      organisation: { slug: 'rcpch', name: 'Royal College of Paediatrics and Child Health', shortName: 'RCPCH' },
      events: [
        { slug: 'independent-review-2022', title: 'The Independent Review of Children’s Social Care: final report', publishedOn: '2022-05-23' },
        { slug: 'implementation-strategy-2023', title: 'Stable Homes, Built on Love', publishedOn: '2023-02-02' },
      ],
      themes: [
        {
          theme: { slug: 'funding', name: 'Funding' },
          points: [
            { date: '2022-05-23', event: { slug: 'independent-review-2022', title: 'The Independent Review of Children’s Social Care: final report', publishedOn: '2022-05-23' }, stance: 'neutral', origin: 'curated', reviewed: true, confidence: 1, statement: { id: 2, url: '/v1/statements/2' }, source: { title: 'RCPCH responds to the Independent Review of Children’s Social Care', publisher: 'Royal College of Paediatrics and Child Health', url: 'https://www.rcpch.ac.uk/news-events/news/rcpch-responds-independent-review-childrens-social-care', publishedOn: '2022-05-23' }, evidence: [] },
            { date: '2023-02-02', event: { slug: 'implementation-strategy-2023', title: 'Stable Homes, Built on Love', publishedOn: '2023-02-02' }, stance: 'critical', origin: 'curated', reviewed: true, confidence: 1, statement: { id: 1, url: '/v1/statements/1' }, source: { title: 'RCPCH responds to Social Care Review Implementation Strategy', publisher: 'Royal College of Paediatrics and Child Health', url: 'https://www.rcpch.ac.uk/news-events/news/rcpch-responds-social-care-review-implementation-strategy', publishedOn: '2023-02-02' }, evidence: [] },
          ],
        },
      ],
    },
  });
