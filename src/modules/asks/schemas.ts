import { z } from 'zod';
import { ASK_OUTCOMES, TAGGERS } from '../../db/schema.ts';
import { formatParam, manyOf, paginationParams, statementFilters } from '../../http/params.ts';
import { citationFields, eventRef, organisationRef, span, themeRef, voiceSchema } from '../shared/schemas.ts';

/** `partly met`, however it is written in a URL (`partly-met`, `partly_met`, `Partly Met`). */
const outcomeName = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase().replace(/[-_+]|%20/gu, ' ').replace(/\s+/gu, ' ') : value);

export const outcomeValueSchema = z
  .preprocess(outcomeName, z.enum(ASK_OUTCOMES))
  .describe('What became of the ask: `met`, `partly met` or `not met`')
  .meta({ type: 'string', enum: [...ASK_OUTCOMES] } as never);

export const asksQuery = z.object({
  organisation: statementFilters.organisation.describe(
    'Groups in which these organisation(s) make an ask, by slug, name, short name or alias (every member of such a group is shown, so that who shares the ask can be seen)',
  ),
  theme: statementFilters.theme.describe('Groups on these theme(s), by slug or name: `funding`, `workforce`, `early-help`, `kinship`'),
  target: manyOf(
    z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
    'Groups asking this target or family of targets, in any case: `government` (ministers, the Treasury and the Department for Education too), `ministers`, `the Treasury`, `local authorities`, `all political parties`',
    'government',
  ),
  event: statementFilters.event.describe('Groups with an ask made in response to these event(s), by slug or title'),
  outcome: manyOf(
    z
      .string()
      .transform((value) => outcomeName(value) as string)
      .pipe(z.enum([...ASK_OUTCOMES, 'none'], { error: 'expected one of "met", "partly met", "not met", "none"' }))
      .meta({ type: 'string', enum: [...ASK_OUTCOMES, 'none'] } as never),
    "Groups whose outcome (the newest recorded on any of its asks) is this: `met`, `partly met`, `not met`, or `none` for groups with no outcome recorded yet",
    'none',
  ),
  q: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional().describe('Words in an ask (its wording or what it asks) or in the group’s label, in any case').meta({ example: '£2.6bn' }),
  limit: paginationParams.limit.describe('Groups per page (1–100)'),
  cursor: paginationParams.cursor,
  ...formatParam,
});

export const outcomeSchema = z
  .object({
    outcome: z.enum(ASK_OUTCOMES).describe('What became of the ask'),
    sourceUrl: z.string().describe('Where it can be checked: the announcement, the budget line, the minister’s answer'),
    decidedOn: z.string().describe('When it was met or refused (YYYY-MM-DD)'),
    note: z.string().nullable().describe('The editor’s note'),
    recordedAt: z.string().describe('When an editor recorded it (ISO 8601)'),
  })
  .meta({ id: 'AskOutcome' });

export const askSchema = z
  .object({
    id: z.number().int(),
    organisation: organisationRef.describe('Who asks'),
    target: z.string().describe('Whom it asks, as a reader names them: `government`, `ministers`, `the Treasury`, `local authorities`, `all political parties` …; a demand that names nobody ("Action is desperately needed") is on the government'),
    action: z.string().describe('What it asks, in its own words'),
    text: z.string().describe('The wording: the clause that makes the ask, exactly as written'),
    theme: themeRef.nullable().describe('The theme the ask bears on, if a core one'),
    ...span,
    origin: z.enum(TAGGERS).describe('`curated`: marked by an editor; `analyser`: found by the analyser'),
    voice: voiceSchema,
    speaker: z.object({ name: z.string(), role: z.string().nullable() }).nullable().describe('Who said it, when the ask is in a quote'),
    statement: z.object({ id: z.number().int(), date: z.string().describe('YYYY-MM-DD'), url: z.string().describe('The statement in the API') }),
    event: eventRef.describe('The policy event the statement responds to'),
    ...citationFields,
    url: z.string().describe('This ask in the API, with its outcome history'),
    outcome: outcomeSchema.nullable().describe('What became of it: the newest outcome recorded, or null'),
  })
  .meta({ id: 'Ask' });

const outcomeExample = { outcome: 'not met', sourceUrl: 'https://www.gov.uk/government/publications/spring-budget-2023', decidedOn: '2023-03-15', note: 'No new money for children’s social care in the Spring Budget.', recordedAt: '2023-03-16T09:30:00.000Z' };

