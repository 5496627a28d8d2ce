CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`published_on` text NOT NULL,
	`publisher` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_slug_unique` ON `events` (`slug`);--> statement-breakpoint
CREATE INDEX `events_published_on_idx` ON `events` (`published_on`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tag_id` integer NOT NULL,
	`quote_id` integer,
	`text` text NOT NULL,
	`start_offset` integer NOT NULL,
	`end_offset` integer NOT NULL,
	FOREIGN KEY (`tag_id`) REFERENCES `theme_tags`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`quote_id`) REFERENCES `quotes`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `evidence_tag_idx` ON `evidence` (`tag_id`);--> statement-breakpoint
CREATE INDEX `evidence_quote_idx` ON `evidence` (`quote_id`);--> statement-breakpoint
CREATE TABLE `figures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`statement_id` integer NOT NULL,
	`theme_id` integer,
	`raw` text NOT NULL,
	`value` real NOT NULL,
	`unit` text NOT NULL,
	`measures` text NOT NULL,
	`period` text,
	`start_offset` integer NOT NULL,
	`end_offset` integer NOT NULL,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `figures_statement_idx` ON `figures` (`statement_id`);--> statement-breakpoint
CREATE INDEX `figures_theme_idx` ON `figures` (`theme_id`);--> statement-breakpoint
CREATE INDEX `figures_unit_value_idx` ON `figures` (`unit`,`value`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`kind` text NOT NULL,
	`url` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_slug_unique` ON `organisations` (`slug`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`role` text,
	`organisation_id` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_slug_unique` ON `people` (`slug`);--> statement-breakpoint
CREATE INDEX `people_organisation_idx` ON `people` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `quotes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`statement_id` integer NOT NULL,
	`speaker_id` integer,
	`text` text NOT NULL,
	`start_offset` integer NOT NULL,
	`end_offset` integer NOT NULL,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`speaker_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quotes_statement_idx` ON `quotes` (`statement_id`);--> statement-breakpoint
CREATE INDEX `quotes_speaker_idx` ON `quotes` (`speaker_id`);--> statement-breakpoint
CREATE TABLE `source_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`publisher` text NOT NULL,
	`url` text NOT NULL,
	`published_on` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`content_hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `source_documents_slug_unique` ON `source_documents` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `source_documents_content_hash_unique` ON `source_documents` (`content_hash`);--> statement-breakpoint
CREATE TABLE `statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	`date` text NOT NULL,
	`text` text NOT NULL,
	`start_offset` integer NOT NULL,
	`end_offset` integer NOT NULL,
	`summary` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `source_documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `statements_document_organisation_idx` ON `statements` (`document_id`,`organisation_id`);--> statement-breakpoint
CREATE INDEX `statements_organisation_date_idx` ON `statements` (`organisation_id`,`date`);--> statement-breakpoint
CREATE INDEX `statements_event_date_idx` ON `statements` (`event_id`,`date`);--> statement-breakpoint
CREATE INDEX `statements_date_idx` ON `statements` (`date`);--> statement-breakpoint
CREATE TABLE `theme_tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`statement_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	`stance` text NOT NULL,
	`tagged_by` text NOT NULL,
	`note` text,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "theme_tags_stance_check" CHECK("theme_tags"."stance" in ('supportive', 'critical', 'mixed', 'neutral')),
	CONSTRAINT "theme_tags_tagged_by_check" CHECK("theme_tags"."tagged_by" in ('curated', 'analyser'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `theme_tags_statement_theme_idx` ON `theme_tags` (`statement_id`,`theme_id`);--> statement-breakpoint
CREATE INDEX `theme_tags_theme_stance_idx` ON `theme_tags` (`theme_id`,`stance`);--> statement-breakpoint
CREATE TABLE `themes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`cues` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `themes_slug_unique` ON `themes` (`slug`);