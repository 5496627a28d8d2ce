ALTER TABLE `organisations` ADD `aliases` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `people` ADD `aliases` text DEFAULT '[]' NOT NULL;