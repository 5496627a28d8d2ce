import { z } from 'zod';
import { STANCES } from '../db/schema.ts';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lower-case slug such as "london-councils"');

/** What a reader names a thing by in a filter: its slug in any case, its name, short name or an alias ("LGA", "Local Government Association"). */
const named = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');

function splitValues(value: unknown): unknown {
  if (typeof value !== 'string' && !Array.isArray(value)) return value;
  const values = (Array.isArray(value) ? value : [value]).map(String);
  return [...new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))];
}

/** A filter that takes several values: repeated (`?a=x&a=y`) or comma-separated (`?a=x,y`). */
export function manyOf<T extends z.ZodType<string, string>>(item: T, description: string, example: string) {
  return z
    .preprocess(splitValues, z.array(item).max(50, 'at most 50 values'))
    .optional()
    .describe(`${description}. Repeat the parameter or separate values with commas.`)
    .meta({ example: example.split(',') });
}

export const slugParam = slug;
export const namedParam = named;
export const stanceSchema = z.enum(STANCES).describe("The organisation's stance towards the government's measure on the theme");

const isoDate = z.iso.date('expected a date as YYYY-MM-DD');

/** Only tags an editor reviewed count (`reviewed=true`); by default every tag does, the machine's guesses included. */
export const reviewedParam = {
  reviewed: z
    .stringbool({ truthy: ['true'], falsy: ['false'], error: 'expected true or false' })
    .optional()
    .describe('`true`: only tags an editor set or reviewed count towards stances and stance filters; the analyser’s unreviewed guesses are left out')
    // The document says boolean (a query string carries it as `true` or `false`), so generated clients take a boolean.
    .meta({ type: 'boolean' } as never),
};

export const statementFilters = {
  organisation: manyOf(named, 'Organisation(s) by slug, name, short name or alias, in any case: `lga`, `LGA` and `Local Government Association` are the same', 'lga,ccn'),
  theme: manyOf(named, 'Theme(s) by slug or name: `funding`, `workforce`, `early-help` (or `Early help`), `kinship`', 'funding'),
  stance: manyOf(stanceSchema, 'Stance(s) on the given theme(s) (on any theme when no theme is given)', 'critical'),
  event: manyOf(named, 'Policy event(s) by slug or title, e.g. `implementation-strategy-2023` or `Stable Homes, Built on Love`', 'implementation-strategy-2023'),
  speaker: manyOf(named, 'Speaker(s) by slug, name or surname: `james-jamieson`, `James Jamieson` and `Jamieson` find Cllr James Jamieson', 'james-jamieson'),
  from: isoDate.optional().describe('Earliest statement date, inclusive (YYYY-MM-DD)').meta({ example: '2023-01-01' }),
  to: isoDate.optional().describe('Latest statement date, inclusive (YYYY-MM-DD)').meta({ example: '2023-12-31' }),
  q: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .optional()
    .describe('Full-text search (stemmed; "quoted phrases", OR, prefix*, and -word for without; a search of only -words finds nothing), results ranked by relevance with highlighted snippets. The same matches on SQLite and PostgreSQL, except words too common to index (`the`, `and`), which find nothing on PostgreSQL; each engine ranks (bm25, ts_rank) and cuts snippets its own way, so the order of matches that score alike, and a snippet\'s words, can differ. Words that name an organisation or a speaker (`LGA`, `Jamieson`, `"Camilla Kingdon"`) also find what it published or what they said: `Jamieson shortfall` is his statements that mention the shortfall')
    .meta({ example: 'kinship' }),
  ...reviewedParam,
};

/** The largest page every list allows. */
export const MAX_PAGE = 100;

export const paginationParams = {
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_PAGE, `must be at most ${MAX_PAGE}`)
    .default(20)
    .describe('Items per page (1–100)'),
  cursor: z.string().max(200).optional().describe('Opaque cursor from a previous page\'s `next`'),
};

export type StatementFilters = {
  organisation?: string[] | undefined;
  theme?: string[] | undefined;
  stance?: string[] | undefined;
  event?: string[] | undefined;
  speaker?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  /** Organisations and speakers the search named (see withSearchNames): by them, or with their name in the text. */
  names?: { kind: string; slug: string; text: string }[] | undefined;
  reviewed?: boolean | undefined;
};

export const formatParam = {
  format: z
    .enum(['json', 'csv', 'atom'])
    .optional()
    .describe('`csv` for a spreadsheet (or send `Accept: text/csv`); `atom` for an Atom feed to subscribe to in a feed reader (or send `Accept: application/atom+xml`); JSON otherwise'),
};

/** What a list can count its matches by, each the name of the filter that narrows to a value. */
export const FACETS = ['organisation', 'theme', 'stance', 'event', 'speaker'] as const;
export type Facet = (typeof FACETS)[number];

export const facetParam = {
  facet: manyOf(
    z.enum(FACETS),
    'Count every match (not only this page) by organisation, theme, stance, event or speaker, as Datasette’s facets do: the answer’s `facets` lists each value (30 at most, largest counts first) with its count under the current filters and the link that narrows to it (or, for a value already chosen, widens again)',
    'organisation,theme',
  ),
};
