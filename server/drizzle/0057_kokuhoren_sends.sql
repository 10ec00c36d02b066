CREATE TABLE "kokuhoren_sends" (
	"id" serial PRIMARY KEY NOT NULL,
	"processing_month" text NOT NULL,
	"round" text NOT NULL,
	"cutoff_on" date NOT NULL,
	"status" text NOT NULL,
	"as_of" date NOT NULL,
	"insurer_number" text NOT NULL,
	"inputs_fingerprint" text NOT NULL,
	"planned" jsonb NOT NULL,
	"refusals" jsonb NOT NULL,
	"prepared_by" integer NOT NULL,
	"prepared_name" text NOT NULL,
	"prepared_at" timestamp with time zone NOT NULL,
	"approved_by" integer,
	"approved_name" text,
	"approved_at" timestamp with time zone,
	"rejected_by" integer,
	"rejection_reason" text,
	"rejected_at" timestamp with time zone,
	"committed_at" timestamp with time zone,
	"file_control_number" integer,
	"file_name" text,
	"content" text,
	"sha256" text
);
--> statement-breakpoint
CREATE TABLE "kokuhoren_sent_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"send_id" integer NOT NULL,
	"line" integer NOT NULL,
	"person_id" integer NOT NULL,
	"insured_number" text NOT NULL,
	"changed_on" date NOT NULL,
	"change_kind" text NOT NULL,
	"change_reason" text NOT NULL,
	"queue_ids" jsonb NOT NULL,
	"notice" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kokuhoren_update_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"processing_month" text NOT NULL,
	"records" integer NOT NULL,
	"accepted" integer NOT NULL,
	"rejected" integer NOT NULL,
	"unmatched" integer NOT NULL,
	"imported_by" integer,
	"imported_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kokuhoren_update_imports_sha256_unique" UNIQUE("sha256")
);
--> statement-breakpoint
CREATE TABLE "kokuhoren_update_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"import_id" integer NOT NULL,
	"line" integer NOT NULL,
	"sent_record_id" integer,
	"person_id" integer,
	"insured_number" text NOT NULL,
	"changed_on" date NOT NULL,
	"change_reason" text NOT NULL,
	"result_kind" text NOT NULL,
	"error_codes" jsonb NOT NULL,
	"status" text NOT NULL,
	"resolved_by" integer,
	"resolved_name" text,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"requeued_id" integer,
	"row_version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kokuhoren_sent_records" ADD CONSTRAINT "kokuhoren_sent_records_send_id_kokuhoren_sends_id_fk" FOREIGN KEY ("send_id") REFERENCES "public"."kokuhoren_sends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kokuhoren_sent_records" ADD CONSTRAINT "kokuhoren_sent_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kokuhoren_update_results" ADD CONSTRAINT "kokuhoren_update_results_import_id_kokuhoren_update_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."kokuhoren_update_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kokuhoren_update_results" ADD CONSTRAINT "kokuhoren_update_results_sent_record_id_kokuhoren_sent_records_id_fk" FOREIGN KEY ("sent_record_id") REFERENCES "public"."kokuhoren_sent_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kokuhoren_update_results" ADD CONSTRAINT "kokuhoren_update_results_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kokuhoren_sends_month_idx" ON "kokuhoren_sends" USING btree ("processing_month","id");--> statement-breakpoint
CREATE UNIQUE INDEX "kokuhoren_sends_file_uq" ON "kokuhoren_sends" USING btree ("processing_month","file_control_number");--> statement-breakpoint
CREATE INDEX "kokuhoren_sent_records_key_idx" ON "kokuhoren_sent_records" USING btree ("insured_number","changed_on","change_reason");--> statement-breakpoint
CREATE INDEX "kokuhoren_sent_records_person_idx" ON "kokuhoren_sent_records" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "kokuhoren_update_results_status_idx" ON "kokuhoren_update_results" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "kokuhoren_update_results_sent_idx" ON "kokuhoren_update_results" USING btree ("sent_record_id");