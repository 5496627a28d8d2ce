import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import t from 'tap';
import { DERIVED, TABLES } from '../src/cli/transfer.ts';
import { openDb } from '../src/db/client.ts';
import * as schema from '../src/db/schema.ts';

// npm run transfer copies the tables it names and rebuilds the derived ones: a table added to the
// schema or a migration must be one or the other, or a corpus moved between engines loses it.

const declared = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable));
const copied = TABLES.map((table) => table.name);

t.test('every table of src/db/schema.ts is copied or declared derived, never both', async (t) => {
  t.same(declared.map((table) => getTableConfig(table).name).filter((name) => !copied.includes(name) && !(name in DERIVED)), [], 'none left out');
  t.same(copied.filter((name) => name in DERIVED), [], 'none both');
  t.equal(new Set(copied).size, copied.length, 'each once');
});

t.test('parents are copied before their children', async (t) => {
  for (const table of declared) {
    const config = getTableConfig(table);
    if (!copied.includes(config.name)) continue;
    for (const fk of config.foreignKeys) {
      const parent = getTableConfig(fk.reference().foreignTable).name;
      t.ok(copied.indexOf(parent) < copied.indexOf(config.name), `${parent} before ${config.name}`);
    }
  }
});

t.test('on a migrated SQLite database: every table is copied or declared derived, and no trigger runs per copied row', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  const fts = Object.keys(DERIVED).filter((name) => name.endsWith('_fts'));
  // FTS5 keeps each index in shadow tables named after it; SQLite and drizzle keep their own bookkeeping.
  const own = (name: string) => name.startsWith('sqlite_') || name === '__drizzle_migrations' || fts.some((index) => new RegExp(`^${index}_(data|idx|content|docsize|config)$`).test(name));
  const tables = (db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  t.same(tables.filter((name) => !own(name) && !copied.includes(name) && !(name in DERIVED)), [], 'no table the transfer does not know');
  const written = new Set([...copied, ...Object.keys(DERIVED).filter((name) => DERIVED[name]?.fill?.sqlite.length)]);
  const onInsert = db.sqlite.prepare("SELECT name, tbl_name AS \"table\", sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string; table: string; sql: string }[];
  const perRow = onInsert.filter((trigger) => written.has(trigger.table) && /\bAFTER\s+INSERT\s+ON\b|\bBEFORE\s+INSERT\s+ON\b/i.test(trigger.sql)).map((trigger) => trigger.name);
  t.same(perRow, Object.values(DERIVED).flatMap((d) => d.hold?.sqlite ?? []).sort(), 'each insert trigger on a table the transfer writes is held during the copy');
});
