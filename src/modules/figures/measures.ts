import { jsonList, type Db, type Dialect, type Queries } from '../../db/database.ts';
import { displayValue } from '../../domain/figures.ts';
import { compareFigures, groupByMeasure, periodBasis, type MeasureGroup, type Organisation, type Spread, type Verdict } from '../../domain/measures.ts';
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
export const CITATIONS_IN_LIST = 1;
export const CITATIONS_IN_GROUP = 5;
/** How many organisations a group shows (those that cite it most) in a list, and on its own page. */
export const ORGANISATIONS_IN_LIST = 5;
export const ORGANISATIONS_IN_GROUP = 10;
/** How many values a group shows (largest first), and how many organisations each names. */
export const VALUES_SHOWN = 20;
export const VALUE_ORGANISATIONS_SHOWN = 20;
// Between the texts a group is searched in: no description or figure holds it.
const SEARCH_SEPARATOR = '\u0001';

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
  organisationId: number;
  themeId: number | null;
  groupKey: string | null;
  groupLabel: string | null;
}

type Figure = FigureRow & { editorGroup: { key: string; label: string | null } | null };

/** The figures of the units named (every unit without), with what grouping needs, and the organisations' names. */
async function readFigures(db: Queries, dialect: Dialect, units: string[] | undefined): Promise<{ figures: Figure[]; organisations: (Organisation & { id: number; name: string })[] }> {
  const rows = await db.all<FigureRow>(
    `SELECT f.id, s.id AS "statementId", s.date, f.raw, f.value, f.unit, f.measures, f.period, o.slug AS organisation, o.id AS "organisationId",
       f.theme_id AS "themeId", g.group_key AS "groupKey", g.label AS "groupLabel"
     FROM figures f JOIN statements s ON s.id = f.statement_id JOIN organisations o ON o.id = s.organisation_id
       LEFT JOIN figure_groupings g ON g.figure_id = f.id
     ${units ? `WHERE ${dialect.inList('f.unit', '@units')}` : ''}`,
    units ? { units } : {},
  );
  const organisations = await db.all<{ id: number; slug: string; name: string; shortName: string }>('SELECT id, slug, name, short_name AS "shortName" FROM organisations');
  return {
    figures: rows.map((row) => ({ ...row, editorGroup: row.groupKey === null ? null : { key: row.groupKey, label: row.groupLabel } })),
    organisations: organisations.map((o) => ({ id: o.id, slug: o.slug, name: o.name, names: [o.name, o.shortName] })),
  };
}

interface ValueEntry {
  value: number;
  display: string;
  period: string;
  organisations: string[];
  organisationCount: number;
  citationCount: number;
}

