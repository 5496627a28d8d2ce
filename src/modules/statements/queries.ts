import type { Db, Dialect, Search, Searchable } from '../../db/database.ts';
import { cappedCount, page, type Counted, type Page, type Sort } from '../../db/page.ts';
import { citation, spanPermalink } from '../../domain/citation.ts';
import type { Stance } from '../../domain/stance.ts';
import { publishedByOthers, snippetMatchOffset, voiceAt, type QuoteVoice, type Voice } from '../../domain/voice.ts';
import type { Cursor } from '../../http/pagination.ts';
import type { Facet, StatementFilters } from '../../http/params.ts';
import { TAG_TRUST_COLUMNS, tagTrust, type TagTrust, type TrustRow } from '../shared/tag-trust.ts';

/** SQL conditions and parameters for the statement filters, shared by statements and quotes. */
export function statementConditions(dialect: Dialect, filters: StatementFilters, alias = 's'): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const list = (name: keyof StatementFilters, values: string[] | undefined) => {
    if (!values?.length) return false;
    params[name] = values;
    return true;
  };
  const slugIn = (table: string, param: string) => `(SELECT id FROM ${table} WHERE ${dialect.inList('slug', `@${param}`)})`;
  if (list('organisation', filters.organisation)) {
    where.push(`${alias}.organisation_id IN ${slugIn('organisations', 'organisation')}`);
  }
  if (list('event', filters.event)) {
    where.push(`${alias}.event_id IN ${slugIn('events', 'event')}`);
  }
  const byTheme = list('theme', filters.theme);
  const byStance = list('stance', filters.stance);
  if (byTheme || byStance) {
    where.push(`EXISTS (SELECT 1 FROM theme_tags tt WHERE tt.statement_id = ${alias}.id
      ${byTheme ? `AND tt.theme_id IN ${slugIn('themes', 'theme')}` : ''}
      ${byStance ? `AND ${dialect.inList('tt.stance', '@stance')}` : ''}
      ${filters.reviewed ? 'AND tt.reviewed = TRUE' : ''})`);
  }
  if (list('speaker', filters.speaker)) {
    where.push(`EXISTS (SELECT 1 FROM quotes sq WHERE sq.statement_id = ${alias}.id
      AND sq.speaker_id IN ${slugIn('people', 'speaker')})`);
  }
  if (filters.from) {
    where.push(`${alias}.date >= @from`);
    params.from = filters.from;
  }
  if (filters.to) {
    where.push(`${alias}.date <= @to`);
    params.to = filters.to;
  }
  return { where, params };
}

export interface StatementListArgs {
  filters: StatementFilters;
  sort: Sort;
  limit: number;
  cursor: Cursor | undefined;
  facets?: Facet[] | undefined;
}

/** The facets asked for, with no value: the answer to a search with nothing searchable in it. */
export function noFacets(facets: Facet[] | undefined): Record<string, never[]> | undefined {
  return facets?.length ? Object.fromEntries(facets.map((facet) => [facet, []])) : undefined;
}

/**
 * Facet counts over matching statements `m`: by organisation and event, each statement once; by
 * theme and speaker, each statement once per theme it is tagged on or speaker it quotes; by stance,
 * each statement once per stance it takes (on the chosen themes, when `theme` is given).
 */
