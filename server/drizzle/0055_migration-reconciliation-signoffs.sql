CREATE TABLE "migration_reconciliation_signoffs" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"report_sha256" text NOT NULL,
	"supervisor_login" text NOT NULL,
	"supervisor_name" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"comment" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "migration_decisions" ALTER COLUMN "cutover_id" DROP NOT NULL;--> statement-breakpoint
CREATE TRIGGER migration_reconciliation_signoffs_no_update BEFORE UPDATE OR DELETE ON migration_reconciliation_signoffs FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER migration_reconciliation_signoffs_no_truncate BEFORE TRUNCATE ON migration_reconciliation_signoffs FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
