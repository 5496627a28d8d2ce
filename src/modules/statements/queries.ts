import type { Db } from '../../db/client.ts';
import { toFtsQuery } from '../../db/fts.ts';
import { page, type Sort } from '../../db/page.ts';
import { prepared } from '../../db/prepared.ts';
import { citation, spanPermalink } from '../../domain/citation.ts';
import type { Stance } from '../../domain/stance.ts';
import { publishedByOthers, snippetMatchOffset, voiceAt, type QuoteVoice, type Voice } from '../../domain/voice.ts';
import type { Cursor } from '../../http/pagination.ts';
import type { Facet, StatementFilters } from '../../http/params.ts';
import { TAG_TRUST_COLUMNS, tagTrust, type TagTrust, type TrustRow } from '../shared/tag-trust.ts';

const inList = (param: string) => `(SELECT value FROM json_each(@${param}))`;

/** SQL conditions and parameters for the statement filters, shared by statements and quotes. */
export function statementConditions(filters: StatementFilters, alias = 's'): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const list = (name: keyof StatementFilters, values: string[] | undefined) => {
    if (!values?.length) return false;
    params[name] = JSON.stringify(values);
    return true;
  };
  if (list('organisation', filters.organisation)) {
    where.push(`${alias}.organisation_id IN (SELECT id FROM organisations WHERE slug IN ${inList('organisation')})`);
  }
  if (list('event', filters.event)) {
    where.push(`${alias}.event_id IN (SELECT id FROM events WHERE slug IN ${inList('event')})`);
  }
  const byTheme = list('theme', filters.theme);
  const byStance = list('stance', filters.stance);
  if (byTheme || byStance) {
    where.push(`EXISTS (SELECT 1 FROM theme_tags tt WHERE tt.statement_id = ${alias}.id
      ${byTheme ? `AND tt.theme_id IN (SELECT id FROM themes WHERE slug IN ${inList('theme')})` : ''}
      ${byStance ? `AND tt.stance IN ${inList('stance')}` : ''}
      ${filters.reviewed ? 'AND tt.reviewed = 1' : ''})`);
  }
  if (list('speaker', filters.speaker)) {
    where.push(`EXISTS (SELECT 1 FROM quotes sq WHERE sq.statement_id = ${alias}.id
      AND sq.speaker_id IN (SELECT id FROM people WHERE slug IN ${inList('speaker')}))`);
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
function statementFacets(facets: Facet[] | undefined, filters: StatementFilters): Record<string, string> | undefined {
  if (!facets?.length) return undefined;
  const onThemes = filters.theme?.length ? 'AND tt.theme_id IN (SELECT id FROM themes WHERE slug IN (SELECT value FROM json_each(@theme)))' : '';
  const reviewed = filters.reviewed ? 'AND tt.reviewed = 1' : '';
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
 * With `q`, statements are found through the FTS5 index (their text, which holds their quotes,
 * and the summary) and ranked by bm25.
 */
export function listStatementIds(db: Db, args: StatementListArgs): ReturnType<typeof page> {
  const { where, params } = statementConditions(args.filters);
  for (const [i, name] of (args.filters.names ?? []).entries()) {
    const by =
      name.kind === 'organisation'
        ? `s.organisation_id = (SELECT id FROM organisations WHERE slug = @named${i})`
        : `EXISTS (SELECT 1 FROM quotes nq WHERE nq.statement_id = s.id AND nq.speaker_id = (SELECT id FROM people WHERE slug = @named${i}))`;
    where.push(namedCondition(by, 'statements_fts', 's.id', name, i, params));
  }
  const match = args.filters.q ? toFtsQuery(args.filters.q) : undefined;
  if (args.filters.q && !match) return { hits: [], total: 0, next: undefined, facets: noFacets(args.facets) };
  if (match) {
    where.unshift('statements_fts MATCH @match');
    params.match = match;
  }
  // Ranked search with nothing else to filter on reads the FTS index alone: joining the
  // statements (whose rows hold their whole text) would cost a page read per match.
  if (match && where.length === 1 && args.sort === 'relevance') {
    return page(db, {
      from: 'statements_fts',
      where,
      params,
      dateColumn: 'NULL',
      idColumn: 'statements_fts.rowid',
      search: { table: 'statements_fts', rank: 'bm25(statements_fts, 1.0, 0.5)' },
      sort: args.sort,
      limit: args.limit,
      cursor: args.cursor,
      facets: statementFacets(args.facets, args.filters),
    });
  }
  return page(db, {
    from: match ? 'statements_fts JOIN statements s ON s.id = statements_fts.rowid' : 'statements s',
    where,
    params,
    dateColumn: 's.date',
    idColumn: 's.id',
    search: match
      ? {
          table: 'statements_fts',
          rank: 'bm25(statements_fts, 1.0, 0.5)',
        }
      : undefined,
    sort: args.sort,
    limit: args.limit,
    cursor: args.cursor,
    facets: statementFacets(args.facets, args.filters),
  });
}

/**
 * A name from the search as one condition: a row by that organisation or speaker, or whose text
 * has the words (so a name never finds less than the words alone would).
 */
export function namedCondition(by: string, ftsTable: string, idColumn: string, name: { slug: string; text: string }, i: number, params: Record<string, unknown>): string {
  params[`named${i}`] = name.slug;
  // The name as a phrase: "Action for Children", not the three words anywhere.
  const words = toFtsQuery(`"${name.text.replaceAll('"', ' ')}"`);
  if (!words) return by;
  params[`namedText${i}`] = words;
  return `(${by} OR ${idColumn} IN (SELECT rowid FROM ${ftsTable} WHERE ${ftsTable} MATCH @namedText${i}))`;
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
export const SOURCE_COLUMNS = `o.slug AS organisationSlug, o.name AS organisationName, o.short_name AS organisationShortName,
  e.slug AS eventSlug, e.title AS eventTitle, e.published_on AS eventPublishedOn,
  d.slug AS documentSlug, d.title AS documentTitle, d.publisher AS documentPublisher, d.url AS documentUrl,
  d.published_on AS documentPublishedOn`;

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
export function statementSummaries(db: Db, ids: number[]): StatementSummary[] {
  if (ids.length === 0) return [];
  const json = JSON.stringify(ids);
  const rows = prepared(db, `${STATEMENT_HEAD} WHERE s.id IN (SELECT value FROM json_each(?))`).all(json) as SummaryRow[];
  const byId = new Map(rows.map((row) => [row.id, toSummary(row)]));
  const tags = prepared(
    db,
    `SELECT tt.statement_id AS statementId, th.slug AS theme, tt.stance, ${TAG_TRUST_COLUMNS} FROM theme_tags tt JOIN themes th ON th.id = tt.theme_id
     WHERE tt.statement_id IN (SELECT value FROM json_each(?)) ORDER BY th.id`,
  ).all(json) as ({ statementId: number; theme: string; stance: Stance } & TrustRow)[];
  for (const tag of tags) byId.get(tag.statementId)?.themes.push({ theme: tag.theme, stance: tag.stance, ...tagTrust(tag) });
  const speakers = prepared(
    db,
    `SELECT DISTINCT q.statement_id AS statementId, p.slug, p.name, p.role FROM quotes q JOIN people p ON p.id = q.speaker_id
     WHERE q.statement_id IN (SELECT value FROM json_each(?)) ORDER BY p.name`,
  ).all(json) as { statementId: number; slug: string; name: string; role: string | null }[];
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
export function evidenceForTags(db: Db, tagIds: number[]): Map<number, ReturnType<typeof toEvidence>[]> {
  const rows = prepared(
    db,
    `SELECT ev.tag_id AS tagId, tt.statement_id AS statementId, ev.text, ev.start_offset AS start, ev.end_offset AS end,
       ev.quote_id AS quoteId, ev.voice, p.slug AS speakerSlug, p.name AS speakerName, p.role AS speakerRole,
       o.name AS organisationName, d.title AS documentTitle, d.publisher AS documentPublisher,
       d.published_on AS documentPublishedOn, d.url AS documentUrl
     FROM evidence ev
     JOIN theme_tags tt ON tt.id = ev.tag_id
     JOIN statements s ON s.id = tt.statement_id
     JOIN organisations o ON o.id = s.organisation_id
     JOIN source_documents d ON d.id = s.document_id
     LEFT JOIN quotes q ON q.id = ev.quote_id LEFT JOIN people p ON p.id = q.speaker_id
     WHERE ev.tag_id IN (SELECT value FROM json_each(?)) ORDER BY ev.tag_id, ev.start_offset`,
  ).all(JSON.stringify(tagIds)) as EvidenceRow[];
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

export const FIGURE_COLUMNS = `f.statement_id AS statementId, f.raw, f.value, f.unit, f.measures, f.period, th.slug AS theme,
  f.start_offset AS start, f.end_offset AS end`;

/** One statement in full: source, quotes with speakers, tags with evidence, figures. */
export function statementDetail(db: Db, id: number) {
  const [summary] = statementSummaries(db, [id]);
  if (!summary) return undefined;
  const body = prepared(
    db,
    `SELECT s.text, s.start_offset AS start, s.end_offset AS end, d.kind AS documentKind
     FROM statements s JOIN source_documents d ON d.id = s.document_id WHERE s.id = ?`,
  ).get(id) as { text: string; start: number; end: number; documentKind: string };
  const quoteRows = prepared(
    db,
    `SELECT q.id, q.text, q.start_offset AS start, q.end_offset AS end, q.voice, p.slug, p.name, p.role
     FROM quotes q LEFT JOIN people p ON p.id = q.speaker_id WHERE q.statement_id = ? ORDER BY q.start_offset`,
  ).all(id) as { id: number; text: string; start: number; end: number; voice: QuoteVoice; slug: string | null; name: string | null; role: string | null }[];
  const tagRows = prepared(
    db,
    `SELECT tt.id, th.slug, th.name, tt.stance, tt.tagged_by AS taggedBy, tt.note, ${TAG_TRUST_COLUMNS}
     FROM theme_tags tt JOIN themes th ON th.id = tt.theme_id WHERE tt.statement_id = ? ORDER BY th.id`,
  ).all(id) as ({ id: number; slug: string; name: string; stance: Stance; taggedBy: 'curated' | 'analyser'; note: string | null } & TrustRow)[];
  const evidence = evidenceForTags(db, tagRows.map((t) => t.id));
  const figureRows = prepared(
    db,
    `SELECT ${FIGURE_COLUMNS} FROM figures f LEFT JOIN themes th ON th.id = f.theme_id WHERE f.statement_id = ? ORDER BY f.start_offset`,
  ).all(id) as FigureRow[];
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
export function unknownSlugs(db: Db, table: 'organisations' | 'themes' | 'events' | 'people', slugs: string[] | undefined): string[] {
  if (!slugs?.length) return [];
  const found = prepared(db, `SELECT slug FROM ${table} WHERE slug IN (SELECT value FROM json_each(?))`)
    .pluck()
    .all(JSON.stringify(slugs)) as string[];
  const known = new Set(found);
  return slugs.filter((slug) => !known.has(slug));
}

/** When the statement last changed, if known. */
export function statementExists(db: Db, id: number): boolean {
  return prepared(db, 'SELECT 1 FROM statements WHERE id = ?').get(id) !== undefined;
}

export function statementUpdatedAt(db: Db, id: number): string | undefined {
  const row = prepared(db, 'SELECT updated_at AS updatedAt FROM statements WHERE id = ?').get(id) as { updatedAt: string | null } | undefined;
  return row?.updatedAt ?? undefined;
}

/**
 * Whose words each search snippet shows (by the statement id it came from): the voice at its
 * first match, so that a page's background found by a search is labelled as the publisher's.
 */
export function snippetVoices(db: Db, hits: { id: number; rawSnippet: string | null }[]): Map<number, Voice> {
  const snippets = new Map(hits.flatMap((hit) => (hit.rawSnippet ? [[hit.id, hit.rawSnippet] as const] : [])));
  const voices = new Map<number, Voice>();
  if (snippets.size === 0) return voices;
  // One read each for the page's statements, their publisher spans and their quotes.
  const ids = JSON.stringify([...snippets.keys()]);
  const statements = prepared(
    db,
    `SELECT s.id, s.text, s.start_offset AS start, d.publisher, o.slug, o.name, o.short_name AS shortName
     FROM statements s JOIN source_documents d ON d.id = s.document_id JOIN organisations o ON o.id = s.organisation_id
     WHERE s.id IN (SELECT value FROM json_each(?))`,
  ).all(ids) as { id: number; text: string; start: number; publisher: string; slug: string; name: string; shortName: string }[];
  type Span = { statementId: number; start: number; end: number };
  const spans = prepared(db, 'SELECT statement_id AS statementId, start_offset AS start, end_offset AS end FROM publisher_spans WHERE statement_id IN (SELECT value FROM json_each(?))').all(ids) as Span[];
  const quotes = prepared(db, 'SELECT statement_id AS statementId, start_offset AS start, end_offset AS end, voice FROM quotes WHERE statement_id IN (SELECT value FROM json_each(?))').all(ids) as (Span & {
    voice: QuoteVoice;
  })[];
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
export function allStatementIds(db: Db): number[] {
  return prepared(db, 'SELECT id FROM statements ORDER BY date, id').pluck().all() as number[];
}