function statementFacets(dialect: Dialect, facets: Facet[] | undefined, filters: StatementFilters): Record<string, string> | undefined {
  if (!facets?.length) return undefined;
  const onThemes = filters.theme?.length ? `AND tt.theme_id IN (SELECT id FROM themes WHERE ${dialect.inList('slug', '@theme')})` : '';
  const reviewed = filters.reviewed ? 'AND tt.reviewed = TRUE' : '';
  const sql: Record<Facet, string> = {
    organisation: 'SELECT o.slug AS value, o.short_name AS label, count(*) AS count FROM m JOIN statements fs ON fs.id = m.id JOIN organisations o ON o.id = fs.organisation_id GROUP BY o.id',
    event: 'SELECT e.slug AS value, e.title AS label, count(*) AS count FROM m JOIN statements fs ON fs.id = m.id JOIN events e ON e.id = fs.event_id GROUP BY e.id',
    theme: `SELECT th.slug AS value, th.name AS label, count(DISTINCT m.id) AS count FROM m JOIN theme_tags tt ON tt.statement_id = m.id ${reviewed} JOIN themes th ON th.id = tt.theme_id GROUP BY th.id`,
    stance: `SELECT tt.stance AS value, tt.stance AS label, count(DISTINCT m.id) AS count FROM m JOIN theme_tags tt ON tt.statement_id = m.id ${onThemes} ${reviewed} GROUP BY tt.stance`,
    speaker: 'SELECT p.slug AS value, p.name AS label, count(DISTINCT m.id) AS count FROM m JOIN quotes fq ON fq.statement_id = m.id JOIN people p ON p.id = fq.speaker_id GROUP BY p.id',
  };
  return Object.fromEntries(facets.map((facet) => [facet, sql[facet]]));
}

/**
 * One page of matching statement ids in order, the total, and the cursor of the next page.
 * With `q`, statements are found through the full-text index (their text, which holds their
 * quotes, and the summary) and ranked.
 */
export async function listStatementIds(db: Db, args: StatementListArgs): Promise<Page> {
  const { dialect } = db;
  const { search } = dialect;
  const { where, params } = statementConditions(dialect, args.filters);
  for (const [i, name] of (args.filters.names ?? []).entries()) {
    const by =
      name.kind === 'organisation'
        ? `s.organisation_id = (SELECT id FROM organisations WHERE slug = @named${i})`
        : `EXISTS (SELECT 1 FROM quotes nq WHERE nq.statement_id = s.id AND nq.speaker_id = (SELECT id FROM people WHERE slug = @named${i}))`;
    where.push(namedCondition(dialect, by, 'statements', 's.id', name, i, params));
  }
  const match = args.filters.q ? search.query(args.filters.q) : undefined;
  if (args.filters.q && !match) return { hits: [], total: 0, totalExact: true, next: undefined, facets: noFacets(args.facets) };
  const facets = statementFacets(dialect, args.facets, args.filters);
  const rest = { params, sort: args.sort, limit: args.limit, cursor: args.cursor, facets };
  if (!match) {
    const total = where.length === 0 ? 'exact' : await stanceTotal(db, args.filters);
    return page(db, { ...rest, from: 'statements s', where, dateColumn: 's.date', idColumn: 's.id', total });
  }
  params.match = match;
  const ranked = {
    rank: search.rank('statements', 's', '@match'),
    snippet: search.snippet('statements', 's', '@match'),
    key: searchKey(search, 'statements', 's'),
  };
  // Ranked search with nothing else to filter on reads the index alone where the engine can:
  // joining the statements (whose rows hold their whole text) would cost a page read per match.
  const index = where.length === 0 && args.sort === 'relevance' ? search.indexOnly?.('statements') : undefined;
  if (index) {
    return page(db, {
      ...rest,
      from: index.from,
      where: [search.match('statements', 's', '@match')],
      dateColumn: 'NULL',
      idColumn: index.id,
      search: ranked,
      // Counted up to TOTAL_CAP like any broad list: a third of a large corpus matches "kinship",
      // and counting every match cost as much as ranking and showing the page.
      total: 'capped',
    });
  }
  return page(db, {
    ...rest,
    from: search.from('statements', 's'),
    where: [search.match('statements', 's', '@match'), ...where],
    dateColumn: 's.date',
    idColumn: 's.id',
    search: ranked,
    total: where.length === 0 ? await matchCount(db, 'statements', 's', match) : 'capped',
  });
}

/**
 * How many rows a search with no other filter matches, up to TOTAL_CAP: counted in the index alone
 * where the engine keeps one apart.
 */
