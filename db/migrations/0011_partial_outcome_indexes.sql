DROP INDEX `workflow_kind_outcome_case`;--> statement-breakpoint
DROP INDEX `workflow_outcome_case`;--> statement-breakpoint
CREATE INDEX `workflow_kind_outcome_case` ON `workflow_instances` (`kind`,`outcome`,`case_id`) WHERE "workflow_instances"."outcome" is not null;--> statement-breakpoint
CREATE INDEX `workflow_outcome_case` ON `workflow_instances` (`outcome`,`case_id`) WHERE "workflow_instances"."outcome" is not null;