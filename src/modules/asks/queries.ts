import type { Db, Queries } from '../../db/database.ts';
import type { ASK_OUTCOMES } from '../../db/schema.ts';
import { quoteContaining } from '../../domain/analyse/quotes.ts';
import { groupAsks, targetFamily, type AskGroup } from '../../domain/asks.ts';
import { citation, spanPermalink } from '../../domain/citation.ts';
import type { QuoteVoice } from '../../domain/voice.ts';
import { recordChange } from '../changes/record.ts';
import { touchStatement } from '../ingest/store.ts';
import { SOURCE_COLUMNS, sourceRefs, type SourceColumns } from '../statements/queries.ts';

export type AskOutcome = (typeof ASK_OUTCOMES)[number];

export interface AskFilters {
  organisation?: string[] | undefined;
  theme?: string[] | undefined;
  target?: string[] | undefined;
  event?: string[] | undefined;
  outcome?: (AskOutcome | 'none')[] | undefined;
  q?: string | undefined;
}

export interface Outcome {
  outcome: AskOutcome;
  sourceUrl: string;
  decidedOn: string;
  note: string | null;
  recordedAt: string;
}

interface AskRow extends SourceColumns {
  id: number;
  statementId: number;
  date: string;
  theme: string | null;
  themeName: string | null;
  target: string;
  action: string;
  text: string;
  start: number;
  end: number;
  extractedBy: 'curated' | 'analyser';
}

interface QuoteRow {
  statementId: number;
  start: number;
  end: number;
  voice: QuoteVoice;
  name: string | null;
  role: string | null;
}

const ASK_COLUMNS = `a.id, a.statement_id AS "statementId", s.date, th.slug AS theme, th.name AS "themeName", a.target, a.action, a.text,
  a.start_offset AS "start", a.end_offset AS "end", a.extracted_by AS "extractedBy", ${SOURCE_COLUMNS}`;
const ASK_FROM = `FROM asks a
  JOIN statements s ON s.id = a.statement_id
  JOIN organisations o ON o.id = s.organisation_id
  JOIN events e ON e.id = s.event_id
  JOIN source_documents d ON d.id = s.document_id
  LEFT JOIN themes th ON th.id = a.theme_id`;
const OUTCOME_COLUMNS = `ao.ask_id AS "askId", ao.outcome, ao.source_url AS "sourceUrl", ao.decided_on AS "decidedOn", ao.note, ao.recorded_at AS "recordedAt"`;

/** Every ask (or the one with `id`), with its source; outcomes and speakers are read apart. */
async function askRows(db: Queries, id?: number): Promise<AskRow[]> {
  return db.all<AskRow>(`SELECT ${ASK_COLUMNS} ${ASK_FROM} ${id === undefined ? '' : 'WHERE a.id = @id'} ORDER BY a.id`, id === undefined ? {} : { id });
}

/** The newest outcome of each ask (of `askId` only, when given). */
async function latestOutcomes(db: Queries, askId?: number): Promise<Map<number, Outcome>> {
  const rows = await db.all<Outcome & { askId: number }>(
    `SELECT ${OUTCOME_COLUMNS} FROM ask_outcomes ao
      WHERE ao.id IN (SELECT max(id) FROM ask_outcomes ${askId === undefined ? '' : 'WHERE ask_id = @askId'} GROUP BY ask_id)`,
    askId === undefined ? {} : { askId },
  );
  return new Map(rows.map(({ askId: id, ...outcome }) => [id, outcome]));
}