export async function matchCount(db: Db, table: Searchable, alias: string, match: string): Promise<Counted | 'capped'> {
  const index = db.dialect.search.indexOnly?.(table);
  if (!index) return 'capped';
  return cappedCount(db, `${index.from} WHERE ${db.dialect.search.match(table, alias, '@match')}`, { match });
}

/**
 * The column of a match's id in the search's FROM clause: the index's own where the engine keeps
 * one apart (so that walking it newest first, or finding a page's rows, stays in the index).
 */
export function searchKey(search: Search, table: Searchable, alias: string): string {
  return search.indexOnly?.(table).id ?? `${alias}.id`;
}

const STANCE_COLUMNS: Record<string, string> = { supportive: 'st.supportive', critical: 'st.critical', mixed: 'st.mixed', neutral: 'st.neutral' };

/**
 * How many statements a filter by one theme (with stances, organisations) matches, from the
 * trigger-kept totals: a statement has at most one tag per theme, so the tags counted there are
 * statements. `capped` for any other filter (counted from the statements, up to TOTAL_CAP).
 */
async function stanceTotal(db: Db, filters: StatementFilters): Promise<number | 'capped'> {
  const { theme, stance, organisation, event, speaker, from, to, names, reviewed } = filters;
  if (theme?.length !== 1 || event?.length || speaker?.length || from || to || names?.length || reviewed) return 'capped';
  const columns = (stance?.length ? stance : Object.keys(STANCE_COLUMNS)).map((value) => STANCE_COLUMNS[value]);
  if (columns.some((column) => column === undefined)) return 'capped';
  const byOrganisation = organisation?.length ? `AND st.organisation_id IN (SELECT id FROM organisations WHERE ${db.dialect.inList('slug', '@organisation')})` : '';
  const n = await db.value<number | string | null>(
    `SELECT sum(${columns.join(' + ')}) AS n FROM stance_totals st
     WHERE st.theme_id = (SELECT id FROM themes WHERE slug = @theme) ${byOrganisation}`,
    { theme: theme[0], ...(organisation?.length ? { organisation } : {}) },
  );
  return Number(n ?? 0);
}

/**
 * A name from the search as one condition: a row by that organisation or speaker, or whose text
 * has the words (so a name never finds less than the words alone would).
 */
export function namedCondition(
  dialect: Dialect,
  by: string,
  table: Searchable,
  idColumn: string,
  name: { slug: string; text: string },
  i: number,
  params: Record<string, unknown>,
): string {
  params[`named${i}`] = name.slug;
  // The name as a phrase: "Action for Children", not the three words anywhere.
  const words = dialect.search.query(`"${name.text.replaceAll('"', ' ')}"`);
  if (!words) return by;
  params[`namedText${i}`] = words;
  return `(${by} OR ${idColumn} IN (${dialect.search.ids(table, `@namedText${i}`)}))`;
}

/** The organisation, event and source document columns every statement-based row carries. */
export interface SourceColumns {
  organisationSlug: string;
  organisationName: string;
  organisationShortName: string;
  eventSlug: string;
  eventTitle: string;
  eventPublishedOn: string;
  documentSlug: string;
  documentTitle: string;
  documentPublisher: string;
  documentUrl: string;
  documentPublishedOn: string;
}

/** The columns of SourceColumns, for a query joining organisations o, events e and source_documents d. */
export const SOURCE_COLUMNS = `o.slug AS "organisationSlug", o.name AS "organisationName", o.short_name AS "organisationShortName",
  e.slug AS "eventSlug", e.title AS "eventTitle", e.published_on AS "eventPublishedOn",
  d.slug AS "documentSlug", d.title AS "documentTitle", d.publisher AS "documentPublisher", d.url AS "documentUrl",
  d.published_on AS "documentPublishedOn"`;

export function sourceRefs(row: SourceColumns) {
  return {
    organisation: { slug: row.organisationSlug, name: row.organisationName, shortName: row.organisationShortName },
    event: { slug: row.eventSlug, title: row.eventTitle, publishedOn: row.eventPublishedOn },
    document: {
      slug: row.documentSlug,
      title: row.documentTitle,
      publisher: row.documentPublisher,
      url: row.documentUrl,
      publishedOn: row.documentPublishedOn,
    },
  };
}

