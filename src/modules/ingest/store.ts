import { and, eq } from 'drizzle-orm';
import type { Db, Orm } from '../../db/client.ts';
import {
  events,
  evidence,
  figures,
  organisations,
  people,
  publisherSpans,
  quotes,
  sourceDocuments,
  statements,
  themes,
  themeTagRejections,
  themeTags,
} from '../../db/schema.ts';
import { analyse, type Analysis, type Lexicon, type Speaker } from '../../domain/analyse/index.ts';
import { quoteContaining } from '../../domain/analyse/quotes.ts';
import { publishedByOthers, type QuoteVoice } from '../../domain/voice.ts';
import { contentHash } from '../../../seed/load.ts';

type Tx = Parameters<Parameters<Orm['transaction']>[0]>[0];

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

function uniqueSlug(tx: Tx, table: typeof people | typeof sourceDocuments | typeof organisations, base: string): string {
  let slug = base;
  for (let n = 2; tx.select({ id: table.id }).from(table).where(eq(table.slug, slug)).get(); n += 1) slug = `${base}-${n}`;
  return slug;
}

function resolveOrganisation(tx: Tx, organisation: NewStatement['organisation']): { id: number; slug: string; name: string; shortName: string; kind: string } {
  const slug = typeof organisation === 'string' ? organisation : (organisation.slug ?? slugify(organisation.name));
  const existing = tx
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, shortName: organisations.shortName, kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.slug, slug))
    .get();
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
  const { id } = tx.insert(organisations).values(row).returning({ id: organisations.id }).get();
  return { id, slug, name: row.name, shortName: row.shortName, kind: row.kind };
}

const normaliseName = (name: string) => name.replace(/^(?:dr|cllr|councillor|mr|mrs|ms|miss|prof|professor|sir|dame)\.?\s+/i, '').trim().toLowerCase();

/** The stored person for a speaker the analyser named: matched by name, else created. */
function resolvePerson(tx: Tx, speaker: Speaker, fallbackOrganisationId: number | null): number {
  const wanted = normaliseName(speaker.name);
  const candidates = tx.select({ id: people.id, name: people.name }).from(people).all();
  const match = candidates.find((p) => normaliseName(p.name) === wanted);
  if (match) return match.id;
  const organisationId = speaker.organisation
    ? (tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, speaker.organisation)).get()?.id ?? fallbackOrganisationId)
    : fallbackOrganisationId;
  const { id } = tx
    .insert(people)
    .values({ slug: uniqueSlug(tx, people, slugify(speaker.name.replace(/^(?:dr|cllr|councillor|mr|mrs|ms|prof)\.?\s+/i, ''))), name: speaker.name, role: speaker.role, organisationId })
    .returning({ id: people.id })
    .get();
  return id;
}

/**
 * Writes the analyser's findings for a statement, leaving every editor's decision alone: a theme
 * with a curated or reviewed tag, or a rejection, is skipped, a curated quote keeps its place, and previous
 * analyser output is replaced. Offsets are shifted from the analysed text to the document.
 */
