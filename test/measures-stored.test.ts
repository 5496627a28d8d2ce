import fc from 'fast-check';
import t, { type Test } from 'tap';
import type { Db, Queries } from '../src/db/database.ts';
import { compareFigures, groupByMeasure } from '../src/domain/measures.ts';
import { listMeasures, mergeMeasures, moveFigure, refreshMeasures, resetFigure, splitMeasure } from '../src/modules/figures/measures.ts';
import { testDb } from './helper.ts';

// The measure groups are stored (migration 0017): triggers mark the units whose figures changed,
// and a read regroups them. Whatever writes, a read must find what grouping every figure of the
// corpus at once (the batch computation) gives: the same groups, in the same order, with the same
// figures, labels and verdicts.

interface Grouped {
  key: string;
  label: string;
  unit: string;
  category: string | null;
  editor: boolean;
  specified: boolean;
  verdict: string;
  note: string;
  figures: number[];
}

/** The reference: every figure of the corpus grouped at once, as the domain does it. */
async function batch(db: Queries): Promise<Grouped[]> {
  const rows = await db.all<{ id: number; date: string; raw: string; value: number; unit: string; measures: string; period: string | null; organisation: string; groupKey: string | null; groupLabel: string | null }>(
    `SELECT f.id, s.date, f.raw, f.value, f.unit, f.measures, f.period, o.slug AS organisation, g.group_key AS "groupKey", g.label AS "groupLabel"
     FROM figures f JOIN statements s ON s.id = f.statement_id JOIN organisations o ON o.id = s.organisation_id LEFT JOIN figure_groupings g ON g.figure_id = f.id`,
  );
  const organisations = await db.all<{ slug: string; name: string; shortName: string }>('SELECT slug, name, short_name AS "shortName" FROM organisations');
  const figures = rows.map((row) => ({ ...row, editorGroup: row.groupKey === null ? null : { key: row.groupKey, label: row.groupLabel } }));
  return groupByMeasure(
    figures,
    organisations.map((o) => ({ slug: o.slug, names: [o.name, o.shortName] })),
  ).map((group) => {
    const comparison = compareFigures(group.figures);
    return {
      key: group.key,
      label: group.label,
      unit: group.unit,
      category: group.category,
      editor: group.editor,
      specified: group.specified,
      verdict: comparison.verdict,
      note: comparison.note,
      figures: group.figures.map((f) => f.id),
    };
  });
}

/** What is stored, after the read's regrouping, in the order a list reads it. */
async function stored(db: Db): Promise<Grouped[]> {
  await refreshMeasures(db);
  const groups = await db.all<Omit<Grouped, 'figures'>>(
    'SELECT key, label, unit, category, editor, specified, verdict, note FROM measure_groups ORDER BY unit_rank, unit, largest DESC, key',
  );
  const members = await db.all<{ figureId: number; groupKey: string }>('SELECT figure_id AS "figureId", group_key AS "groupKey" FROM measure_figures ORDER BY figure_id');
  return groups.map((g) => ({
    ...g,
    editor: Boolean(g.editor),
    specified: Boolean(g.specified),
    figures: members.filter((m) => m.groupKey === g.key).map((m) => m.figureId),
  }));
}

async function same(t: Test, db: Db, after: string) {
  t.same(await stored(db), await batch(db), `the stored groups are the batch's after ${after}`);
}

t.test('the seeded corpus: the migration and the seed leave the stored groups equal to the batch', async (t) => {
  const db = await testDb(t);
  await same(t, db, 'seeding');
  t.equal(await db.value('SELECT count(*) FROM measure_dirty'), 0, 'a read leaves nothing to regroup');
});

t.test('each kind of write marks what it changes, and a read regroups it', async (t) => {
  const db = await testDb(t);
  await refreshMeasures(db);
  const dirty = () => db.column<string>('SELECT unit FROM measure_dirty ORDER BY unit');
  await db.run("UPDATE figures SET measures = 'funding the Independent Review recommended for the reforms' WHERE id = 2");
  t.same(await dirty(), ['GBP'], 'a figure corrected marks its unit');
  await same(t, db, 'a figure corrected');
  await db.run("UPDATE figures SET unit = 'children' WHERE id = 2");
  t.same(await dirty(), ['GBP', 'children'], 'a figure of another unit now marks both');
  await same(t, db, 'a figure changing unit');
  await db.run("UPDATE organisations SET name = 'The Independent Review Trust' WHERE slug = 'lga'");
  t.same(await dirty(), ['*'], 'an organisation renamed marks every unit');
  await same(t, db, 'an organisation renamed');
  await db.run("UPDATE statements SET date = '2019-01-01' WHERE id = 1");
  t.ok((await dirty()).length > 0, 'a statement redated marks its figures’ units');
  await same(t, db, 'a statement redated');
  await db.run('DELETE FROM statements WHERE id = 1');
  await same(t, db, 'a statement deleted');
  await db.run('UPDATE figures SET start_offset = start_offset WHERE id = 3');
  t.same(await dirty(), [], 'a write that changes nothing grouping reads marks nothing');
});

const DESCRIPTIONS = [
  'funding the Independent Review said the reform needs',
  'funding the Independent Review recommended for the reforms',
  'yearly funding shortfall in children’s services',
  'funding shortfall in children’s services each year',
  'shortfall',
  'funding',
  'the children we support every year',
  'children in care projected by 2025',
  'overspend on placements by councils',
  'councils overspending on placements',
  'cost of a residential placement per year',
  'what the Local Government Association estimates councils need',
];
const UNITS = ['GBP', 'children', 'local-authorities'];
const VALUES = [1, 12, 200_000_000, 2_600_000_000, 1_600_000_000];
const NAMES = ['Independent Review Trust', 'Placements Alliance', 'Shortfall Network', 'Northshire Council'];

