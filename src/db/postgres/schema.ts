import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ASK_OUTCOMES, CHANGE_KINDS, CUE_KINDS, DELIVERY_STATUSES, EVENT_KINDS, EVIDENCE_VOICES, STANCES, TAGGERS, WATCH_STATUSES } from '../schema.ts';

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

export const changes = pgTable(
  'changes',
  {
    id: id(),
    at: text('at').notNull(),
    kind: text('kind', { enum: CHANGE_KINDS }).notNull(),
    statementId: integer('statement_id'),
    subjectId: integer('subject_id'),
    detail: text('detail').notNull().default('{}'),
  },
  (t) => [index('changes_statement_idx').on(t.statementId)],
);

export const watches = pgTable(
  'watches',
  {
    id: id(),
    keyName: text('key_name').notNull(),
    query: text('query').notNull(),
    origin: text('origin').notNull(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    status: text('status', { enum: WATCH_STATUSES }).notNull().default('active'),
    createdAt: text('created_at').notNull(),
    pausedAt: text('paused_at'),
    failures: integer('failures').notNull().default(0),
    digest: text('digest'),
    checkedThrough: integer('checked_through').notNull().default(0),
  },
  (t) => [index('watches_key_idx').on(t.keyName), index('watches_status_idx').on(t.status, t.checkedThrough)],
);

export const deliveries = pgTable(
  'deliveries',
  {
    id: id(),
    watchId: integer('watch_id')
      .notNull()
      .references(() => watches.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    claimedUntil: text('claimed_until'),
    deliveredAt: text('delivered_at'),
  },
  (t) => [index('deliveries_watch_idx').on(t.watchId, t.id), index('deliveries_due_idx').on(t.status, t.nextAttemptAt)],
);

export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: id(),
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    responseStatus: integer('response_status'),
    error: text('error'),
    ms: integer('ms').notNull(),
  },
  (t) => [index('delivery_attempts_delivery_idx').on(t.deliveryId)],
);

export const asks = pgTable(
  'asks',
  {
    id: id(),
    statementId: integer('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    themeId: integer('theme_id').references(() => themes.id),
    target: text('target').notNull(),
    action: text('action').notNull(),
    text: text('text').notNull(),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    extractedBy: text('extracted_by', { enum: TAGGERS }).notNull().default('curated'),
  },
  (t) => [index('asks_statement_idx').on(t.statementId), index('asks_theme_idx').on(t.themeId)],
);

export const askOutcomes = pgTable(
  'ask_outcomes',
  {
    id: id(),
    askId: integer('ask_id')
      .notNull()
      .references(() => asks.id, { onDelete: 'cascade' }),
    outcome: text('outcome', { enum: ASK_OUTCOMES }).notNull(),
    sourceUrl: text('source_url').notNull(),
    decidedOn: text('decided_on').notNull(),
    note: text('note'),
    recordedAt: text('recorded_at').notNull(),
    keyName: text('key_name').notNull(),
  },
  (t) => [index('ask_outcomes_ask_idx').on(t.askId, t.id)],
);

export const figureGroupings = pgTable(
  'figure_groupings',
  {
    figureId: integer('figure_id')
      .notNull()
      .references(() => figures.id, { onDelete: 'cascade' }),
    groupKey: text('group_key').notNull(),
    label: text('label'),
    setAt: text('set_at').notNull(),
  },
  (t) => [uniqueIndex('figure_groupings_figure_idx').on(t.figureId), index('figure_groupings_group_idx').on(t.groupKey)],
);
