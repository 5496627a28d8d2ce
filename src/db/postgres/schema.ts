import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { CUE_KINDS, EVENT_KINDS, EVIDENCE_VOICES, STANCES, TAGGERS } from '../schema.ts';

/**
 * The same tables as `../schema.ts`, in PostgreSQL's types: identity ids, `jsonb` for the JSON
 * lists, `boolean` and `double precision` where SQLite stores integers and reals. Dates stay ISO
 * 8601 text, so that they sort and compare the same on both engines. `test/schema.test.ts` keeps
 * the two in step: every table, column, nullability, default, index and check of one is in the other.
 */
const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity();

export const organisations = pgTable('organisations', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  kind: text('kind').notNull(),
  url: text('url'),
  aliases: jsonb('aliases').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
});

export const people = pgTable(
  'people',
  {
    id: id(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    role: text('role'),
    organisationId: integer('organisation_id').references(() => organisations.id),
    aliases: jsonb('aliases').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [index('people_organisation_idx').on(t.organisationId)],
);

export const events = pgTable(
  'events',
  {
    id: id(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    publishedOn: text('published_on').notNull(),
    publisher: text('publisher').notNull(),
    kind: text('kind', { enum: EVENT_KINDS }).notNull().default('measure'),
  },
  (t) => [index('events_published_on_idx').on(t.publishedOn)],
);

export const themes = pgTable('themes', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  definition: text('definition').notNull(),
  cues: jsonb('cues').$type<string[]>().notNull(),
});

export const sourceDocuments = pgTable(
  'source_documents',
  {
    id: id(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    publisher: text('publisher').notNull(),
    url: text('url').notNull(),
    publishedOn: text('published_on').notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    contentHash: text('content_hash').notNull().unique(),
  },
  (t) => [index('source_documents_url_idx').on(t.url)],
);

export const statements = pgTable(
  'statements',
  {
    id: id(),
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
    text: text('text').notNull(),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    summary: text('summary').notNull(),
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

export const quotes = pgTable(
  'quotes',
  {
    id: id(),
    statementId: integer('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    speakerId: integer('speaker_id').references(() => people.id),
    attributedBy: text('attributed_by', { enum: TAGGERS }).notNull().default('curated'),
    text: text('text').notNull(),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    voice: text('voice', { enum: EVIDENCE_VOICES }).notNull().default('direct'),
  },
  (t) => [index('quotes_statement_idx').on(t.statementId), index('quotes_speaker_idx').on(t.speakerId)],
);

export const publisherSpans = pgTable(
  'publisher_spans',
  {
    id: id(),
    statementId: integer('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    markedBy: text('marked_by', { enum: TAGGERS }).notNull().default('curated'),
  },
  (t) => [index('publisher_spans_statement_idx').on(t.statementId, t.startOffset)],
);

export const themeTags = pgTable(
  'theme_tags',
  {
    id: id(),
    statementId: integer('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    themeId: integer('theme_id')
      .notNull()
      .references(() => themes.id),
    stance: text('stance', { enum: STANCES }).notNull(),
    taggedBy: text('tagged_by', { enum: TAGGERS }).notNull(),
    note: text('note'),
    reviewed: boolean('reviewed').notNull().default(false),
    confidence: doublePrecision('confidence'),
  },
  (t) => [
    index('theme_tags_review_idx').on(t.reviewed, t.confidence),
    uniqueIndex('theme_tags_statement_theme_idx').on(t.statementId, t.themeId),
    index('theme_tags_theme_stance_idx').on(t.themeId, t.stance),
    check('theme_tags_stance_check', sql`${t.stance} in ('supportive', 'critical', 'mixed', 'neutral')`),
    check('theme_tags_tagged_by_check', sql`${t.taggedBy} in ('curated', 'analyser')`),
  ],
);

export const evidence = pgTable(
  'evidence',
  {
    id: id(),
    tagId: integer('tag_id')
      .notNull()
      .references(() => themeTags.id, { onDelete: 'cascade' }),
    quoteId: integer('quote_id').references(() => quotes.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    voice: text('voice', { enum: EVIDENCE_VOICES }).notNull().default('own'),
  },
  (t) => [index('evidence_tag_idx').on(t.tagId), index('evidence_quote_idx').on(t.quoteId)],
);

export const figures = pgTable(
  'figures',
  {
    id: id(),
    statementId: integer('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    themeId: integer('theme_id').references(() => themes.id),
    raw: text('raw').notNull(),
    extractedBy: text('extracted_by', { enum: TAGGERS }).notNull().default('curated'),
    value: doublePrecision('value').notNull(),
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

export const themeTagRejections = pgTable(
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

export const stanceCues = pgTable(
  'stance_cues',
  {
    id: id(),
    phrase: text('phrase').notNull(),
    kind: text('kind', { enum: CUE_KINDS }).notNull(),
    weight: integer('weight').notNull().default(1),
  },
  (t) => [uniqueIndex('stance_cues_phrase_kind_idx').on(t.phrase, t.kind)],
);

export const apiKeys = pgTable('api_keys', {
  id: id(),
  name: text('name').notNull().unique(),
  keyId: text('key_id').notNull().unique(),
  salt: text('salt').notNull(),
  hash: text('hash').notNull(),
  scopes: text('scopes').notNull().default('read write admin'),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: text('at').notNull(),
    keyName: text('key_name').notNull(),
    method: text('method').notNull(),
    route: text('route').notNull(),
    url: text('url').notNull(),
    status: integer('status').notNull(),
    change: text('change').notNull(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_key_idx').on(t.keyName, t.at)],
);
