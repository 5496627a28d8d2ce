-- What an event puts forward decides how a demand reads (see EVENT_KINDS): a government measure, or a review's recommendations.
ALTER TABLE `events` ADD `kind` text DEFAULT 'measure' NOT NULL;
--> statement-breakpoint
-- The curated corpus's review of 2022 made recommendations; no measure existed yet. A database seeded before this column gets it too.
UPDATE `events` SET `kind` = 'recommendations' WHERE `slug` = 'independent-review-2022';
