import type { Db, Queries } from '../../db/database.ts';
import { analyse, type Analysis, type Lexicon, type Speaker } from '../../domain/analyse/index.ts';
import type { EventKind } from '../../domain/analyse/lexicon.ts';
import { quoteContaining } from '../../domain/analyse/quotes.ts';
import { publishedByOthers, type QuoteVoice } from '../../domain/voice.ts';
import { contentHash } from '../../../seed/load.ts';
import { recordChange, recordFigureAdded, recordStatementAdded, stancesOf } from '../changes/record.ts';
import { writeAnalysedAsks } from '../asks/store.ts';

export interface NewOrganisation {
  slug?: string | undefined;
  name: string;
  shortName?: string | undefined;
  kind?: string | undefined;
  url?: string | undefined;
}

export interface NewStatement {
  text: string;
  organisation: string | NewOrganisation;
  event: string;
  date: string;
  url: string;
  title: string;
  publisher?: string | undefined;
  kind?: string | undefined;
}

/** A different text under a URL already stored: one URL is one document. */
export class DocumentConflict extends Error {
  constructor(
    readonly url: string,
    readonly statementId: number,
  ) {
    super(`a different text from ${url} is already stored as statement ${statementId}; one URL is one document`);
  }
}

export class UnknownReference extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/['’]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'item'
  );
}

async function uniqueSlug(tx: Queries, table: 'people' | 'source_documents' | 'organisations', base: string): Promise<string> {
  let slug = base;
  for (let n = 2; (await tx.value(`SELECT id FROM ${table} WHERE slug = ?`, [slug])) !== undefined; n += 1) slug = `${base}-${n}`;
  return slug;
}

type StoredOrganisation = { id: number; slug: string; name: string; shortName: string; kind: string };

/** The slug a statement's organisation is stored under: the one named, or made from its name. */
export function organisationSlug(organisation: NewStatement['organisation']): string {
  return typeof organisation === 'string' ? organisation : (organisation.slug ?? slugify(organisation.name));
}

async function resolveOrganisation(tx: Queries, organisation: NewStatement['organisation']): Promise<StoredOrganisation> {
  const slug = organisationSlug(organisation);
  const existing = await tx.get<StoredOrganisation>('SELECT id, slug, name, short_name AS "shortName", kind FROM organisations WHERE slug = ?', [slug]);
  if (existing) return existing;
  if (typeof organisation === 'string') {
    throw new UnknownReference('organisation', `unknown organisation '${organisation}'; send an object with at least a name to create it`);
  }
  const row = {
    slug,
    name: organisation.name,
    shortName: organisation.shortName ?? organisation.name,
    kind: organisation.kind ?? 'organisation',
    url: organisation.url ?? null,
  };
  const id = (await tx.value<number>(
    'INSERT INTO organisations (slug, name, short_name, kind, url) VALUES (@slug, @name, @shortName, @kind, @url) RETURNING id',
    row,
  )) as number;
  return { id, slug, name: row.name, shortName: row.shortName, kind: row.kind };
}

const normaliseName = (name: string) => name.replace(/^(?:dr|cllr|councillor|mr|mrs|ms|miss|prof|professor|sir|dame)\.?\s+/i, '').trim().toLowerCase();

/**
 * The stored people by normalised name (the first by id for each), for writes that resolve many speakers in a row (a bulk
 * import): read once, then kept up to date with the people the same writer creates. Valid only while nobody else writes
 * people: its owner drops it (`forget`) at the end of each transaction and after a rollback.
 */
export class PeopleIndex {
  private byName: Map<string, number> | undefined;

  async find(tx: Queries, wanted: string): Promise<number | undefined> {
    if (!this.byName) {
      this.byName = new Map();
      for (const person of await tx.all<{ id: number; name: string }>('SELECT id, name FROM people ORDER BY id')) {
        const key = normaliseName(person.name);
        if (!this.byName.has(key)) this.byName.set(key, person.id);
      }
    }
    return this.byName.get(wanted);
  }

