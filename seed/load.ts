import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';
import {
  events,
  evidence,
  figures,
  organisations,
  people,
  quotes,
  sourceDocuments,
  stanceCues,
  statements,
  themes,
  publisherSpans,
  themeTags,
} from '../src/db/schema.ts';
import { quoteContaining } from '../src/domain/analyse/quotes.ts';
import { misplacedSpans, readCorpus, type LoadedCorpus } from './corpus.ts';
import { readStanceCues } from './lexicon.ts';

export interface SeedResult {
  documents: number;
  statements: number;
  skipped: number;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Loads the curated corpus in one transaction. Reference rows (themes, organisations, events,
 * people) are upserted so that edits to them apply; a document already stored (same content
 * hash) is left as it is, so running the seed twice changes nothing.
 */
export function seedCorpus(db: Db, loaded: LoadedCorpus = readCorpus()): SeedResult {
  const problems = misplacedSpans(loaded);
  if (problems.length > 0) throw new Error(`The curated corpus has misplaced spans:\n${problems.join('\n')}`);
  const { corpus, texts } = loaded;

  return db.orm.transaction((tx) => {
    const ids = (rows: { id: number; slug: string }[]) => new Map(rows.map((r) => [r.slug, r.id]));
    const need = (map: Map<string, number>, slug: string, what: string) => {
      const id = map.get(slug);
      if (id === undefined) throw new Error(`The corpus refers to an unknown ${what} '${slug}'`);
      return id;
    };

    for (const theme of corpus.themes) {
      tx.insert(themes).values(theme).onConflictDoUpdate({ target: themes.slug, set: theme }).run();
    }
    insertStanceCues(tx);
    // Aliases are the corpus's on a first load; after that they are the editors' (PUT …/aliases), and a reload keeps them.
    for (const { aliases, ...organisation } of corpus.organisations) {
      const row = { ...organisation, url: organisation.url ?? null };
      tx.insert(organisations).values({ ...row, aliases }).onConflictDoUpdate({ target: organisations.slug, set: row }).run();
    }
    for (const event of corpus.events) {
      tx.insert(events).values(event).onConflictDoUpdate({ target: events.slug, set: event }).run();
    }
    const organisationIds = ids(tx.select({ id: organisations.id, slug: organisations.slug }).from(organisations).all());
    for (const person of corpus.people) {
      const row = {
        slug: person.slug,
        name: person.name,
        role: person.role,
        organisationId: person.organisation ? need(organisationIds, person.organisation, 'organisation') : null,
      };
      tx.insert(people).values({ ...row, aliases: person.aliases }).onConflictDoUpdate({ target: people.slug, set: row }).run();
    }
    const themeIds = ids(tx.select({ id: themes.id, slug: themes.slug }).from(themes).all());
    const eventIds = ids(tx.select({ id: events.id, slug: events.slug }).from(events).all());
    const personIds = ids(tx.select({ id: people.id, slug: people.slug }).from(people).all());

    let documentCount = 0;
    let statementCount = 0;
    let skipped = 0;
    for (const document of corpus.documents) {
      const text = texts.get(document.slug) ?? '';
      const hash = contentHash(text);
      const existing = tx.select({ id: sourceDocuments.id }).from(sourceDocuments).where(eq(sourceDocuments.contentHash, hash)).get();
      if (existing) {
        skipped += 1;
        continue;
      }
      const { file: _file, ...meta } = document;
      const { id: documentId } = tx
        .insert(sourceDocuments)
        .values({ ...meta, text, contentHash: hash })
        .returning({ id: sourceDocuments.id })
        .get();
      documentCount += 1;

      for (const statement of corpus.statements.filter((s) => s.document === document.slug)) {
        const { id: statementId } = tx
          .insert(statements)
          .values({
            documentId,
            organisationId: need(organisationIds, statement.organisation, 'organisation'),
            eventId: need(eventIds, statement.event, 'event'),
            date: statement.date,
            text: text.slice(statement.span.start, statement.span.end),
            startOffset: statement.span.start,
            endOffset: statement.span.end,
            summary: statement.summary,
            updatedAt: new Date().toISOString(),
          })
          .returning({ id: statements.id })
          .get();
        statementCount += 1;

        const quoteRows = statement.quotes.map((quote) => ({
          ...tx
            .insert(quotes)
            .values({
              statementId,
              speakerId: quote.speaker ? need(personIds, quote.speaker, 'person') : null,
              text: quote.text,
              startOffset: quote.start,
              endOffset: quote.end,
              voice: quote.voice ?? (quote.speaker ? 'direct' : 'own'),
            })
            .returning({ id: quotes.id })
            .get(),
          start: quote.start,
          end: quote.end,
          voice: quote.voice ?? (quote.speaker ? 'direct' : 'own'),
        }));
        for (const span of statement.background) {
          tx.insert(publisherSpans).values({ statementId, startOffset: span.start, endOffset: span.end }).run();
        }

        for (const tag of statement.tags) {
          const { id: tagId } = tx
            .insert(themeTags)
            .values({
              statementId,
              themeId: need(themeIds, tag.theme, 'theme'),
              stance: tag.stance,
              taggedBy: 'curated',
              reviewed: true,
              confidence: 1,
              note: tag.note ?? null,
            })
            .returning({ id: themeTags.id })
            .get();
          for (const span of tag.evidence) {
            const container = quoteContaining(quoteRows, span);
            tx.insert(evidence)
              .values({ tagId, quoteId: container?.id ?? null, text: span.text, startOffset: span.start, endOffset: span.end, voice: container?.voice ?? 'own' })
              .run();
          }
        }

        for (const figure of statement.figures) {
          tx.insert(figures)
            .values({
              statementId,
              themeId: figure.theme ? need(themeIds, figure.theme, 'theme') : null,
              raw: figure.raw,
              value: figure.value,
              unit: figure.unit,
              measures: figure.measures,
              period: figure.period,
              startOffset: figure.start,
              endOffset: figure.end,
            })
            .run();
        }
      }
    }
    return { documents: documentCount, statements: statementCount, skipped };
  });
}

/** Adds the shipped stance lexicon; cues editors already have (or changed the weight of) stay as they are. */
function insertStanceCues(tx: Pick<Db['orm'], 'insert'>): void {
  for (const cue of readStanceCues()) tx.insert(stanceCues).values(cue).onConflictDoNothing().run();
}

/**
 * A lexicon from before demands, problem talk and reservations were kinds of their own gets them:
 * the shipped cues it lacks are added, and a shipped phrase it holds as a judgement that is now
 * another kind ("crisis" was a weak criticism, it is problem talk) moves to that kind. Cues editors
 * added stay as they are.
 */
function upgradeStanceCues(db: Db): void {
  const structured = db.orm.select({ n: sql<number>`count(*)` }).from(stanceCues).where(inArray(stanceCues.kind, ['demand', 'problem', 'reservation'])).get();
  if ((structured?.n ?? 0) > 0) return;
  db.orm.transaction((tx) => {
    const shipped = readStanceCues();
    for (const cue of shipped.filter((c) => c.kind === 'demand' || c.kind === 'problem' || c.kind === 'reservation')) {
      tx.delete(stanceCues).where(and(eq(stanceCues.phrase, cue.phrase), inArray(stanceCues.kind, ['supportive', 'critical']))).run();
    }
    insertStanceCues(tx);
  });
}

/**
 * Seeds only a database that holds no statements yet: the first start of a fresh install. A
 * database from before the stance lexicon existed gets the lexicon; one from before its kinds of
 * structure gets them (`upgradeStanceCues`).
 */
export function seedIfEmpty(db: Db): SeedResult | undefined {
  const row = db.orm.select({ n: sql<number>`count(*)` }).from(statements).get();
  if ((row?.n ?? 0) > 0) {
    const cues = db.orm.select({ n: sql<number>`count(*)` }).from(stanceCues).get();
    if ((cues?.n ?? 0) === 0) insertStanceCues(db.orm);
    else upgradeStanceCues(db);
    return undefined;
  }
  return seedCorpus(db);
}
