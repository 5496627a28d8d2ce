import type { Db, Queries } from '../../db/database.ts';
import { displayValue } from '../../domain/figures.ts';
import { compareFigures, groupByMeasure, periodBasis, type MeasureGroup, type Organisation } from '../../domain/measures.ts';
import { invalidParameter, notFound } from '../../errors.ts';
import { recordChange } from '../changes/record.ts';
import { citedFiguresByIds } from './queries.ts';

export interface MeasureFilters {
  theme?: string[] | undefined;
  organisation?: string[] | undefined;
  unit?: string[] | undefined;
  disagreement?: boolean | undefined;
  q?: string | undefined;
}

/** How many citations of each organisation a group shows in a list (the newest), and on its own page. */
export const CITATIONS_IN_LIST = 5;
export const CITATIONS_IN_GROUP = 100;

interface FigureRow {
  id: number;
  statementId: number;
  date: string;
  raw: string;
  value: number;
  unit: string;
  measures: string;
  period: string | null;
  organisation: string;
  theme: string | null;
  groupKey: string | null;
  groupLabel: string | null;
}

type Figure = FigureRow & { editorGroup: { key: string; label: string | null } | null };
type Group = MeasureGroup<Figure> & ReturnType<typeof compareFigures>;

/** Every figure with what grouping needs (its organisation, its editor's group), and the organisations' names. */
async function readFigures(db: Queries): Promise<{ figures: Figure[]; organisations: Organisation[] }> {
  const rows = await db.all<FigureRow>(
    `SELECT f.id, s.id AS "statementId", s.date, f.raw, f.value, f.unit, f.measures, f.period, o.slug AS organisation, th.slug AS theme,
       g.group_key AS "groupKey", g.label AS "groupLabel"
     FROM figures f JOIN statements s ON s.id = f.statement_id JOIN organisations o ON o.id = s.organisation_id
       LEFT JOIN themes th ON th.id = f.theme_id LEFT JOIN figure_groupings g ON g.figure_id = f.id`,
  );
  const organisations = await db.all<{ slug: string; name: string; shortName: string }>('SELECT slug, name, short_name AS "shortName" FROM organisations');
  return {
    figures: rows.map((row) => ({ ...row, editorGroup: row.groupKey === null ? null : { key: row.groupKey, label: row.groupLabel } })),
    organisations: organisations.map((o) => ({ slug: o.slug, names: [o.name, o.shortName] })),
  };
}

/** Every measure group of the corpus, each with its comparison (disagreement, spread), money first. */
async function measureGroups(db: Queries): Promise<Group[]> {
  const { figures, organisations } = await readFigures(db);
  return groupByMeasure(figures, organisations).map((group) => ({ ...group, ...compareFigures(group.figures) }));
}

function matches(group: Group, filters: MeasureFilters): boolean {
  const any = (values: string[] | undefined, of: (f: Figure) => string | null) => !values?.length || group.figures.some((f) => values.includes(of(f) ?? ''));
  const q = filters.q?.toLowerCase();
  return (
    any(filters.theme, (f) => f.theme) &&
    any(filters.organisation, (f) => f.organisation) &&
    (!filters.unit?.length || filters.unit.includes(group.unit)) &&
    (filters.disagreement === undefined || group.disagreement === filters.disagreement) &&
    (!q || [group.label, group.key, ...group.figures.flatMap((f) => [f.measures, f.raw])].some((text) => text.toLowerCase().includes(q)))
  );
}