  added(name: string, id: number): void {
    const key = normaliseName(name);
    if (this.byName && !this.byName.has(key)) this.byName.set(key, id);
  }

  forget(): void {
    this.byName = undefined;
  }
}

/** The stored person for a speaker the analyser named: matched by name, else created. */
async function resolvePerson(tx: Queries, speaker: Speaker, fallbackOrganisationId: number | null, people?: PeopleIndex): Promise<number> {
  const wanted = normaliseName(speaker.name);
  const found = people
    ? await people.find(tx, wanted)
    : (await tx.all<{ id: number; name: string }>('SELECT id, name FROM people ORDER BY id')).find((p) => normaliseName(p.name) === wanted)?.id;
  if (found !== undefined) return found;
  const organisationId = speaker.organisation
    ? ((await tx.value<number>('SELECT id FROM organisations WHERE slug = ?', [speaker.organisation])) ?? fallbackOrganisationId)
    : fallbackOrganisationId;
  const slug = await uniqueSlug(tx, 'people', slugify(speaker.name.replace(/^(?:dr|cllr|councillor|mr|mrs|ms|prof)\.?\s+/i, '')));
  const id = (await tx.value<number>(
    'INSERT INTO people (slug, name, role, organisation_id) VALUES (@slug, @name, @role, @organisationId) RETURNING id',
    { slug, name: speaker.name, role: speaker.role ?? null, organisationId },
  )) as number;
  people?.added(speaker.name, id);
  return id;
}

/**
 * Writes the analyser's findings for a statement, leaving every editor's decision alone: a theme
 * with a curated or reviewed tag, or a rejection, is skipped, a curated quote keeps its place, and previous
 * analyser output is replaced. Offsets are shifted from the analysed text to the document.
 */
