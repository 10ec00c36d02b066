CREATE TABLE "migration_trial_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"store_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"byte_count" integer NOT NULL,
	"sealed" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "migration_trial_stores" (
	"id" serial PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"store_kind" text NOT NULL,
	"location" text NOT NULL,
	"key_id" text NOT NULL,
	"status" text NOT NULL,
	"extract_sha256" text,
	"table_timings" jsonb NOT NULL,
	"rehearsal" jsonb,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"loaded_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"erasure_reason" text,
	"erasure_report_id" integer
);
--> statement-breakpoint
CREATE TABLE "migration_difference_signoffs" (
	"id" serial PRIMARY KEY NOT NULL,
	"difference_id" integer NOT NULL,
	"supervisor_login" text NOT NULL,
	"supervisor_name" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"comment" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "migration_differences" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"insured_number" text,
	"item" text NOT NULL,
	"legacy_value" text NOT NULL,
	"loaded_value" text NOT NULL,
	"explanation" text,
	"explanation_text" text
);
--> statement-breakpoint
CREATE TABLE "migration_reconciliation_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"trial_store_id" integer,
	"version" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"counts" jsonb NOT NULL,
	"money" jsonb NOT NULL,
	"person_checks" integer NOT NULL,
	"difference_count" integer NOT NULL,
	"sha256" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "migration_cutover_chunks" (
	"id" serial PRIMARY KEY NOT NULL,
	"cutover_id" integer NOT NULL,
	"phase" text NOT NULL,
	"chunk_key" text NOT NULL,
	"rows" integer NOT NULL,
	"sha256" text NOT NULL,
	"loaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "migration_cutovers" (
	"id" serial PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"freeze_from" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"progress" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "migration_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"cutover_id" integer NOT NULL,
	"decision" text NOT NULL,
	"report_id" integer NOT NULL,
	"report_version" integer NOT NULL,
	"report_sha256" text NOT NULL,
	"approver_login" text NOT NULL,
	"approver_name" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"note" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "migration_erasure_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"erased_at" timestamp with time zone NOT NULL,
	"target" text NOT NULL,
	"items" jsonb NOT NULL,
	"method" text NOT NULL,
	"operator_login" text NOT NULL,
	"operator_name" text NOT NULL,
	"witness_name" text NOT NULL,
	"witness_title" text NOT NULL,
	"verification" jsonb NOT NULL,
	"ledger_entry_ids" jsonb NOT NULL,
	"trial_store_id" integer,
	"pdf_sha256" text NOT NULL,
	"pdf_base64" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "migration_handover_ledger" (
	"id" serial PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"handed_at" timestamp with time zone NOT NULL,
	"media" text NOT NULL,
	"counterpart" text NOT NULL,
	"handler_login" text NOT NULL,
	"handler_name" text NOT NULL,
	"approver_login" text NOT NULL,
	"approver_name" text NOT NULL,
	"purpose" text NOT NULL,
	"groups" jsonb NOT NULL,
	"person_count" integer NOT NULL,
	"record_count" integer NOT NULL,
	"sha256" text NOT NULL,
	"encryption" text NOT NULL,
	"password_handed_at" timestamp with time zone NOT NULL,
	"password_channel" text NOT NULL,
	"export_request_id" integer,
	"trial_store_id" integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX "migration_cutover_chunks_uq" ON "migration_cutover_chunks" USING btree ("cutover_id","phase","chunk_key");