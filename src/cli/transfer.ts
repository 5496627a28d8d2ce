import { createHash } from 'node:crypto';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { openDb, withoutPassword, type SqliteDb } from '../db/client.ts';
import { openPostgres, type PostgresDb } from '../db/postgres/client.ts';
import * as schema from '../db/schema.ts';

/**
 * Moves a corpus between engines: every organisation, person, event, theme, document, statement,
 * quote, publisher span, tag, evidence span, figure, rejection, lexicon cue, API key hash and audit
 * row, with their ids, in one transaction on the target. Search indexes and the trigger-kept
 * aggregates are the target's own, rebuilt from what arrives. The copy is verified before it is
 * committed: the same count and the same content hash, table by table.
 */

type Value = string | number | boolean | null | unknown[];
type Row = Value[];

interface Table {
  name: string;
  columns: { name: string; kind: 'boolean' | 'json' | 'plain' }[];
  /** The order rows are read in, the same on both engines. */
  orderBy: string;
}

/** Parents before children, so that every foreign key finds its row. */
export const TABLES: Table[] = [
  schema.organisations,
  schema.people,
  schema.events,
  schema.themes,
  schema.sourceDocuments,
  schema.statements,
  schema.quotes,
  schema.publisherSpans,
  schema.themeTags,
  schema.evidence,
  schema.figures,
  schema.themeTagRejections,
  schema.stanceCues,
  schema.apiKeys,
  schema.auditLog,
].map((table) => {
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
  insert(table: Table, rows: Row[]): Promise<void>;
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