export async function writeAnalysis(tx: Queries, statementId: number, analysis: Analysis, offset: number, organisationId: number, people?: PeopleIndex): Promise<void> {
  await touchStatement(tx, statementId);
  // An analysed tag an editor accepted is the editor's decision now: it stays, like a curated one.
  // `NOT reviewed`, not `reviewed = FALSE`: an equality on `reviewed` let SQLite, before it had statistics, read
  // every unreviewed tag through theme_tags_review_idx for each statement (quadratic over an import).
  await tx.run("DELETE FROM theme_tags WHERE statement_id = ? AND tagged_by = 'analyser' AND NOT reviewed", [statementId]);
  await tx.run("DELETE FROM quotes WHERE statement_id = ? AND attributed_by = 'analyser'", [statementId]);
  // A figure the analyser finds again is not news: only figures new to the statement are recorded as added.
  const known = new Set(
    (await tx.all<{ start: number; end: number; value: number; unit: string }>(
      'SELECT start_offset AS "start", end_offset AS "end", value, unit FROM figures WHERE statement_id = ?',
      [statementId],
    )).map(figureKey),
  );
  // An editor's grouping of an analysed figure outlives re-analysis: it goes back on the figure found again at the same place.
  const groupings = new Map(
    (await tx.all<{ start: number; end: number; value: number; unit: string; groupKey: string; label: string | null; setAt: string }>(
      `SELECT f.start_offset AS "start", f.end_offset AS "end", f.value, f.unit, g.group_key AS "groupKey", g.label, g.set_at AS "setAt"
         FROM figure_groupings g JOIN figures f ON f.id = g.figure_id WHERE f.statement_id = ? AND f.extracted_by = 'analyser'`,
      [statementId],
    )).map((row) => [figureKey(row), row]),
  );
  await tx.run("DELETE FROM figures WHERE statement_id = ? AND extracted_by = 'analyser'", [statementId]);
  await tx.run("DELETE FROM publisher_spans WHERE statement_id = ? AND marked_by = 'analyser'", [statementId]);
  for (const span of analysis.publisherSpans) {
    await tx.run("INSERT INTO publisher_spans (statement_id, start_offset, end_offset, marked_by) VALUES (?, ?, ?, 'analyser')", [
      statementId,
      span.start + offset,
      span.end + offset,
    ]);
  }

  const themeIds = new Map((await tx.all<{ id: number; slug: string }>('SELECT id, slug FROM themes')).map((t) => [t.slug, t.id]));
  const decided = new Set([
    ...(await tx.column<number>('SELECT theme_id FROM theme_tags WHERE statement_id = ?', [statementId])),
    ...(await tx.column<number>('SELECT theme_id FROM theme_tag_rejections WHERE statement_id = ?', [statementId])),
  ]);
  const curatedQuotes = await tx.all<{ start: number; end: number }>('SELECT start_offset AS "start", end_offset AS "end" FROM quotes WHERE statement_id = ?', [statementId]);

  const newQuotes: NewQuote[] = [];
  for (const quote of analysis.quotes) {
    const start = quote.start + offset;
    const end = quote.end + offset;
    if (curatedQuotes.some((q) => start < q.end && end > q.start)) continue;
    const speakerId = quote.speaker ? await resolvePerson(tx, quote.speaker, organisationId, people) : null;
    newQuotes.push({ speakerId, text: quote.text, start, end, voice: quote.voice });
  }
  const storedQuotes = await insertQuotes(tx, statementId, newQuotes);
  const allQuotes = [
    ...storedQuotes,
    ...(await tx.all<{ id: number; start: number; end: number; voice: QuoteVoice }>(
      `SELECT id, start_offset AS "start", end_offset AS "end", voice FROM quotes WHERE statement_id = ? AND attributed_by = 'curated' ORDER BY id`,
      [statementId],
    )),
  ];

  for (const finding of analysis.themes) {
    const themeId = themeIds.get(finding.theme);
    if (themeId === undefined || decided.has(themeId)) continue;
    const tagId = (await tx.value<number>(
      `INSERT INTO theme_tags (statement_id, theme_id, stance, tagged_by, confidence, note)
       VALUES (@statementId, @themeId, @stance, 'analyser', @confidence, @note) RETURNING id`,
      { statementId, themeId, stance: finding.stance, confidence: finding.confidence, note: noteFor(finding.evidence.flatMap((e) => e.cues)) },
    )) as number;
    for (const span of finding.evidence) {
      const start = span.start + offset;
      const end = span.end + offset;
      const container = quoteContaining(allQuotes, { start, end });
      // Evidence speaks with its quote's voice; outside every quote (on the organisation's own page) it is its own.
      await tx.run('INSERT INTO evidence (tag_id, quote_id, text, start_offset, end_offset, voice) VALUES (@tagId, @quoteId, @text, @start, @end, @voice)', {
        tagId,
        quoteId: container?.id ?? null,
        text: span.text,
        start,
        end,
        voice: container?.voice ?? 'own',
      });
    }
  }

  for (const figure of analysis.figures) {
    const figureId = (await tx.value<number>(
      `INSERT INTO figures (statement_id, theme_id, raw, extracted_by, value, unit, measures, period, start_offset, end_offset)
       VALUES (@statementId, @themeId, @raw, 'analyser', @value, @unit, @measures, @period, @start, @end) RETURNING id`,
      {
        statementId,
        themeId: figure.theme ? (themeIds.get(figure.theme) ?? null) : null,
        raw: figure.raw,
        value: figure.value,
        unit: figure.unit,
        measures: figure.measures,
        period: figure.period ?? null,
        start: figure.start + offset,
        end: figure.end + offset,
      },
    )) as number;
    const stored = { start: figure.start + offset, end: figure.end + offset, value: figure.value, unit: figure.unit };
    if (!known.has(figureKey(stored))) await recordFigureAdded(tx, statementId, figureId, { ...figure, ...stored });
    const grouping = groupings.get(figureKey(stored));
    if (grouping) {
      await tx.run('INSERT INTO figure_groupings (figure_id, group_key, label, set_at) VALUES (@figureId, @groupKey, @label, @setAt)', { figureId, groupKey: grouping.groupKey, label: grouping.label, setAt: grouping.setAt });
    }
  }

  await writeAnalysedAsks(tx, statementId, analysis.asks.map((ask) => ({ ...ask, start: ask.start + offset, end: ask.end + offset })));
}

