DROP INDEX `tasks_role_due_window`;--> statement-breakpoint
DROP INDEX `tasks_due_window`;--> statement-breakpoint
ALTER TABLE `tasks` ADD `listed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `tasks_listed_role_due` ON `tasks` (`role`,`due_sort`,`case_id`,`n`) WHERE "tasks"."listed" = 1;--> statement-breakpoint
CREATE INDEX `tasks_listed_due` ON `tasks` (`due_sort`,`case_id`,`n`) WHERE "tasks"."listed" = 1;--> statement-breakpoint
CREATE INDEX `tasks_visible_from` ON `tasks` (`visible_from`) WHERE "tasks"."visible_from" > '';--> statement-breakpoint
CREATE INDEX `tasks_visible_until` ON `tasks` (`visible_until`) WHERE "tasks"."visible_until" < '9999-12-31';