export function writeAnalysis(tx: Tx, statementId: number, analysis: Analysis, offset: number, organisationId: number): void {
  touchStatement(tx, statementId);
  // An analysed tag an editor accepted is the editor's decision now: it stays, like a curated one.
  tx.delete(themeTags).where(and(eq(themeTags.statementId, statementId), eq(themeTags.taggedBy, 'analyser'), eq(themeTags.reviewed, false))).run();
  tx.delete(quotes).where(and(eq(quotes.statementId, statementId), eq(quotes.attributedBy, 'analyser'))).run();
  tx.delete(figures).where(and(eq(figures.statementId, statementId), eq(figures.extractedBy, 'analyser'))).run();
  tx.delete(publisherSpans).where(and(eq(publisherSpans.statementId, statementId), eq(publisherSpans.markedBy, 'analyser'))).run();
  for (const span of analysis.publisherSpans) {
    tx.insert(publisherSpans).values({ statementId, startOffset: span.start + offset, endOffset: span.end + offset, markedBy: 'analyser' }).run();
  }

  const themeIds = new Map(tx.select({ id: themes.id, slug: themes.slug }).from(themes).all().map((t) => [t.slug, t.id]));
  const decided = new Set([
    ...tx.select({ themeId: themeTags.themeId }).from(themeTags).where(eq(themeTags.statementId, statementId)).all().map((r) => r.themeId),
    ...tx.select({ themeId: themeTagRejections.themeId }).from(themeTagRejections).where(eq(themeTagRejections.statementId, statementId)).all().map((r) => r.themeId),
  ]);
  const curatedQuotes = tx.select({ start: quotes.startOffset, end: quotes.endOffset }).from(quotes).where(eq(quotes.statementId, statementId)).all();

  const storedQuotes: { id: number; start: number; end: number; voice: QuoteVoice }[] = [];
  for (const quote of analysis.quotes) {
    const start = quote.start + offset;
    const end = quote.end + offset;
    if (curatedQuotes.some((q) => start < q.end && end > q.start)) continue;
    const speakerId = quote.speaker ? resolvePerson(tx, quote.speaker, organisationId) : null;
    const { id } = tx
      .insert(quotes)
      .values({ statementId, speakerId, attributedBy: 'analyser', text: quote.text, startOffset: start, endOffset: end, voice: quote.voice })
      .returning({ id: quotes.id })
      .get();
    storedQuotes.push({ id, start, end, voice: quote.voice });
  }
  const allQuotes = [
    ...storedQuotes,
    ...tx
      .select({ id: quotes.id, start: quotes.startOffset, end: quotes.endOffset, voice: quotes.voice })
      .from(quotes)
      .where(and(eq(quotes.statementId, statementId), eq(quotes.attributedBy, 'curated')))
      .all(),
  ];

  for (const finding of analysis.themes) {
    const themeId = themeIds.get(finding.theme);
    if (themeId === undefined || decided.has(themeId)) continue;
    const { id: tagId } = tx
      .insert(themeTags)
      .values({ statementId, themeId, stance: finding.stance, taggedBy: 'analyser', confidence: finding.confidence, note: noteFor(finding.evidence.flatMap((e) => e.cues)) })
      .returning({ id: themeTags.id })
      .get();
    for (const span of finding.evidence) {
      const start = span.start + offset;
      const end = span.end + offset;
      const container = quoteContaining(allQuotes, { start, end });
      // Evidence speaks with its quote's voice; outside every quote (on the organisation's own page) it is its own.
      tx.insert(evidence).values({ tagId, quoteId: container?.id ?? null, text: span.text, startOffset: start, endOffset: end, voice: container?.voice ?? 'own' }).run();
    }
  }

  for (const figure of analysis.figures) {
    tx.insert(figures)
      .values({
        statementId,
        themeId: figure.theme ? (themeIds.get(figure.theme) ?? null) : null,
        raw: figure.raw,
        extractedBy: 'analyser',
        value: figure.value,
        unit: figure.unit,
        measures: figure.measures,
        period: figure.period,
        startOffset: figure.start + offset,
        endOffset: figure.end + offset,
      })
      .run();
  }
}

/** Marks a statement changed now: what Last-Modified reports for it and for the lists. */
export function touchStatement(tx: Pick<Tx, 'update'>, statementId: number): void {
  tx.update(statements).set({ updatedAt: new Date().toISOString() }).where(eq(statements.id, statementId)).run();
}

function noteFor(cues: string[]): string | null {
  const unique = [...new Set(cues)];
  return unique.length > 0 ? `Analyser: stance from ${unique.map((c) => `"${c}"`).join(', ')}` : 'Analyser: mentioned without a judgement';
}

/**
 * Stores a new source document and its statement, analysed, in one transaction. The same text
 * (by content hash) already stored gives back that statement instead of a duplicate; a different
 * text under a URL already stored is refused (DocumentConflict).
 */
