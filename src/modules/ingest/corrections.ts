import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { evidence, people, quotes, sourceDocuments, statements, themes, themeTagRejections, themeTags } from '../../db/schema.ts';
import { quoteContaining } from '../../domain/analyse/quotes.ts';
import type { Stance } from '../../domain/stance.ts';
import type { QuoteVoice } from '../../domain/voice.ts';
import { HttpProblem, notFound } from '../../errors.ts';
import { touchStatement } from './store.ts';

export interface TagCorrection {
  stance?: Stance | undefined;
  evidence?: { start: number; end: number }[] | undefined;
}

function statementAndTheme(db: Db, statementId: number, themeSlug: string) {
  const statement = db.orm
    .select({ id: statements.id, start: statements.startOffset, end: statements.endOffset, document: sourceDocuments.text })
    .from(statements)
    .innerJoin(sourceDocuments, eq(sourceDocuments.id, statements.documentId))
    .where(eq(statements.id, statementId))
    .get();
  if (!statement) throw notFound('statement', statementId);
  const theme = db.orm.select({ id: themes.id }).from(themes).where(eq(themes.slug, themeSlug)).get();
  if (!theme) throw notFound('theme', themeSlug);
  return { statement, themeId: theme.id };
}

/** Evidence spans are document offsets inside the statement; their text is read from the document. */
function evidenceRows(statement: { start: number; end: number; document: string }, spans: { start: number; end: number }[]) {
  return spans.map((span, i) => {
    if (span.start >= span.end || span.start < statement.start || span.end > statement.end) {
      throw new HttpProblem(400, 'invalid-parameters', 'Invalid parameters', `evidence.${i}: [${span.start}, ${span.end}) must be a non-empty span inside the statement [${statement.start}, ${statement.end})`, [
        { in: 'body', name: `evidence.${i}`, message: `must be a non-empty span inside the statement [${statement.start}, ${statement.end})` },
      ]);
    }
    return { text: statement.document.slice(span.start, span.end), startOffset: span.start, endOffset: span.end };
  });
}

/**
 * An editor's tag: created or changed, and from then on `curated`, so re-analysis leaves it.
 * With `create` false the tag must exist (PATCH); with true it is made if missing (PUT).
 */
export function correctTag(db: Db, statementId: number, themeSlug: string, correction: TagCorrection, create: boolean): void {
  const { statement, themeId } = statementAndTheme(db, statementId, themeSlug);
  const rows = correction.evidence ? evidenceRows(statement, correction.evidence) : undefined;
  db.orm.transaction((tx) => {
    touchStatement(tx, statementId);
    let tag = tx.select({ id: themeTags.id }).from(themeTags).where(and(eq(themeTags.statementId, statementId), eq(themeTags.themeId, themeId))).get();
    if (!tag && !create) throw notFound('tag', `${statementId}/${themeSlug}`);
    if (!tag) {
      if (!correction.stance || !rows?.length) {
        throw new HttpProblem(400, 'invalid-parameters', 'Invalid parameters', 'a new tag needs a stance and at least one evidence span', [
          { in: 'body', name: correction.stance ? 'evidence' : 'stance', message: 'required for a new tag' },
        ]);
      }
      tag = tx.insert(themeTags).values({ statementId, themeId, stance: correction.stance, taggedBy: 'curated', reviewed: true, confidence: 1, note: 'Tagged by an editor' }).returning({ id: themeTags.id }).get();
      tx.delete(themeTagRejections).where(and(eq(themeTagRejections.statementId, statementId), eq(themeTagRejections.themeId, themeId))).run();
    } else {
      tx.update(themeTags)
        .set({ taggedBy: 'curated', reviewed: true, confidence: 1, ...(correction.stance ? { stance: correction.stance } : {}) })
        .where(eq(themeTags.id, tag.id))
        .run();
    }
    if (rows) {
      tx.delete(evidence).where(eq(evidence.tagId, tag.id)).run();
      const containing = tx.select({ id: quotes.id, start: quotes.startOffset, end: quotes.endOffset }).from(quotes).where(eq(quotes.statementId, statementId)).all();
      for (const row of rows) {
        const quote = quoteContaining(containing, { start: row.startOffset, end: row.endOffset });
        tx.insert(evidence).values({ ...row, tagId: tag.id, quoteId: quote?.id ?? null }).run();
      }
    }
  });
}

/** An editor removes a tag; the rejection is kept so that re-analysis does not add it back. */
export function removeTag(db: Db, statementId: number, themeSlug: string): void {
  const { themeId } = statementAndTheme(db, statementId, themeSlug);
  db.orm.transaction((tx) => {
    const removed = tx.delete(themeTags).where(and(eq(themeTags.statementId, statementId), eq(themeTags.themeId, themeId))).run();
    if (removed.changes === 0) throw notFound('tag', `${statementId}/${themeSlug}`);
    touchStatement(tx, statementId);
    tx.insert(themeTagRejections).values({ statementId, themeId }).onConflictDoNothing().run();
  });
}

/**
 * An editor fixes who said a quote (a person's slug, or null for the organisation's own voice)
 * and/or whose words they are (its voice); evidence lying in the quote takes the same voice.
 */
export function correctQuote(db: Db, quoteId: number, correction: { speaker?: string | null | undefined; voice?: QuoteVoice | undefined }): void {
  const quote = db.orm.select({ id: quotes.id, statementId: quotes.statementId }).from(quotes).where(eq(quotes.id, quoteId)).get();
  if (!quote) throw notFound('quote', quoteId);
  let speakerId: number | null | undefined;
  if (correction.speaker === null) speakerId = null;
  else if (correction.speaker !== undefined) {
    const person = db.orm.select({ id: people.id }).from(people).where(eq(people.slug, correction.speaker)).get();
    if (!person) {
      throw new HttpProblem(400, 'invalid-parameters', 'Invalid parameters', `speaker: unknown person '${correction.speaker}'; see /v1/people`, [
        { in: 'body', name: 'speaker', message: `unknown person '${correction.speaker}'` },
      ]);
    }
    speakerId = person.id;
  }
  const voice = correction.voice;
  db.orm.transaction((tx) => {
    tx.update(quotes)
      .set({ attributedBy: 'curated', ...(speakerId !== undefined ? { speakerId } : {}), ...(voice ? { voice } : {}) })
      .where(eq(quotes.id, quoteId))
      .run();
    if (voice) tx.update(evidence).set({ voice }).where(eq(evidence.quoteId, quoteId)).run();
    touchStatement(tx, quote.statementId);
  });
}

/**
 * An editor accepts a tag as it is: it becomes reviewed (its origin, stance and confidence stay,
 * so it still says the analyser found it), and re-analysis leaves it alone from then on.
 */
export function acceptTag(db: Db, statementId: number, themeSlug: string): void {
  const { themeId } = statementAndTheme(db, statementId, themeSlug);
  db.orm.transaction((tx) => {
    const tag = tx.select({ id: themeTags.id }).from(themeTags).where(and(eq(themeTags.statementId, statementId), eq(themeTags.themeId, themeId))).get();
    if (!tag) throw notFound('tag', `${statementId}/${themeSlug}`);
    tx.update(themeTags).set({ reviewed: true }).where(eq(themeTags.id, tag.id)).run();
    touchStatement(tx, statementId);
  });
}
