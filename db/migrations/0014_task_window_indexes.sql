DROP INDEX `tasks_role_due`;--> statement-breakpoint
DROP INDEX `tasks_due`;--> statement-breakpoint
CREATE INDEX `tasks_role_due_window` ON `tasks` (`role`,`due_sort`,`case_id`,`n`,`visible_from`,`visible_until`);--> statement-breakpoint
CREATE INDEX `tasks_due_window` ON `tasks` (`due_sort`,`case_id`,`n`,`visible_from`,`visible_until`);