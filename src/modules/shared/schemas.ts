import { z } from 'zod';
import { EVIDENCE_VOICES } from '../../db/schema.ts';
import { tagTrustFields } from './tag-trust.ts';
import { stanceSchema } from '../../http/params.ts';

export const organisationRef = z
  .object({
    slug: z.string().describe('Stable identifier, used in URLs and filters'),
    name: z.string(),
    shortName: z.string().describe('The usual abbreviation, e.g. LGA'),
  })
  .meta({ id: 'OrganisationRef' });

export const eventRef = z
  .object({ slug: z.string(), title: z.string(), publishedOn: z.string().describe('YYYY-MM-DD') })
  .meta({ id: 'EventRef' });

export const themeRef = z.object({ slug: z.string(), name: z.string() }).meta({ id: 'ThemeRef' });

export const personRef = z
  .object({ slug: z.string(), name: z.string(), role: z.string().nullable() })
  .meta({ id: 'PersonRef', description: 'A speaker' });

export const documentRef = z
  .object({
    slug: z.string(),
    title: z.string(),
    publisher: z.string(),
    url: z.string().describe('Where the source document was published'),
    publishedOn: z.string().describe('YYYY-MM-DD'),
  })
  .meta({ id: 'DocumentRef', description: 'The source document a statement was found in' });

/** Whose words a quote or evidence span is; a stance rests only on these three (never on publisher text). */
export const voiceSchema = z
  .enum(EVIDENCE_VOICES)
  .describe(
    '`direct`: words in quotation marks attributed to a speaker (show them in quotation marks); `reported`: the publisher’s account of what someone said (show it without quotation marks and cite the publisher); `own`: the organisation’s own unattributed text on its own page',
  );

export const citationFields = {
  citation: z.string().describe('Ready to paste, saying whose words they are: a speaker quoted (name, role, organisation), "as reported by" the publisher for reported speech, or the organisation’s own statement; then title, publisher, date, URL'),
  permalink: z
    .string()
    .describe('A stable, absolute link to the passage (`…/statements/7#char=2050,2287`): in a browser, the statement’s page with the passage highlighted; for an app, the statement’s JSON'),
};

export const span = {
  start: z.number().int().describe('Offset of the first character in the source document text (UTF-16 code units)'),
  end: z.number().int().describe('Offset just past the last character (exclusive)'),
};

export const evidenceSchema = z
  .object({
    text: z.string().describe('The exact sentence(s) that carry the stance'),
    ...span,
    quoteId: z.number().int().nullable().describe('The quote this evidence lies in, if any'),
    voice: voiceSchema,
    speaker: personRef.nullable().describe("Who said it; null when it is the organisation's own voice"),
    ...citationFields,
  })
  .meta({ id: 'Evidence' });

export const figureSchema = z
  .object({
    raw: z.string().describe('The figure as written, e.g. "£2.6bn"'),
    value: z.number().describe('The normalised number, e.g. 2600000000'),
    unit: z.string().describe('GBP, children, people, social-workers, local-authorities, percent, proportion, years …'),
    measures: z.string().describe('What the number measures'),
    period: z.string().nullable().describe('The period it covers, where stated'),
    theme: z.string().nullable().describe('The theme it bears on'),
    ...span,
  })
  .meta({ id: 'Figure' });

export const themeStanceSchema = z
  .object({
    theme: z.string().describe('Theme slug'),
    stance: stanceSchema,
    ...tagTrustFields,
  })
  .meta({ id: 'ThemeStance' });

export const statementSummarySchema = z
  .object({
    id: z.number().int(),
    date: z.string().describe('YYYY-MM-DD'),
    organisation: organisationRef,
    event: eventRef,
    document: documentRef,
    summary: z.string().describe('An editorial one-line summary'),
    themes: z.array(themeStanceSchema).describe('The themes the statement discusses and its stance on each'),
    speakers: z.array(personRef).describe('People quoted in the statement'),
    url: z.string().describe('This statement in the API'),
  })
  .meta({ id: 'StatementSummary' });

export const slugPath = z.object({ slug: z.string().max(100).describe('The slug, e.g. `lga`') });
/** The largest id either engine stores (PostgreSQL's ids are 32-bit integers): a larger one names nothing, precisely. */
export const MAX_ID = 2_147_483_647;
export const idSchema = z.coerce.number().int('must be a whole number').positive('must be positive').max(MAX_ID, `must be at most ${MAX_ID}`);
export const idPath = z.object({ id: idSchema.describe('Numeric id') });

export { problemSchema } from '../../errors.ts';

/** The names readers may also use for an organisation or a person in filters. */
export const aliasesSchema = z
  .object({ aliases: z.array(z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters')).max(30, 'at most 30 aliases') })
  .meta({ id: 'Aliases', example: { aliases: ['Local Govt Association'] } });
