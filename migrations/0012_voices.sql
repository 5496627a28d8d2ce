CREATE TABLE `publisher_spans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`statement_id` integer NOT NULL,
	`start_offset` integer NOT NULL,
	`end_offset` integer NOT NULL,
	`marked_by` text DEFAULT 'curated' NOT NULL,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `publisher_spans_statement_idx` ON `publisher_spans` (`statement_id`,`start_offset`);--> statement-breakpoint
ALTER TABLE `evidence` ADD `voice` text DEFAULT 'own' NOT NULL;--> statement-breakpoint
ALTER TABLE `quotes` ADD `voice` text DEFAULT 'direct' NOT NULL;--> statement-breakpoint
-- Quotes already stored: a speaker's words are direct; the organisation's own words are its own.
UPDATE quotes SET voice = 'own' WHERE speaker_id IS NULL;
--> statement-breakpoint
-- Evidence speaks with the voice of the quote it is in; outside a quote it is the organisation's own.
UPDATE evidence SET voice = coalesce((SELECT q.voice FROM quotes q WHERE q.id = evidence.quote_id), 'own');
