import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CUE_KINDS, EVENT_KINDS } from '../domain/analyse/lexicon.ts';

export { CUE_KINDS, EVENT_KINDS };

export const STANCES = ['supportive', 'critical', 'mixed', 'neutral'] as const;
export const TAGGERS = ['curated', 'analyser'] as const;

/**
 * Whose words a span is: `direct`, words in quotation marks attributed to a speaker; `reported`,
 * the publisher's account of what someone said ("X said the funding fell short…"); `own`, the
 * organisation's own unattributed text on its own page; `publisher`, a third party's narrative or a
 * page's background, which is nobody's position and never evidence of one.
 */
export const VOICES = ['direct', 'reported', 'own', 'publisher'] as const;
export type Voice = (typeof VOICES)[number];
/** The voices a stance can rest on. */
export const EVIDENCE_VOICES = ['direct', 'reported', 'own'] as const;

export const organisations = sqliteTable('organisations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  kind: text('kind').notNull(),
  url: text('url'),
  /** Other names readers look it up by (a JSON array of strings), kept by editors. */
  aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
});

export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    role: text('role'),
    organisationId: integer('organisation_id').references(() => organisations.id),
    /** Other names readers look the person up by (a JSON array of strings), kept by editors. */
    aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  },
  (t) => [index('people_organisation_idx').on(t.organisationId)],
);

export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    publishedOn: text('published_on').notNull(),
    publisher: text('publisher').notNull(),
    /** What the event puts forward: a government `measure`, or an independent review's `recommendations` (no measure yet). */
    kind: text('kind', { enum: EVENT_KINDS }).notNull().default('measure'),
  },
  (t) => [index('events_published_on_idx').on(t.publishedOn)],
);

export const themes = sqliteTable('themes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  definition: text('definition').notNull(),
  /** JSON array of cue words an analyser may use to spot the theme. */
  cues: text('cues', { mode: 'json' }).$type<string[]>().notNull(),
});

export const sourceDocuments = sqliteTable(
  'source_documents',
  {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  publisher: text('publisher').notNull(),
  url: text('url').notNull(),
  publishedOn: text('published_on').notNull(),
  kind: text('kind').notNull(),
  text: text('text').notNull(),
  /** sha256 of the text: the same document is never stored twice. */
  contentHash: text('content_hash').notNull().unique(),
  },
  // One document per URL: ingestion looks a URL up before storing.
  (t) => [index('source_documents_url_idx').on(t.url)],
);

export const statements = sqliteTable(
  'statements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: integer('document_id')
      .notNull()
      .references(() => sourceDocuments.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id),
    date: text('date').notNull(),
    /** The organisation's part of the source text, kept alongside its offsets for search. */
    text: text('text').notNull(),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    summary: text('summary').notNull(),
    /** When the statement or anything tagged on it last changed (ISO 8601): the Last-Modified of what is served. */
    updatedAt: text('updated_at'),
  },
  (t) => [
    uniqueIndex('statements_document_organisation_idx').on(t.documentId, t.organisationId),
    index('statements_updated_at_idx').on(t.updatedAt),
    index('statements_organisation_date_idx').on(t.organisationId, t.date),
    index('statements_event_date_idx').on(t.eventId, t.date),
    index('statements_date_idx').on(t.date),
  ],
);

export const quotes = sqliteTable(
  'quotes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    statementId: integer('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    /** null when the organisation speaks in its own voice. */
    speakerId: integer('speaker_id').references(() => people.id),
    /** Who attributed the speaker: an editor (`curated`) or the analyser; re-analysis keeps curated quotes. */
    attributedBy: text('attributed_by', { enum: TAGGERS }).notNull().default('curated'),
    text: text('text').notNull(),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    voice: text('voice', { enum: EVIDENCE_VOICES }).notNull().default('direct'),
  },
  // No check constraint on voice: adding one would make drizzle-kit recreate the table (and lose its FTS triggers); the API validates it.
  (t) => [index('quotes_statement_idx').on(t.statementId), index('quotes_speaker_idx').on(t.speakerId)],
);

/** Stretches of a statement's text that are nobody's position (a page's background, a reporter's narrative): search finds them, stances never rest on them. */
export const publisherSpans = sqliteTable(
  'publisher_spans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    statementId: integer('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    /** An editor's (`curated`) or the analyser's; re-analysis replaces only its own. */
    markedBy: text('marked_by', { enum: TAGGERS }).notNull().default('curated'),
  },
  (t) => [index('publisher_spans_statement_idx').on(t.statementId, t.startOffset)],
);

