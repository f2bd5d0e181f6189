CREATE TABLE `break_glass` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`user_id` text NOT NULL,
	`opened_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`audit_seq` integer NOT NULL,
	`reviewed_by` text,
	`reviewed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `break_glass_user_case` ON `break_glass` (`user_id`,`case_id`,`expires_at`);--> statement-breakpoint
CREATE INDEX `break_glass_case` ON `break_glass` (`case_id`);--> statement-breakpoint
CREATE TABLE `case_assignments` (
	`case_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`case_id`, `user_id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_assignments_user` ON `case_assignments` (`user_id`,`case_id`);--> statement-breakpoint
CREATE TABLE `privileged_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`user_id` text,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` text NOT NULL,
	`decided_by` text,
	`decided_at` text
);
--> statement-breakpoint
CREATE INDEX `privileged_requests_status` ON `privileged_requests` (`status`,`requested_at`);--> statement-breakpoint
CREATE TABLE `security_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`actor_id` text,
	`address` text,
	`token_prefix` text,
	`route` text,
	`status` integer,
	`case_id` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `security_events_kind` ON `security_events` (`kind`,`id`);--> statement-breakpoint
CREATE INDEX `security_events_at` ON `security_events` (`at`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `team_members_user` ON `team_members` (`user_id`,`team_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`organisation` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` (`name`);--> statement-breakpoint
CREATE TABLE `tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`issued_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tokens_token_hash_unique` ON `tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `tokens_user` ON `tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `web_sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `web_sessions_user` ON `web_sessions` (`user_id`);--> statement-breakpoint
-- Data carried over (hand-written): the default team, existing users' tokens (their prefix is
-- unknown: only the hash was kept; they expire 90 days after this migration), every existing user
-- in the default team, and every existing case assigned to the user who registered it.
INSERT INTO `teams` (`id`, `name`, `organisation`, `created_at`) VALUES ('team-default', 'default', 'default', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));--> statement-breakpoint
INSERT INTO `tokens` (`id`, `user_id`, `token_hash`, `prefix`, `issued_at`, `expires_at`) SELECT 't-' || `id`, `id`, `token_hash`, '', `created_at`, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days') FROM `users`;--> statement-breakpoint
INSERT INTO `team_members` (`team_id`, `user_id`) SELECT 'team-default', `id` FROM `users`;--> statement-breakpoint
INSERT OR IGNORE INTO `case_assignments` (`case_id`, `user_id`) SELECT `c`.`id`, `c`.`created_by` FROM `cases` `c` JOIN `users` `u` ON `u`.`id` = `c`.`created_by`;--> statement-breakpoint
DROP INDEX `users_token_hash_unique`;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `token_hash`;--> statement-breakpoint
ALTER TABLE `cases` ADD `team_id` text DEFAULT 'team-default' NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_team` ON `cases` (`team_id`,`id`);