const pick = fc.nat({ max: 1000 });
const command = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), statement: pick, description: pick, unit: pick, value: pick, period: fc.constantFrom(null, 'per year', 'over 2 years') }),
  fc.record({ kind: fc.constant('remove' as const), figure: pick }),
  fc.record({ kind: fc.constant('correct' as const), figure: pick, description: pick, value: pick }),
  fc.record({ kind: fc.constant('recount' as const), figure: pick, unit: pick }),
  fc.record({ kind: fc.constant('move-statement' as const), statement: pick, organisation: pick }),
  fc.record({ kind: fc.constant('rename' as const), organisation: pick, name: pick }),
  fc.record({ kind: fc.constant('organisation' as const), name: pick }),
  fc.record({ kind: fc.constant('merge' as const), from: pick, into: pick }),
  fc.record({ kind: fc.constant('split' as const), group: pick, figure: pick }),
  fc.record({ kind: fc.constant('move' as const), figure: pick, into: pick }),
  fc.record({ kind: fc.constant('reset' as const), figure: pick }),
  fc.record({ kind: fc.constant('read' as const) }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

const of = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

/** Runs one write; an editor's change the routes would refuse (another unit, a group that is gone) is skipped as the route's 400 or 404 would. */
async function apply(db: Db, c: Command, n: number): Promise<void> {
  const figures = await db.column<number>('SELECT id FROM figures ORDER BY id');
  const statements = await db.column<number>('SELECT id FROM statements ORDER BY id');
  const organisations = await db.column<number>('SELECT id FROM organisations ORDER BY id');
  await refreshMeasures(db);
  const groups = await db.all<{ key: string; unit: string }>('SELECT key, unit FROM measure_groups ORDER BY key');
  const refused = (error: unknown) => {
    if ((error as { statusCode?: number }).statusCode === undefined) throw error;
  };
  switch (c.kind) {
    case 'add': {
      const statement = of(statements, c.statement);
      if (statement === undefined) return;
      await db.run(
        `INSERT INTO figures (statement_id, raw, value, unit, measures, period, start_offset, end_offset) VALUES (?, 'a figure', ?, ?, ?, ?, 0, 4)`,
        [statement, of(VALUES, c.value), of(UNITS, c.unit), of(DESCRIPTIONS, c.description), c.period],
      );
      return;
    }
    case 'remove':
      if (figures.length) await db.run('DELETE FROM figures WHERE id = ?', [of(figures, c.figure)]);
      return;
    case 'correct':
      if (figures.length) await db.run('UPDATE figures SET measures = ?, value = ? WHERE id = ?', [of(DESCRIPTIONS, c.description), of(VALUES, c.value), of(figures, c.figure)]);
      return;
    case 'recount':
      if (figures.length) await db.run('UPDATE figures SET unit = ? WHERE id = ?', [of(UNITS, c.unit), of(figures, c.figure)]);
      return;
    case 'move-statement': {
      const statement = of(statements, c.statement);
      if (statement === undefined) return;
      await db.run(
        'UPDATE statements SET organisation_id = @organisation WHERE id = @statement AND NOT EXISTS (SELECT 1 FROM statements o WHERE o.document_id = statements.document_id AND o.organisation_id = @organisation AND o.id <> @statement)',
        { statement, organisation: of(organisations, c.organisation) },
      );
      return;
    }
    case 'rename':
      await db.run('UPDATE organisations SET name = ? WHERE id = ?', [`${of(NAMES, c.name)} ${n}`, of(organisations, c.organisation)]);
      return;
    case 'organisation':
      await db.run("INSERT INTO organisations (slug, name, short_name, kind) VALUES (?, ?, ?, 'charity')", [`property-${n}`, of(NAMES, c.name), `P${n}`]);
      return;
    case 'merge': {
      const from = of(groups, c.from);
      const into = of(groups, c.into);
      if (from && into && from.key !== into.key && from.unit === into.unit) await mergeMeasures(db, from.key, into.key, undefined).catch(refused);
      return;
    }
    case 'split': {
      const group = of(groups, c.group);
      if (!group) return;
      const members = await db.column<number>('SELECT figure_id FROM measure_figures WHERE group_key = ? ORDER BY figure_id', [group.key]);
      if (members.length > 1) await splitMeasure(db, group.key, [of(members, c.figure)!], `split ${n}`).catch(refused);
      return;
    }
    case 'move': {
      const figure = of(figures, c.figure);
      const into = of(groups, c.into);
      if (figure === undefined || !into) return;
      const unit = await db.value<string>('SELECT unit FROM figures WHERE id = ?', [figure]);
      if (unit === into.unit) await moveFigure(db, figure, into.key).catch(refused);
      return;
    }
    case 'reset':
      if (figures.length) await resetFigure(db, of(figures, c.figure)!).catch(refused);
      return;
    case 'read':
      await listMeasures(db, {}, { limit: 5 });
      return;
  }
}

t.test('after any sequence of writes, a read finds the groups the batch computation gives', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
      const db = await testDb(t);
      for (const [n, c] of commands.entries()) await apply(db, c, n);
      const [got, expected] = [await stored(db), await batch(db)];
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        t.same(got, expected, `after ${JSON.stringify(commands)}`);
        return false;
      }
      return true;
    }),
    { numRuns: 40 },
  );
});
