CREATE TABLE `audit_checkpoints` (
	`size` integer PRIMARY KEY NOT NULL,
	`root_hash` text NOT NULL,
	`at` text NOT NULL,
	`note` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_cosignatures` (
	`size` integer NOT NULL,
	`witness` text NOT NULL,
	`vkey` text NOT NULL,
	`line` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`size`, `vkey`),
	FOREIGN KEY (`size`) REFERENCES `audit_checkpoints`(`size`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `audit_forks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`reported_by` text NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_tree` (
	`level` integer NOT NULL,
	`idx` integer NOT NULL,
	`hash` blob NOT NULL,
	PRIMARY KEY(`level`, `idx`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `audit_verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`mode` text NOT NULL,
	`ok` integer NOT NULL,
	`size` integer NOT NULL,
	`hash` text NOT NULL,
	`frontier` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE TABLE `rulesets` (
	`hash` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`first_seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rulesets_seen` ON `rulesets` (`first_seen_at`);
--> statement-breakpoint
-- The transparency log is append-only like the audit it covers (KP-SYS-01): no row is ever changed or removed.
CREATE TRIGGER audit_tree_no_update BEFORE UPDATE ON audit_tree BEGIN SELECT RAISE(ABORT, 'Merkle tree nodes are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_tree_no_delete BEFORE DELETE ON audit_tree BEGIN SELECT RAISE(ABORT, 'Merkle tree nodes are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_cosignatures_no_update BEFORE UPDATE ON audit_cosignatures BEGIN SELECT RAISE(ABORT, 'cosignatures are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_cosignatures_no_delete BEFORE DELETE ON audit_cosignatures BEGIN SELECT RAISE(ABORT, 'cosignatures are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_verifications_no_update BEFORE UPDATE ON audit_verifications BEGIN SELECT RAISE(ABORT, 'verification runs are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_verifications_no_delete BEFORE DELETE ON audit_verifications BEGIN SELECT RAISE(ABORT, 'verification runs are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_forks_no_update BEFORE UPDATE ON audit_forks BEGIN SELECT RAISE(ABORT, 'fork reports are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_forks_no_delete BEFORE DELETE ON audit_forks BEGIN SELECT RAISE(ABORT, 'fork reports are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER rulesets_no_update BEFORE UPDATE ON rulesets BEGIN SELECT RAISE(ABORT, 'rule sets are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER rulesets_no_delete BEFORE DELETE ON rulesets BEGIN SELECT RAISE(ABORT, 'rule sets are append-only'); END;
