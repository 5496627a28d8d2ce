import { createHash } from 'node:crypto';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { openDb, withoutPassword, type SqliteDb } from '../db/client.ts';
import { openPostgres, type PostgresDb } from '../db/postgres/client.ts';
import * as schema from '../db/schema.ts';

/**
 * Moves a corpus between engines, in one transaction on the target: every table src/db/schema.ts
 * declares, with its ids, except those in DERIVED. That is, today, organisations, people, events,
 * themes, documents, statements, quotes, publisher spans, tags, evidence, figures, rejections,
 * lexicon cues, API key hashes, audit rows, the change log, watches with their deliveries and
 * attempts, asks with their outcomes and editors' figure groupings (TABLES, in foreign-key order).
 * What the target derives from those rows is rebuilt there, not copied: the search indexes (FTS5
 * on SQLite, generated tsvector columns on PostgreSQL), the trigger-kept aggregates stance_counts,
 * stance_totals, quote_themes and figure_totals, stance_points, and the stored figure-measure
 * groups (measure_groups and its tables, regrouped at the target's first read). The triggers that keep those
 * are held off while the rows go in (they would run once per copied row: minutes at 100 000
 * statements) and each is then filled by one set-based statement, the same rows the triggers
 * would have made; the held triggers are back before the commit. The copy is verified before it
 * is committed: the same count and the same content hash, table by table.
 */

type Value = string | number | boolean | null | unknown[];
type Row = Value[];

interface Table {
  name: string;
  columns: { name: string; kind: 'boolean' | 'json' | 'plain' }[];
  /** The order rows are read in, the same on both engines. */
  orderBy: string;
}

type Engine = 'sqlite' | 'postgres';

/**
 * Tables the target rebuilds from the copied rows, never copied: a schema.ts table named here is
 * left out of TABLES, and a test fails on any table of a migrated database (either engine) that is
 * neither copied nor named here. `fill` is what the transfer runs after the copy, with `hold` (the
 * triggers that would otherwise keep the table a row at a time during the copy) held off until
 * then; a table without `fill` is kept by its triggers as the rows arrive, or needs nothing.
 */
interface Derived {
  /** PostgreSQL names a trigger within its table: `table.trigger`. SQLite's are named alone. */
  hold?: Record<Engine, string[]>;
  fill?: Record<Engine, string[]>;
}

/** The same statements on both engines. */
const onBoth = (...statements: string[]): Record<Engine, string[]> => ({ sqlite: statements, postgres: statements });

const POINTS_COLUMNS = `tag_id, reviewed_only, organisation_id, stakeholder, theme_id, date, statement_id, event_id, stance,
  from_tag_id, from_statement_id, from_date, from_event_id, from_stance`;
// Each point's predecessor is the tag before it in its sequence (organisation, theme; by date, then
// statement id, unique within a sequence since a statement has one tag per theme): what the insert
// trigger finds, a row at a time, when the tags arrive in any order.
const POINTS_FROM = `LAG(tt.id) OVER pair, LAG(s.id) OVER pair, LAG(s.date) OVER pair, LAG(s.event_id) OVER pair, LAG(tt.stance) OVER pair`;