/** What is stored of a group: its comparison, its values (bounded), and who cites it. */
function summarise(group: MeasureGroup<Figure>, names: Map<number, string>) {
  const comparison = compareFigures(group.figures);
  // Thousands of figures share a few wordings: each wording's basis is read once.
  const bases = new Map<string, string>();
  const values = new Map<string, { value: number; display: string; period: string; organisations: Set<string>; citationCount: number }>();
  const organisations = new Map<number, number>();
  const texts = new Set([group.label.toLowerCase(), group.key]);
  const themes = new Set<number>();
  let largest = -Infinity;
  for (const f of group.figures) {
    const wording = `${f.period ?? ''}\u0000${f.measures}`;
    let period = bases.get(wording);
    if (period === undefined) bases.set(wording, (period = periodBasis(f.period, f.measures)));
    const entry = values.get(`${f.value}\u0000${period}`) ?? { value: f.value, display: displayValue(f.value, f.unit), period, organisations: new Set<string>(), citationCount: 0 };
    entry.organisations.add(f.organisation);
    entry.citationCount += 1;
    values.set(`${f.value}\u0000${period}`, entry);
    organisations.set(f.organisationId, (organisations.get(f.organisationId) ?? 0) + 1);
    texts.add(f.measures.toLowerCase());
    texts.add(f.raw.toLowerCase());
    if (f.themeId !== null) themes.add(f.themeId);
    if (f.value > largest) largest = f.value;
  }
  const valueList: ValueEntry[] = [...values.values()]
    .sort((a, b) => b.value - a.value || (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
    .map((v) => {
      const slugs = [...v.organisations].sort();
      return { value: v.value, display: v.display, period: v.period, organisations: slugs.slice(0, VALUE_ORGANISATIONS_SHOWN), organisationCount: slugs.length, citationCount: v.citationCount };
    });
  const citing = [...organisations].sort(([a, m], [b, n]) => n - m || (names.get(a) ?? '').localeCompare(names.get(b) ?? '') || a - b);
  return { comparison, valueList, largest, search: [...texts].join(SEARCH_SEPARATOR), themes: [...themes], citing };
}

const newestFirst = (a: Figure, b: Figure) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id);

/** Rows of `columns` written in batches of a few hundred, one statement each. */
async function insertRows(tx: Queries, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const per = Math.floor(900 / columns.length);
  for (let i = 0; i < rows.length; i += per) {
    const batch = rows.slice(i, i + per);
    const placeholders = batch.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders}`, batch.flat());
  }
}

/**
 * Regroups, from scratch and as the batch computation does, the units whose figures (or their
 * editors' groupings, organisations or statements) changed since the stored grouping was made:
 * triggers name them in measure_dirty. A group never spans units, so each unit is regrouped alone.
 */
async function regroup(tx: Queries, dialect: Dialect): Promise<void> {
  // Taking the marks first: a write committed after this reads marks its unit again, for the next read.
  const dirty = await tx.column<string>('DELETE FROM measure_dirty RETURNING unit');
  if (dirty.length === 0) return;
  const units = dirty.includes('*') ? undefined : dirty;
  const { figures, organisations } = await readFigures(tx, dialect, units);
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const groups = groupByMeasure(figures, organisations);
  const scope = units ? { where: `WHERE ${dialect.inList('unit', '@units')}`, params: { units } } : { where: '', params: {} };
  const keys = units ? `WHERE group_key IN (SELECT key FROM measure_groups ${scope.where})` : '';
  await tx.run(`DELETE FROM measure_group_themes ${keys}`, scope.params);
  await tx.run(`DELETE FROM measure_group_organisations ${keys}`, scope.params);
  await tx.run(`DELETE FROM measure_groups ${scope.where}`, scope.params);
  // Most figures keep their group and place when one is written: only the rows that differ are written.
  const old = new Map(
    (await tx.all<{ figureId: number; row: string }>(
      `SELECT figure_id AS "figureId", group_key || ' ' || unit || ' ' || organisation_id || ' ' || recency AS row FROM measure_figures ${scope.where}`,
      scope.params,
    )).map((r) => [r.figureId, r.row]),
  );
  const groupRows: unknown[][] = [];
  const figureRows: unknown[][] = [];
  const organisationRows: unknown[][] = [];
  const themeRows: unknown[][] = [];
  for (const group of groups) {
    const { comparison, valueList, largest, search, themes, citing } = summarise(group, names);
    groupRows.push([
      group.key, group.unit, group.unit === 'GBP' ? 0 : 1, group.category, group.label, group.editor, group.specified, group.figures.length,
      comparison.disagreement, comparison.verdict, comparison.note, comparison.spread ? JSON.stringify(comparison.spread) : null,
      JSON.stringify(comparison.periods), JSON.stringify(valueList.slice(0, VALUES_SHOWN)), valueList.length, largest, search,
    ]);
    const recency = new Map<number, number>();
    for (const f of [...group.figures].sort(newestFirst)) {
      const place = (recency.get(f.organisationId) ?? 0) + 1;
      recency.set(f.organisationId, place);
      figureRows.push([f.id, group.key, f.unit, f.organisationId, place]);
    }
    citing.forEach(([organisationId, count], i) => organisationRows.push([organisationId, group.key, count, i + 1]));
    for (const theme of themes) themeRows.push([theme, group.key]);
  }
  await insertRows(tx, 'measure_groups', ['key', 'unit', 'unit_rank', 'category', 'label', 'editor', 'specified', 'citation_count', 'disagreement', 'verdict', 'note', 'spread', 'periods', 'value_list', 'value_count', 'largest', 'search'], groupRows);
  const changed = figureRows.filter((row) => old.get(row[0] as number) !== row.slice(1).join(' '));
  const gone = new Set(old.keys());
  for (const row of figureRows) gone.delete(row[0] as number);
  const stale = [...gone, ...changed.filter((row) => old.has(row[0] as number)).map((row) => row[0] as number)];
  for (let i = 0; i < stale.length; i += 500) {
    await tx.run(`DELETE FROM measure_figures WHERE ${dialect.inList('figure_id', '@ids')}`, { ids: stale.slice(i, i + 500) });
  }
  await insertRows(tx, 'measure_figures', ['figure_id', 'group_key', 'unit', 'organisation_id', 'recency'], changed);
  await insertRows(tx, 'measure_group_organisations', ['organisation_id', 'group_key', 'citation_count', 'prominence'], organisationRows);
  await insertRows(tx, 'measure_group_themes', ['theme_id', 'group_key'], themeRows);
}

/** Brings the stored grouping up to date when a write has left it behind (a read that finds nothing to do costs one index probe). */
export async function refreshMeasures(db: Db): Promise<void> {
  if ((await db.value('SELECT 1 FROM measure_dirty LIMIT 1')) === undefined) return;
  await db.transaction((tx) => regroup(tx, db.dialect));
}

interface GroupRow {
  key: string;
  label: string;
  unit: string;
  category: string | null;
  editor: unknown;
  specified: unknown;
  citationCount: number;
  disagreement: unknown;
  verdict: Verdict;
  note: string;
  spread: string | null;
  periods: string;
  valueList: string;
  valueCount: number;
}

const GROUP_COLUMNS = `g.key, g.label, g.unit, g.category, g.editor, g.specified, g.citation_count AS "citationCount", g.disagreement,
  g.verdict, g.note, g.spread, g.periods, g.value_list AS "valueList", g.value_count AS "valueCount"`;
const GROUP_ORDER = 'g.unit_rank, g.unit, g.largest DESC, g.key';

function conditions(dialect: Dialect, filters: MeasureFilters): { where: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filters.theme?.length) {
    params.theme = filters.theme;
    where.push(`EXISTS (SELECT 1 FROM measure_group_themes mt JOIN themes th ON th.id = mt.theme_id WHERE mt.group_key = g.key AND ${dialect.inList('th.slug', '@theme')})`);
  }
  if (filters.organisation?.length) {
    params.organisation = filters.organisation;
    where.push(
      `EXISTS (SELECT 1 FROM measure_group_organisations mo JOIN organisations o ON o.id = mo.organisation_id WHERE mo.group_key = g.key AND ${dialect.inList('o.slug', '@organisation')})`,
    );
  }
  if (filters.unit?.length) {
    params.unit = filters.unit;
    where.push(dialect.inList('g.unit', '@unit'));
  }
  if (filters.disagreement !== undefined) where.push(`g.disagreement = ${filters.disagreement ? 'TRUE' : 'FALSE'}`);
  if (filters.q) {
    const q = filters.q.toLowerCase();
    // Nothing holds the separator: words across it would match two texts as one.
    if (q.includes(SEARCH_SEPARATOR)) where.push('1 = 0');
    params.q = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push("g.search LIKE @q ESCAPE '\\'");
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** The answer for stored groups: who gives which value on which basis, and the organisations that cite it most, each with its newest citations in its own words. */
async function shape(db: Db, groups: GroupRow[], perOrganisation: number, organisationsShown: number) {
  if (groups.length === 0) return [];
  const keys = groups.map((g) => g.key);
  const citing = await db.all<{ groupKey: string; organisationId: number; citationCount: number }>(
    `SELECT group_key AS "groupKey", organisation_id AS "organisationId", citation_count AS "citationCount" FROM measure_group_organisations
     WHERE ${db.dialect.inList('group_key', '@keys')} AND prominence <= @shown`,
    { keys, shown: organisationsShown },
  );
  const counts = await db.all<{ groupKey: string; n: number }>(
    `SELECT group_key AS "groupKey", count(*) AS n FROM measure_group_organisations WHERE ${db.dialect.inList('group_key', '@keys')} GROUP BY group_key`,
    { keys },
  );
  const newest = await db.all<{ groupKey: string; organisationId: number; figureId: number; recency: number }>(
    `SELECT m.group_key AS "groupKey", m.organisation_id AS "organisationId", m.figure_id AS "figureId", m.recency
     FROM measure_group_organisations mo JOIN measure_figures m ON m.group_key = mo.group_key AND m.organisation_id = mo.organisation_id AND m.recency <= @per
     WHERE ${db.dialect.inList('mo.group_key', '@keys')} AND mo.prominence <= @shown`,
    { keys, shown: organisationsShown, per: perOrganisation },
  );
  const themes = await db.all<{ groupKey: string; slug: string }>(
    `SELECT mt.group_key AS "groupKey", th.slug FROM measure_group_themes mt JOIN themes th ON th.id = mt.theme_id WHERE ${db.dialect.inList('mt.group_key', '@keys')}`,
    { keys },
  );
  newest.sort((a, b) => a.recency - b.recency);
  const cited = new Map((await citedFiguresByIds(db, newest.map((n) => n.figureId))).map((c) => [c.id, c]));
  const organisationCount = new Map(counts.map((c) => [c.groupKey, Number(c.n)]));
  return groups.map((group) => {
    const organisations = citing
      .filter((c) => c.groupKey === group.key)
      .flatMap((c) => {
        const citations = newest
          .filter((n) => n.groupKey === group.key && n.organisationId === c.organisationId)
          .flatMap((n) => {
            const figure = cited.get(n.figureId);
            return figure ? [{ ...figure, display: displayValue(figure.value, figure.unit), periodBasis: periodBasis(figure.period, figure.measures) }] : [];
          });
        return citations.length ? [{ organisation: citations[0]!.organisation, citationCount: c.citationCount, citations }] : [];
      })
      .sort((a, b) => a.organisation.name.localeCompare(b.organisation.name));
    return {
      key: group.key,
      label: group.label,
      unit: group.unit,
      category: group.category,
      editor: Boolean(group.editor),
      specified: Boolean(group.specified),
      url: `/v1/figures/measures/${group.key}`,
      themes: themes.filter((t) => t.groupKey === group.key).map((t) => t.slug).sort(),
      citationCount: group.citationCount,
      disagreement: Boolean(group.disagreement),
      verdict: group.verdict,
      note: group.note,
      spread: group.spread === null ? null : (JSON.parse(group.spread) as Spread),
      periods: jsonList<string>(group.periods),
      values: jsonList<ValueEntry>(group.valueList),
      valueCount: group.valueCount,
      organisations,
      organisationCount: organisationCount.get(group.key) ?? 0,
    };
  });
}

export type MeasureGroupAnswer = Awaited<ReturnType<typeof shape>>[number];

/** The measure groups matching the filters (a group matches when any of its figures does, and is shown whole), one page of them. */
export async function listMeasures(db: Db, filters: MeasureFilters, { offset = 0, limit = 20 } = {}) {
  await refreshMeasures(db);
  const { where, params } = conditions(db.dialect, filters);
  const total = Number(await db.value(`SELECT count(*) FROM measure_groups g ${where}`, params));
  const rows = offset < total ? await db.all<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM measure_groups g ${where} ORDER BY ${GROUP_ORDER} LIMIT @limit OFFSET @offset`, { ...params, limit, offset }) : [];
  return {
    items: await shape(db, rows, CITATIONS_IN_LIST, ORGANISATIONS_IN_LIST),
    total,
    nextOffset: offset + limit < total ? offset + limit : undefined,
  };
}

