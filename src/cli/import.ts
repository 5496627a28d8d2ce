import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { ZodError } from 'zod';
import { loadConfig } from '../config.ts';
import { openDatabase, type Db, type SqliteDb } from '../db/client.ts';
import type { Lexicon } from '../domain/analyse/index.ts';
import { parseDocument } from '../modules/ingest/frontmatter.ts';
import { loadLexicon } from '../modules/ingest/lexicon.ts';
import { MAX_TEXT_LENGTH } from '../modules/ingest/schemas.ts';
import { organisationSlug, PeopleIndex, storeStatement } from '../modules/ingest/store.ts';
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

/** How many documents, or how long, one commit of a bulk import on SQLite holds at most. */
export interface BatchLimits {
  documents: number;
  milliseconds: number;
}

// A commit costs SQLite a write of every page the documents touched (the full-text index's among them) and a fresh
// full-text segment; shared by a few hundred documents, it is paid once for them all. A quarter of a second keeps
// the write lock short for a server writing to the same file (it waits for up to five).
export const BATCH: BatchLimits = { documents: 500, milliseconds: 250 };

/**
 * The writes of a bulk import on SQLite: each document in a savepoint of its own (one that fails is
 * rolled back alone), a few hundred of them committed together. `commit` ends the open batch.
 */
function batchedWriter(db: SqliteDb, limits: BatchLimits) {
  const { sqlite } = db;
  let began = 0;
  let count = 0;
  const writer: Db = {
    ...db,
    async transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
      if (!sqlite.inTransaction) {
        sqlite.exec('BEGIN IMMEDIATE');
        began = performance.now();
        count = 0;
      }
      sqlite.exec('SAVEPOINT import_document');
      try {
        const result = await work(db);
        sqlite.exec('RELEASE import_document');
        count += 1;
        return result;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK TO import_document; RELEASE import_document');
        throw error;
      }
    },
  };
  return {
    writer,
    /** Whether a batch is open (false after SQLite gave up the whole transaction on an error). */
    open: () => sqlite.inTransaction,
    full: () => sqlite.inTransaction && (count >= limits.documents || performance.now() - began >= limits.milliseconds),
    commit: () => {
      if (!sqlite.inTransaction) return;
      sqlite.exec('COMMIT');
    },
    // The query planner's statistics, for tables that have grown a lot since they were last taken (a new database has none:
    // without them SQLite may read every analysed tag of every statement to delete one statement's).
    optimize: () => sqlite.pragma('optimize'),
    rollback: () => {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    },
  };
}

/**
 * Imports documents, each stored whole or not at all: one that fails is reported and the rest go on.
 * On SQLite each is a savepoint, and a few hundred are committed together (see BATCH); elsewhere
 * each is a transaction of its own. The lexicon is read once, and again only after a document
 * names an organisation it does not hold (the store creates it, and the analyser must know it) or
 * a commit (others may have changed it).
 */
export async function importDocuments(
  db: Db,
  paths: string[],
  onProgress: (done: number, path: string) => void = () => {},
  limits: BatchLimits = BATCH,
): Promise<ImportSummary> {
  const summary: ImportSummary = { imported: [], duplicates: [], failed: [] };
  const batch = db.engine === 'sqlite' ? batchedWriter(db as SqliteDb, limits) : undefined;
  // The people by name, for the speakers of the open batch (read again after each commit or rollback).
  const people = batch ? new PeopleIndex() : undefined;
  // The results of the documents in the open batch: settled only when it commits.
  let pending: { path: string; id: number; created: boolean }[] = [];
  let lexicon: Lexicon | undefined;
  const settle = () => {
    try {
      batch?.commit();
      for (const { path, id, created } of pending) (created ? summary.imported : summary.duplicates).push({ path, id });
    } catch (error) {
      batch?.rollback();
      for (const { path } of pending) summary.failed.push({ path, reason: reasonOf(error) });
    }
    pending = [];
    lexicon = undefined;
    people?.forget();
    batch?.optimize();
  };
  try {
    for (const [i, path] of paths.entries()) {
      try {
        const document = parseDocument(readFileSync(path, 'utf8'));
        if (document.text.length > MAX_TEXT_LENGTH) throw new Error(`text of ${document.text.length} characters is over the limit of ${MAX_TEXT_LENGTH}`);
        lexicon ??= await loadLexicon(db);
        // The lexicon as it was before the document: an organisation it creates is known from the next document on.
        const newOrganisation = !lexicon.organisations.some((o) => o.slug === organisationSlug(document.organisation));
        let stored: { id: number; created: boolean };
        try {
          stored = await storeStatement(batch?.writer ?? db, document, lexicon, { people });
        } finally {
          if (newOrganisation) lexicon = undefined;
        }
        if (batch) pending.push({ path, ...stored });
        else (stored.created ? summary.imported : summary.duplicates).push({ path, id: stored.id });
      } catch (error) {
        // The document's savepoint (or the whole batch) is rolled back: the people it created are gone again.
        people?.forget();
        if (batch && !batch.open() && pending.length > 0) {
          // SQLite gave up the whole transaction, not only this document's savepoint: the batch before it is lost too.
          for (const lost of pending) summary.failed.push({ path: lost.path, reason: `rolled back with ${path}: ${reasonOf(error)}` });
          pending = [];
          lexicon = undefined;
        }
        summary.failed.push({ path, reason: reasonOf(error) });
      }
      if (batch?.full()) settle();
      onProgress(i + 1, path);
    }
  } finally {
    settle();
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
  // A bulk import commits without waiting for the disk (the server waits, for every write it acknowledges): each
  // commit is still atomic and survives the command being killed; a power cut may lose the last documents, which
  // running the same import again stores (the rest are skipped as duplicates). The disk is waited for once, when
  // the command closes the database.
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