export const DERIVED: Record<string, Derived> = {
  // Full-text search over statements and quotes. On SQLite, FTS5 tables over external content
  // (with their shadow tables, which SQLite names after them); on PostgreSQL, generated columns.
  statements_fts: {
    hold: { sqlite: ['statements_fts_insert'], postgres: [] },
    fill: { sqlite: [`INSERT INTO statements_fts (statements_fts) VALUES ('rebuild')`], postgres: [] },
  },
  quotes_fts: {
    hold: { sqlite: ['quotes_fts_insert'], postgres: [] },
    fill: { sqlite: [`INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')`], postgres: [] },
  },
  // Tags counted per organisation, theme and event, and their totals per organisation and theme.
  stance_counts: {
    hold: { sqlite: ['stance_counts_tag_insert'], postgres: ['theme_tags.stance_counts_tag'] },
    fill: {
      sqlite: [
        `INSERT INTO stance_counts (organisation_id, theme_id, event_id, supportive, critical, mixed, neutral, unreviewed)
         SELECT s.organisation_id, tt.theme_id, s.event_id, sum(tt.stance = 'supportive'), sum(tt.stance = 'critical'),
           sum(tt.stance = 'mixed'), sum(tt.stance = 'neutral'), sum(tt.reviewed = 0)
         FROM theme_tags tt JOIN statements s ON s.id = tt.statement_id GROUP BY s.organisation_id, tt.theme_id, s.event_id`,
      ],
      postgres: [
        `INSERT INTO stance_counts (organisation_id, theme_id, event_id, supportive, critical, mixed, neutral, unreviewed)
         SELECT s.organisation_id, tt.theme_id, s.event_id, count(*) FILTER (WHERE tt.stance = 'supportive'), count(*) FILTER (WHERE tt.stance = 'critical'),
           count(*) FILTER (WHERE tt.stance = 'mixed'), count(*) FILTER (WHERE tt.stance = 'neutral'), count(*) FILTER (WHERE NOT tt.reviewed)
         FROM theme_tags tt JOIN statements s ON s.id = tt.statement_id GROUP BY s.organisation_id, tt.theme_id, s.event_id`,
      ],
    },
  },
  // Filled after stance_counts (the order of this list), from it.
  stance_totals: {
    hold: { sqlite: ['stance_totals_insert'], postgres: ['stance_counts.stance_totals_count'] },
    fill: onBoth(
      `INSERT INTO stance_totals (organisation_id, theme_id, supportive, critical, mixed, neutral, unreviewed)
         SELECT organisation_id, theme_id, sum(supportive), sum(critical), sum(mixed), sum(neutral), sum(unreviewed) FROM stance_counts GROUP BY organisation_id, theme_id`,
    ),
  },
  // Quotes per theme they evidence, with the tag's stance and the statement's date.
  quote_themes: {
    hold: { sqlite: ['quote_themes_evidence_insert'], postgres: ['evidence.quote_themes_evidence'] },
    fill: onBoth(
      `INSERT INTO quote_themes (theme_id, quote_id, statement_id, stance, date, n)
         SELECT tt.theme_id, ev.quote_id, tt.statement_id, tt.stance, s.date, count(*)
         FROM evidence ev JOIN theme_tags tt ON tt.id = ev.tag_id JOIN statements s ON s.id = tt.statement_id
         WHERE ev.quote_id IS NOT NULL GROUP BY tt.theme_id, ev.quote_id, tt.statement_id, tt.stance, s.date`,
    ),
  },
  // Figures counted by unit, value, measure, theme (0 for none) and organisation.
  figure_totals: {
    hold: { sqlite: ['figure_totals_insert'], postgres: ['figures.figure_totals_figure'] },
    fill: onBoth(
      `INSERT INTO figure_totals (unit, value, measures, theme_id, organisation_id, n)
         SELECT f.unit, f.value, f.measures, coalesce(f.theme_id, 0), s.organisation_id, count(*)
         FROM figures f JOIN statements s ON s.id = f.statement_id GROUP BY 1, 2, 3, 4, 5`,
    ),
  },
  // Each tag as a point of its organisation's stance on its theme, after the point before it.
  stance_points: {
    hold: { sqlite: ['stance_points_tag_insert'], postgres: ['theme_tags.stance_points_tag'] },
    fill: {
      sqlite: [
        `INSERT INTO stance_points (${POINTS_COLUMNS})
         SELECT tt.id, q.reviewed_only, s.organisation_id, o.kind <> 'government', tt.theme_id, s.date, s.id, s.event_id, tt.stance, ${POINTS_FROM}
         FROM (SELECT 0 AS reviewed_only UNION ALL SELECT 1) q
         JOIN theme_tags tt ON q.reviewed_only = 0 OR tt.reviewed = 1
         JOIN statements s ON s.id = tt.statement_id JOIN organisations o ON o.id = s.organisation_id
         WINDOW pair AS (PARTITION BY q.reviewed_only, s.organisation_id, tt.theme_id ORDER BY s.date, s.id)
         ORDER BY tt.id, q.reviewed_only`,
      ],
      postgres: [
        `INSERT INTO stance_points (${POINTS_COLUMNS})
         SELECT tt.id, q.reviewed_only, s.organisation_id, o.kind <> 'government', tt.theme_id, s.date, s.id, s.event_id, tt.stance, ${POINTS_FROM}
         FROM (VALUES (false), (true)) q (reviewed_only)
         JOIN theme_tags tt ON NOT q.reviewed_only OR tt.reviewed
         JOIN statements s ON s.id = tt.statement_id JOIN organisations o ON o.id = s.organisation_id
         WINDOW pair AS (PARTITION BY q.reviewed_only, s.organisation_id, tt.theme_id ORDER BY s.date, s.id)`,
      ],
    },
  },
  // Figures grouped by what they measure (migration 0017): regrouped by the target from scratch at
  // its first read, since measure_dirty is marked '*'. Held during the copy, they would mark the
  // units one row at a time; emptied after it, so that nothing the source grouped is taken as given.
  measure_groups: { fill: onBoth('DELETE FROM measure_groups') },
  measure_figures: { fill: onBoth('DELETE FROM measure_figures') },
  measure_group_organisations: { fill: onBoth('DELETE FROM measure_group_organisations') },
  measure_group_themes: { fill: onBoth('DELETE FROM measure_group_themes') },
  measure_dirty: {
    hold: {
      sqlite: ['measure_dirty_figure_insert', 'measure_dirty_grouping_insert', 'measure_dirty_organisation_insert'],
      postgres: ['figures.measure_dirty_figure', 'figure_groupings.measure_dirty_grouping', 'organisations.measure_dirty_organisation'],
    },
    fill: onBoth(`INSERT INTO measure_dirty (unit) VALUES ('*') ON CONFLICT DO NOTHING`),
  },
  // PostgreSQL's change counter for the response cache: its statement-level triggers stay on during
  // the copy (the counter moves, which is all they do) and the target keeps its own count.
  data_version: {},
};

