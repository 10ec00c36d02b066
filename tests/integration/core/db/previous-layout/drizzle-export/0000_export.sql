CREATE TABLE "export_ledger" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"exported_at" timestamp with time zone NOT NULL,
	"handler_login" text NOT NULL,
	"handler_name" text NOT NULL,
	"approver_login" text NOT NULL,
	"approver_name" text NOT NULL,
	"purpose" text NOT NULL,
	"record_types" jsonb NOT NULL,
	"person_count" integer NOT NULL,
	"record_count" integer NOT NULL,
	"file_sha256" text NOT NULL,
	"destination" text NOT NULL,
	"terminal_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "export_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"requested_by" integer NOT NULL,
	"requested_login" text NOT NULL,
	"requested_name" text NOT NULL,
	"terminal_id" text NOT NULL,
	"purpose" text NOT NULL,
	"record_types" jsonb NOT NULL,
	"person_ids" jsonb NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"approved_by" integer,
	"approved_login" text,
	"approved_name" text,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "export_ledger_request_uq" ON "export_ledger" USING btree ("request_id");