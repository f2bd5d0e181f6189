CREATE TABLE `audit` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`case_id` text,
	`workflow` text NOT NULL,
	`instance` text DEFAULT '' NOT NULL,
	`actor` text NOT NULL,
	`type` text NOT NULL,
	`data` text,
	`justification` text,
	`from_state` text,
	`to_state` text,
	`result` text NOT NULL,
	`verdicts` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_case` ON `audit` (`case_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit` (`at`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text NOT NULL,
	`facts` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_reference_unique` ON `cases` (`reference`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`item` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_case` ON `evidence` (`case_id`);--> statement-breakpoint
CREATE TABLE `family_links` (
	`case_id` text NOT NULL,
	`related_case_id` text NOT NULL,
	`relation` text NOT NULL,
	PRIMARY KEY(`case_id`, `related_case_id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`related_case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`actor_id` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`actor_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `jurisdictions` (
	`code` text NOT NULL,
	`valid_from` text NOT NULL,
	`data` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	PRIMARY KEY(`code`, `valid_from`)
);
--> statement-breakpoint
CREATE TABLE `pending_commands` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`workflow` text NOT NULL,
	`instance` text DEFAULT '' NOT NULL,
	`command` text NOT NULL,
	`proposed_by` text NOT NULL,
	`required_role` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pending_case` ON `pending_commands` (`case_id`,`status`);--> statement-breakpoint
CREATE TABLE `settings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`values` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`roles` text NOT NULL,
	`token_hash` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_token_hash_unique` ON `users` (`token_hash`);--> statement-breakpoint
CREATE TABLE `workflow_instances` (
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`instance` text DEFAULT '' NOT NULL,
	`machine_version` integer NOT NULL,
	`state` text NOT NULL,
	`outcome` text,
	`snapshot` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`case_id`, `kind`, `instance`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workflow_state` ON `workflow_instances` (`kind`,`state`);