import type { Db, Dialect } from '../../db/database.ts';
import { page, type Page, type Sort } from '../../db/page.ts';
import { citation, spanPermalink } from '../../domain/citation.ts';
import type { Stance } from '../../domain/stance.ts';
import type { QuoteVoice } from '../../domain/voice.ts';
import { TAG_TRUST_COLUMNS, tagTrust, type TagTrust, type TrustRow } from '../shared/tag-trust.ts';
import type { Cursor } from '../../http/pagination.ts';
import type { Facet, StatementFilters } from '../../http/params.ts';
import { matchCount, namedCondition, noFacets, searchKey, SOURCE_COLUMNS, sourceRefs, statementConditions, type SourceColumns } from '../statements/queries.ts';

/**
 * One page of quote ids. Organisation, event and dates filter by the quote's statement; theme
 * and stance keep the quotes that carry evidence for that theme (with that stance), so "what
 * did they say about kinship care" returns the kinship quotes, not every quote of a statement
 * that touches kinship; speaker filters by who said it.
 */
/**
 * Facet counts over matching quotes `m`: by organisation, event and speaker, each quote once; by
 * theme and stance, each quote once per theme it is evidence for (with that stance; on the chosen
 * themes, when `theme` is given).
 */
function quoteFacets(dialect: Dialect, facets: Facet[] | undefined, filters: StatementFilters): Record<string, string> | undefined {
  if (!facets?.length) return undefined;
  const onThemes = filters.theme?.length ? `AND qt.theme_id IN (SELECT id FROM themes WHERE ${dialect.inList('slug', '@theme')})` : '';
  const ofStatement = 'FROM m JOIN quotes fq ON fq.id = m.id JOIN statements fs ON fs.id = fq.statement_id';
  const sql: Record<Facet, string> = {
    organisation: `SELECT o.slug AS value, o.short_name AS label, count(*) AS count ${ofStatement} JOIN organisations o ON o.id = fs.organisation_id GROUP BY o.id`,
    event: `SELECT e.slug AS value, e.title AS label, count(*) AS count ${ofStatement} JOIN events e ON e.id = fs.event_id GROUP BY e.id`,
    theme: 'SELECT th.slug AS value, th.name AS label, count(DISTINCT m.id) AS count FROM m JOIN quote_themes qt ON qt.quote_id = m.id JOIN themes th ON th.id = qt.theme_id GROUP BY th.id',
    stance: `SELECT qt.stance AS value, qt.stance AS label, count(DISTINCT m.id) AS count FROM m JOIN quote_themes qt ON qt.quote_id = m.id ${onThemes} GROUP BY qt.stance`,
    speaker: 'SELECT p.slug AS value, p.name AS label, count(*) AS count FROM m JOIN quotes fq ON fq.id = m.id JOIN people p ON p.id = fq.speaker_id GROUP BY p.id',
  };
  return Object.fromEntries(facets.map((facet) => [facet, sql[facet]]));
}

