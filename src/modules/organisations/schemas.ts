import { z } from 'zod';
import { stanceSchema } from '../../http/params.ts';
import { exampleSpeaker, exampleStatementSummary } from '../shared/examples.ts';
import { statementSummarySchema, themeRef } from '../shared/schemas.ts';

export const organisationSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    shortName: z.string(),
    kind: z.string().describe('professional-body, local-government-association, charity, government …'),
    url: z.string().nullable().describe("The organisation's website"),
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
      statementCount: 1,
      stances: [
        { theme: { slug: 'funding', name: 'Funding' }, stance: 'critical', statementCount: 1 },
        { theme: { slug: 'workforce', name: 'Workforce' }, stance: null, statementCount: 0 },
        { theme: { slug: 'early-help', name: 'Early help' }, stance: 'supportive', statementCount: 1 },
        { theme: { slug: 'kinship', name: 'Kinship care' }, stance: null, statementCount: 0 },
      ],
      speakers: [{ ...exampleSpeaker, quoteCount: 3 }],
      statements: [exampleStatementSummary],
    },
  });
