import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import t, { type Test } from 'tap';
import { transfer } from '../src/cli/transfer.ts';
import { openDb } from '../src/db/client.ts';
import type { Db, Queries } from '../src/db/database.ts';
import { DIRECTIONS, directionOf, type Direction } from '../src/domain/shifts.ts';
import { STANCE_VALUES, type Stance } from '../src/domain/stance.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { findShifts, type ShiftFilters } from '../src/modules/shifts/queries.ts';
import { seedCorpus } from '../seed/load.ts';
import { build, pressRelease, testDb } from './helper.ts';

// stance_points (migration 0016) holds each tag as a point of its organisation's stance on its
// theme, with the point before it, kept by triggers. Whatever writes, it must equal what a window
// over the tags computes, in both sequences (every tag, and reviewed tags only).

interface Point {
  tagId: number;
  organisation: number;
  stakeholder: boolean;
  theme: number;
  date: string;
  statementId: number;
  event: number;
  stance: Stance;
  fromTagId: number | null;
  fromStatementId: number | null;
  fromDate: string | null;
  fromEvent: number | null;
  fromStance: Stance | null;
}

const normalise = (rows: Record<string, unknown>[]): Point[] =>
  rows.map((row) => ({ ...row, stakeholder: Boolean(row.stakeholder) }) as unknown as Point);

/** The reference: each tag (or reviewed tag) with the one before it of its organisation on its theme, by a window over the base tables. */
async function computedPoints(db: Queries, reviewed: boolean): Promise<Point[]> {
  return normalise(
    await db.all(
      `SELECT tt.id AS "tagId", s.organisation_id AS organisation, o.kind <> 'government' AS stakeholder, tt.theme_id AS theme, s.date,
         s.id AS "statementId", s.event_id AS event, tt.stance,
         LAG(tt.id) OVER pair AS "fromTagId", LAG(s.id) OVER pair AS "fromStatementId", LAG(s.date) OVER pair AS "fromDate",
         LAG(s.event_id) OVER pair AS "fromEvent", LAG(tt.stance) OVER pair AS "fromStance"
       FROM statements s JOIN theme_tags tt ON tt.statement_id = s.id JOIN organisations o ON o.id = s.organisation_id
       ${reviewed ? 'WHERE tt.reviewed = TRUE' : ''}
       WINDOW pair AS (PARTITION BY s.organisation_id, tt.theme_id ORDER BY s.date, s.id)
       ORDER BY tt.id`,
    ),
  );
}

async function storedPoints(db: Queries, reviewed: boolean): Promise<Point[]> {
  return normalise(
    await db.all(
      `SELECT tag_id AS "tagId", organisation_id AS organisation, stakeholder, theme_id AS theme, date, statement_id AS "statementId", event_id AS event, stance,
         from_tag_id AS "fromTagId", from_statement_id AS "fromStatementId", from_date AS "fromDate", from_event_id AS "fromEvent", from_stance AS "fromStance"
       FROM stance_points WHERE reviewed_only = ${reviewed ? 'TRUE' : 'FALSE'} ORDER BY tag_id`,
    ),
  );
}

async function drift(db: Queries): Promise<{ all: [Point[], Point[]]; reviewed: [Point[], Point[]] }> {
  return {
    all: [await storedPoints(db, false), await computedPoints(db, false)],
    reviewed: [await storedPoints(db, true), await computedPoints(db, true)],
  };
}

async function same(t: Test, db: Queries, after: string) {
  const { all, reviewed } = await drift(db);
  t.same(all[0], all[1], `every tag's point equals the window's after ${after}`);
  t.same(reviewed[0], reviewed[1], `every reviewed tag's point equals the window's after ${after}`);
}

t.test('the seeded corpus: the migration and the seed leave the stored points equal to the window', async (t) => {
  const db = await testDb(t);
  await same(t, db, 'seeding');
  const points = await storedPoints(db, false);
  t.equal(points.length, Number(await db.value('SELECT count(*) FROM theme_tags')), 'one point per tag');
  t.equal(points.filter((p) => p.fromStance !== null && p.fromStance !== p.stance).length, 2, 'two of them shifts: the RCPCH on funding and on workforce');
});

