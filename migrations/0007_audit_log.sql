CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`key_name` text NOT NULL,
	`method` text NOT NULL,
	`route` text NOT NULL,
	`url` text NOT NULL,
	`status` integer NOT NULL,
	`change` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_key_idx` ON `audit_log` (`key_name`,`at`);