import { z } from 'zod';
import { EVENT_KINDS } from '../../domain/analyse/lexicon.ts';
import { slugParam, stanceSchema } from '../../http/params.ts';
import { idSchema } from '../shared/schemas.ts';

/** The longest text analysed or stored, in characters: a long report, not a book. */
export const MAX_TEXT_LENGTH = 100_000;

const text = z
  .string()
  .refine((t) => t.trim().length > 0, 'must not be empty')
  .describe(`The full text of the press response (at most ${MAX_TEXT_LENGTH.toLocaleString('en-GB')} characters; longer is a 413)`);

export const analyseBody = z.preprocess(
  (body) => (typeof body === 'string' ? { text: body } : body),
  z.object({
    text,
    organisation: slugParam.optional().describe('The organisation speaking, if known (a government department describes rather than judges)'),
    event: slugParam
      .optional()
      .describe('The event the text reacts to (see /v1/events), if known: after a government measure a demand ("we urge the Government to fund …") is critical, reacting to a review’s recommendations it endorses them'),
    publisher: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('Who published the text, when not the organisation itself (a news site): its narrative is then nobody’s position, and only quotes and reported speech are evidence'),
  }),
);

const span = { start: z.number().int(), end: z.number().int() };
const analysedSpan = z.object({ text: z.string(), ...span });

export const analysisSchema = z
  .object({
    sentences: z.array(analysedSpan.extend({ heading: z.boolean().describe('A heading or list label, not discussion') })),
    themes: z.array(
      z.object({
        theme: z.string(),
        stance: stanceSchema,
        mentions: z.number().int().describe('Sentences that discuss the theme'),
        confidence: z.number().min(0).max(1).describe('How sure the analyser is of the stance, 0–1: how strong and how consistent its cues were (see the README)'),
        evidence: z.array(analysedSpan.extend({ stance: stanceSchema, cues: z.array(z.string()).describe('The stance cues found') })),
        figures: z.array(z.number().int()).describe('Indexes into `figures` of the figures on this theme'),
      }),
    ),
    quotes: z.array(
      analysedSpan.extend({
        speaker: z.object({ name: z.string(), role: z.string().nullable(), organisation: z.string().nullable() }).nullable(),
        organisation: z.string().nullable().describe('The organisation named in the attribution, if any'),
        voice: z.enum(['direct', 'reported', 'own']).describe('`direct` (quotation marks or "X said:"), `reported` (the publisher’s account of what was said), `own` (the organisation’s own voice)'),
      }),
    ),
    publisherSpans: z.array(analysedSpan).describe('With a `publisher`: the sentences that are the publisher’s narrative, outside every quote; no stance rests on them'),
    figures: z.array(
      z.object({
        raw: z.string(),
        value: z.number(),
        unit: z.string(),
        measures: z.string(),
        period: z.string().nullable(),
        theme: z.string().nullable(),
        ...span,
        context: analysedSpan.describe('The sentence the figure is in'),
      }),
    ),
    organisations: z.array(analysedSpan.extend({ slug: z.string() })).describe('Known organisations mentioned'),
    events: z.array(analysedSpan.extend({ slug: z.string() })).describe('Known policy events mentioned'),
    judgedAgainst: z
      .object({ slug: z.string(), kind: z.enum(EVENT_KINDS) })
      .nullable()
      .describe('The event the stances were judged against (stance is toward what it puts forward: a `measure`, or a review’s `recommendations`); null when none was given, and a government measure was assumed'),
  })
  .meta({
    id: 'Analysis',
    example: {
      sentences: [{ text: 'We welcome the £45m for kinship carers, but it falls short of what families need.', start: 0, end: 82, heading: false }],
      themes: [
        {
          theme: 'kinship',
          stance: 'mixed',
          mentions: 1,
          confidence: 0.74,
          evidence: [{ text: 'We welcome the £45m for kinship carers, but it falls short of what families need.', start: 0, end: 82, stance: 'mixed', cues: ['welcome', 'falls short'] }],
          figures: [],
        },
      ],
      quotes: [],
      publisherSpans: [],
      figures: [
        {
          raw: '£45m',
          value: 45000000,
          unit: 'GBP',
          measures: 'amount of money',
          period: null,
          theme: 'funding',
          start: 15,
          end: 19,
          context: { text: 'We welcome the £45m for kinship carers, but it falls short of what families need.', start: 0, end: 82 },
        },
      ],
      organisations: [],
      events: [],
      judgedAgainst: { slug: 'implementation-strategy-2023', kind: 'measure' },
    },
  });

export const newOrganisationSchema = z.object({
  name: z.string().trim().min(1).max(200),
  slug: slugParam.optional(),
  shortName: z.string().trim().min(1).max(100).optional(),
  kind: z.string().trim().min(1).max(60).optional().describe('charity, professional-body, local-government-association, government …'),
  url: z.url({ protocol: /^https?$/ }).optional(),
});

export const newStatementBody = z.object({
  text,
  organisation: z
    .union([slugParam, newOrganisationSchema])
    .describe('A known organisation slug, or an object with at least a name: the organisation is created if new'),
  event: slugParam.describe('The policy event responded to, e.g. `implementation-strategy-2023`'),
  date: z.iso.date('expected a date as YYYY-MM-DD').describe('When the statement was made'),
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).max(2000).describe('Where it was published'),
  title: z.string().trim().min(1).max(300).describe('The headline of the source document'),
  publisher: z.string().trim().min(1).max(200).optional().describe('Who published it (default: the organisation)'),
  kind: z.enum(['press-release', 'news-article', 'blog-post', 'speech', 'report', 'other']).optional().describe('Default press-release'),
}).meta({
  example: {
    text: 'Barnardo’s responds to the strategy\n\nLynn Perry, Chief Executive of Barnardo’s, said: “We welcome the focus on family help, but £200m over two years falls short of what is needed.”',
    organisation: { name: 'Barnardo’s', kind: 'charity', url: 'https://www.barnardos.org.uk' },
    event: 'implementation-strategy-2023',
    date: '2023-02-02',
    url: 'https://www.barnardos.org.uk/news/example',
    title: 'Barnardo’s responds to the strategy',
  },
});

export const tagPath = z.object({
  id: idSchema.describe('Statement id'),
  theme: slugParam.describe('Theme slug'),
});

const evidenceSpans = z
  .array(z.object(span).describe('Document offsets of a sentence inside the statement'))
  .min(1)
  .max(10);

export const tagPatchBody = z
  .object({ stance: stanceSchema.optional(), evidence: evidenceSpans.optional() })
  .refine((b) => b.stance !== undefined || b.evidence !== undefined, 'give a stance, evidence, or both');

export const tagPutBody = z.object({ stance: stanceSchema, evidence: evidenceSpans });

export const quotePatchBody = z
  .object({
    speaker: slugParam.nullable().optional().describe("A person's slug (see /v1/people), or null for the organisation's own voice"),
    voice: z
      .enum(['direct', 'reported', 'own'])
      .optional()
      .describe('Whose words: `direct` (in quotation marks), `reported` (the publisher’s account of what was said), `own` (the organisation’s own text); evidence in the quote follows'),
  })
  .refine((body) => body.speaker !== undefined || body.voice !== undefined, { message: 'send a speaker, a voice, or both' });

