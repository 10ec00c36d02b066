CREATE TABLE "pension_exchange_approvals" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_id" integer NOT NULL,
	"approved_by" integer NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "pension_exchange_approvals_file_id_unique" UNIQUE("file_id")
);
--> statement-breakpoint
ALTER TABLE "pension_exchange_approvals" ADD CONSTRAINT "pension_exchange_approvals_file_id_pension_exchange_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."pension_exchange_files"("id") ON DELETE no action ON UPDATE no action;