import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import t from 'tap';
import * as pg from '../src/db/postgres/schema.ts';
import * as sqlite from '../src/db/schema.ts';

type Shape = {
  columns: string[];
  indexes: string[];
  foreignKeys: string[];
  checks: string[];
};

// What the two engines must agree on: names, nullability, defaults, keys, indexes and checks (types differ by design).
function shape(config: ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>): Shape {
  return {
    columns: config.columns.map((c) => `${c.name}${c.notNull ? ' not null' : ''}${c.primary ? ' primary key' : ''}${c.isUnique ? ' unique' : ''}${c.hasDefault && !c.primary ? ' default' : ''}${c.enumValues ? ` in (${c.enumValues.join(', ')})` : ''}`).sort(),
    indexes: config.indexes.map((i) => `${i.config.name}${i.config.unique ? ' unique' : ''} (${i.config.columns.map((c) => ('name' in c ? c.name : '?')).join(', ')})`).sort(),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        return `${ref.columns.map((c) => c.name).join(', ')} → ${(ref.foreignTable as unknown as { [k: symbol]: string })[Symbol.for('drizzle:Name')]}(${ref.foreignColumns.map((c) => c.name).join(', ')}) on delete ${fk.onDelete ?? 'no action'}`;
      })
      .sort(),
    checks: config.checks.map((c) => c.name).sort(),
  };
}

const sqliteTables = (Object.values(sqlite) as unknown[]).filter((v): v is SQLiteTable => v instanceof SQLiteTable);
const pgTables = (Object.values(pg) as unknown[]).filter((v): v is PgTable => v instanceof PgTable);

t.test('the PostgreSQL schema has the same tables as SQLite’s, column for column, index for index', async (t) => {
  t.same(pgTables.map((table) => pgConfig(table).name).sort(), sqliteTables.map((table) => sqliteConfig(table).name).sort(), 'the same tables');
  t.equal(sqliteTables.length, 22);
  for (const table of sqliteTables) {
    const lite = sqliteConfig(table);
    const other = pgTables.find((candidate) => pgConfig(candidate).name === lite.name);
    if (!other) continue;
    t.same(shape(pgConfig(other)), shape(lite), lite.name);
  }
});

t.test('the shape compared is the one that matters: a column, an index or a key left out is seen', async (t) => {
  const statements = shape(sqliteConfig(sqlite.statements));
  t.same(statements.foreignKeys, [
    'document_id → source_documents(id) on delete cascade',
    'event_id → events(id) on delete no action',
    'organisation_id → organisations(id) on delete no action',
  ]);
  t.ok(statements.columns.includes('updated_at'), 'a nullable column, as it is');
  t.ok(statements.columns.includes('date not null'));
  t.ok(statements.indexes.includes('statements_document_organisation_idx unique (document_id, organisation_id)'));
  t.same(shape(sqliteConfig(sqlite.themeTags)).checks, ['theme_tags_stance_check', 'theme_tags_tagged_by_check']);
  t.ok(shape(pgConfig(pg.quotes)).columns.includes('voice not null default in (direct, reported, own)'), 'defaults and allowed values');
});
