import type Database from 'better-sqlite3';
import type { Db } from './client.ts';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * Prepares `sql` once per connection. Dynamic queries (filters switched on and off) have a
 * handful of shapes; each shape is compiled once and reused on every later request.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let statements = cache.get(db.sqlite);
  if (!statements) {
    statements = new Map();
    cache.set(db.sqlite, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.sqlite.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
