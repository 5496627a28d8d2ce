import { generateAtomFeed } from 'feedsmith';

// Atom feeds (RFC 4287) over the lists and comparisons: each route says how its JSON body becomes
// entries (`config: { atom }`, mappers in atom-entries.ts); this file makes the feed around them.

export const ATOM_TYPE = 'application/atom+xml';

/** What a mapper builds links and ids on. */
export interface FeedContext {
  /** An absolute URL on the service for a path (`/statements/7`); an absolute URL stays as it is. */
  link(path: string): string;
  /** The Atom form of a list on the service: `/v1/statements` with `{ organisation: 'lga' }` and `format=atom`. */
  feed(path: string, params?: Record<string, string>): string;
}

export interface FeedLink {
  href: string;
  type?: string;
  title?: string;
}

export interface FeedPerson {
  name: string;
  uri?: string;
}

export interface FeedEntry {
  /** What the entry is about, unique in the service (`statement/7`, `statement/7/theme/funding`): its id is the tag: URI of it. */
  key: string;
  title: string;
  /** YYYY-MM-DD: the statement's (or event's) date. An entry without one takes the feed's `updated`. */
  date?: string;
  /** Orders entries of one date, highest first: the statement's id. */
  rank?: number;
  /** The entry's `rel="alternate"` link: the statement's page, the passage's permalink, or the item in the API. */
  link: FeedLink;
  /** The source document the entry reports (`rel="via"`). */
  via?: string;
  /** Other useful links (`rel="related"`): the feed of an organisation's statements, its website. */
  related?: FeedLink[];
  authors?: FeedPerson[];
  contributors?: FeedPerson[];
  categories?: { term: string; scheme?: string; label?: string }[];
  summary?: string;
  content?: string;
}

export interface FeedShape {
  /** What the feed lists ("Statements"); the filters the request named are added to it. */
  title: string;
  entries: FeedEntry[];
}

/** How a route's JSON body becomes a feed: set as `config: { atom }` on the route. */
export type FeedOf = (body: never, context: FeedContext) => FeedShape;

/** The date in every tag: URI the service mints (RFC 4151 asks for a day its authority was held); fixed, so ids never change. */
const TAG_DATE = '2026';
/** Parameters that choose a representation or a page, not what the feed is about. */
const NOT_FILTERS = new Set(['format', 'cursor', 'limit']);
const DNS_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;
// Characters XML 1.0 cannot carry at all (C0 controls but tab, line feed and carriage return; U+FFFE,
// U+FFFF; unpaired surrogates): stored text that holds one still makes a well-formed feed without it.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML can carry it. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Every string in a value, as XML can carry it. */
function xmlSafe<T>(value: T): T {
  if (typeof value === 'string') return xmlText(value) as T;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(xmlSafe) as T;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, xmlSafe(field)])) as T;
}

/** A path on the service as an absolute URL: on the origin as it is, so that a PUBLIC_URL with a path keeps it (as permalinks do). */
function absolute(path: string, origin: string): string {
  return /^[a-z][a-z\d+.-]*:/i.test(path) ? path : `${origin}${path.startsWith('/') ? '' : '/'}${path}`;
}

/** An absolute URL with `format` set (the feed's own links say `atom`, so that they stay feeds whatever a reader sends as Accept). */
function withFormat(path: string, origin: string, format: string, params: Record<string, string> = {}): string {
  const url = absolute(path, origin);
  const mark = url.indexOf('?');
  // The query rebuilt, the rest kept as written: the links read like the JSON's permalinks.
  const search = new URLSearchParams(mark < 0 ? '' : url.slice(mark + 1));
  for (const [name, value] of Object.entries(params)) search.set(name, value);
  // Always last, so that a feed asked for by Accept and by `?format=atom` links alike.
  search.delete('format');
  search.append('format', format);
  return `${mark < 0 ? url : url.slice(0, mark)}?${search}`;
}

export function feedContext(origin: string): FeedContext {
  return {
    link: (path) => absolute(path, origin),
    feed: (path, params) => withFormat(path, origin, 'atom', params),
  };
}

