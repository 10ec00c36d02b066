CREATE TABLE "intake_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_hash" text NOT NULL,
	"file_name" text NOT NULL,
	"encoding" text NOT NULL,
	"records" integer NOT NULL,
	"applied" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" integer,
	CONSTRAINT "intake_files_file_hash_unique" UNIQUE("file_hash")
);
--> statement-breakpoint
CREATE TABLE "intake_records" (
	"record_id" text PRIMARY KEY NOT NULL,
	"file_id" integer NOT NULL,
	"line" integer NOT NULL,
	"kind" text NOT NULL,
	"person_id" integer,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "intake_records" ADD CONSTRAINT "intake_records_file_id_intake_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."intake_files"("id") ON DELETE no action ON UPDATE no action;