/** The answer for groups: who gives which value on which basis, and each organisation's newest citations in its own words. */
async function shape(db: Db, groups: Group[], perOrganisation: number) {
  // Thousands of figures share a few wordings: each wording's basis is read once.
  const bases = new Map<string, string>();
  const basisOf = (f: Figure) => {
    const wording = `${f.period ?? ''}\u0000${f.measures}`;
    let basis = bases.get(wording);
    if (basis === undefined) bases.set(wording, (basis = periodBasis(f.period, f.measures)));
    return basis;
  };
  const newestFirst = (a: Figure, b: Figure) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id);
  const shown = groups.map((group) => {
    const byOrganisation = new Map<string, Figure[]>();
    for (const f of [...group.figures].sort(newestFirst)) {
      const figures = byOrganisation.get(f.organisation);
      if (figures) figures.push(f);
      else byOrganisation.set(f.organisation, [f]);
    }
    return { group, byOrganisation };
  });
  const ids = shown.flatMap(({ byOrganisation }) => [...byOrganisation.values()].flatMap((figures) => figures.slice(0, perOrganisation).map((f) => f.id)));
  const cited = new Map((await citedFiguresByIds(db, ids)).map((c) => [c.id, c]));
  return shown.map(({ group, byOrganisation }) => {
    const values = new Map<string, { value: number; display: string; period: string; organisations: Set<string>; citationCount: number }>();
    for (const f of group.figures) {
      const period = basisOf(f);
      const entry = values.get(`${f.value}\u0000${period}`) ?? { value: f.value, display: displayValue(f.value, f.unit), period, organisations: new Set<string>(), citationCount: 0 };
      entry.organisations.add(f.organisation);
      entry.citationCount += 1;
      values.set(`${f.value}\u0000${period}`, entry);
    }
    const organisations = [...byOrganisation.values()]
      .map((figures) => {
        const citations = figures.slice(0, perOrganisation).flatMap((f) => {
          const c = cited.get(f.id);
          return c ? [{ ...c, display: displayValue(f.value, f.unit), periodBasis: basisOf(f) }] : [];
        });
        return { organisation: citations[0]!.organisation, citationCount: figures.length, citations };
      })
      .sort((a, b) => a.organisation.name.localeCompare(b.organisation.name));
    return {
      key: group.key,
      label: group.label,
      unit: group.unit,
      category: group.category,
      editor: group.editor,
      specified: group.specified,
      url: `/v1/figures/measures/${group.key}`,
      themes: [...new Set(group.figures.flatMap((f) => f.theme ?? []))].sort(),
      citationCount: group.figures.length,
      disagreement: group.disagreement,
      verdict: group.verdict,
      note: group.note,
      spread: group.spread,
      periods: group.periods,
      values: [...values.values()]
        .map((v) => ({ ...v, organisations: [...v.organisations].sort() }))
        .sort((a, b) => b.value - a.value || a.period.localeCompare(b.period)),
      organisations,
    };
  });
}

export type MeasureGroupAnswer = Awaited<ReturnType<typeof shape>>[number];

/** The measure groups matching the filters (a group matches when any of its figures does, and is shown whole), one page of them. */
export async function listMeasures(db: Db, filters: MeasureFilters, { offset = 0, limit = 20 } = {}) {
  const found = (await measureGroups(db)).filter((group) => matches(group, filters));
  return {
    items: await shape(db, found.slice(offset, offset + limit), CITATIONS_IN_LIST),
    total: found.length,
    nextOffset: offset + limit < found.length ? offset + limit : undefined,
  };
}

/** One measure group, or undefined. */
export async function measureByKey(db: Db, key: string): Promise<MeasureGroupAnswer | undefined> {
  const group = (await measureGroups(db)).find((g) => g.key === key);
  return group ? (await shape(db, [group], CITATIONS_IN_GROUP))[0] : undefined;
}

// ---- Editors' regrouping ---------------------------------------------------------------------

/**
 * Puts figures in a group as an editor's choice, recording each figure that changes group. A
 * group an editor touches is held as the editor left it: its other figures are written down
 * too, so that its key and members no longer move when figures are added elsewhere.
 */
async function hold(tx: Queries, figures: Figure[], groups: Group[], key: string, label: string | null): Promise<void> {
  const setAt = new Date().toISOString();
  const groupOf = new Map(groups.flatMap((g) => g.figures.map((f) => [f.id, g.key] as const)));
  for (const figure of figures) {
    await tx.run(
      `INSERT INTO figure_groupings (figure_id, group_key, label, set_at) VALUES (@figureId, @key, @label, @setAt)
       ON CONFLICT (figure_id) DO UPDATE SET group_key = excluded.group_key, label = excluded.label, set_at = excluded.set_at`,
      { figureId: figure.id, key, label, setAt },
    );
    const from = groupOf.get(figure.id);
    if (from !== key) await recordChange(tx, { kind: 'figure.regrouped', statementId: figure.statementId, subjectId: figure.id, detail: { from, to: key } });
  }
}

function groupNamed(groups: Group[], key: string): Group {
  const group = groups.find((g) => g.key === key);
  if (!group) throw notFound('measure group', key);
  return group;
}