t.test('after each kind of write through the API, the stored points equal the window', async (t) => {
  const app = await build(t);
  const headers = { authorization: `Bearer ${await createKey(app.db, 'editor')}` };
  const write = async (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    t.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode}`);
    return res;
  };
  // A new RCPCH statement dated before both of its seeded ones: every pair it is tagged on gets a new first point.
  const early = (await write('POST', '/v1/statements', { ...pressRelease(1), organisation: 'rcpch', date: '2021-01-01' })).json().id as number;
  await same(t, app.db, 'a statement dated before the others');
  // And one between them, on the same date as the later one (ordered by id on that date).
  const between = (await write('POST', '/v1/statements', { ...pressRelease(2), organisation: 'rcpch', date: '2023-02-02' })).json().id as number;
  await same(t, app.db, 'a statement on the same date as another');
  await write('PATCH', `/v1/statements/${early}/tags/funding`, { stance: 'supportive' });
  await same(t, app.db, 'a stance corrected');
  await write('POST', `/v1/statements/${between}/tags/kinship/accept`);
  await same(t, app.db, 'a tag reviewed');
  await write('PUT', '/v1/statements/2/tags/kinship', { stance: 'critical', evidence: [{ start: 1862, end: 2079 }] });
  await same(t, app.db, 'a tag added by an editor');
  await write('DELETE', '/v1/statements/2/tags/funding');
  await same(t, app.db, 'a tag removed');
  await write('POST', `/v1/statements/${between}/reanalyse`);
  await same(t, app.db, 're-analysis (its unreviewed tags replaced, the reviewed one kept)');
  const shifts = await app.inject({ url: '/v1/shifts?organisation=rcpch&theme=funding' });
  t.same(
    shifts.json().items.map((s: any) => `${s.from.statement.id} ${s.from.stance} → ${s.to.statement.id} ${s.to.stance}`),
    [`1 critical → ${between} mixed`, `${early} supportive → 1 critical`],
    'the 2022 funding tag gone: the 2021 statement (corrected to supportive) comes just before the 2023 ones (on one date, by id)',
  );
});

t.test('after writes no route makes (a statement redated, moved or deleted; a tag moved; an organisation becoming the government)', async (t) => {
  const db = await testDb(t);
  const statementIds = await db.column<number>('SELECT id FROM statements ORDER BY id');
  await db.run("UPDATE statements SET date = '2024-06-01' WHERE id = 2");
  await same(t, db, 'a statement redated after the others');
  await db.run('UPDATE statements SET organisation_id = (SELECT id FROM organisations WHERE slug = ?) WHERE id = 2', ['lga']);
  await same(t, db, 'a statement moved to another organisation');
  await db.run("UPDATE statements SET event_id = (SELECT id FROM events WHERE slug = 'independent-review-2022') WHERE id = 1");
  await same(t, db, 'a statement moved to another event');
  await db.run("UPDATE theme_tags SET theme_id = (SELECT id FROM themes WHERE slug = 'kinship') WHERE statement_id = 2 AND theme_id = (SELECT id FROM themes WHERE slug = 'funding')");
  await same(t, db, 'a tag moved to another theme');
  await db.run("UPDATE organisations SET kind = 'government' WHERE slug = 'lga'");
  await same(t, db, 'an organisation become the government');
  await db.run('DELETE FROM source_documents WHERE id = (SELECT document_id FROM statements WHERE id = ?)', [statementIds[0]]);
  await same(t, db, 'a statement deleted with its document (its tags by cascade)');
});

t.test('a transfer rebuilds the points on the target, from the tags as they arrive', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'stance-points-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const source = openDb(join(dir, 'source.db'));
  await seedCorpus(source);
  // A statement dated before the others, its tags with ids after theirs: a point that arrives later but goes first.
  await source.run("UPDATE statements SET date = '2020-01-01' WHERE id = (SELECT max(id) FROM statements)");
  const expected = await drift(source);
  await source.close();
  await transfer(join(dir, 'source.db'), join(dir, 'target.db'));
  const target = openDb(join(dir, 'target.db'));
  t.teardown(() => target.close());
  const { all, reviewed } = await drift(target);
  t.same(all, expected.all, 'every tag\'s point as on the source, and as the window computes it');
  t.same(reviewed, expected.reviewed, 'and every reviewed tag\'s');
  t.same(all[0], all[1]);
});

// ---- A property: any sequence of writes keeps the points equal to the window --------------------

const DATES = ['2021-06-01', '2022-05-23', '2023-02-02', '2023-02-02', '2024-01-15'];
const pick = fc.nat({ max: 1000 });
const command = fc.oneof(
  fc.record({ kind: fc.constant('statement' as const), organisation: pick, event: pick, date: fc.constantFrom(...DATES), tags: fc.array(fc.record({ theme: pick, stance: fc.constantFrom(...STANCE_VALUES), reviewed: fc.boolean() }), { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('tag' as const), statement: pick, theme: pick, stance: fc.constantFrom(...STANCE_VALUES), reviewed: fc.boolean() }),
  fc.record({ kind: fc.constant('stance' as const), tag: pick, stance: fc.constantFrom(...STANCE_VALUES) }),
  fc.record({ kind: fc.constant('review' as const), tag: pick, reviewed: fc.boolean() }),
  fc.record({ kind: fc.constant('untag' as const), tag: pick }),
  fc.record({ kind: fc.constant('retheme' as const), tag: pick, theme: pick }),
  fc.record({ kind: fc.constant('redate' as const), statement: pick, date: fc.constantFrom(...DATES) }),
  fc.record({ kind: fc.constant('move' as const), statement: pick, organisation: pick, event: pick }),
  fc.record({ kind: fc.constant('delete' as const), statement: pick }),
  fc.record({ kind: fc.constant('government' as const), organisation: pick, government: fc.boolean() }),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

const of = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

async function apply(tx: Queries, c: Command, n: number): Promise<void> {
  const organisations = await tx.column<number>('SELECT id FROM organisations ORDER BY id');
  const events = await tx.column<number>('SELECT id FROM events ORDER BY id');
  const themes = await tx.column<number>('SELECT id FROM themes ORDER BY id');
  const statements = await tx.column<number>('SELECT id FROM statements ORDER BY id');
  const tags = await tx.column<number>('SELECT id FROM theme_tags ORDER BY id');
  const tag = 'tag' in c ? of(tags, c.tag) : undefined;
  switch (c.kind) {
    case 'statement': {
      const document = await tx.value<number>(
        `INSERT INTO source_documents (slug, title, publisher, url, published_on, kind, text, content_hash)
         VALUES (@slug, 'A test', 'Test', @url, @date, 'press-release', 'text', @slug) RETURNING id`,
        { slug: `property-${n}`, url: `https://example.org/property/${n}`, date: c.date },
      );
      const id = await tx.value<number>(
        `INSERT INTO statements (document_id, organisation_id, event_id, date, text, start_offset, end_offset, summary)
         VALUES (?, ?, ?, ?, 'text', 0, 4, 'A test') RETURNING id`,
        [document, of(organisations, c.organisation), of(events, c.event), c.date],
      );
      const seen = new Set<number>();
      for (const t of c.tags) {
        const theme = of(themes, t.theme)!;
        if (seen.has(theme)) continue;
        seen.add(theme);
        await tx.run("INSERT INTO theme_tags (statement_id, theme_id, stance, tagged_by, reviewed) VALUES (?, ?, ?, 'analyser', ?)", [id, theme, t.stance, t.reviewed]);
      }
      return;
    }
    case 'tag': {
      const statement = of(statements, c.statement);
      if (statement === undefined) return;
      await tx.run("INSERT INTO theme_tags (statement_id, theme_id, stance, tagged_by, reviewed) VALUES (?, ?, ?, 'analyser', ?) ON CONFLICT DO NOTHING", [
        statement,
        of(themes, c.theme),
        c.stance,
        c.reviewed,
      ]);
      return;
    }
    case 'stance':
      if (tag !== undefined) await tx.run('UPDATE theme_tags SET stance = ? WHERE id = ?', [c.stance, tag]);
      return;
    case 'review':
      if (tag !== undefined) await tx.run('UPDATE theme_tags SET reviewed = ? WHERE id = ?', [c.reviewed, tag]);
      return;
    case 'untag':
      if (tag !== undefined) await tx.run('DELETE FROM theme_tags WHERE id = ?', [tag]);
      return;
    case 'retheme':
      // Only to a theme the statement has no tag on (one tag per statement and theme).
      if (tag !== undefined) {
        await tx.run('UPDATE theme_tags SET theme_id = @theme WHERE id = @tag AND NOT EXISTS (SELECT 1 FROM theme_tags o WHERE o.statement_id = theme_tags.statement_id AND o.theme_id = @theme)', {
          tag,
          theme: of(themes, c.theme),
        });
      }
      return;
    case 'redate':
      if (statements.length) await tx.run('UPDATE statements SET date = ? WHERE id = ?', [c.date, of(statements, c.statement)]);
      return;
    case 'move': {
      const statement = of(statements, c.statement);
      // One statement per document and organisation.
      if (statement !== undefined) {
        await tx.run(
          'UPDATE statements SET organisation_id = @organisation, event_id = @event WHERE id = @statement AND NOT EXISTS (SELECT 1 FROM statements o WHERE o.document_id = statements.document_id AND o.organisation_id = @organisation AND o.id <> @statement)',
          { statement, organisation: of(organisations, c.organisation), event: of(events, c.event) },
        );
      }
      return;
    }
    case 'delete':
      if (statements.length) await tx.run('DELETE FROM statements WHERE id = ?', [of(statements, c.statement)]);
      return;
    case 'government':
      await tx.run('UPDATE organisations SET kind = ? WHERE id = ?', [c.government ? 'government' : 'charity', of(organisations, c.organisation)]);
      return;
  }
}

