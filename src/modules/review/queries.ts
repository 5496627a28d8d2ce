import type { Db } from '../../db/database.ts';
import type { Stance } from '../../domain/stance.ts';
import { TAG_TRUST_COLUMNS, tagTrust, type TrustRow } from '../shared/tag-trust.ts';
import { evidenceForTags } from '../statements/queries.ts';

export interface ReviewFilters {
  theme?: string[] | undefined;
  organisation?: string[] | undefined;
}

interface QueueRow {
  tagId: number;
  statementId: number;
  date: string;
  theme: string;
  themeName: string;
  stance: Stance;
  note: string | null;
  organisationSlug: string;
  organisationName: string;
  organisationShortName: string;
  title: string;
  publisher: string;
  url: string;
}

// Tags analysed before confidence was recorded sort first, with the least sure.
const ORDER_KEY = 'coalesce(tt.confidence, -1)';

/**
 * The review queue: tags no editor has reviewed, least confident first (then oldest tag first),
 * a page at a time after the cursor's (confidence, tag id), with their evidence.
 */
export async function reviewQueue(db: Db, filters: ReviewFilters, limit: number, after?: { key: number; id: number }) {
  const { inList } = db.dialect;
  const where = ['tt.reviewed = FALSE'];
  const params: Record<string, unknown> = { limit: limit + 1 };
  if (filters.theme?.length) {
    where.push(inList('th.slug', '@theme'));
    params.theme = filters.theme;
  }
  if (filters.organisation?.length) {
    where.push(inList('o.slug', '@organisation'));
    params.organisation = filters.organisation;
  }
  const from = `FROM theme_tags tt JOIN statements s ON s.id = tt.statement_id JOIN themes th ON th.id = tt.theme_id
    JOIN organisations o ON o.id = s.organisation_id JOIN source_documents d ON d.id = s.document_id`;
  const total = (await db.value<number>(`SELECT count(*) AS n ${from} WHERE ${where.join(' AND ')}`, params)) ?? 0;
  if (after) {
    where.push(`(${ORDER_KEY} > @key OR (${ORDER_KEY} = @key AND tt.id > @id))`);
    params.key = after.key;
    params.id = after.id;
  }
  const rows = await db.all<QueueRow & TrustRow>(
    `SELECT tt.id AS "tagId", s.id AS "statementId", s.date, th.slug AS theme, th.name AS "themeName", tt.stance, tt.note, ${TAG_TRUST_COLUMNS},
       o.slug AS "organisationSlug", o.name AS "organisationName", o.short_name AS "organisationShortName", d.title, d.publisher, d.url
     ${from} WHERE ${where.join(' AND ')} ORDER BY ${ORDER_KEY}, tt.id LIMIT @limit`,
    params,
  );
  const page = rows.slice(0, limit);
  const evidence = await evidenceForTags(db, page.map((row) => row.tagId));
  const last = page[page.length - 1];
  return {
    total,
    next: rows.length > limit && last ? { key: last.confidence ?? -1, id: last.tagId } : undefined,
    items: page.map((row) => ({
      statement: {
        id: row.statementId,
        url: `/v1/statements/${row.statementId}`,
        date: row.date,
        organisation: { slug: row.organisationSlug, name: row.organisationName, shortName: row.organisationShortName },
        source: { title: row.title, publisher: row.publisher, url: row.url },
      },
      theme: { slug: row.theme, name: row.themeName },
      stance: row.stance,
      ...tagTrust(row),
      note: row.note,
      evidence: evidence.get(row.tagId) ?? [],
      accept: `/v1/statements/${row.statementId}/tags/${row.theme}/accept`,
      correct: `/v1/statements/${row.statementId}/tags/${row.theme}`,
    })),
  };
}
