import type { Db } from '../../db/database.ts';
import { quoteContaining } from '../../domain/analyse/quotes.ts';
import type { Stance } from '../../domain/stance.ts';
import type { QuoteVoice } from '../../domain/voice.ts';
import { HttpProblem, notFound } from '../../errors.ts';
import { recordChange } from '../changes/record.ts';
import { touchStatement } from './store.ts';

export interface TagCorrection {
  stance?: Stance | undefined;
  evidence?: { start: number; end: number }[] | undefined;
}

async function statementAndTheme(db: Db, statementId: number, themeSlug: string) {
  const statement = await db.get<{ id: number; start: number; end: number; document: string }>(
    `SELECT s.id, s.start_offset AS "start", s.end_offset AS "end", d.text AS document
       FROM statements s JOIN source_documents d ON d.id = s.document_id
      WHERE s.id = ?`,
    [statementId],
  );
  if (!statement) throw notFound('statement', statementId);
  const themeId = await db.value<number>('SELECT id FROM themes WHERE slug = ?', [themeSlug]);
  if (themeId === undefined) throw notFound('theme', themeSlug);
  return { statement, themeId };
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
export async function correctTag(db: Db, statementId: number, themeSlug: string, correction: TagCorrection, create: boolean): Promise<void> {
  const { statement, themeId } = await statementAndTheme(db, statementId, themeSlug);
  const rows = correction.evidence ? evidenceRows(statement, correction.evidence) : undefined;
  await db.transaction(async (tx) => {
    await touchStatement(tx, statementId);
    const before = await tx.get<{ id: number; stance: string }>('SELECT id, stance FROM theme_tags WHERE statement_id = ? AND theme_id = ?', [statementId, themeId]);
    let tagId = before?.id;
    if (tagId === undefined && !create) throw notFound('tag', `${statementId}/${themeSlug}`);
    if (tagId === undefined) {
      if (!correction.stance || !rows?.length) {
        throw new HttpProblem(400, 'invalid-parameters', 'Invalid parameters', 'a new tag needs a stance and at least one evidence span', [
          { in: 'body', name: correction.stance ? 'evidence' : 'stance', message: 'required for a new tag' },
        ]);
      }
      tagId = (await tx.value<number>(
        `INSERT INTO theme_tags (statement_id, theme_id, stance, tagged_by, reviewed, confidence, note)
         VALUES (@statementId, @themeId, @stance, 'curated', @reviewed, 1, 'Tagged by an editor') RETURNING id`,
        { statementId, themeId, stance: correction.stance, reviewed: true },
      )) as number;
      await tx.run('DELETE FROM theme_tag_rejections WHERE statement_id = ? AND theme_id = ?', [statementId, themeId]);
    } else {
      await tx.run(
        `UPDATE theme_tags SET tagged_by = 'curated', reviewed = @reviewed, confidence = 1${correction.stance ? ', stance = @stance' : ''} WHERE id = @id`,
        { id: tagId, reviewed: true, ...(correction.stance ? { stance: correction.stance } : {}) },
      );
    }
    if (rows) {
      await tx.run('DELETE FROM evidence WHERE tag_id = ?', [tagId]);
      const containing = await tx.all<{ id: number; start: number; end: number }>(
        'SELECT id, start_offset AS "start", end_offset AS "end" FROM quotes WHERE statement_id = ? ORDER BY id',
        [statementId],
      );
      for (const row of rows) {
        const quote = quoteContaining(containing, { start: row.startOffset, end: row.endOffset });
        // No voice: the column's default, the organisation's own.
        await tx.run('INSERT INTO evidence (tag_id, quote_id, text, start_offset, end_offset) VALUES (@tagId, @quoteId, @text, @startOffset, @endOffset)', {
          ...row,
          tagId,
          quoteId: quote?.id ?? null,
        });
      }
    }
    await recordChange(tx, {
      kind: 'tag.corrected',
      statementId,
      subjectId: tagId,
      detail: { theme: themeSlug, before: before?.stance ?? null, after: correction.stance ?? before?.stance ?? null, evidence: rows !== undefined },
    });
  });
}

/** An editor removes a tag; the rejection is kept so that re-analysis does not add it back. */
export async function removeTag(db: Db, statementId: number, themeSlug: string): Promise<void> {
  const { themeId } = await statementAndTheme(db, statementId, themeSlug);
  await db.transaction(async (tx) => {
    const tag = await tx.get<{ id: number; stance: string }>('SELECT id, stance FROM theme_tags WHERE statement_id = ? AND theme_id = ?', [statementId, themeId]);
    if (!tag) throw notFound('tag', `${statementId}/${themeSlug}`);
    await tx.run('DELETE FROM theme_tags WHERE id = ?', [tag.id]);
    await recordChange(tx, { kind: 'tag.removed', statementId, subjectId: tag.id, detail: { theme: themeSlug, before: tag.stance } });
    await touchStatement(tx, statementId);
    await tx.run('INSERT INTO theme_tag_rejections (statement_id, theme_id) VALUES (?, ?) ON CONFLICT DO NOTHING', [statementId, themeId]);
  });
}

/**
 * An editor fixes who said a quote (a person's slug, or null for the organisation's own voice)
 * and/or whose words they are (its voice); evidence lying in the quote takes the same voice.
 */
export async function correctQuote(db: Db, quoteId: number, correction: { speaker?: string | null | undefined; voice?: QuoteVoice | undefined }): Promise<void> {
  const quote = await db.get<{ id: number; statementId: number }>('SELECT id, statement_id AS "statementId" FROM quotes WHERE id = ?', [quoteId]);
  if (!quote) throw notFound('quote', quoteId);
  let speakerId: number | null | undefined;
  if (correction.speaker === null) speakerId = null;
  else if (correction.speaker !== undefined) {
    const personId = await db.value<number>('SELECT id FROM people WHERE slug = ?', [correction.speaker]);
    if (personId === undefined) {
      throw new HttpProblem(400, 'invalid-parameters', 'Invalid parameters', `speaker: unknown person '${correction.speaker}'; see /v1/people`, [
        { in: 'body', name: 'speaker', message: `unknown person '${correction.speaker}'` },
      ]);
    }
    speakerId = personId;
  }
  const voice = correction.voice;
  await db.transaction(async (tx) => {
    await tx.run(
      `UPDATE quotes SET attributed_by = 'curated'${speakerId !== undefined ? ', speaker_id = @speakerId' : ''}${voice ? ', voice = @voice' : ''} WHERE id = @id`,
      { id: quoteId, ...(speakerId !== undefined ? { speakerId } : {}), ...(voice ? { voice } : {}) },
    );
    if (voice) await tx.run('UPDATE evidence SET voice = ? WHERE quote_id = ?', [voice, quoteId]);
    await touchStatement(tx, quote.statementId);
    await recordChange(tx, {
      kind: 'quote.corrected',
      statementId: quote.statementId,
      subjectId: quoteId,
      detail: { ...(correction.speaker !== undefined ? { speaker: correction.speaker } : {}), ...(voice ? { voice } : {}) },
    });
  });
}

/**
 * An editor accepts a tag as it is: it becomes reviewed (its origin, stance and confidence stay,
 * so it still says the analyser found it), and re-analysis leaves it alone from then on.
 */
export async function acceptTag(db: Db, statementId: number, themeSlug: string): Promise<void> {
  const { themeId } = await statementAndTheme(db, statementId, themeSlug);
  await db.transaction(async (tx) => {
    const tag = await tx.get<{ id: number; stance: string }>('SELECT id, stance FROM theme_tags WHERE statement_id = ? AND theme_id = ?', [statementId, themeId]);
    if (!tag) throw notFound('tag', `${statementId}/${themeSlug}`);
    await tx.run('UPDATE theme_tags SET reviewed = ? WHERE id = ?', [true, tag.id]);
    await touchStatement(tx, statementId);
    await recordChange(tx, { kind: 'tag.reviewed', statementId, subjectId: tag.id, detail: { theme: themeSlug, stance: tag.stance } });
  });
}