// Rows per INSERT of quotes: well under either engine's limit on parameters (7 a row).
const QUOTES_PER_INSERT = 100;

/** An analysed quote to store, its offsets in the statement's text. */
type NewQuote = { speakerId: number | null; text: string; start: number; end: number; voice: QuoteVoice };

/**
 * A statement's analysed quotes, inserted a hundred rows to a statement. Each statement that writes to a full-text
 * index makes SQLite's FTS5 write out what it holds, so one INSERT per quote cost 290 µs a quote once the index held
 * 170 000 quotes; one INSERT for a document's quotes costs 42 µs a quote. Ids come back ascending in the order given:
 * the rows of one INSERT take consecutive ids, in order, under the write lock the transaction holds.
 */
async function insertQuotes(tx: Queries, statementId: number, quotes: NewQuote[]): Promise<(NewQuote & { id: number })[]> {
  const stored: (NewQuote & { id: number })[] = [];
  for (let from = 0; from < quotes.length; from += QUOTES_PER_INSERT) {
    const rows = quotes.slice(from, from + QUOTES_PER_INSERT);
    const ids = await tx.column<number>(
      `INSERT INTO quotes (statement_id, speaker_id, attributed_by, text, start_offset, end_offset, voice)
       VALUES ${rows.map(() => "(?, ?, 'analyser', ?, ?, ?, ?)").join(', ')} RETURNING id`,
      rows.flatMap((q) => [statementId, q.speakerId, q.text, q.start, q.end, q.voice]),
    );
    ids.sort((a, b) => a - b);
    rows.forEach((quote, i) => stored.push({ ...quote, id: ids[i] as number }));
  }
  return stored;
}

const figureKey = (figure: { start: number; end: number; value: number; unit: string }) => `${figure.start}:${figure.end}:${figure.value}:${figure.unit}`;


/** Marks a statement changed now: what Last-Modified reports for it and for the lists. */
export async function touchStatement(tx: Queries, statementId: number): Promise<void> {
  await tx.run('UPDATE statements SET updated_at = ? WHERE id = ?', [new Date().toISOString(), statementId]);
}

function noteFor(cues: string[]): string | null {
  const unique = [...new Set(cues)];
  return unique.length > 0 ? `Analyser: stance from ${unique.map((c) => `"${c}"`).join(', ')}` : 'Analyser: mentioned without a judgement';
}

export interface StoreOptions {
  /** The people by name, kept by a writer that stores many statements in one transaction (a bulk import). */
  people?: PeopleIndex | undefined;
}

/** The first statement (by id) of a document found by `column` (its content hash or URL). */
const STATEMENT_OF_DOCUMENT = (column: 'content_hash' | 'url') =>
  `SELECT s.id FROM statements s JOIN source_documents d ON d.id = s.document_id WHERE d.${column} = ? ORDER BY s.id LIMIT 1`;

/**
 * Stores a new source document and its statement, analysed, in one transaction. The same text
 * (by content hash) already stored gives back that statement instead of a duplicate; a different
 * text under a URL already stored is refused (DocumentConflict).
 */
