CREATE TABLE `audit_rules` (
	`rule` text NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY(`rule`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `case_terms` (
	`field` text NOT NULL,
	`term` text NOT NULL,
	`case_id` text NOT NULL,
	PRIMARY KEY(`field`, `term`, `case_id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_terms_case` ON `case_terms` (`case_id`);--> statement-breakpoint
CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`case_id` text NOT NULL,
	`n` integer NOT NULL,
	`kind` text NOT NULL,
	`role` text NOT NULL,
	`workflow` text NOT NULL,
	`instance` text NOT NULL,
	`due` text,
	`due_sort` text NOT NULL,
	`rule` text,
	`summary` text NOT NULL,
	`visible_from` text NOT NULL,
	`visible_until` text NOT NULL,
	PRIMARY KEY(`case_id`, `n`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_role_due` ON `tasks` (`role`,`due_sort`,`case_id`,`n`);--> statement-breakpoint
CREATE INDEX `tasks_due` ON `tasks` (`due_sort`,`case_id`,`n`);--> statement-breakpoint
DROP INDEX `workflow_state`;--> statement-breakpoint
CREATE INDEX `workflow_kind_case` ON `workflow_instances` (`kind`,`case_id`);--> statement-breakpoint
CREATE INDEX `workflow_kind_state_case` ON `workflow_instances` (`kind`,`state`,`case_id`);--> statement-breakpoint
CREATE INDEX `workflow_state_case` ON `workflow_instances` (`state`,`case_id`);--> statement-breakpoint
CREATE INDEX `workflow_kind_outcome_case` ON `workflow_instances` (`kind`,`outcome`,`case_id`);--> statement-breakpoint
CREATE INDEX `workflow_outcome_case` ON `workflow_instances` (`outcome`,`case_id`);--> statement-breakpoint
ALTER TABLE `cases` ADD `seq` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `adult_from` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `index_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `cases_seq` ON `cases` (`seq`);--> statement-breakpoint
CREATE INDEX `cases_adult_from` ON `cases` (`adult_from`,`id`);--> statement-breakpoint
CREATE INDEX `cases_index_version` ON `cases` (`index_version`);--> statement-breakpoint
CREATE INDEX `audit_actor` ON `audit` (json_extract(`actor`, '$.id'),`seq`);--> statement-breakpoint
CREATE INDEX `audit_actor_result` ON `audit` (json_extract(`actor`, '$.id'),`result`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_result` ON `audit` (`result`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_workflow` ON `audit` (`workflow`,`seq`);--> statement-breakpoint
-- Names searched through FTS5 over normalised tokens (workflows/nameKeys.ts): `raw` the folded
-- spellings (prefix search), `keys` the transliteration-tolerant keys. The rowid is the case's `seq`.
CREATE VIRTUAL TABLE `case_names` USING fts5(`raw`, `keys`, tokenize = 'unicode61 remove_diacritics 2');--> statement-breakpoint
-- Existing cases: the case number is the reference's digits (references were numbered count + 1);
-- the counter continues from the highest. The other derived columns are filled by the engine at
-- start-up (index_version 0).
UPDATE `cases` SET `seq` = CAST(substr(`reference`, 9) AS INTEGER);--> statement-breakpoint
INSERT INTO `counters` (`name`, `value`) SELECT 'case_reference', coalesce(max(`seq`), 0) FROM `cases`;--> statement-breakpoint
INSERT OR IGNORE INTO `audit_rules` (`rule`, `seq`) SELECT json_extract(v.value, '$.rule'), a.seq FROM `audit` a, json_each(a.verdicts) v WHERE json_extract(v.value, '$.rule') IS NOT NULL;