/** The tables given, each after the tables its foreign keys point to (ties in the order given: schema.ts's exports, by name). */
export function foreignKeyOrder(tables: SQLiteTable[]): SQLiteTable[] {
  const byName = new Map(tables.map((table) => [getTableConfig(table).name, table]));
  const parents = new Map(
    tables.map((table) => {
      const config = getTableConfig(table);
      const referenced = config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name).filter((name) => name !== config.name);
      return [config.name, new Set(referenced)];
    }),
  );
  const ordered: SQLiteTable[] = [];
  const placed = new Set<string>();
  while (placed.size < byName.size) {
    const next = [...byName.keys()].find((name) => !placed.has(name) && [...(parents.get(name) ?? [])].every((parent) => placed.has(parent) || !byName.has(parent)));
    if (!next) throw new Error(`the foreign keys of ${[...byName.keys()].filter((name) => !placed.has(name)).join(', ')} form a cycle`);
    placed.add(next);
    ordered.push(byName.get(next) as SQLiteTable);
  }
  return ordered;
}

/** Every table of schema.ts, minus the derived ones, parents before children so that every foreign key finds its row. */
export const TABLES: Table[] = foreignKeyOrder((Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable)))
  .filter((table) => !(getTableConfig(table).name in DERIVED))
  .map((table) => {
    const config = getTableConfig(table);
    const columns = config.columns.map((c) => ({ name: c.name, kind: c.columnType === 'SQLiteBoolean' ? ('boolean' as const) : c.columnType === 'SQLiteTextJson' ? ('json' as const) : ('plain' as const) }));
    return { name: config.name, columns, orderBy: columns.some((c) => c.name === 'id') ? 'id' : columns.map((c) => c.name).join(', ') };
  });