export const themeTags = sqliteTable(
  'theme_tags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    statementId: integer('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    themeId: integer('theme_id')
      .notNull()
      .references(() => themes.id),
    stance: text('stance', { enum: STANCES }).notNull(),
    taggedBy: text('tagged_by', { enum: TAGGERS }).notNull(),
    note: text('note'),
    /** An editor accepted or corrected it (curated tags are reviewed by definition). */
    reviewed: integer('reviewed', { mode: 'boolean' }).notNull().default(false),
    /** The analyser's confidence in the stance, 0–1; 1 for a tag an editor set; null for tags analysed before it was recorded. */
    confidence: real('confidence'),
  },
  (t) => [
    index('theme_tags_review_idx').on(t.reviewed, t.confidence),
    uniqueIndex('theme_tags_statement_theme_idx').on(t.statementId, t.themeId),
    index('theme_tags_theme_stance_idx').on(t.themeId, t.stance),
    check('theme_tags_stance_check', sql`${t.stance} in ('supportive', 'critical', 'mixed', 'neutral')`),
    check('theme_tags_tagged_by_check', sql`${t.taggedBy} in ('curated', 'analyser')`),
  ],
);

export const evidence = sqliteTable(
  'evidence',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => themeTags.id, { onDelete: 'cascade' }),
    /** The quote that contains this span, so evidence keeps its speaker. */
    quoteId: integer('quote_id').references(() => quotes.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    /** Whose words: the voice of the quote it is in, else the organisation's own; never `publisher`. */
    voice: text('voice', { enum: EVIDENCE_VOICES }).notNull().default('own'),
  },
  (t) => [index('evidence_tag_idx').on(t.tagId), index('evidence_quote_idx').on(t.quoteId)],
);

export const figures = sqliteTable(
  'figures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    statementId: integer('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    themeId: integer('theme_id').references(() => themes.id),
    raw: text('raw').notNull(),
    extractedBy: text('extracted_by', { enum: TAGGERS }).notNull().default('curated'),
    value: real('value').notNull(),
    unit: text('unit').notNull(),
    measures: text('measures').notNull(),
    period: text('period'),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
  },
  (t) => [
    index('figures_statement_idx').on(t.statementId),
    index('figures_theme_idx').on(t.themeId),
    index('figures_unit_value_idx').on(t.unit, t.value),
  ],
);

/** An editor removed the analyser's tag of this theme from this statement: re-analysis must not add it back. */
export const themeTagRejections = sqliteTable(
  'theme_tag_rejections',
  {
    statementId: integer('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    themeId: integer('theme_id')
      .notNull()
      .references(() => themes.id),
  },
  (t) => [uniqueIndex('theme_tag_rejections_idx').on(t.statementId, t.themeId)],
);


/** The stance lexicon: words and phrases that carry a stance, negate it, or turn a sentence. Editors extend it. */
export const stanceCues = sqliteTable(
  'stance_cues',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    phrase: text('phrase').notNull(),
    kind: text('kind', { enum: CUE_KINDS }).notNull(),
    /** 2 for an explicit judgement ("welcome", "falls short"), 1 for a weak signal ("good", "struggling"). */
    weight: integer('weight').notNull().default(1),
  },
  (t) => [uniqueIndex('stance_cues_phrase_kind_idx').on(t.phrase, t.kind)],
);

/** API keys for writes: only a salted scrypt hash of the secret is stored. */
/**
 * What an API key may do: `read` what is not public (the audit log, the review queue), `write`
 * the corpus (statements, corrections, re-analysis, watches), `admin` the analyser's lexicon and keys.
 */
export const KEY_SCOPES = ['read', 'write', 'admin'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

export const apiKeys = sqliteTable('api_keys', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  /** The public part of the key, used to find the row before the constant-time comparison. */
  keyId: text('key_id').notNull().unique(),
  salt: text('salt').notNull(),
  hash: text('hash').notNull(),
  /** Its scopes, space-separated (as OAuth writes them). Keys made before scopes existed could do everything, and still can. */
  scopes: text('scopes').notNull().default('read write admin'),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
});

/** Every write that changed something: who (the API key's name), when, which route, and what it carried and changed. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    keyName: text('key_name').notNull(),
    method: text('method').notNull(),
    route: text('route').notNull(),
    url: text('url').notNull(),
    status: integer('status').notNull(),
    /** JSON: the path parameters, the body (long texts shortened to their length), and where the result is. */
    change: text('change').notNull(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_key_idx').on(t.keyName, t.at)],
);
