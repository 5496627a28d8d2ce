import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/prepared.ts';
import type { OrganisationRef, ThemeRef } from '../../domain/compare.ts';
import type { Stance } from '../../domain/stance.ts';
import { FIGURE_COLUMNS, type FigureRow } from '../statements/queries.ts';

export interface TagRow {
  tagId: number;
  organisation: string;
  theme: string;
  statementId: number;
  date: string;
  stance: Stance;
  note: string | null;
}

export interface TagScope {
  theme?: string | undefined;
  events?: string[] | undefined;
  organisations?: string[] | undefined;
}

/** Every theme tag in scope with its organisation and statement: the facts comparisons are made of. */
export function tagRows(db: Db, scope: TagScope): TagRow[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (scope.theme) {
    where.push('th.slug = @theme');
    params.theme = scope.theme;
  }
  if (scope.events?.length) {
    where.push('s.event_id IN (SELECT id FROM events WHERE slug IN (SELECT value FROM json_each(@events)))');
    params.events = JSON.stringify(scope.events);
  }
  if (scope.organisations?.length) {
    where.push('o.slug IN (SELECT value FROM json_each(@organisations))');
    params.organisations = JSON.stringify(scope.organisations);
  }
  return prepared(
    db,
    `SELECT tt.id AS tagId, o.slug AS organisation, th.slug AS theme, s.id AS statementId, s.date, tt.stance, tt.note
     FROM theme_tags tt
     JOIN themes th ON th.id = tt.theme_id
     JOIN statements s ON s.id = tt.statement_id
     JOIN organisations o ON o.id = s.organisation_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY s.date DESC, s.id DESC`,
  ).all(params) as TagRow[];
}

/**
 * The organisations a comparison covers: the ones asked for, or every stakeholder. The
 * government is the subject of the responses, not one of the stakeholders compared, so it is
 * left out unless named.
 */
export function comparedOrganisations(db: Db, slugs: string[] | undefined): OrganisationRef[] {
  if (slugs?.length) {
    return prepared(
      db,
      `SELECT slug, name, short_name AS shortName FROM organisations WHERE slug IN (SELECT value FROM json_each(?)) ORDER BY name`,
    ).all(JSON.stringify(slugs)) as OrganisationRef[];
  }
  return prepared(db, `SELECT slug, name, short_name AS shortName FROM organisations WHERE kind <> 'government' ORDER BY name`).all() as OrganisationRef[];
}

export function allThemes(db: Db): (ThemeRef & { definition: string })[] {
  return prepared(db, 'SELECT slug, name, definition FROM themes ORDER BY id').all() as (ThemeRef & { definition: string })[];
}

export function themeBySlug(db: Db, slug: string): (ThemeRef & { definition: string }) | undefined {
  return prepared(db, 'SELECT slug, name, definition FROM themes WHERE slug = ?').get(slug) as
    | (ThemeRef & { definition: string })
    | undefined;
}

/** Figures that bear on `theme` in the given statements. */
export function figuresOnTheme(db: Db, theme: string, statementIds: number[]): FigureRow[] {
  if (statementIds.length === 0) return [];
  return prepared(
    db,
    `SELECT ${FIGURE_COLUMNS} FROM figures f JOIN themes th ON th.id = f.theme_id
     WHERE th.slug = ? AND f.statement_id IN (SELECT value FROM json_each(?)) ORDER BY f.statement_id, f.start_offset`,
  ).all(theme, JSON.stringify(statementIds)) as FigureRow[];
}

export interface SourceRow {
  statementId: number;
  title: string;
  publisher: string;
  url: string;
  publishedOn: string;
}

export function sourcesOf(db: Db, statementIds: number[]): Map<number, Omit<SourceRow, 'statementId'>> {
  const rows = prepared(
    db,
    `SELECT s.id AS statementId, d.title, d.publisher, d.url, d.published_on AS publishedOn
     FROM statements s JOIN source_documents d ON d.id = s.document_id WHERE s.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(statementIds)) as SourceRow[];
  return new Map(rows.map(({ statementId, ...source }) => [statementId, source]));
}