/** One side of a transfer: rows out in a fixed order, rows in inside one transaction. */
interface Store {
  label: string;
  count(table: Table): Promise<number>;
  rows(table: Table): AsyncIterable<Row>;
  begin(): Promise<void>;
  /** Inside the transaction, before any row: the triggers that keep derived tables a row at a time, off. */
  hold(): Promise<void>;
  insert(table: Table, rows: Row[]): Promise<void>;
  /** After every row is in: each derived table filled in one statement, and the held triggers back on. */
  rebuild(): Promise<void>;
  /** After every row is in: what the engine needs to carry on (identity sequences past the copied ids). */
  settle(): Promise<void>;
  commit(): Promise<void>;
  /** After the commit: statistics for the query planner, which a bulk load leaves out of date. */
  analyse(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
}

const list = (table: Table) => table.columns.map((c) => `"${c.name}"`).join(', ');

function sqliteStore(path: string): Store {
  const db: SqliteDb = openDb(path);
  const { sqlite } = db;
  const held: string[] = [];
  return {
    label: `sqlite:${path}`,
    count: async (table) => (sqlite.prepare(`SELECT count(*) AS n FROM "${table.name}"`).get() as { n: number }).n,
    async *rows(table) {
      const statement = sqlite.prepare(`SELECT ${list(table)} FROM "${table.name}" ORDER BY ${table.orderBy}`).raw();
      for (const raw of statement.iterate() as Iterable<Value[]>) {
        yield raw.map((value, i) => {
          const kind = table.columns[i]?.kind;
          if (value === null) return null;
          if (kind === 'boolean') return value === 1;
          if (kind === 'json') return JSON.parse(String(value)) as unknown[];
          return value;
        });
      }
    },
    begin: async () => {
      sqlite.pragma('foreign_keys = ON');
      sqlite.exec('BEGIN IMMEDIATE');
    },
    async insert(table, rows) {
      const statement = sqlite.prepare(`INSERT INTO "${table.name}" (${list(table)}) VALUES (${table.columns.map(() => '?').join(', ')})`);
      for (const row of rows) {
        statement.run(row.map((value, i) => (value === null ? null : table.columns[i]?.kind === 'boolean' ? (value ? 1 : 0) : table.columns[i]?.kind === 'json' ? JSON.stringify(value) : value)));
      }
    },
    // SQLite cannot switch a trigger off: it is dropped, and made again from the very text it was made
    // with, inside the transaction (a rollback brings it back as well).
    hold: async () => {
      for (const name of Object.values(DERIVED).flatMap((d) => d.hold?.sqlite ?? [])) {
        const trigger = sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(name) as { sql: string } | undefined;
        if (!trigger) throw new Error(`${path} has no trigger ${name} to hold during the copy`);
        held.push(trigger.sql);
        sqlite.exec(`DROP TRIGGER "${name}"`);
      }
    },
    rebuild: async () => {
      for (const statement of Object.values(DERIVED).flatMap((d) => d.fill?.sqlite ?? [])) sqlite.exec(statement);
      for (const text of held.splice(0)) sqlite.exec(text);
    },
    settle: async () => undefined,
    commit: async () => {
      sqlite.exec('COMMIT');
    },
    analyse: async () => {
      sqlite.exec('ANALYZE');
    },
    rollback: async () => {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    },
    close: () => db.close(),
  };
}

async function postgresStore(url: string): Promise<Store> {
  const db: PostgresDb = await openPostgres(url, { max: 1 });
  const client: pg.PoolClient = await db.pool.connect();
  const PAGE = 1000;
  return {
    label: withoutPassword(url),
    count: async (table) => (await client.query(`SELECT count(*)::int AS n FROM "${table.name}"`)).rows[0].n as number,
    async *rows(table) {
      for (let offset = 0; ; offset += PAGE) {
        const { rows } = await client.query({ text: `SELECT ${list(table)} FROM "${table.name}" ORDER BY ${table.orderBy} LIMIT ${PAGE} OFFSET ${offset}`, rowMode: 'array' });
        for (const row of rows as Row[]) yield row;
        if (rows.length < PAGE) return;
      }
    },
    begin: async () => {
      await client.query('BEGIN');
    },
    async insert(table, rows) {
      const width = table.columns.length;
      // Batches under PostgreSQL's 65 535 parameters to a statement.
      const batch = Math.max(1, Math.floor(60_000 / width));
      for (let start = 0; start < rows.length; start += batch) {
        const slice = rows.slice(start, start + batch);
        const values = slice.map((_, r) => `(${table.columns.map((c, i) => `$${r * width + i + 1}${c.kind === 'json' ? '::jsonb' : ''}`).join(', ')})`).join(', ');
        const params = slice.flatMap((row) => row.map((value, i) => (value !== null && table.columns[i]?.kind === 'json' ? JSON.stringify(value) : value)));
        await client.query(`INSERT INTO "${table.name}" (${list(table)}) VALUES ${values}`, params);
      }
    },
    // DISABLE TRIGGER is transactional: the triggers are back on at the commit, or at a rollback.
    async hold() {
      for (const name of Object.values(DERIVED).flatMap((d) => d.hold?.postgres ?? [])) {
        const [table, trigger] = name.split('.');
        await client.query(`ALTER TABLE "${table}" DISABLE TRIGGER "${trigger}"`);
      }
    },
    async rebuild() {
      for (const statement of Object.values(DERIVED).flatMap((d) => d.fill?.postgres ?? [])) await client.query(statement);
      for (const name of Object.values(DERIVED).flatMap((d) => d.hold?.postgres ?? [])) {
        const [table, trigger] = name.split('.');
        await client.query(`ALTER TABLE "${table}" ENABLE TRIGGER "${trigger}"`);
      }
    },
    async settle() {
      for (const table of TABLES.filter((t) => t.orderBy === 'id')) {
        await client.query(`SELECT setval(pg_get_serial_sequence('"${table.name}"', 'id'), coalesce((SELECT max(id) FROM "${table.name}"), 1), (SELECT max(id) FROM "${table.name}") IS NOT NULL)`);
      }
    },
    commit: async () => {
      await client.query('COMMIT');
    },
    // Without it the planner guesses (a statement by id took a second at 100 000 statements) until autovacuum comes round.
    analyse: async () => {
      await client.query('VACUUM ANALYZE');
    },
    rollback: async () => {
      await client.query('ROLLBACK');
    },
    close: async () => {
      client.release();
      await db.close();
    },
  };
}

/** `postgres://…` (or `postgresql://…`) is PostgreSQL; `sqlite:PATH` or a bare path is an SQLite file. */
export async function openStore(target: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(target)) return postgresStore(target);
  return sqliteStore(target.replace(/^sqlite:/, ''));
}

