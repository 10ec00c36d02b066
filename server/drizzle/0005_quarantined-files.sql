CREATE TABLE "quarantined_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_kind" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"signature" text NOT NULL,
	"user_id" integer,
	"terminal_id" text NOT NULL,
	"detected_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "quarantined_files_sha256_idx" ON "quarantined_files" USING btree ("sha256");--> statement-breakpoint
-- A malware finding is evidence (control C-05): append-only like the audit log.
CREATE OR REPLACE FUNCTION quarantined_files_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'quarantined_files is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER quarantined_files_no_update BEFORE UPDATE OR DELETE ON quarantined_files FOR EACH ROW EXECUTE FUNCTION quarantined_files_refuse_change();--> statement-breakpoint
CREATE TRIGGER quarantined_files_no_truncate BEFORE TRUNCATE ON quarantined_files FOR EACH STATEMENT EXECUTE FUNCTION quarantined_files_refuse_change();
