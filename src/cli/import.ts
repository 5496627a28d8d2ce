import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { ZodError } from 'zod';
import { loadConfig } from '../config.ts';
import { openDatabase, type Db, type SqliteDb } from '../db/client.ts';
import { parseDocument } from '../modules/ingest/frontmatter.ts';
import { loadLexicon } from '../modules/ingest/lexicon.ts';
import { MAX_TEXT_LENGTH } from '../modules/ingest/schemas.ts';
import { storeStatement } from '../modules/ingest/store.ts';
import { seedIfEmpty } from '../../seed/load.ts';

export interface ImportSummary {
  imported: { path: string; id: number }[];
  duplicates: { path: string; id: number }[];
  failed: { path: string; reason: string }[];
}

/** Files to import: the paths given, and the .txt and .md files inside any directory given. */
export function expandPaths(paths: string[]): string[] {
  return paths.flatMap((path) =>
    statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((name) => /\.(?:txt|md)$/i.test(name))
          .sort()
          .map((name) => join(path, name))
      : [path],
  );
}

function reasonOf(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join('.') || 'document'}: ${i.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/** Imports each document in its own transaction: one that fails is reported and the rest go on. */
export async function importDocuments(db: Db, paths: string[], onProgress: (done: number, path: string) => void = () => {}): Promise<ImportSummary> {
  const summary: ImportSummary = { imported: [], duplicates: [], failed: [] };
  for (const [i, path] of paths.entries()) {
    try {
      const document = parseDocument(readFileSync(path, 'utf8'));
      if (document.text.length > MAX_TEXT_LENGTH) throw new Error(`text of ${document.text.length} characters is over the limit of ${MAX_TEXT_LENGTH}`);
      const stored = await storeStatement(db, document, await loadLexicon(db));
      (stored.created ? summary.imported : summary.duplicates).push({ path, id: stored.id });
    } catch (error) {
      summary.failed.push({ path, reason: reasonOf(error) });
    }
    onProgress(i + 1, path);
  }
  return summary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    console.error('usage: npm run import -- PATH… (files with a front-matter header, or directories of them)');
    process.exit(2);
  }
  const paths = expandPaths(args);
  const db = await openDatabase(loadConfig(process.env));
  // A bulk import commits each document without waiting for the disk (the server waits, for every
  // write it acknowledges): each commit is still atomic and survives the command being killed; a power
  // cut may lose the last documents, which running the same import again stores (the rest are skipped
  // as duplicates). The disk is waited for once, when the command closes the database.
  if (db.engine === 'sqlite') (db as SqliteDb).sqlite.pragma('synchronous = NORMAL');
  // Like the server: a new database starts with the curated corpus (its events, themes, lexicon).
  await seedIfEmpty(db);
  const bar = new cliProgress.SingleBar({ format: 'importing [{bar}] {value}/{total} {file}', stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(paths.length, 0, { file: '' });
  const summary = await importDocuments(db, paths, (done, path) => bar.update(done, { file: path }));
  bar.stop();
  await db.close();
  console.log(`imported: ${summary.imported.length}, skipped as duplicate: ${summary.duplicates.length}, failed: ${summary.failed.length}`);
  for (const { path, id } of summary.imported) console.log(`  + ${path} → /v1/statements/${id}`);
  for (const { path, id } of summary.duplicates) console.log(`  = ${path} already stored as /v1/statements/${id}`);
  for (const { path, reason } of summary.failed) console.log(`  ! ${path}: ${reason}`);
  process.exitCode = summary.failed.length > 0 ? 1 : 0;
}
