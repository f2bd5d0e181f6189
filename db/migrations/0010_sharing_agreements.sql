CREATE TABLE `sharing_agreements` (
	`id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_at` text NOT NULL,
	`approved_by` text,
	`approved_at` text
);
