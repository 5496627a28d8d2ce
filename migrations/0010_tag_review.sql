ALTER TABLE `theme_tags` ADD `reviewed` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `theme_tags` ADD `confidence` real;--> statement-breakpoint
CREATE INDEX `theme_tags_review_idx` ON `theme_tags` (`reviewed`,`confidence`);