import { jsonList, type Db, type Dialect, type Queries } from '../../db/database.ts';
import { namesInSearch, normaliseName, resolveName, type Named, type NameInSearch } from '../../domain/names.ts';
import { HttpProblem } from '../../errors.ts';
import { unknownSlugs } from '../statements/queries.ts';

type FilterName = 'organisation' | 'theme' | 'event' | 'speaker';
type Filters = Partial<Record<FilterName, string[] | undefined>>;

// Each row's names as one JSON array: its name (and short name) and the aliases editors gave it.
const LISTS: Record<
  FilterName,
  { table: 'organisations' | 'themes' | 'events' | 'people'; path: string; what: string; sql: (dialect: Dialect) => string; person?: boolean }
> = {
  organisation: {
    table: 'organisations',
    path: '/v1/organisations',
    what: 'organisations',
    sql: (d) =>
      `SELECT slug, name AS label, (SELECT ${d.jsonArray('n.value')} FROM (SELECT name AS value UNION ALL SELECT short_name UNION ALL SELECT a.value FROM ${d.jsonElements('aliases')} AS a) AS n) AS names FROM organisations`,
  },
  theme: { table: 'themes', path: '/v1/themes', what: 'themes', sql: (d) => `SELECT slug, name AS label, ${d.jsonArrayOf('name')} AS names FROM themes` },
  event: { table: 'events', path: '/v1/events', what: 'events', sql: (d) => `SELECT slug, title AS label, ${d.jsonArrayOf('title')} AS names FROM events` },
  speaker: {
    table: 'people',
    path: '/v1/people',
    what: 'speakers',
    sql: (d) =>
      `SELECT slug, name AS label, (SELECT ${d.jsonArray('n.value')} FROM (SELECT name AS value UNION ALL SELECT a.value FROM ${d.jsonElements('aliases')} AS a) AS n) AS names FROM people`,
    person: true,
  },
};

/** Everything a filter may name, with every way of writing it (read through `db`, a transaction's queries too). */
async function namedIn(db: Queries, dialect: Dialect, filter: FilterName): Promise<Named[]> {
  const { sql, person } = LISTS[filter];
  return (await db.all<{ slug: string; label: string; names: unknown }>(sql(dialect))).map((row) => ({
    slug: row.slug,
    label: row.label,
    names: jsonList<string | null>(row.names).filter((name): name is string => Boolean(name)),
    ...(person ? { person } : {}),
  }));
}

const listed = (entries: Named[]) => entries.map((entry) => `${entry.slug} (${entry.label})`).join(', ');
const didYouMean = (closest: Named[]) => `did you mean ${closest.length === 1 ? '' : 'one of '}${listed(closest)}?`;

type FieldError = { in: 'query'; name: string; message: string };

/** The slugs `values` name among the `kind`s, and what was wrong with those that name none or several (reported as `param`). */
async function resolveValues(db: Db, kind: FilterName, param: string, values: string[]): Promise<{ slugs: string[]; errors: FieldError[] }> {
  // Apps send slugs: one indexed lookup, and every name of the table is read only when one is not a slug.
  if ((await unknownSlugs(db, LISTS[kind].table, values)).length === 0) return { slugs: [...new Set(values)], errors: [] };
  const entries = await namedIn(db, db.dialect, kind);
  const slugs: string[] = [];
  const errors: FieldError[] = [];
  for (const value of values) {
    const found = resolveName(value, entries);
    if (found.kind === 'found') slugs.push(found.slug);
    else if (found.kind === 'ambiguous') errors.push({ in: 'query', name: param, message: `'${value}' names several ${LISTS[kind].what}: ${listed(found.candidates)}; use one of these slugs` });
    else {
      const hint =
        found.closest.length > 0
          ? didYouMean(found.closest)
          : entries.length <= 12
            ? `the ${LISTS[kind].what} are ${listed(entries)}`
            : `see ${LISTS[kind].path} for the list`;
      errors.push({ in: 'query', name: param, message: `unknown ${kind} '${value}'; ${hint}` });
    }
  }
  return { slugs: [...new Set(slugs)], errors };
}

function refuse(errors: FieldError[]): never {
  throw new HttpProblem(400, 'invalid-parameters', 'Invalid parameters', errors.map((e) => `${e.name}: ${e.message}`).join('; '), errors);
}

/**
 * The filters as slugs, whatever readers typed: a slug in any case, a name, a short name, an alias,
 * a speaker's surname ("LGA", "Local Government Association" and "lga" are the same). A value that
 * names nothing is a 400 listing the closest values (or all of them, when there are few), and one
 * that names several is a 400 listing the candidates, so a typo is never a silent empty page.
 */
export async function resolveFilters<F extends Filters>(db: Db, filters: F, params: Partial<Record<FilterName, string>> = {}): Promise<F> {
  const resolved: Filters = {};
  const errors: FieldError[] = [];
  for (const kind of Object.keys(LISTS) as FilterName[]) {
    const values = filters[kind];
    if (!values?.length) continue;
    const found = await resolveValues(db, kind, params[kind] ?? kind, values);
    resolved[kind] = found.slugs;
    errors.push(...found.errors);
  }
  if (errors.length > 0) refuse(errors);
  return { ...filters, ...resolved };
}