export async function listQuoteIds(
  db: Db,
  args: { filters: StatementFilters & { voice?: string[] | undefined }; sort: Sort; limit: number; cursor: Cursor | undefined; facets?: Facet[] | undefined },
): Promise<Page> {
  const { dialect } = db;
  const { search, inList } = dialect;
  const { theme, stance, speaker, q, reviewed, voice, names, ...statementFilters } = args.filters;
  const { where, params } = statementConditions(dialect, statementFilters);
  const byStatement = where.length > 0;
  for (const [i, name] of (names ?? []).entries()) {
    const by =
      name.kind === 'organisation'
        ? `s.organisation_id = (SELECT id FROM organisations WHERE slug = @named${i})`
        : `q.speaker_id = (SELECT id FROM people WHERE slug = @named${i})`;
    where.push(namedCondition(dialect, by, 'quotes', 'q.id', name, i, params));
  }
  const match = q ? search.query(q) : undefined;
  if (q && !match) return { hits: [], total: 0, totalExact: true, next: undefined, facets: noFacets(args.facets) };
  if (theme?.length) params.theme = theme;
  if (stance?.length) params.stance = stance;
  const themeIn = `qt.theme_id IN (SELECT id FROM themes WHERE ${inList('slug', '@theme')})`;
  const stanceIn = inList('qt.stance', '@stance');
  // Only evidence of tags an editor reviewed.
  const reviewedIn = 'EXISTS (SELECT 1 FROM theme_tags tt WHERE tt.statement_id = qt.statement_id AND tt.theme_id = qt.theme_id AND tt.reviewed = TRUE)';
  if (voice?.length) {
    where.push(inList('q.voice', '@voice'));
    params.voice = voice;
  }
  if (speaker?.length) {
    where.push(`q.speaker_id IN (SELECT id FROM people WHERE ${inList('slug', '@speaker')})`);
    params.speaker = speaker;
  }

  // One theme, no search: walk the quote_themes index (theme, date) and join only what a filter needs.
  if (theme?.length === 1 && !match && !names?.length) {
    // By theme and stance alone, the index (theme, date, quote, stance) counts them without reading a row.
    const indexed = where.length === 0 && !reviewed;
    where.unshift(themeIn, ...(stance?.length ? [stanceIn] : []), ...(reviewed ? [reviewedIn] : []));
    return page(db, {
      from: `quote_themes qt${speaker?.length || voice?.length ? ' JOIN quotes q ON q.id = qt.quote_id' : ''}${byStatement ? ' JOIN statements s ON s.id = qt.statement_id' : ''}`,
      where,
      params,
      dateColumn: 'qt.date',
      idColumn: 'qt.quote_id',
      search: undefined,
      sort: args.sort,
      limit: args.limit,
      cursor: args.cursor,
      facets: quoteFacets(dialect, args.facets, args.filters),
      total: indexed ? 'exact' : 'capped',
    });
  }
  if (theme?.length || stance?.length) {
    const conditions = [...(theme?.length ? [themeIn] : []), ...(stance?.length ? [stanceIn] : []), ...(reviewed ? [reviewedIn] : [])];
    where.push(`q.id IN (SELECT qt.quote_id FROM quote_themes qt WHERE ${conditions.join(' AND ')})`);
  }
  const facets = quoteFacets(dialect, args.facets, args.filters);
  const ranked = match ? { rank: search.rank('quotes', 'q', '@match'), snippet: search.snippet('quotes', 'q', '@match'), key: searchKey(search, 'quotes', 'q') } : undefined;
  const rest = { params, sort: args.sort, limit: args.limit, cursor: args.cursor, facets };
  if (match) params.match = match;
  // Ranked search with nothing else to filter on reads the index alone where the engine can.
  const index = match && where.length === 0 && args.sort === 'relevance' ? search.indexOnly?.('quotes') : undefined;
  if (index) {
    return page(db, { ...rest, from: index.from, where: [search.match('quotes', 'q', '@match')], dateColumn: 'NULL', idColumn: index.id, search: ranked, total: 'exact' });
  }
  // No filter but the search: counted in the index; no filter at all: from the quotes, not joined to their statements.
  const total =
    where.length > 0 ? 'capped' : match ? await matchCount(db, 'quotes', 'q', match) : Number((await db.value<number | string>('SELECT count(*) AS n FROM quotes')) ?? 0);
  if (match) where.unshift(search.match('quotes', 'q', '@match'));
  return page(db, {
    from: `${match ? search.from('quotes', 'q') : 'quotes q'} JOIN statements s ON s.id = q.statement_id`,
    where,
    params,
    dateColumn: 's.date',
    idColumn: 'q.id',
    search: ranked,
    sort: args.sort,
    limit: args.limit,
    cursor: args.cursor,
    facets,
    total,
  });
}

interface QuoteRow extends SourceColumns {
  id: number;
  text: string;
  start: number;
  end: number;
  voice: QuoteVoice;
  statementId: number;
  date: string;
  speakerSlug: string | null;
  speakerName: string | null;
  speakerRole: string | null;
}

/** Quotes for the given ids, in the order given, with speaker, statement, source and the themes they evidence. */
export async function quotesByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  const { inList } = db.dialect;
  const rows = await db.all<QuoteRow>(
    `SELECT q.id, q.text, q.start_offset AS start, q.end_offset AS end, q.voice, s.id AS "statementId", s.date,
       p.slug AS "speakerSlug", p.name AS "speakerName", p.role AS "speakerRole", ${SOURCE_COLUMNS}
     FROM quotes q
     JOIN statements s ON s.id = q.statement_id
     JOIN organisations o ON o.id = s.organisation_id
     JOIN events e ON e.id = s.event_id
     JOIN source_documents d ON d.id = s.document_id
     LEFT JOIN people p ON p.id = q.speaker_id
     WHERE ${inList('q.id', '@ids')}`,
    { ids },
  );
  const themes = await db.all<{ quoteId: number; theme: string; stance: Stance } & TrustRow>(
    // th.id is selected only because DISTINCT must select what it orders by (PostgreSQL); it names the same theme as th.slug.
    `SELECT DISTINCT ev.quote_id AS "quoteId", th.id AS "themeId", th.slug AS theme, tt.stance, ${TAG_TRUST_COLUMNS} FROM evidence ev
     JOIN theme_tags tt ON tt.id = ev.tag_id JOIN themes th ON th.id = tt.theme_id
     WHERE ${inList('ev.quote_id', '@ids')} ORDER BY th.id`,
    { ids },
  );
  const byId = new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        text: row.text,
        start: row.start,
        end: row.end,
        speaker: row.speakerSlug ? { slug: row.speakerSlug, name: row.speakerName ?? '', role: row.speakerRole } : null,
        voice: row.voice,
        ...sourceRefs(row),
        citation: citation({
          voice: row.voice,
          speaker: row.speakerSlug ? { name: row.speakerName ?? '', role: row.speakerRole } : null,
          organisation: { name: row.organisationName },
          document: sourceRefs(row).document,
        }),
        permalink: spanPermalink(row.statementId, row.start, row.end),
        statement: { id: row.statementId, date: row.date, url: `/v1/statements/${row.statementId}` },
        themes: [] as ({ theme: string; stance: Stance } & TagTrust)[],
        url: `/v1/quotes/${row.id}`,
      },
    ]),
  );
  for (const t of themes) byId.get(t.quoteId)?.themes.push({ theme: t.theme, stance: t.stance, ...tagTrust(t) });
  return ids.flatMap((id) => byId.get(id) ?? []);
}