export interface TableDigest {
  table: string;
  rows: number;
  sha256: string;
}

/** Each table's row count and the sha256 of its rows in order, as the engine-neutral values both sides read. */
export async function digest(store: Store): Promise<TableDigest[]> {
  const digests: TableDigest[] = [];
  for (const table of TABLES) {
    const hash = createHash('sha256');
    let rows = 0;
    for await (const row of store.rows(table)) {
      hash.update(`${JSON.stringify(row)}\n`);
      rows += 1;
    }
    digests.push({ table: table.name, rows, sha256: hash.digest('hex') });
  }
  return digests;
}

export interface TransferResult {
  from: string;
  to: string;
  tables: TableDigest[];
}

/** Copies every row from `from` into the empty database `to`, verified by counts and content hashes before it commits. */
export async function transfer(from: string, to: string, { batch = 2000 }: { batch?: number } = {}): Promise<TransferResult> {
  const source = await openStore(from);
  let target: Store | undefined;
  try {
    target = await openStore(to);
    const held: string[] = [];
    for (const table of TABLES) {
      const n = await target.count(table);
      if (n > 0) held.push(`${n} ${table.name}`);
    }
    if (held.length) throw new Error(`${target.label} is not empty (it holds ${held.join(', ')}); transfer into a new, empty database`);
    const expected = await digest(source);
    await target.begin();
    try {
      await target.hold();
      for (const table of TABLES) {
        let rows: Row[] = [];
        for await (const row of source.rows(table)) {
          rows.push(row);
          if (rows.length >= batch) {
            await target.insert(table, rows);
            rows = [];
          }
        }
        if (rows.length) await target.insert(table, rows);
      }
      await target.rebuild();
      await target.settle();
      const copied = await digest(target);
      const differ = copied.filter((d, i) => d.rows !== expected[i]?.rows || d.sha256 !== expected[i]?.sha256);
      if (differ.length) {
        throw new Error(`the copy differs from the source in ${differ.map((d) => `${d.table} (${d.rows} rows, expected ${expected.find((e) => e.table === d.table)?.rows})`).join(', ')}; nothing was kept`);
      }
      await target.commit();
      await target.analyse();
      return { from: source.label, to: target.label, tables: copied };
    } catch (error) {
      await target.rollback();
      throw error;
    }
  } finally {
    await source.close();
    if (target) await target.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const from = option('from');
  const to = option('to');
  if (!from || !to) {
    console.error('usage: npm run transfer -- --from sqlite:data/stance.db --to postgres://user@host:5432/stance (or the other way round); the target must be empty');
    process.exit(2);
  }
  try {
    const result = await transfer(from, to);
    for (const t of result.tables) console.log(`${t.table.padEnd(22)} ${String(t.rows).padStart(8)} rows  sha256 ${t.sha256.slice(0, 16)}…`);
    console.log(`Copied ${result.from} to ${result.to}: every table's count and content hash match.`);
  } catch (error) {
    console.error(`Transfer failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
