import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDb, type SqliteDb } from '../../src/db/client.ts';
import { readCorpus, type LoadedCorpus } from '../../seed/corpus.ts';
import { seedCorpus } from '../../seed/load.ts';

/**
 * A synthetic corpus at scale, built from the curated corpus's own sentences: every unit is a
 * real evidence sentence with its theme, stance and the figures inside it, so statements read
 * like the seeds and carry tags, evidence, quotes and figures with true offsets.
 */
interface Unit {
  text: string;
  theme: string;
  stance: string;
  figures: { raw: string; offset: number; value: number; unit: string; measures: string; period: string | null; theme: string | null }[];
}

function units({ corpus, texts }: LoadedCorpus): Unit[] {
  return corpus.statements.flatMap((statement) => {
    const text = texts.get(statement.document) ?? '';
    return statement.tags.flatMap((tag) =>
      tag.evidence.map((e) => ({
        text: text.slice(e.start, e.end),
        theme: tag.theme,
        stance: tag.stance,
        figures: statement.figures
          .filter((f) => f.start >= e.start && f.end <= e.end)
          .map((f) => ({ raw: f.raw, offset: f.start - e.start, value: f.value, unit: f.unit, measures: f.measures, period: f.period, theme: f.theme })),
      })),
    );
  });
}

