ALTER TABLE "export_requests" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "export_requests" ADD COLUMN "file_base64" text;--> statement-breakpoint
ALTER TABLE "export_requests" ADD COLUMN "file_sha256" text;--> statement-breakpoint
ALTER TABLE "statistics_extract_runs" ADD COLUMN "ran_login" text;--> statement-breakpoint
ALTER TABLE "statistics_extract_runs" ADD COLUMN "csv_base64" text;--> statement-breakpoint
ALTER TABLE "statistics_extract_runs" ADD COLUMN "sha256" text;--> statement-breakpoint
ALTER TABLE "statistics_extract_templates" ADD COLUMN "row_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "statistics_extract_templates" ADD COLUMN "updated_login" text;--> statement-breakpoint
ALTER TABLE "statistics_extract_templates" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "statistics_extract_templates" ADD COLUMN "update_reason" text;