/** What GET /v1/shifts must list, from the window's points: the filters as the API describes them, newest first. */
async function expectedShifts(tx: Queries, filters: ShiftFilters, offset: number, limit: number) {
  const points = await computedPoints(tx, filters.reviewed === true);
  const ids = async (table: string, slugs: string[] | undefined) => (slugs ? new Set(await tx.column<number>(`SELECT id FROM ${table} WHERE slug IN (${slugs.map(() => '?').join(', ')})`, slugs)) : undefined);
  const organisations = await ids('organisations', filters.organisation);
  const themes = await ids('themes', filters.theme);
  const events = await ids('events', filters.event);
  const kept = points
    .filter((p) => p.fromStance !== null && p.fromStance !== p.stance)
    .filter((p) => (organisations ? organisations.has(p.organisation) : p.stakeholder))
    .filter((p) => !themes || themes.has(p.theme))
    .filter((p) => !events || events.has(p.event) || events.has(p.fromEvent!))
    .filter((p) => (!filters.from || p.date >= filters.from) && (!filters.to || p.date <= filters.to))
    .filter((p) => !filters.direction || filters.direction.includes(directionOf(p.fromStance!, p.stance)!))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.statementId - a.statementId || a.theme - b.theme));
  return { page: kept.slice(offset, offset + limit).map((p) => `${p.fromTagId}→${p.tagId}`), total: kept.length };
}

