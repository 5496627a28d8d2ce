import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/prepared.ts';
import { citation, spanPermalink } from '../../domain/citation.ts';
import { displayValue, groupFigures, sentenceAround } from '../../domain/figures.ts';
import { SOURCE_COLUMNS, sourceRefs, type SourceColumns } from '../statements/queries.ts';

export interface FigureFilters {
  theme?: string[] | undefined;
  organisation?: string[] | undefined;
  unit?: string[] | undefined;
  event?: string[] | undefined;
  q?: string | undefined;
}

interface CitedFigureRow extends SourceColumns {
  id: number;
  statementId: number;
  date: string;
  raw: string;
  value: number;
  unit: string;
  measures: string;
  period: string | null;
  theme: string | null;
  start: number;
  end: number;
  documentText: string;
  speakerName: string | null;
  speakerRole: string | null;
}

/** Every figure matching the filters, with who cites it, in what words, and a citation; grouped. */
export function figureGroups(db: Db, filters: FigureFilters) {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const list = (name: keyof FigureFilters, sql: string) => {
    const values = filters[name];
    if (!Array.isArray(values) || values.length === 0) return;
    params[name] = JSON.stringify(values);
    where.push(sql.replace('@list', `(SELECT value FROM json_each(@${name}))`));
  };
  list('theme', 'th.slug IN @list');
  list('organisation', 'o.slug IN @list');
  list('unit', 'f.unit IN @list');
  list('event', 'e.slug IN @list');
  const rows = prepared(
    db,
    `SELECT f.id, s.id AS statementId, s.date, f.raw, f.value, f.unit, f.measures, f.period, th.slug AS theme,
       f.start_offset AS start, f.end_offset AS end, d.text AS documentText, ${SOURCE_COLUMNS},
       (SELECT p.name FROM quotes q JOIN people p ON p.id = q.speaker_id
          WHERE q.statement_id = s.id AND q.start_offset <= f.start_offset AND q.end_offset >= f.end_offset LIMIT 1) AS speakerName,
       (SELECT p.role FROM quotes q JOIN people p ON p.id = q.speaker_id
          WHERE q.statement_id = s.id AND q.start_offset <= f.start_offset AND q.end_offset >= f.end_offset LIMIT 1) AS speakerRole
     FROM figures f
     JOIN statements s ON s.id = f.statement_id
     JOIN organisations o ON o.id = s.organisation_id
     JOIN events e ON e.id = s.event_id
     JOIN source_documents d ON d.id = s.document_id
     LEFT JOIN themes th ON th.id = f.theme_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY s.date, s.id, f.start_offset`,
  ).all(params) as CitedFigureRow[];

  const needle = filters.q?.toLowerCase();
  const cited = rows
    .map((row) => {
      const refs = sourceRefs(row);
      const context = sentenceAround(row.documentText, row.start, row.end);
      return {
        raw: row.raw,
        value: row.value,
        unit: row.unit,
        measures: row.measures,
        period: row.period,
        theme: row.theme,
        start: row.start,
        end: row.end,
        context: context.text,
        organisation: refs.organisation,
        statement: { id: row.statementId, date: row.date, url: `/v1/statements/${row.statementId}` },
        event: refs.event,
        speaker: row.speakerName ? { name: row.speakerName, role: row.speakerRole } : null,
        citation: citation({
          speaker: row.speakerName ? { name: row.speakerName, role: row.speakerRole } : null,
          organisation: refs.organisation,
          document: refs.document,
        }),
        permalink: spanPermalink(row.statementId, row.start, row.end),
      };
    })
    .filter((f) => !needle || `${f.raw} ${f.measures} ${f.context}`.toLowerCase().includes(needle));

  return groupFigures(cited).map((group) => ({
    value: group.value,
    unit: group.unit,
    display: displayValue(group.value, group.unit),
    category: group.category,
    measures: group.citations[0]?.measures ?? group.category,
    organisations: [...new Map(group.citations.map((c) => [c.organisation.slug, c.organisation])).values()],
    citations: group.citations,
  }));
}
