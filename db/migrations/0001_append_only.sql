-- The audit trail and evidence are append-only: no row is ever changed or removed (KP-SYS-01).
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER jurisdictions_no_update BEFORE UPDATE ON jurisdictions BEGIN SELECT RAISE(ABORT, 'jurisdiction versions are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER jurisdictions_no_delete BEFORE DELETE ON jurisdictions BEGIN SELECT RAISE(ABORT, 'jurisdiction versions are append-only'); END;