const filters = fc.record(
  {
    organisation: fc.subarray(['rcpch', 'lga', 'london-councils', 'ccn', 'action-for-children', 'dfe'], { minLength: 1 }),
    theme: fc.subarray(['funding', 'workforce', 'early-help', 'kinship'], { minLength: 1 }),
    event: fc.subarray(['independent-review-2022', 'implementation-strategy-2023'], { minLength: 1 }),
    from: fc.constantFrom(...DATES),
    to: fc.constantFrom(...DATES),
    direction: fc.subarray([...DIRECTIONS] as Direction[], { minLength: 1 }),
    reviewed: fc.boolean(),
  },
  { requiredKeys: [] },
);

class Rollback extends Error {}

t.test('property: after any sequence of writes, the points equal the window, and every list of shifts the one it computes', async (t) => {
  const db = await testDb(t);
  const known = new Set(await db.column<string>('SELECT slug FROM organisations'));
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), fc.array(filters, { minLength: 1, maxLength: 4 }), fc.nat({ max: 3 }), async (commands, asked, offset) => {
      runs += 1;
      // Each run writes in a transaction of its own, rolled back at the end: the next starts from the seed again.
      await db
        .transaction(async (tx) => {
          for (const [n, c] of commands.entries()) await apply(tx, c, n);
          const { all, reviewed } = await drift(tx);
          if (JSON.stringify(all[0]) !== JSON.stringify(all[1]) || JSON.stringify(reviewed[0]) !== JSON.stringify(reviewed[1])) {
            throw new Error(`points differ from the window after ${JSON.stringify(commands)}:\n${JSON.stringify({ all, reviewed })}`);
          }
          // The route's queries, on this transaction.
          const reading = { all: tx.all.bind(tx), get: tx.get.bind(tx), column: tx.column.bind(tx), value: tx.value.bind(tx), run: tx.run.bind(tx), dialect: db.dialect } as unknown as Db;
          for (const f of asked) {
            const named = { ...f, organisation: f.organisation?.filter((slug) => known.has(slug)) };
            if (named.organisation?.length === 0) delete named.organisation;
            const limit = 2;
            const found = await findShifts(reading, named, { offset, limit });
            const expected = await expectedShifts(tx, named, offset, limit);
            const page = found.shifts.map((s) => `${s.from.tagId}→${s.to.tagId}`);
            if (JSON.stringify(page) !== JSON.stringify(expected.page) || found.total !== expected.total) {
              throw new Error(`shifts for ${JSON.stringify(named)} at ${offset}: ${JSON.stringify(found.total)} ${JSON.stringify(page)}, expected ${JSON.stringify(expected)}`);
            }
          }
          throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
    }),
    { numRuns: 60 },
  );
  t.equal(runs, 60, 'sixty sequences of writes');
  await same(t, db, 'every run rolled back');
});
