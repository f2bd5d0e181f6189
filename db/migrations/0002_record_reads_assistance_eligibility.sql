CREATE TABLE `assistance_eligibility` (
	`version` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rules` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `record_reads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` text NOT NULL,
	`roles` text NOT NULL,
	`case_id` text NOT NULL,
	`route` text NOT NULL,
	`purpose` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `record_reads_case` ON `record_reads` (`case_id`,`id`);