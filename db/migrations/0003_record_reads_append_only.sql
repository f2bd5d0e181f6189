-- The read log and the assistance-eligibility versions are append-only (KP-DATA-01, KP-HUM-01): no row is ever changed or removed.
CREATE TRIGGER record_reads_no_update BEFORE UPDATE ON record_reads BEGIN SELECT RAISE(ABORT, 'record reads are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER record_reads_no_delete BEFORE DELETE ON record_reads BEGIN SELECT RAISE(ABORT, 'record reads are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER assistance_eligibility_no_update BEFORE UPDATE ON assistance_eligibility BEGIN SELECT RAISE(ABORT, 'assistance eligibility versions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER assistance_eligibility_no_delete BEFORE DELETE ON assistance_eligibility BEGIN SELECT RAISE(ABORT, 'assistance eligibility versions are append-only'); END;