export async function storeStatement(db: Db, input: NewStatement, lexicon: Lexicon, options: StoreOptions = {}): Promise<{ id: number; created: boolean }> {
  const hash = contentHash(input.text);
  // Every transaction takes the write lock before its look-ups (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so two processes storing the same URL take turns.
  return db.transaction(async (tx) => {
    const existing = await tx.value<number>(STATEMENT_OF_DOCUMENT('content_hash'), [hash]);
    if (existing !== undefined) return { id: existing, created: false };
    const sameUrl = await tx.value<number>(STATEMENT_OF_DOCUMENT('url'), [input.url]);
    if (sameUrl !== undefined) throw new DocumentConflict(input.url, sameUrl);

    const event = await tx.get<{ id: number; slug: string; kind: EventKind }>('SELECT id, slug, kind FROM events WHERE slug = ?', [input.event]);
    if (!event) throw new UnknownReference('event', `unknown event '${input.event}'; see /v1/events for the list`);
    const organisation = await resolveOrganisation(tx, input.organisation);
    const publisher = input.publisher ?? (typeof input.organisation === 'string' ? organisation.slug : input.organisation.name);
    const documentId = (await tx.value<number>(
      `INSERT INTO source_documents (slug, title, publisher, url, published_on, kind, text, content_hash)
       VALUES (@slug, @title, @publisher, @url, @publishedOn, @kind, @text, @contentHash) RETURNING id`,
      {
        slug: await uniqueSlug(tx, 'source_documents', slugify(input.title)),
        title: input.title,
        publisher,
        url: input.url,
        publishedOn: input.date,
        kind: input.kind ?? 'press-release',
        text: input.text,
        contentHash: hash,
      },
    )) as number;
    const analysis = analyse(
      { text: input.text, organisation: { slug: organisation.slug, kind: organisation.kind }, thirdParty: publishedByOthers(publisher, organisation), event },
      lexicon,
    );
    const id = (await tx.value<number>(
      `INSERT INTO statements (document_id, organisation_id, event_id, date, text, start_offset, end_offset, summary)
       VALUES (@documentId, @organisationId, @eventId, @date, @text, @start, @end, @summary) RETURNING id`,
      {
        documentId,
        organisationId: organisation.id,
        eventId: event.id,
        date: input.date,
        text: input.text,
        start: 0,
        end: input.text.length,
        summary: summarise(analysis),
      },
    )) as number;
    // A new statement has no editor's decisions yet: every theme found is stored. Its figures are recorded as added by writeAnalysis, after it.
    const themeSlugs = new Set(await tx.column<string>('SELECT slug FROM themes'));
    await recordStatementAdded(tx, id, analysis.themes.filter((t) => themeSlugs.has(t.theme)));
    await writeAnalysis(tx, id, analysis, 0, organisation.id, options.people);
    return { id, created: true };
  });
}

/** A one-line summary until an editor writes one: the themes and stances found. */
function summarise(analysis: Analysis): string {
  if (analysis.themes.length === 0) return 'No core theme found by the analyser.';
  return `Analyser: ${analysis.themes.map((t) => `${t.theme} ${t.stance}`).join('; ')}.`;
}

/** Runs the analyser again over a stored statement; editors' decisions stay. */
export async function reanalyse(db: Db, statementId: number, lexicon: Lexicon): Promise<boolean> {
  const row = await db.get<{
    text: string;
    start: number;
    organisationId: number;
    slug: string;
    name: string;
    shortName: string;
    kind: string;
    publisher: string;
    eventSlug: string;
    eventKind: EventKind;
  }>(
    `SELECT s.text, s.start_offset AS "start", s.organisation_id AS "organisationId", o.slug, o.name, o.short_name AS "shortName", o.kind,
            d.publisher, e.slug AS "eventSlug", e.kind AS "eventKind"
       FROM statements s
       JOIN organisations o ON o.id = s.organisation_id
       JOIN events e ON e.id = s.event_id
       JOIN source_documents d ON d.id = s.document_id
      WHERE s.id = ?`,
    [statementId],
  );
  if (!row) return false;
  const event = { slug: row.eventSlug, kind: row.eventKind };
  const analysis = analyse({ text: row.text, organisation: { slug: row.slug, kind: row.kind }, thirdParty: publishedByOthers(row.publisher, row), event }, lexicon);
  await db.transaction(async (tx) => {
    const before = await stancesOf(tx, statementId);
    await writeAnalysis(tx, statementId, analysis, row.start, row.organisationId);
    await recordChange(tx, { kind: 'statement.reanalysed', statementId, detail: { before, after: await stancesOf(tx, statementId) } });
  });
  return true;
}
