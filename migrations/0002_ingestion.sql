CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`key_id` text NOT NULL,
	`salt` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_name_unique` ON `api_keys` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_id_unique` ON `api_keys` (`key_id`);--> statement-breakpoint
CREATE TABLE `stance_cues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phrase` text NOT NULL,
	`kind` text NOT NULL,
	`weight` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stance_cues_phrase_kind_idx` ON `stance_cues` (`phrase`,`kind`);--> statement-breakpoint
CREATE TABLE `theme_tag_rejections` (
	`statement_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `theme_tag_rejections_idx` ON `theme_tag_rejections` (`statement_id`,`theme_id`);--> statement-breakpoint
ALTER TABLE `figures` ADD `extracted_by` text DEFAULT 'curated' NOT NULL;--> statement-breakpoint
ALTER TABLE `quotes` ADD `attributed_by` text DEFAULT 'curated' NOT NULL;