import { createHash } from 'node:crypto';
import type { Db, Queries } from '../src/db/database.ts';
import { quoteContaining } from '../src/domain/analyse/quotes.ts';
import { recordFigureAdded, recordStatementAdded } from '../src/modules/changes/record.ts';
import { insertAsk } from '../src/modules/asks/store.ts';
import type { QuoteVoice } from '../src/domain/voice.ts';
import { misplacedSpans, readCorpus, type LoadedCorpus } from './corpus.ts';
import { readStanceCues } from './lexicon.ts';

export interface SeedResult {
  documents: number;
  statements: number;
  skipped: number;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Loads the curated corpus in one transaction. Reference rows (themes, organisations, events,
 * people) are upserted so that edits to them apply; a document already stored (same content
 * hash) is left as it is, so running the seed twice changes nothing.
 */
export async function seedCorpus(db: Db, loaded: LoadedCorpus = readCorpus()): Promise<SeedResult> {
  const problems = misplacedSpans(loaded);
  if (problems.length > 0) throw new Error(`The curated corpus has misplaced spans:\n${problems.join('\n')}`);
  const { corpus, texts } = loaded;

  return db.transaction(async (tx) => {
    const ids = async (table: 'organisations' | 'themes' | 'events' | 'people') =>
      new Map((await tx.all<{ id: number; slug: string }>(`SELECT id, slug FROM ${table}`)).map((r) => [r.slug, r.id]));
    const need = (map: Map<string, number>, slug: string, what: string) => {
      const id = map.get(slug);
      if (id === undefined) throw new Error(`The corpus refers to an unknown ${what} '${slug}'`);
      return id;
    };

    for (const theme of corpus.themes) {
      await tx.run(
        `INSERT INTO themes (slug, name, definition, cues) VALUES (@slug, @name, @definition, @cues)
         ON CONFLICT (slug) DO UPDATE SET name = excluded.name, definition = excluded.definition, cues = excluded.cues`,
        { slug: theme.slug, name: theme.name, definition: theme.definition, cues: JSON.stringify(theme.cues) },
      );
    }
    await insertStanceCues(tx);
    // Aliases are the corpus's on a first load; after that they are the editors' (PUT …/aliases), and a reload keeps them.
    for (const organisation of corpus.organisations) {
      await tx.run(
        `INSERT INTO organisations (slug, name, short_name, kind, url, aliases) VALUES (@slug, @name, @shortName, @kind, @url, @aliases)
         ON CONFLICT (slug) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, kind = excluded.kind, url = excluded.url`,
        {
          slug: organisation.slug,
          name: organisation.name,
          shortName: organisation.shortName,
          kind: organisation.kind,
          url: organisation.url ?? null,
          aliases: JSON.stringify(organisation.aliases),
        },
      );
    }
    for (const event of corpus.events) {
      await tx.run(
        `INSERT INTO events (slug, title, description, published_on, publisher, kind) VALUES (@slug, @title, @description, @publishedOn, @publisher, @kind)
         ON CONFLICT (slug) DO UPDATE SET title = excluded.title, description = excluded.description, published_on = excluded.published_on,
           publisher = excluded.publisher, kind = excluded.kind`,
        { slug: event.slug, title: event.title, description: event.description, publishedOn: event.publishedOn, publisher: event.publisher, kind: event.kind },
      );
    }
    const organisationIds = await ids('organisations');
    for (const person of corpus.people) {
      await tx.run(
        `INSERT INTO people (slug, name, role, organisation_id, aliases) VALUES (@slug, @name, @role, @organisationId, @aliases)
         ON CONFLICT (slug) DO UPDATE SET name = excluded.name, role = excluded.role, organisation_id = excluded.organisation_id`,
        {
          slug: person.slug,
          name: person.name,
          role: person.role,
          organisationId: person.organisation ? need(organisationIds, person.organisation, 'organisation') : null,
          aliases: JSON.stringify(person.aliases),
        },
      );
    }
    const themeIds = await ids('themes');
    const eventIds = await ids('events');
    const personIds = await ids('people');

    let documentCount = 0;
    let statementCount = 0;
    let skipped = 0;
    for (const document of corpus.documents) {
      const text = texts.get(document.slug) ?? '';
      const hash = contentHash(text);
      const existing = await tx.value<number>('SELECT id FROM source_documents WHERE content_hash = ?', [hash]);
      if (existing !== undefined) {
        skipped += 1;
        continue;
      }
      const documentId = (await tx.value<number>(
        `INSERT INTO source_documents (slug, title, publisher, url, published_on, kind, text, content_hash)
         VALUES (@slug, @title, @publisher, @url, @publishedOn, @kind, @text, @contentHash) RETURNING id`,
        {
          slug: document.slug,
          title: document.title,
          publisher: document.publisher,
          url: document.url,
          publishedOn: document.publishedOn,
          kind: document.kind,
          text,
          contentHash: hash,
        },
      )) as number;
      documentCount += 1;

      for (const statement of corpus.statements.filter((s) => s.document === document.slug)) {
        const statementId = (await tx.value<number>(
          `INSERT INTO statements (document_id, organisation_id, event_id, date, text, start_offset, end_offset, summary, updated_at)
           VALUES (@documentId, @organisationId, @eventId, @date, @text, @start, @end, @summary, @updatedAt) RETURNING id`,
          {
            documentId,
            organisationId: need(organisationIds, statement.organisation, 'organisation'),
            eventId: need(eventIds, statement.event, 'event'),
            date: statement.date,
            text: text.slice(statement.span.start, statement.span.end),
            start: statement.span.start,
            end: statement.span.end,
            summary: statement.summary,
            updatedAt: new Date().toISOString(),
          },
        )) as number;
        statementCount += 1;
        await recordStatementAdded(tx, statementId, statement.tags);

        const quoteRows: { id: number; start: number; end: number; voice: QuoteVoice }[] = [];
        for (const quote of statement.quotes) {
          const voice = quote.voice ?? (quote.speaker ? 'direct' : 'own');
          const id = (await tx.value<number>(
            `INSERT INTO quotes (statement_id, speaker_id, text, start_offset, end_offset, voice)
             VALUES (@statementId, @speakerId, @text, @start, @end, @voice) RETURNING id`,
            {
              statementId,
              speakerId: quote.speaker ? need(personIds, quote.speaker, 'person') : null,
              text: quote.text,
              start: quote.start,
              end: quote.end,
              voice,
            },
          )) as number;
          quoteRows.push({ id, start: quote.start, end: quote.end, voice });
        }
        for (const span of statement.background) {
          await tx.run('INSERT INTO publisher_spans (statement_id, start_offset, end_offset) VALUES (?, ?, ?)', [statementId, span.start, span.end]);
        }

        for (const tag of statement.tags) {
          const tagId = (await tx.value<number>(
            `INSERT INTO theme_tags (statement_id, theme_id, stance, tagged_by, reviewed, confidence, note)
             VALUES (@statementId, @themeId, @stance, 'curated', @reviewed, 1, @note) RETURNING id`,
            { statementId, themeId: need(themeIds, tag.theme, 'theme'), stance: tag.stance, reviewed: true, note: tag.note ?? null },
          )) as number;
          for (const span of tag.evidence) {
            const container = quoteContaining(quoteRows, span);
            await tx.run('INSERT INTO evidence (tag_id, quote_id, text, start_offset, end_offset, voice) VALUES (@tagId, @quoteId, @text, @start, @end, @voice)', {
              tagId,
              quoteId: container?.id ?? null,
              text: span.text,
              start: span.start,
              end: span.end,
              voice: container?.voice ?? 'own',
            });
          }
        }

        for (const figure of statement.figures) {
          const figureId = (await tx.value<number>(
            `INSERT INTO figures (statement_id, theme_id, raw, value, unit, measures, period, start_offset, end_offset)
             VALUES (@statementId, @themeId, @raw, @value, @unit, @measures, @period, @start, @end) RETURNING id`,
            {
              statementId,
              themeId: figure.theme ? need(themeIds, figure.theme, 'theme') : null,
              raw: figure.raw,
              value: figure.value,
              unit: figure.unit,
              measures: figure.measures,
              period: figure.period,
              start: figure.start,
              end: figure.end,
            },
          )) as number;
          await recordFigureAdded(tx, statementId, figureId, figure);
        }

        for (const ask of statement.asks) {
          if (ask.theme) need(themeIds, ask.theme, 'theme');
          await insertAsk(tx, statementId, ask, 'curated', themeIds);
        }
      }
    }
    return { documents: documentCount, statements: statementCount, skipped };
  });
}

/** Adds the shipped stance lexicon; cues editors already have (or changed the weight of) stay as they are. */
async function insertStanceCues(tx: Queries): Promise<void> {
  for (const cue of readStanceCues()) {
    await tx.run('INSERT INTO stance_cues (phrase, kind, weight) VALUES (@phrase, @kind, @weight) ON CONFLICT DO NOTHING', { phrase: cue.phrase, kind: cue.kind, weight: cue.weight });
  }
}

/**
 * A lexicon from before demands, problem talk and reservations were kinds of their own gets them:
 * the shipped cues it lacks are added, and a shipped phrase it holds as a judgement that is now
 * another kind ("crisis" was a weak criticism, it is problem talk) moves to that kind. Cues editors
 * added stay as they are.
 */
async function upgradeStanceCues(db: Db): Promise<void> {
  const structured = await db.value("SELECT 1 FROM stance_cues WHERE kind IN ('demand', 'problem', 'reservation') LIMIT 1");
  if (structured !== undefined) return;
  await db.transaction(async (tx) => {
    const shipped = readStanceCues();
    for (const cue of shipped.filter((c) => c.kind === 'demand' || c.kind === 'problem' || c.kind === 'reservation')) {
      await tx.run("DELETE FROM stance_cues WHERE phrase = ? AND kind IN ('supportive', 'critical')", [cue.phrase]);
    }
    await insertStanceCues(tx);
  });
}

/**
 * Seeds only a database that holds no statements yet: the first start of a fresh install. A
 * database from before the stance lexicon existed gets the lexicon; one from before its kinds of
 * structure gets them (`upgradeStanceCues`).
 */
export async function seedIfEmpty(db: Db): Promise<SeedResult | undefined> {
  if ((await db.value('SELECT 1 FROM statements LIMIT 1')) !== undefined) {
    if ((await db.value('SELECT 1 FROM stance_cues LIMIT 1')) === undefined) await insertStanceCues(db);
    else await upgradeStanceCues(db);
    return undefined;
  }
  return seedCorpus(db);
}
