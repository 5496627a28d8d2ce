import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { loadConfig } from '../config.ts';

export interface BackupResult {
  pages: number;
  bytes: number;
  statements: number;
}

/**
 * An online copy of the database at `source` into `target`, through SQLite's backup API: the
 * service keeps reading and writing while it runs, and the copy is one consistent moment of the
 * database (what was committed when the copy finished). The copy is checked before it is
 * reported: `PRAGMA integrity_check` must say ok.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  if (!existsSync(source)) throw new Error(`No database at ${source} (DATABASE_PATH)`);
  if (existsSync(target)) throw new Error(`${target} exists already; choose a new file`);
  const db = new Database(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    const result = await db.backup(target);
    pages = result.totalPages;
  } finally {
    db.close();
  }
  const copy = new Database(target, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`The copy at ${target} failed its integrity check: ${String(integrity)}`);
    const { n } = copy.prepare('SELECT count(*) AS n FROM statements').get() as { n: number };
    return { pages, bytes: statSync(target).size, statements: n };
  } finally {
    copy.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: npm run backup -- FILE (an online copy of DATABASE_PATH, taken while the service runs)');
    process.exit(2);
  }
  const config = loadConfig(process.env);
  if (config.DATABASE_URL) {
    // PostgreSQL has its own tools, which its operators already run: nothing here would do better.
    console.error('npm run backup copies the SQLite file (DATABASE_PATH); with DATABASE_URL set, back up PostgreSQL with pg_dump or pg_basebackup');
    process.exit(2);
  }
  const source = config.DATABASE_PATH;
  try {
    const result = await backupDatabase(source, target);
    console.log(`Backed up ${source} to ${target}: ${result.pages} pages, ${result.bytes} bytes, ${result.statements} statements; integrity ok.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
