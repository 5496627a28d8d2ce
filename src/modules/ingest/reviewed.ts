import { jsonList, type Db } from '../../db/database.ts';
import type { JudgedStatement } from '../../domain/analyse/evaluate.ts';
import type { EventKind } from '../../domain/analyse/lexicon.ts';
import type { Stance } from '../../domain/stance.ts';
import { publishedByOthers } from '../../domain/voice.ts';

/**
 * Every statement an editor has judged: the tags they set, corrected or accepted (reviewed), and the
 * themes they removed from the analyser's answer. The ground truth `npm run eval -- --corrections` uses.
 */
export async function judgedStatements(db: Db): Promise<JudgedStatement[]> {
  const { dialect } = db;
  const rows = await db.all<{
    id: number;
    text: string;
    slug: string;
    name: string;
    shortName: string;
    kind: string;
    eventKind: EventKind;
    publisher: string;
    judged: unknown;
    rejected: unknown;
  }>(
    `SELECT s.id, s.text, o.slug, o.name, o.short_name AS "shortName", o.kind, e.kind AS "eventKind", d.publisher,
            (SELECT ${dialect.jsonArray(dialect.jsonObject({ theme: 't.slug', stance: 'tt.stance' }))} FROM theme_tags tt JOIN themes t ON t.id = tt.theme_id
              WHERE tt.statement_id = s.id AND tt.reviewed = TRUE) AS judged,
            (SELECT ${dialect.jsonArray('t.slug')} FROM theme_tag_rejections r JOIN themes t ON t.id = r.theme_id WHERE r.statement_id = s.id) AS rejected
       FROM statements s
       JOIN organisations o ON o.id = s.organisation_id
       JOIN events e ON e.id = s.event_id
       JOIN source_documents d ON d.id = s.document_id
      WHERE EXISTS (SELECT 1 FROM theme_tags tt WHERE tt.statement_id = s.id AND tt.reviewed = TRUE)
         OR EXISTS (SELECT 1 FROM theme_tag_rejections r WHERE r.statement_id = s.id)
      ORDER BY s.id`,
  );
  return rows.map((row) => ({
    id: `statement ${row.id}`,
    text: row.text,
    organisation: { slug: row.slug, kind: row.kind },
    event: { slug: 'stored', kind: row.eventKind },
    thirdParty: publishedByOthers(row.publisher, row),
    judged: Object.fromEntries(jsonList<{ theme: string; stance: Stance }>(row.judged).map((j) => [j.theme, j.stance])),
    rejected: jsonList(row.rejected),
  }));
}