/** The quotes of the statements the asks are in, so that each ask keeps its speaker and voice. */
async function quotesOf(db: Db, statementIds: number[]): Promise<Map<number, QuoteRow[]>> {
  const byStatement = new Map<number, QuoteRow[]>();
  if (statementIds.length === 0) return byStatement;
  const rows = await db.all<QuoteRow>(
    `SELECT q.statement_id AS "statementId", q.start_offset AS "start", q.end_offset AS "end", q.voice, p.name, p.role
       FROM quotes q LEFT JOIN people p ON p.id = q.speaker_id WHERE ${db.dialect.inList('q.statement_id', '@ids')} ORDER BY q.statement_id, q.start_offset`,
    { ids: [...new Set(statementIds)] },
  );
  for (const row of rows) byStatement.set(row.statementId, [...(byStatement.get(row.statementId) ?? []), row]);
  return byStatement;
}

export type AskItem = ReturnType<typeof toItem>;

function toItem(row: AskRow, quotes: QuoteRow[], outcome: Outcome | undefined) {
  const refs = sourceRefs(row);
  const quote = quoteContaining(quotes, row);
  const voice: QuoteVoice = quote?.voice ?? 'own';
  const speaker = quote?.name ? { name: quote.name, role: quote.role } : null;
  return {
    id: row.id,
    organisation: refs.organisation,
    target: row.target,
    action: row.action,
    text: row.text,
    theme: row.theme ? { slug: row.theme, name: row.themeName ?? row.theme } : null,
    start: row.start,
    end: row.end,
    origin: row.extractedBy,
    voice,
    speaker,
    statement: { id: row.statementId, date: row.date, url: `/v1/statements/${row.statementId}` },
    event: refs.event,
    citation: citation({ voice, speaker, organisation: refs.organisation, document: refs.document }),
    permalink: spanPermalink(row.statementId, row.start, row.end),
    url: `/v1/asks/${row.id}`,
    outcome: outcome ?? null,
  };
}

/** Every ask as a reader sees it, and the groups of similar asks they form. */
async function everyAsk(db: Db): Promise<{ items: Map<number, AskItem>; groups: AskGroup[]; rows: AskRow[] }> {
  const rows = await askRows(db);
  const [quotes, outcomes] = await Promise.all([quotesOf(db, rows.map((r) => r.statementId)), latestOutcomes(db)]);
  const items = new Map(rows.map((row) => [row.id, toItem(row, quotes.get(row.statementId) ?? [], outcomes.get(row.id))]));
  const groups = groupAsks(
    rows.map((row) => ({
      id: row.id,
      organisation: row.organisationSlug,
      organisationName: row.organisationShortName,
      theme: row.theme,
      themeName: row.themeName,
      target: row.target,
      action: row.action,
      text: row.text,
      date: row.date,
    })),
  );
  return { items, groups, rows };
}

/** The newest outcome recorded on any of a group's asks (by when it was recorded, then by row). */
function groupOutcome(asks: AskItem[]): (Outcome & { askId: number }) | null {
  const decided = asks.flatMap((a) => (a.outcome ? [{ ...a.outcome, askId: a.id }] : []));
  return decided.sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : b.askId - a.askId))[0] ?? null;
}

const lower = (text: string) => text.toLowerCase();

/**
 * The groups of similar asks that match the filters, each with all its asks: a group matches when
 * one of its asks is by a chosen organisation and in a chosen event, its theme and target (or
 * family of targets) are chosen, its outcome is, and the words looked for are in its label or an
 * ask's wording or action.
 */