/** One value of one kind (`?a=LGA&b=CCN`), as its slug, or a 400 naming the parameter. */
export async function resolveOne(db: Db, kind: FilterName, param: string, value: string): Promise<string> {
  const { slugs, errors } = await resolveValues(db, kind, param, [value]);
  if (errors.length > 0 || !slugs[0]) refuse(errors);
  return slugs[0];
}

/**
 * Who other than `slug` already answers to `name` (its slug, a name, an alias): an alias must not make a filter ambiguous.
 * `db` may be a transaction's queries, so that the check and the write it guards are one.
 */
export async function nameTakenBy(db: Queries, dialect: Dialect, kind: 'organisation' | 'speaker', name: string, slug: string): Promise<Named | undefined> {
  const others = (await namedIn(db, dialect, kind)).filter((entry) => entry.slug !== slug);
  const found = resolveName(name, others);
  if (found.kind === 'found') return others.find((entry) => entry.slug === found.slug);
  return found.kind === 'ambiguous' ? found.candidates[0] : undefined;
}

const NOUNS: Record<FilterName, string> = { organisation: 'organisation', theme: 'theme', event: 'event', speaker: 'person' };

/**
 * The record a path names, as readers may type it (`/v1/organisations/LGA`): its slug, and whether the
 * path used another name for it (the route then redirects to the slug's URL, so there is one URL per
 * record). A path that names nothing is a 404 listing the closest, or saying where the list is.
 */
export async function pathRecord(db: Db, kind: FilterName, typed: string): Promise<{ slug: string; moved: boolean }> {
  if ((await unknownSlugs(db, LISTS[kind].table, [typed])).length === 0) return { slug: typed, moved: false };
  const entries = await namedIn(db, db.dialect, kind);
  const found = resolveName(typed, entries);
  if (found.kind === 'found') return { slug: found.slug, moved: found.slug !== typed };
  const hint =
    found.kind === 'ambiguous'
      ? `'${typed}' names several: ${listed(found.candidates)}`
      : found.closest.length > 0
        ? didYouMean(found.closest)
        : `see ${LISTS[kind].path} for the list`;
  throw new HttpProblem(404, 'not-found', 'Not found', `No ${NOUNS[kind]} with identifier '${typed}'; ${hint}`);
}

/** The request's URL with the path segment that spelled `typed` replaced by `slug` (query string kept). */
export function canonicalUrl(url: string, typed: string, slug: string): string {
  const [path = '', query] = url.split(/\?(.*)/s);
  const segments = path.split('/');
  const spells = (segment: string) => {
    try {
      return decodeURIComponent(segment) === typed;
    } catch {
      return false;
    }
  };
  const at = segments.map(spells).lastIndexOf(true);
  if (at >= 0) segments[at] = encodeURIComponent(slug);
  return `${segments.join('/')}${query !== undefined ? `?${query}` : ''}`;
}

type SearchEntry = Named & { kind: string };

/** The words a name is written with, normalised as names are compared. */
const nameWords = (text: string) => normaliseName(text).split(' ').filter(Boolean);

// Every organisation and speaker with the words of all its names, per database, until the database changes:
// a search otherwise reads and normalises every name in the corpus (hundreds at scale) to find the one or two it names.
const searchEntries = new WeakMap<Db, { version: string; entries: { entry: SearchEntry; words: string[] }[] }>();

async function entriesForSearch(db: Db): Promise<{ entry: SearchEntry; words: string[] }[]> {
  const version = await db.version();
  const cached = searchEntries.get(db);
  if (cached?.version === version) return cached.entries;
  const entries = [
    ...(await namedIn(db, db.dialect, 'organisation')).map((entry) => ({ ...entry, kind: 'organisation' })),
    ...(await namedIn(db, db.dialect, 'speaker')).map((entry) => ({ ...entry, kind: 'speaker' })),
  ].map((entry) => ({ entry, words: [...new Set([entry.slug, entry.label, ...entry.names].flatMap(nameWords))] }));
  searchEntries.set(db, { version, entries });
  return entries;
}

/**
 * A search (`q`) that names organisations or speakers ("Jamieson shortfall", "LGA kinship"): the
 * names, each to match the rows by that organisation or speaker as well as the rows whose text has
 * the words, and the rest of the search as text. Without `q`, the filters as they are.
 */
export async function withSearchNames<F extends { q?: string | undefined }>(db: Db, filters: F): Promise<F & { names?: NameInSearch[] }> {
  if (!filters.q) return filters;
  // A name is found by the words it is written with, so only entries sharing a word with the search can be named in it.
  const words = new Set([filters.q, ...filters.q.split(/[\s"]+/)].flatMap(nameWords));
  const candidates = (await entriesForSearch(db)).filter((e) => e.words.some((word) => words.has(word))).map((e) => e.entry);
  const { names, rest } = namesInSearch(filters.q, candidates);
  if (names.length === 0) return filters;
  return { ...filters, q: rest || undefined, names };
}