interface SummaryRow extends SourceColumns {
  id: number;
  date: string;
  summary: string;
}

export const STATEMENT_HEAD = `SELECT s.id, s.date, s.summary, ${SOURCE_COLUMNS}
  FROM statements s
  JOIN organisations o ON o.id = s.organisation_id
  JOIN events e ON e.id = s.event_id
  JOIN source_documents d ON d.id = s.document_id`;

export interface StatementSummary {
  id: number;
  date: string;
  summary: string;
  organisation: { slug: string; name: string; shortName: string };
  event: { slug: string; title: string; publishedOn: string };
  document: { slug: string; title: string; publisher: string; url: string; publishedOn: string };
  themes: ({ theme: string; stance: Stance } & TagTrust)[];
  speakers: { slug: string; name: string; role: string | null }[];
  url: string;
}

function toSummary(row: SummaryRow): StatementSummary {
  return { id: row.id, date: row.date, summary: row.summary, ...sourceRefs(row), themes: [], speakers: [], url: `/v1/statements/${row.id}` };
}

/** Statement summaries for the given ids, in the order given, with their themes and speakers. */
export async function statementSummaries(db: Db, ids: number[]): Promise<StatementSummary[]> {
  if (ids.length === 0) return [];
  const { inList } = db.dialect;
  const rows = await db.all<SummaryRow>(`${STATEMENT_HEAD} WHERE ${inList('s.id', '@ids')}`, { ids });
  const byId = new Map(rows.map((row) => [row.id, toSummary(row)]));
  const tags = await db.all<{ statementId: number; theme: string; stance: Stance } & TrustRow>(
    `SELECT tt.statement_id AS "statementId", th.slug AS theme, tt.stance, ${TAG_TRUST_COLUMNS} FROM theme_tags tt JOIN themes th ON th.id = tt.theme_id
     WHERE ${inList('tt.statement_id', '@ids')} ORDER BY th.id`,
    { ids },
  );
  for (const tag of tags) byId.get(tag.statementId)?.themes.push({ theme: tag.theme, stance: tag.stance, ...tagTrust(tag) });
  const speakers = await db.all<{ statementId: number; slug: string; name: string; role: string | null }>(
    `SELECT DISTINCT q.statement_id AS "statementId", p.slug, p.name, p.role FROM quotes q JOIN people p ON p.id = q.speaker_id
     WHERE ${inList('q.statement_id', '@ids')} ORDER BY p.name`,
    { ids },
  );
  for (const { statementId, ...person } of speakers) byId.get(statementId)?.speakers.push(person);
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export interface EvidenceRow {
  tagId: number;
  statementId: number;
  text: string;
  start: number;
  end: number;
  quoteId: number | null;
  voice: QuoteVoice;
  speakerSlug: string | null;
  speakerName: string | null;
  speakerRole: string | null;
  organisationName: string;
  documentTitle: string;
  documentPublisher: string;
  documentPublishedOn: string;
  documentUrl: string;
}

/** Evidence spans of the given tags, each with the speaker of the quote it lies in and a citation. */
export async function evidenceForTags(db: Db, tagIds: number[]): Promise<Map<number, ReturnType<typeof toEvidence>[]>> {
  const rows = await db.all<EvidenceRow>(
    `SELECT ev.tag_id AS "tagId", tt.statement_id AS "statementId", ev.text, ev.start_offset AS start, ev.end_offset AS end,
       ev.quote_id AS "quoteId", ev.voice, p.slug AS "speakerSlug", p.name AS "speakerName", p.role AS "speakerRole",
       o.name AS "organisationName", d.title AS "documentTitle", d.publisher AS "documentPublisher",
       d.published_on AS "documentPublishedOn", d.url AS "documentUrl"
     FROM evidence ev
     JOIN theme_tags tt ON tt.id = ev.tag_id
     JOIN statements s ON s.id = tt.statement_id
     JOIN organisations o ON o.id = s.organisation_id
     JOIN source_documents d ON d.id = s.document_id
     LEFT JOIN quotes q ON q.id = ev.quote_id LEFT JOIN people p ON p.id = q.speaker_id
     WHERE ${db.dialect.inList('ev.tag_id', '@tagIds')} ORDER BY ev.tag_id, ev.start_offset`,
    { tagIds },
  );
  const byTag = new Map<number, ReturnType<typeof toEvidence>[]>();
  for (const row of rows) {
    const list = byTag.get(row.tagId) ?? [];
    list.push(toEvidence(row));
    byTag.set(row.tagId, list);
  }
  return byTag;
}

function toEvidence(row: EvidenceRow) {
  const speaker = row.speakerSlug ? { slug: row.speakerSlug, name: row.speakerName ?? '', role: row.speakerRole } : null;
  return {
    text: row.text,
    start: row.start,
    end: row.end,
    quoteId: row.quoteId,
    voice: row.voice,
    speaker,
    citation: citation({
      voice: row.voice,
      speaker,
      organisation: { name: row.organisationName },
      document: { title: row.documentTitle, publisher: row.documentPublisher, publishedOn: row.documentPublishedOn, url: row.documentUrl },
    }),
    permalink: spanPermalink(row.statementId, row.start, row.end),
  };
}

export interface FigureRow {
  statementId: number;
  raw: string;
  value: number;
  unit: string;
  measures: string;
  period: string | null;
  theme: string | null;
  start: number;
  end: number;
}

export const FIGURE_COLUMNS = `f.statement_id AS "statementId", f.raw, f.value, f.unit, f.measures, f.period, th.slug AS theme,
  f.start_offset AS start, f.end_offset AS end`;

/** One statement in full: source, quotes with speakers, tags with evidence, figures. */
export async function statementDetail(db: Db, id: number) {
  const [summary] = await statementSummaries(db, [id]);
  if (!summary) return undefined;
  const body = (await db.get<{ text: string; start: number; end: number; documentKind: string }>(
    `SELECT s.text, s.start_offset AS start, s.end_offset AS end, d.kind AS "documentKind"
     FROM statements s JOIN source_documents d ON d.id = s.document_id WHERE s.id = ?`,
    [id],
  ))!;
  const quoteRows = await db.all<{ id: number; text: string; start: number; end: number; voice: QuoteVoice; slug: string | null; name: string | null; role: string | null }>(
    `SELECT q.id, q.text, q.start_offset AS start, q.end_offset AS end, q.voice, p.slug, p.name, p.role
     FROM quotes q LEFT JOIN people p ON p.id = q.speaker_id WHERE q.statement_id = ? ORDER BY q.start_offset`,
    [id],
  );
  const tagRows = await db.all<{ id: number; slug: string; name: string; stance: Stance; taggedBy: 'curated' | 'analyser'; note: string | null } & TrustRow>(
    `SELECT tt.id, th.slug, th.name, tt.stance, tt.tagged_by AS "taggedBy", tt.note, ${TAG_TRUST_COLUMNS}
     FROM theme_tags tt JOIN themes th ON th.id = tt.theme_id WHERE tt.statement_id = ? ORDER BY th.id`,
    [id],
  );
  const evidence = await evidenceForTags(db, tagRows.map((t) => t.id));
  const figureRows = await db.all<FigureRow>(
    `SELECT ${FIGURE_COLUMNS} FROM figures f LEFT JOIN themes th ON th.id = f.theme_id WHERE f.statement_id = ? ORDER BY f.start_offset`,
    [id],
  );
  return {
    ...summary,
    document: { ...summary.document, kind: body.documentKind },
    text: body.text,
    start: body.start,
    end: body.end,
    quotes: quoteRows.map((q) => {
      const speaker = q.slug ? { slug: q.slug, name: q.name ?? '', role: q.role } : null;
      return {
        id: q.id,
        text: q.text,
        start: q.start,
        end: q.end,
        speaker,
        voice: q.voice,
        citation: citation({ voice: q.voice, speaker, organisation: summary.organisation, document: summary.document }),
        permalink: spanPermalink(summary.id, q.start, q.end),
      };
    }),
    tags: tagRows.map((t) => ({
      theme: { slug: t.slug, name: t.name },
      stance: t.stance,
      ...tagTrust(t),
      taggedBy: t.taggedBy,
      note: t.note,
      evidence: evidence.get(t.id) ?? [],
    })),
    figures: figureRows.map(({ statementId: _s, ...figure }) => figure),
  };
}

/** The slugs among `slugs` that name no row of `table`: a filter naming them is a typo, not an empty result. */
export async function unknownSlugs(db: Db, table: 'organisations' | 'themes' | 'events' | 'people', slugs: string[] | undefined): Promise<string[]> {
  if (!slugs?.length) return [];
  const found = await db.column<string>(`SELECT slug FROM ${table} WHERE ${db.dialect.inList('slug', '@slugs')}`, { slugs });
  const known = new Set(found);
  return slugs.filter((slug) => !known.has(slug));
}

/** When the statement last changed, if known. */
export async function statementExists(db: Db, id: number): Promise<boolean> {
  return (await db.value('SELECT 1 FROM statements WHERE id = ?', [id])) !== undefined;
}

export async function statementUpdatedAt(db: Db, id: number): Promise<string | undefined> {
  return (await db.value<string | null>('SELECT updated_at FROM statements WHERE id = ?', [id])) ?? undefined;
}

/**
 * Whose words each search snippet shows (by the statement id it came from): the voice at its
 * first match, so that a page's background found by a search is labelled as the publisher's.
 */
export async function snippetVoices(db: Db, hits: { id: number; rawSnippet: string | null }[]): Promise<Map<number, Voice>> {
  const snippets = new Map(hits.flatMap((hit) => (hit.rawSnippet ? [[hit.id, hit.rawSnippet] as const] : [])));
  const voices = new Map<number, Voice>();
  if (snippets.size === 0) return voices;
  // One read each for the page's statements, their publisher spans and their quotes.
  const ids = [...snippets.keys()];
  const { inList } = db.dialect;
  const statements = await db.all<{ id: number; text: string; start: number; publisher: string; slug: string; name: string; shortName: string }>(
    `SELECT s.id, s.text, s.start_offset AS start, d.publisher, o.slug, o.name, o.short_name AS "shortName"
     FROM statements s JOIN source_documents d ON d.id = s.document_id JOIN organisations o ON o.id = s.organisation_id
     WHERE ${inList('s.id', '@ids')}`,
    { ids },
  );
  type Span = { statementId: number; start: number; end: number };
  const spans = await db.all<Span>(`SELECT statement_id AS "statementId", start_offset AS start, end_offset AS end FROM publisher_spans WHERE ${inList('statement_id', '@ids')}`, { ids });
  const quotes = await db.all<Span & { voice: QuoteVoice }>(
    `SELECT statement_id AS "statementId", start_offset AS start, end_offset AS end, voice FROM quotes WHERE ${inList('statement_id', '@ids')}`,
    { ids },
  );
  for (const statement of statements) {
    const at = snippetMatchOffset(statement.text, snippets.get(statement.id) ?? '');
    if (at === undefined) continue;
    voices.set(
      statement.id,
      voiceAt(statement.start + at, {
        publisherSpans: spans.filter((s) => s.statementId === statement.id),
        quotes: quotes.filter((q) => q.statementId === statement.id),
        byOthers: publishedByOthers(statement.publisher, statement),
      }),
    );
  }
  return voices;
}

/** Every statement id, oldest first: what the export walks. */
export function allStatementIds(db: Db): Promise<number[]> {
  return db.column<number>('SELECT id FROM statements ORDER BY date, id');
}
