ALTER TABLE `tasks` ADD `priority` text;--> statement-breakpoint
ALTER TABLE `tasks` ADD `held_since` text;