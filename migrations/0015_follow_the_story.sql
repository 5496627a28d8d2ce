CREATE TABLE `ask_outcomes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ask_id` integer NOT NULL,
	`outcome` text NOT NULL,
	`source_url` text NOT NULL,
	`decided_on` text NOT NULL,
	`note` text,
	`recorded_at` text NOT NULL,
	`key_name` text NOT NULL,
	FOREIGN KEY (`ask_id`) REFERENCES `asks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ask_outcomes_ask_idx` ON `ask_outcomes` (`ask_id`,`id`);--> statement-breakpoint
CREATE TABLE `asks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`statement_id` integer NOT NULL,
	`theme_id` integer,
	`target` text NOT NULL,
	`action` text NOT NULL,
	`text` text NOT NULL,
	`start_offset` integer NOT NULL,
	`end_offset` integer NOT NULL,
	`extracted_by` text DEFAULT 'curated' NOT NULL,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `asks_statement_idx` ON `asks` (`statement_id`);--> statement-breakpoint
CREATE INDEX `asks_theme_idx` ON `asks` (`theme_id`);--> statement-breakpoint
CREATE TABLE `changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`statement_id` integer,
	`subject_id` integer,
	`detail` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `changes_statement_idx` ON `changes` (`statement_id`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`watch_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`claimed_until` text,
	`delivered_at` text,
	FOREIGN KEY (`watch_id`) REFERENCES `watches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deliveries_watch_idx` ON `deliveries` (`watch_id`,`id`);--> statement-breakpoint
CREATE INDEX `deliveries_due_idx` ON `deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `delivery_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` integer NOT NULL,
	`at` text NOT NULL,
	`response_status` integer,
	`error` text,
	`ms` integer NOT NULL,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `delivery_attempts_delivery_idx` ON `delivery_attempts` (`delivery_id`);--> statement-breakpoint
CREATE TABLE `figure_groupings` (
	`figure_id` integer NOT NULL,
	`group_key` text NOT NULL,
	`label` text,
	`set_at` text NOT NULL,
	FOREIGN KEY (`figure_id`) REFERENCES `figures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `figure_groupings_figure_idx` ON `figure_groupings` (`figure_id`);--> statement-breakpoint
CREATE INDEX `figure_groupings_group_idx` ON `figure_groupings` (`group_key`);--> statement-breakpoint
CREATE TABLE `watches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key_name` text NOT NULL,
	`query` text NOT NULL,
	`origin` text NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` text NOT NULL,
	`paused_at` text,
	`failures` integer DEFAULT 0 NOT NULL,
	`digest` text,
	`checked_through` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `watches_key_idx` ON `watches` (`key_name`);--> statement-breakpoint
CREATE INDEX `watches_status_idx` ON `watches` (`status`,`checked_through`);