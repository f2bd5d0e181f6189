-- Evidence ids are unique within a case, not across cases: a client may name its own ids
-- (WORKFLOWS.md lists `id`), so the key becomes (case_id, id). Rows keep their order (rowid);
-- the append-only triggers of 0001 are recreated on the new table (KP-SYS-01).
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_evidence` (
	`id` text NOT NULL,
	`case_id` text NOT NULL,
	`item` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	PRIMARY KEY(`case_id`, `id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_evidence`("id", "case_id", "item", "recorded_at", "recorded_by") SELECT "id", "case_id", "item", "recorded_at", "recorded_by" FROM `evidence` ORDER BY rowid;--> statement-breakpoint
DROP TABLE `evidence`;--> statement-breakpoint
ALTER TABLE `__new_evidence` RENAME TO `evidence`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `evidence_case` ON `evidence` (`case_id`);--> statement-breakpoint
CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