/** One measure group, or undefined. */
export async function measureByKey(db: Db, key: string): Promise<MeasureGroupAnswer | undefined> {
  await refreshMeasures(db);
  const row = await db.get<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM measure_groups g WHERE g.key = ?`, [key]);
  return row ? (await shape(db, [row], CITATIONS_IN_GROUP, ORGANISATIONS_IN_GROUP))[0] : undefined;
}

// ---- Editors' regrouping ---------------------------------------------------------------------

interface StoredGroup {
  key: string;
  unit: string;
  label: string;
  figures: { id: number; statementId: number }[];
}

/** A stored group with its figures (in order of id), or undefined. */
async function storedGroup(tx: Queries, key: string): Promise<StoredGroup | undefined> {
  const row = await tx.get<{ key: string; unit: string; label: string }>('SELECT key, unit, label FROM measure_groups WHERE key = ?', [key]);
  if (!row) return undefined;
  const figures = await tx.all<{ id: number; statementId: number }>(
    'SELECT m.figure_id AS id, f.statement_id AS "statementId" FROM measure_figures m JOIN figures f ON f.id = m.figure_id WHERE m.group_key = ? ORDER BY m.figure_id',
    [key],
  );
  return { ...row, figures };
}

/** An editor's change, made on the grouping as it is, and regrouped before it commits: the next read finds nothing to do. */
function editing<T>(db: Db, work: (tx: Queries) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await regroup(tx, db.dialect);
    const result = await work(tx);
    await regroup(tx, db.dialect);
    return result;
  });
}

/**
 * Puts figures in a group as an editor's choice, recording each figure that changes group. A
 * group an editor touches is held as the editor left it: its other figures are written down
 * too, so that its key and members no longer move when figures are added elsewhere.
 */
async function hold(tx: Queries, dialect: Dialect, figures: { id: number; statementId: number }[], key: string, label: string | null): Promise<void> {
  if (figures.length === 0) return;
  const setAt = new Date().toISOString();
  // The groups they were in before this change: the stored grouping is only regrouped when the change is made.
  const before = await tx.all<{ figureId: number; groupKey: string }>(
    `SELECT figure_id AS "figureId", group_key AS "groupKey" FROM measure_figures WHERE ${dialect.inList('figure_id', '@ids')}`,
    { ids: figures.map((f) => f.id) },
  );
  const groupOf = new Map(before.map((row) => [row.figureId, row.groupKey]));
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

async function groupNamed(tx: Queries, key: string): Promise<StoredGroup> {
  const group = await storedGroup(tx, key);
  if (!group) throw notFound('measure group', key);
  return group;
}

async function targetGroup(tx: Queries, key: string, unit: string, field = 'into'): Promise<StoredGroup> {
  const group = await storedGroup(tx, key);
  if (!group) throw invalidParameter('body', field, `no measure group '${key}'; see /v1/figures/measures`);
  if (group.unit !== unit) throw invalidParameter('body', field, `'${key}' measures in ${group.unit}, not ${unit}: a group’s figures share one unit`);
  return group;
}

/** Every figure of group `key` into group `into` (the label given, or `into`'s); the key of the group they are all in now. */
export async function mergeMeasures(db: Db, key: string, into: string, label: string | undefined): Promise<string> {
  return editing(db, async (tx) => {
    const from = await groupNamed(tx, key);
    if (into === key) throw invalidParameter('body', 'into', `is '${key}' itself: name another group to merge it into`);
    const target = await targetGroup(tx, into, from.unit);
    await hold(tx, db.dialect, [...target.figures, ...from.figures], into, label ?? target.label);
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
  return editing(db, async (tx) => {
    const group = await groupNamed(tx, key);
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
    let newKey = base;
    for (let n = 2; (await tx.value('SELECT 1 FROM measure_groups WHERE key = ?', [newKey])) !== undefined; n += 1) newKey = `${base}-${n}`;
    const moving = new Set(ids);
    await hold(tx, db.dialect, group.figures.filter((f) => !moving.has(f.id)), key, group.label);
    await hold(tx, db.dialect, group.figures.filter((f) => moving.has(f.id)), newKey, label);
    return newKey;
  });
}

async function figureIn(tx: Queries, figureId: number): Promise<{ figure: { id: number; statementId: number }; group: StoredGroup }> {
  const key = await tx.value<string>('SELECT group_key FROM measure_figures WHERE figure_id = ?', [figureId]);
  const group = key === undefined ? undefined : await storedGroup(tx, key);
  const figure = group?.figures.find((f) => f.id === figureId);
  if (!group || !figure) throw notFound('figure', figureId);
  return { figure, group };
}

/** A group renamed: every figure of it held under its key with the editor's label. */
export async function renameMeasure(db: Db, key: string, label: string): Promise<void> {
  await editing(db, async (tx) => {
    await hold(tx, db.dialect, (await groupNamed(tx, key)).figures, key, label);
  });
}

/** One figure into an existing group; the group's key. */
export async function moveFigure(db: Db, figureId: number, into: string): Promise<string> {
  return editing(db, async (tx) => {
    const { figure, group } = await figureIn(tx, figureId);
    if (group.key === into) return into;
    const target = await targetGroup(tx, into, group.unit);
    // The group it leaves is held too: if the figure founded it, its key would otherwise move.
    await hold(tx, db.dialect, group.figures.filter((f) => f.id !== figureId), group.key, group.label);
    await hold(tx, db.dialect, [...target.figures, figure], into, target.label);
    return into;
  });
}

/** An editor's choice for one figure undone: the figure goes back to the group the analysis puts it in; that group's key. */
export async function resetFigure(db: Db, figureId: number): Promise<string> {
  return editing(db, async (tx) => {
    const { figure, group } = await figureIn(tx, figureId);
    await tx.run('DELETE FROM figure_groupings WHERE figure_id = ?', [figureId]);
    await regroup(tx, db.dialect);
    const { group: now } = await figureIn(tx, figureId);
    if (now.key !== group.key) {
      await recordChange(tx, { kind: 'figure.regrouped', statementId: figure.statementId, subjectId: figureId, detail: { from: group.key, to: now.key } });
    }
    return now.key;
  });
}