export function storeStatement(db: Db, input: NewStatement, lexicon: Lexicon): { id: number; created: boolean } {
  const hash = contentHash(input.text);
  return db.orm.transaction((tx) => {
    const existing = tx
      .select({ id: statements.id })
      .from(statements)
      .innerJoin(sourceDocuments, eq(sourceDocuments.id, statements.documentId))
      .where(eq(sourceDocuments.contentHash, hash))
      .orderBy(statements.id)
      .get();
    if (existing) return { id: existing.id, created: false };
    const sameUrl = tx
      .select({ id: statements.id })
      .from(statements)
      .innerJoin(sourceDocuments, eq(sourceDocuments.id, statements.documentId))
      .where(eq(sourceDocuments.url, input.url))
      .orderBy(statements.id)
      .get();
    if (sameUrl) throw new DocumentConflict(input.url, sameUrl.id);

    const event = tx.select({ id: events.id, slug: events.slug, kind: events.kind }).from(events).where(eq(events.slug, input.event)).get();
    if (!event) throw new UnknownReference('event', `unknown event '${input.event}'; see /v1/events for the list`);
    const organisation = resolveOrganisation(tx, input.organisation);
    const publisher = input.publisher ?? (typeof input.organisation === 'string' ? organisation.slug : input.organisation.name);
    const { id: documentId } = tx
      .insert(sourceDocuments)
      .values({
        slug: uniqueSlug(tx, sourceDocuments, slugify(input.title)),
        title: input.title,
        publisher,
        url: input.url,
        publishedOn: input.date,
        kind: input.kind ?? 'press-release',
        text: input.text,
        contentHash: hash,
      })
      .returning({ id: sourceDocuments.id })
      .get();
    const analysis = analyse(
      { text: input.text, organisation: { slug: organisation.slug, kind: organisation.kind }, thirdParty: publishedByOthers(publisher, organisation), event },
      lexicon,
    );
    const { id } = tx
      .insert(statements)
      .values({
        documentId,
        organisationId: organisation.id,
        eventId: event.id,
        date: input.date,
        text: input.text,
        startOffset: 0,
        endOffset: input.text.length,
        summary: summarise(analysis),
      })
      .returning({ id: statements.id })
      .get();
    writeAnalysis(tx, id, analysis, 0, organisation.id);
    return { id, created: true };
    // Immediate: the write lock is taken before the look-ups, so two processes storing the same URL take turns.
  }, { behavior: 'immediate' });
}

/** A one-line summary until an editor writes one: the themes and stances found. */
function summarise(analysis: Analysis): string {
  if (analysis.themes.length === 0) return 'No core theme found by the analyser.';
  return `Analyser: ${analysis.themes.map((t) => `${t.theme} ${t.stance}`).join('; ')}.`;
}

/** Runs the analyser again over a stored statement; editors' decisions stay. */
export function reanalyse(db: Db, statementId: number, lexicon: Lexicon): boolean {
  const row = db.orm
    .select({
      text: statements.text,
      start: statements.startOffset,
      organisationId: statements.organisationId,
      slug: organisations.slug,
      name: organisations.name,
      shortName: organisations.shortName,
      kind: organisations.kind,
      publisher: sourceDocuments.publisher,
      event: { slug: events.slug, kind: events.kind },
    })
    .from(statements)
    .innerJoin(organisations, eq(organisations.id, statements.organisationId))
    .innerJoin(events, eq(events.id, statements.eventId))
    .innerJoin(sourceDocuments, eq(sourceDocuments.id, statements.documentId))
    .where(eq(statements.id, statementId))
    .get();
  if (!row) return false;
  const analysis = analyse({ text: row.text, organisation: { slug: row.slug, kind: row.kind }, thirdParty: publishedByOthers(row.publisher, row), event: row.event }, lexicon);
  db.orm.transaction((tx) => writeAnalysis(tx, statementId, analysis, row.start, row.organisationId));
  return true;
}