/**
 * A tag: URI (RFC 4151) on the service's host name: an entry keeps its id whatever is corrected in it,
 * so a reader never shows it twice; and an id holds no `&`, which the feed library would wrap in CDATA.
 */
function tagUri(origin: string, specific: string): string {
  const host = new URL(origin).hostname;
  return `tag:${DNS_NAME.test(host) ? host.toLowerCase() : 'localhost'},${TAG_DATE}:${specific}`;
}

/** The filters the request named, in a stable order: `organisation=lga, theme=funding`. */
function filtersOf(url: URL): [string, string][] {
  return [...url.searchParams].filter(([name]) => !NOT_FILTERS.has(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const instant = (date: string) => new Date(`${date}T00:00:00Z`);

/** Newest first: by date, then by rank; entries alike keep the order of the list. */
function newestFirst(entries: FeedEntry[], undated: string): FeedEntry[] {
  return entries
    .map((entry, index) => ({ entry, index, date: entry.date ?? undated }))
    .sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : (y.entry.rank ?? 0) - (x.entry.rank ?? 0) || x.index - y.index))
    .map(({ entry }) => entry);
}

export interface FeedRequest {
  /** The origin links are built on (PUBLIC_URL or the request's own). */
  origin: string;
  /** The request's path and query. */
  url: string;
  /** The JSON body's `next`, when there is a further page. */
  next?: string | null;
  /** When the feed last changed: the answer's Last-Modified, else its newest entry. */
  updated?: Date;
}

/** The Atom document of a route's answer: newest first, with its self and next (RFC 5005) links. */
export function atomFeed(shape: FeedShape, request: FeedRequest): string {
  // The path as the service routes it (without a PUBLIC_URL's own path): what the feed's id names.
  const url = new URL(request.url, 'http://service');
  const filters = filtersOf(url);
  const dated = shape.entries.flatMap((entry) => (entry.date ? [instant(entry.date)] : []));
  const updated = request.updated ?? new Date(Math.max(0, ...dated.map((date) => date.getTime())));
  const undated = updated.toISOString();
  const entries = newestFirst(shape.entries, undated.slice(0, 10)).map((entry) => {
    const when = entry.date ? instant(entry.date) : updated;
    return {
      id: tagUri(request.origin, entry.key),
      title: { value: xmlText(entry.title).trim() || entry.key, type: 'text' },
      updated: when,
      ...(entry.date ? { published: when } : {}),
      links: [
        { href: entry.link.href, rel: 'alternate', type: entry.link.type, title: entry.link.title },
        ...(entry.via ? [{ href: entry.via, rel: 'via' }] : []),
        ...(entry.related ?? []).map((link) => ({ ...link, rel: 'related' })),
      ],
      authors: entry.authors,
      contributors: entry.contributors,
      categories: entry.categories,
      summary: entry.summary ? { value: entry.summary, type: 'text' } : undefined,
      content: entry.content ? { value: entry.content, type: 'text' } : undefined,
    };
  });
  const query = filters.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join(';');
  const feed = {
    // One feed whichever page, format or page size is asked for: its id names the path and the filters.
    id: tagUri(request.origin, `${url.pathname}${query ? `?${query}` : ''}`),
    title: { value: `Stance: ${shape.title}${filters.length > 0 ? ` (${filters.map(([name, value]) => `${name}=${value}`).join(', ')})` : ''}`, type: 'text' },
    updated,
    // Entries name the organisation that spoke; what speaks for none (a theme, a matrix cell) is the service's.
    authors: [{ name: 'Stance', uri: absolute('/', request.origin) }],
    links: [
      { href: withFormat(request.url, request.origin, 'atom'), rel: 'self', type: ATOM_TYPE },
      { href: withFormat(request.url, request.origin, 'json'), rel: 'alternate', type: 'application/json' },
      ...(request.next ? [{ href: withFormat(request.next, request.origin, 'atom'), rel: 'next', type: ATOM_TYPE }] : []),
    ],
    entries,
    xml: { lang: 'en-GB' },
  };
  return generateAtomFeed(xmlSafe(feed));
}
