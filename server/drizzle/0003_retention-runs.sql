CREATE TABLE "retention_run_items" (
	"run_id" integer NOT NULL,
	"kind" text NOT NULL,
	"record_id" integer NOT NULL,
	"reference_date" date NOT NULL,
	"keep_until" date NOT NULL,
	"outcome" text,
	CONSTRAINT "retention_run_items_run_id_kind_record_id_pk" PRIMARY KEY("run_id","kind","record_id")
);
--> statement-breakpoint
CREATE TABLE "retention_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"as_of" date NOT NULL,
	"prepared_by" integer NOT NULL,
	"prepared_login" text NOT NULL,
	"prepared_name" text NOT NULL,
	"prepared_at" timestamp with time zone NOT NULL,
	"approved_by" integer,
	"approved_login" text,
	"approved_name" text,
	"approved_at" timestamp with time zone,
	"erased_by" integer,
	"erased_login" text,
	"erased_name" text,
	"erased_at" timestamp with time zone,
	"erased_rows" jsonb,
	"kept_at_erasure" integer,
	"backups" jsonb NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "retention_run_items" ADD CONSTRAINT "retention_run_items_run_id_retention_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."retention_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "retention_runs_status_idx" ON "retention_runs" USING btree ("status");