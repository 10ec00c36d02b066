CREATE TABLE "statistics_extract_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"template_id" integer,
	"definition" jsonb NOT NULL,
	"reason" text,
	"masked_items" jsonb NOT NULL,
	"include_protected" boolean NOT NULL,
	"person_ids" jsonb NOT NULL,
	"row_count" integer NOT NULL,
	"ran_by" integer NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"base_date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_extract_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"shared" boolean NOT NULL,
	"created_by" integer NOT NULL,
	"created_login" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_report_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"base_date" date NOT NULL,
	"cutoff_on" date NOT NULL,
	"cells" jsonb NOT NULL,
	"checks" jsonb NOT NULL,
	"differences" jsonb NOT NULL,
	"difference_note" text,
	"sha256" text NOT NULL,
	"submitted_by" integer NOT NULL,
	"submitted_login" text NOT NULL,
	"submitted_name" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "statistics_extract_runs" ADD CONSTRAINT "statistics_extract_runs_template_id_statistics_extract_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."statistics_extract_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "statistics_extract_runs_user_idx" ON "statistics_extract_runs" USING btree ("ran_by","id");--> statement-breakpoint
CREATE UNIQUE INDEX "statistics_report_versions_uq" ON "statistics_report_versions" USING btree ("kind","period","version");