export async function askGroups(db: Db, filters: AskFilters, { offset = 0, limit = Number.MAX_SAFE_INTEGER } = {}) {
  const { items, groups } = await everyAsk(db);
  const organisations = new Map<string, { slug: string; name: string; shortName: string }>();
  for (const item of items.values()) organisations.set(item.organisation.slug, item.organisation);
  const targets = filters.target?.map(lower);
  const words = filters.q ? lower(filters.q).split(/\s+/u).filter(Boolean) : [];
  const shaped = groups
    .map((group) => {
      const asks = group.asks.flatMap((id) => items.get(id) ?? []);
      return {
        key: group.key,
        label: group.label,
        theme: asks[0]?.theme ?? null,
        target: group.target,
        organisationCount: group.organisationCount,
        organisations: group.organisations.flatMap((slug) => organisations.get(slug) ?? []).sort((a, b) => a.name.localeCompare(b.name)),
        figures: group.figures,
        asks,
        outcome: groupOutcome(asks),
      };
    })
    .filter((group) => {
      const member = group.asks.some(
        (a) => (!filters.organisation?.length || filters.organisation.includes(a.organisation.slug)) && (!filters.event?.length || filters.event.includes(a.event.slug)),
      );
      if (!member) return false;
      if (filters.theme?.length && !filters.theme.includes(group.theme?.slug ?? '')) return false;
      if (targets?.length && !group.asks.some((a) => targets.includes(lower(a.target)) || targets.includes(lower(targetFamily(a.target))))) return false;
      if (filters.outcome?.length && !filters.outcome.includes(group.outcome?.outcome ?? 'none')) return false;
      if (words.length > 0) {
        const haystack = lower([group.label, ...group.asks.flatMap((a) => [a.text, a.action])].join(' '));
        if (!words.every((word) => haystack.includes(word))) return false;
      }
      return true;
    });
  return {
    groups: shaped.slice(offset, offset + limit),
    total: shaped.length,
    askCount: shaped.reduce((n, g) => n + g.asks.length, 0),
    nextOffset: offset + limit < shaped.length ? offset + limit : undefined,
  };
}

/** One ask with every outcome recorded on it (newest first) and the group it stands in; undefined when there is none. */
export async function askDetail(db: Db, id: number) {
  const [row] = await askRows(db, id);
  if (!row) return undefined;
  const [quotes, history, { groups }] = await Promise.all([
    quotesOf(db, [row.statementId]),
    db.all<Outcome>(`SELECT ${OUTCOME_COLUMNS} FROM ask_outcomes ao WHERE ao.ask_id = ? ORDER BY ao.id DESC`, [id]),
    everyAsk(db),
  ]);
  const outcomes = history.map(({ outcome, sourceUrl, decidedOn, note, recordedAt }) => ({ outcome, sourceUrl, decidedOn, note, recordedAt }));
  const group = groups.find((g) => g.asks.includes(id));
  return {
    ...toItem(row, quotes.get(row.statementId) ?? [], outcomes[0]),
    outcomes,
    group: { key: group?.key ?? `ask-${id}`, label: group?.label ?? '' },
  };
}

export interface NewOutcome {
  outcome: AskOutcome;
  sourceUrl: string;
  decidedOn: string;
  note?: string | undefined;
}

/**
 * Records what became of an ask, in one transaction with the change it makes to the feed (and the
 * statement's Last-Modified); false when there is no such ask. The newest outcome counts; older
 * ones stay as its history.
 */
export async function recordOutcome(db: Db, askId: number, input: NewOutcome, keyName: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const ask = await tx.get<{ statementId: number; target: string; action: string }>(
      'SELECT statement_id AS "statementId", target, action FROM asks WHERE id = ?',
      [askId],
    );
    if (!ask) return false;
    const previous = (await latestOutcomes(tx, askId)).get(askId)?.outcome ?? null;
    const recordedAt = new Date().toISOString();
    await tx.run(
      `INSERT INTO ask_outcomes (ask_id, outcome, source_url, decided_on, note, recorded_at, key_name)
       VALUES (@askId, @outcome, @sourceUrl, @decidedOn, @note, @recordedAt, @keyName)`,
      { askId, outcome: input.outcome, sourceUrl: input.sourceUrl, decidedOn: input.decidedOn, note: input.note ?? null, recordedAt, keyName },
    );
    await touchStatement(tx, ask.statementId);
    await recordChange(tx, {
      kind: 'ask.outcome',
      statementId: ask.statementId,
      subjectId: askId,
      detail: { target: ask.target, action: ask.action, outcome: input.outcome, previous, sourceUrl: input.sourceUrl, decidedOn: input.decidedOn, note: input.note ?? null },
    });
    return true;
  });
}
