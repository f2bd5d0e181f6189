CREATE TABLE `master_key_check` (
	`id` integer PRIMARY KEY NOT NULL,
	`check_value` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `person_keys` (
	`case_id` text PRIMARY KEY NOT NULL,
	`wrapped_key` text,
	`created_at` text NOT NULL,
	`erased_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