/** One ask as the examples show it: the CCN's call for the review's £2.6bn. */
const ASK_EXAMPLE = {
  id: 13,
  organisation: { slug: 'ccn', name: 'County Councils Network', shortName: 'CCN' },
  target: 'government',
  action: 'increase the funding allocated for these reforms in line with the recommended £2.6bn by the end of 2026/27',
  text: 'we urge government to increase the funding allocated for these reforms in line with the recommended £2.6bn by the end of 2026/27',
  theme: { slug: 'funding', name: 'Funding' },
  start: 2370,
  end: 2498,
  origin: 'curated',
  voice: 'direct',
  speaker: { name: 'Cllr Keith Glazier', role: 'Children’s Social Care Spokesperson' },
  statement: { id: 7, date: '2023-02-02', url: '/v1/statements/7' },
  event: { slug: 'implementation-strategy-2023', title: 'Stable Homes, Built on Love', publishedOn: '2023-02-02' },
  citation: 'Cllr Keith Glazier, Children’s Social Care Spokesperson, County Councils Network, in “Government reforms for children’s social care put forward: CCN response”, …',
  permalink: 'http://localhost:3000/statements/7#char=2370,2498',
  url: '/v1/asks/13',
  outcome: outcomeExample,
};

export const askDetailSchema = askSchema
  .extend({
    outcomes: z.array(outcomeSchema).describe('Every outcome recorded, newest first; the first is `outcome`'),
    group: z.object({ key: z.string(), label: z.string() }).describe('The group of similar asks it stands in (see `GET /v1/asks`)'),
  })
  .meta({
    id: 'AskDetail',
    example: { ...ASK_EXAMPLE, outcomes: [outcomeExample], group: { key: 'ask-1', label: '4 organisations ask the government for funding, citing £2.6bn' } },
  });

export const askGroupSchema = z
  .object({
    key: z.string().describe('The group, named after its first ask (`ask-12`): stable while that ask stands first'),
    label: z.string().describe('The group in words: how many organisations ask whom for what, and the amounts they cite'),
    theme: themeRef.nullable(),
    target: z.string().describe('The family of targets its asks address: `government` (ministers, the Treasury, the Department for Education …), `local authorities`, `all political parties` …'),
    organisationCount: z.number().int().describe('How many organisations share the ask'),
    organisations: z.array(organisationRef).describe('Who shares it, by name'),
    figures: z.array(z.string()).describe('The amounts its asks cite (£2.6bn), most cited first'),
    asks: z.array(askSchema).describe('Each organisation’s wording, oldest first, with its citation and outcome'),
    outcome: outcomeSchema.extend({ askId: z.number().int() }).nullable().describe('The newest outcome recorded on any of its asks, or null'),
  })
  .meta({ id: 'AskGroup' });


export const askGroupPageSchema = z
  .object({
    groups: z.array(askGroupSchema).describe('Most organisations first, then most asks'),
    total: z.number().int().describe('Groups matching the filters, over all pages'),
    askCount: z.number().int().describe('Asks in those groups'),
    limit: z.number().int(),
    next: z.string().nullable().describe('URL of the next page of groups, or null on the last page'),
  })
  .meta({
    id: 'AskGroups',
    example: {
      groups: [
        {
          key: 'ask-2',
          label: '4 organisations ask the government for funding, citing £2.6bn',
          theme: { slug: 'funding', name: 'Funding' },
          target: 'government',
          organisationCount: 4,
          organisations: [{ slug: 'ccn', name: 'County Councils Network', shortName: 'CCN' }],
          figures: ['£2.6bn'],
          asks: [ASK_EXAMPLE],
          outcome: { ...outcomeExample, askId: 13 },
        },
      ],
      total: 1,
      askCount: 5,
      limit: 20,
      next: null,
    },
  });

/** A field left out says so, rather than what a value would have to look like. */
const orRequired = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'required' : message);
const isoDate = z.iso.date({ error: orRequired('expected a date as YYYY-MM-DD') });

export const outcomeBody = z
  .object({
    outcome: outcomeValueSchema,
    sourceUrl: z
      .url({ protocol: /^https?$/, error: orRequired('expected an http or https URL') })
      .max(2000, 'must be at most 2000 characters')
      .describe('Where the outcome can be checked (http or https)'),
    decidedOn: isoDate
      .refine((date) => date <= new Date().toISOString().slice(0, 10), 'must not be in the future')
      .describe('When the ask was met or refused (YYYY-MM-DD, not in the future)'),
    note: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters').optional().describe('What the editor wants readers to know'),
  })
  .strict()
  .meta({
    id: 'NewAskOutcome',
    example: { outcome: 'partly met', sourceUrl: 'https://www.gov.uk/government/news/example', decidedOn: '2023-11-22', note: '£160m more, against the £2.6bn asked for.' },
  });
