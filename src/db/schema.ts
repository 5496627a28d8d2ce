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

/**
 * What changed in the corpus, in order: the feed `GET /v1/changes` serves, and what wakes the
 * watches. Rows outlive what they name (a statement's id stays in its `statement.added` row).
 */
export const CHANGE_KINDS = [
  'statement.added',
  'statement.reanalysed',
  'tag.corrected',
  'tag.reviewed',
  'tag.removed',
  'quote.corrected',
  'figure.added',
  'figure.regrouped',
  'ask.added',
  'ask.outcome',
  'aliases.changed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const changes = sqliteTable(
  'changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    kind: text('kind', { enum: CHANGE_KINDS }).notNull(),
    /** The statement it concerns, if any (no foreign key: the change is history). */
    statementId: integer('statement_id'),
    /** The row it concerns within it: a tag, quote, figure or ask id. */
    subjectId: integer('subject_id'),
    /** JSON: what a reader needs to follow it without another request (theme, stance before and after …). */
    detail: text('detail').notNull().default('{}'),
  },
  (t) => [index('changes_statement_idx').on(t.statementId)],
);

/** A watch stays `active` until its deliveries keep failing; then `paused` until its owner resumes it. */
export const WATCH_STATUSES = ['active', 'paused'] as const;

/** A stored question (a read route and its filters) and the webhook told when its answer changes. */
export const watches = sqliteTable(
  'watches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The API key's name that made it: only that key (or an admin) sees and changes it. */
    keyName: text('key_name').notNull(),
    /** The read route and its query string, as a path: `/v1/compare?theme=funding`. */
    query: text('query').notNull(),
    /** Where the watch was made (PUBLIC_URL, or the Host it was asked under): the links in its deliveries are built on it. */
    origin: text('origin').notNull(),
    url: text('url').notNull(),
    /** The HMAC-SHA256 key deliveries are signed with; shown once, when the watch is made. */
    secret: text('secret').notNull(),
    status: text('status', { enum: WATCH_STATUSES }).notNull().default('active'),
    createdAt: text('created_at').notNull(),
    pausedAt: text('paused_at'),
    /** Deliveries that failed for good since the last one that arrived: the watch pauses at the limit. */
    failures: integer('failures').notNull().default(0),
    /** sha256 of the answer last seen: a change that leaves it alone sends nothing. */
    digest: text('digest'),
    /** The last change (`changes.id`) the answer was checked against. */
    checkedThrough: integer('checked_through').notNull().default(0),
  },
  (t) => [index('watches_key_idx').on(t.keyName), index('watches_status_idx').on(t.status, t.checkedThrough)],
);

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/** The outbox: each delivery a watch owes, kept until it arrives or is given up, so a restart loses none. */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    watchId: integer('watch_id')
      .notNull()
      .references(() => watches.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    /** The JSON body, exactly as signed and sent on every attempt. */
    body: text('body').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    /** A sender holds it until then: another process (or a restart after a crash mid-send) takes it after. */
    claimedUntil: text('claimed_until'),
    deliveredAt: text('delivered_at'),
  },
  (t) => [index('deliveries_watch_idx').on(t.watchId, t.id), index('deliveries_due_idx').on(t.status, t.nextAttemptAt)],
);

/** Every attempt to deliver: the receiver's status or the error, and how long it took. */
export const deliveryAttempts = sqliteTable(
  'delivery_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    /** The receiver's HTTP status; null when none came (refused, timed out, forbidden target). */
    responseStatus: integer('response_status'),
    error: text('error'),
    ms: integer('ms').notNull(),
  },
  (t) => [index('delivery_attempts_delivery_idx').on(t.deliveryId)],
);

/**
 * What organisations ask of others ("we urge the Government to increase the funding …"): who asks
 * (the statement's organisation, and the speaker when the span is in a quote), of whom, what.
 */
export const asks = sqliteTable(
  'asks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    statementId: integer('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    themeId: integer('theme_id').references(() => themes.id),
    /** Whom it is asked of, as a reader names them: `government`, `ministers`, `all political parties` … */
    target: text('target').notNull(),
    /** What is asked, in the ask's own words from the verb on ("increase the funding …"). */
    action: text('action').notNull(),
    /** The whole sentence (or clause) that makes the ask, as written. */
    text: text('text').notNull(),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    extractedBy: text('extracted_by', { enum: TAGGERS }).notNull().default('curated'),
  },
  (t) => [index('asks_statement_idx').on(t.statementId), index('asks_theme_idx').on(t.themeId)],
);

export const ASK_OUTCOMES = ['met', 'partly met', 'not met'] as const;

/** What became of an ask, as an editor records it with its source; the newest counts, the older stay as history. */
export const askOutcomes = sqliteTable(
  'ask_outcomes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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

/**
 * An editor's grouping of figures that measure the same thing, overriding the automatic one: a
 * merge gives several figures one group, a split gives some a group of their own.
 */
export const figureGroupings = sqliteTable(
  'figure_groupings',
  {
    figureId: integer('figure_id')
      .notNull()
      .references(() => figures.id, { onDelete: 'cascade' }),
    /** The group's key (a slug an editor can read: `review-recommended-investment`). */
    groupKey: text('group_key').notNull(),
    label: text('label'),
    setAt: text('set_at').notNull(),
  },
  (t) => [uniqueIndex('figure_groupings_figure_idx').on(t.figureId), index('figure_groupings_group_idx').on(t.groupKey)],
);