/** A small deterministic generator, so that every run builds the same corpus. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Builds on SQLite only: the bulk load goes straight to the connection, statements prepared once and run in large batches. */
export async function synthesise(db: SqliteDb, statements: number, seed = 42): Promise<{ organisations: number; events: number; statements: number }> {
  const loaded = readCorpus();
  await seedCorpus(db, loaded);
  const pool = units(loaded);
  const rand = random(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)] as T;
  const sqlite = db.sqlite;
  // Bulk loading touches index pages all over the file: a large page cache keeps them in memory.
  sqlite.pragma('cache_size = -262144');

  const organisationCount = Math.min(200, Math.max(10, Math.round(statements / 500)));
  const eventCount = 20;
  const insert = {
    organisation: sqlite.prepare('INSERT INTO organisations (slug, name, short_name, kind, url) VALUES (?, ?, ?, ?, NULL)'),
    person: sqlite.prepare('INSERT INTO people (slug, name, role, organisation_id) VALUES (?, ?, ?, ?)'),
    event: sqlite.prepare('INSERT INTO events (slug, title, description, published_on, publisher) VALUES (?, ?, ?, ?, ?)'),
    document: sqlite.prepare('INSERT INTO source_documents (slug, title, publisher, url, published_on, kind, text, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    statement: sqlite.prepare(
      'INSERT INTO statements (document_id, organisation_id, event_id, date, text, start_offset, end_offset, summary, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)',
    ),
    quote: sqlite.prepare("INSERT INTO quotes (statement_id, speaker_id, attributed_by, text, start_offset, end_offset) VALUES (?, ?, 'analyser', ?, ?, ?)"),
    tag: sqlite.prepare("INSERT INTO theme_tags (statement_id, theme_id, stance, tagged_by, note) VALUES (?, ?, ?, 'analyser', NULL)"),
    evidence: sqlite.prepare('INSERT INTO evidence (tag_id, quote_id, text, start_offset, end_offset) VALUES (?, ?, ?, ?, ?)'),
    figure: sqlite.prepare(
      "INSERT INTO figures (statement_id, theme_id, raw, extracted_by, value, unit, measures, period, start_offset, end_offset) VALUES (?, ?, ?, 'analyser', ?, ?, ?, ?, ?, ?)",
    ),
  };
  const themeIds = new Map((sqlite.prepare('SELECT slug, id FROM themes').all() as { slug: string; id: number }[]).map((t) => [t.slug, t.id]));
  const kinds = ['charity', 'professional-body', 'local-government-association', 'think-tank', 'union'];
  const organisations: { id: number; name: string; people: number[] }[] = [];
  const events: { id: number; date: string }[] = [];

  sqlite.transaction(() => {
    for (let i = 1; i <= organisationCount; i += 1) {
      const name = `Synthetic ${pick(['Children’s', 'Family', 'Youth', 'Care', 'County', 'City'])} ${pick(['Trust', 'Alliance', 'Network', 'Society', 'Council', 'Forum'])} ${i}`;
      const id = Number(insert.organisation.run(`synthetic-organisation-${i}`, name, `SO${i}`, pick(kinds)).lastInsertRowid);
      const people = [1, 2, 3].map((n) => Number(insert.person.run(`synthetic-person-${i}-${n}`, `Alex Example ${i}-${n}`, pick(['Chief Executive', 'Director of Policy', 'Chair']), id).lastInsertRowid));
      organisations.push({ id, name, people });
    }
    for (let i = 1; i <= eventCount; i += 1) {
      const date = new Date(Date.UTC(2019, 0, 1) + i * 90 * 86_400_000).toISOString().slice(0, 10);
      events.push({ id: Number(insert.event.run(`synthetic-event-${i}`, `Synthetic policy event ${i}`, 'Generated for benchmarks', date, 'Synthetic').lastInsertRowid), date });
    }
  })();

  const batch = 5_000;
  const now = new Date().toISOString();
  for (let done = 0; done < statements; done += batch) {
    sqlite.transaction(() => {
      for (let n = done; n < Math.min(statements, done + batch); n += 1) {
        const organisation = pick(organisations);
        const event = pick(events);
        const chosen = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => pick(pool));
        let text = `Synthetic response ${n + 1} from ${organisation.name}\n\n`;
        const placed = chosen.map((unit) => {
          const start = text.length;
          text += `${unit.text}\n\n`;
          return { unit, start, end: start + unit.text.length };
        });
        const documentId = Number(
          insert.document.run(
            `synthetic-document-${n + 1}`,
            `Synthetic response ${n + 1}`,
            organisation.name,
            `https://example.org/synthetic/${n + 1}`,
            event.date,
            'press-release',
            text,
            createHash('sha256').update(text).digest('hex'),
          ).lastInsertRowid,
        );
        const statementId = Number(
          insert.statement.run(documentId, organisation.id, event.id, event.date, text, text.length, `Synthetic statement ${n + 1}`, now).lastInsertRowid,
        );
        const tags = new Map<string, number>();
        for (const [i, { unit, start, end }] of placed.entries()) {
          const quoteId = i % 2 === 0 ? Number(insert.quote.run(statementId, pick(organisation.people), unit.text, start, end).lastInsertRowid) : null;
          let tagId = tags.get(unit.theme);
          if (tagId === undefined) {
            tagId = Number(insert.tag.run(statementId, themeIds.get(unit.theme), unit.stance).lastInsertRowid);
            tags.set(unit.theme, tagId);
          }
          insert.evidence.run(tagId, quoteId, unit.text, start, end);
          for (const f of unit.figures) {
            insert.figure.run(statementId, f.theme ? (themeIds.get(f.theme) ?? null) : null, f.raw, f.value, f.unit, f.measures, f.period, start + f.offset, start + f.offset + f.raw.length);
          }
        }
      }
    })();
  }
  sqlite.pragma('optimize');
  return { organisations: organisationCount, events: eventCount, statements };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { statements: { type: 'string', default: '1000' }, out: { type: 'string', default: 'data/synthetic.db' } } });
  const count = Number(values.statements);
  if (!Number.isInteger(count) || count < 0) throw new Error('--statements takes a whole number');
  const out = values.out as string;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(out + suffix)) rmSync(out + suffix);
  const started = performance.now();
  const db = openDb(out);
  const result = await synthesise(db, count);
  await db.close();
  console.log(`Wrote ${out}: ${result.statements} synthetic statements (plus the 7 curated), ${result.organisations} organisations, ${result.events} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
