ALTER TABLE `statements` ADD `updated_at` text;--> statement-breakpoint
CREATE INDEX `statements_updated_at_idx` ON `statements` (`updated_at`);