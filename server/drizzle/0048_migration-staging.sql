CREATE TABLE "migration_extract_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"extract_id" integer NOT NULL,
	"group_id" text NOT NULL,
	"file_name" text NOT NULL,
	"rows" integer NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"received_sha256" text,
	"encoding" text,
	"scan" text,
	"edition_id" text NOT NULL,
	CONSTRAINT "migration_extract_files_name" UNIQUE("extract_id","file_name")
);
--> statement-breakpoint
CREATE TABLE "migration_extracts" (
	"id" serial PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"edition_id" text NOT NULL,
	"manifest" jsonb NOT NULL,
	"manifest_sha256" text NOT NULL,
	"sender" text NOT NULL,
	"extracted_at" text NOT NULL,
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"kind" text NOT NULL,
	"received_by" integer,
	"received_at" timestamp with time zone NOT NULL,
	"validated_at" timestamp with time zone,
	"finding_counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"accepted_by" integer,
	"accepted_at" timestamp with time zone,
	"accept_note" text
);
--> statement-breakpoint
CREATE TABLE "migration_findings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"extract_id" integer NOT NULL,
	"group_id" text NOT NULL,
	"file_name" text NOT NULL,
	"line" integer NOT NULL,
	"item" text,
	"value" text,
	"expected" text,
	"rule" text NOT NULL,
	"message" text NOT NULL,
	"person_key" text
);
--> statement-breakpoint
CREATE TABLE "migration_gaiji_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"character" text NOT NULL,
	"replacement" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by" integer,
	"decided_by_login" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "migration_gaiji_occurrences" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"extract_id" integer NOT NULL,
	"character" text NOT NULL,
	"file_name" text NOT NULL,
	"line" integer NOT NULL,
	"item" text NOT NULL,
	"value" text NOT NULL,
	"person_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "migration_staged_rows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"extract_id" integer NOT NULL,
	"group_id" text NOT NULL,
	"line" integer NOT NULL,
	"person_key" text,
	"values" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "migration_upload_chunks" (
	"extract_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"chunk_index" integer NOT NULL,
	"content" text NOT NULL,
	"bytes" integer NOT NULL,
	CONSTRAINT "migration_upload_chunks_extract_id_file_name_chunk_index_pk" PRIMARY KEY("extract_id","file_name","chunk_index")
);
--> statement-breakpoint
ALTER TABLE "migration_extract_files" ADD CONSTRAINT "migration_extract_files_extract_id_migration_extracts_id_fk" FOREIGN KEY ("extract_id") REFERENCES "public"."migration_extracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "migration_findings" ADD CONSTRAINT "migration_findings_extract_id_migration_extracts_id_fk" FOREIGN KEY ("extract_id") REFERENCES "public"."migration_extracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "migration_gaiji_occurrences" ADD CONSTRAINT "migration_gaiji_occurrences_extract_id_migration_extracts_id_fk" FOREIGN KEY ("extract_id") REFERENCES "public"."migration_extracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "migration_staged_rows" ADD CONSTRAINT "migration_staged_rows_extract_id_migration_extracts_id_fk" FOREIGN KEY ("extract_id") REFERENCES "public"."migration_extracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "migration_upload_chunks" ADD CONSTRAINT "migration_upload_chunks_extract_id_migration_extracts_id_fk" FOREIGN KEY ("extract_id") REFERENCES "public"."migration_extracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "migration_findings_extract" ON "migration_findings" USING btree ("extract_id","rule");--> statement-breakpoint
CREATE INDEX "migration_gaiji_occurrences_char" ON "migration_gaiji_occurrences" USING btree ("character");--> statement-breakpoint
CREATE INDEX "migration_staged_rows_group" ON "migration_staged_rows" USING btree ("extract_id","group_id","line");