function targetGroup(groups: Group[], key: string, unit: string, field = 'into'): Group {
  const group = groups.find((g) => g.key === key);
  if (!group) throw invalidParameter('body', field, `no measure group '${key}'; see /v1/figures/measures`);
  if (group.unit !== unit) throw invalidParameter('body', field, `'${key}' measures in ${group.unit}, not ${unit}: a group’s figures share one unit`);
  return group;
}

/** Every figure of group `key` into group `into` (the label given, or `into`'s); the key of the group they are all in now. */
export async function mergeMeasures(db: Db, key: string, into: string, label: string | undefined): Promise<string> {
  return db.transaction(async (tx) => {
    const groups = await measureGroups(tx);
    const from = groupNamed(groups, key);
    if (into === key) throw invalidParameter('body', 'into', `is '${key}' itself: name another group to merge it into`);
    const target = targetGroup(groups, into, from.unit);
    await hold(tx, [...target.figures, ...from.figures], groups, into, label ?? target.label);
    return into;
  });
}

const slugOf = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');

/** Some of group `key`'s figures into a new group of their own, named by `label`; the new group's key. */
export async function splitMeasure(db: Db, key: string, figureIds: number[], label: string): Promise<string> {
  return db.transaction(async (tx) => {
    const groups = await measureGroups(tx);
    const group = groupNamed(groups, key);
    const ids = [...new Set(figureIds)];
    const members = new Set(group.figures.map((f) => f.id));
    const strangers = ids.filter((id) => !members.has(id));
    if (strangers.length > 0) {
      throw invalidParameter('body', 'figures', `${strangers.join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not in group '${key}' (its figures: ${[...members].join(', ')})`);
    }
    if (ids.length === members.size) {
      throw invalidParameter('body', 'figures', `names every figure of '${key}': a split must leave at least one behind (to rename the group, PATCH /v1/figures/measures/${key} with a label)`);
    }
    const base = [group.unit.toLowerCase(), slugOf(label)].filter(Boolean).join('-');
    const taken = new Set(groups.map((g) => g.key));
    let newKey = base;
    for (let n = 2; taken.has(newKey); n += 1) newKey = `${base}-${n}`;
    const moving = new Set(ids);
    await hold(tx, group.figures.filter((f) => !moving.has(f.id)), groups, key, group.label);
    await hold(tx, group.figures.filter((f) => moving.has(f.id)), groups, newKey, label);
    return newKey;
  });
}

function figureIn(groups: Group[], figureId: number): { figure: Figure; group: Group } {
  for (const group of groups) {
    const figure = group.figures.find((f) => f.id === figureId);
    if (figure) return { figure, group };
  }
  throw notFound('figure', figureId);
}

/** A group renamed: every figure of it held under its key with the editor's label. */
export async function renameMeasure(db: Db, key: string, label: string): Promise<void> {
  await db.transaction(async (tx) => {
    const groups = await measureGroups(tx);
    await hold(tx, groupNamed(groups, key).figures, groups, key, label);
  });
}

/** One figure into an existing group; the group's key. */
export async function moveFigure(db: Db, figureId: number, into: string): Promise<string> {
  return db.transaction(async (tx) => {
    const groups = await measureGroups(tx);
    const { figure, group } = figureIn(groups, figureId);
    if (group.key === into) return into;
    const target = targetGroup(groups, into, figure.unit);
    // The group it leaves is held too: if the figure founded it, its key would otherwise move.
    await hold(tx, group.figures.filter((f) => f.id !== figureId), groups, group.key, group.label);
    await hold(tx, [...target.figures, figure], groups, into, target.label);
    return into;
  });
}

/** An editor's choice for one figure undone: the figure goes back to the group the analysis puts it in; that group's key. */
export async function resetFigure(db: Db, figureId: number): Promise<string> {
  return db.transaction(async (tx) => {
    const before = await measureGroups(tx);
    const { figure, group } = figureIn(before, figureId);
    await tx.run('DELETE FROM figure_groupings WHERE figure_id = ?', [figureId]);
    const after = await measureGroups(tx);
    const { group: now } = figureIn(after, figureId);
    if (now.key !== group.key) {
      await recordChange(tx, { kind: 'figure.regrouped', statementId: figure.statementId, subjectId: figureId, detail: { from: group.key, to: now.key } });
    }
    return now.key;
  });
}
