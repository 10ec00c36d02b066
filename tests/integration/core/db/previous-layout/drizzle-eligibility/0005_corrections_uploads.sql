CREATE TABLE "eligibility_corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"action" text NOT NULL,
	"target_event_id" integer,
	"proposed" jsonb,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	"proposed_by" integer NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"applied_event_id" integer
);
--> statement-breakpoint
CREATE TABLE "intake_upload_chunks" (
	"upload_id" integer NOT NULL,
	"chunk_index" integer NOT NULL,
	"content" text NOT NULL,
	"bytes" integer NOT NULL,
	CONSTRAINT "intake_upload_chunks_upload_id_chunk_index_pk" PRIMARY KEY("upload_id","chunk_index")
);
--> statement-breakpoint
CREATE TABLE "intake_uploads" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"total_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"encoding" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "eligibility_corrections" ADD CONSTRAINT "eligibility_corrections_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_corrections" ADD CONSTRAINT "eligibility_corrections_target_event_id_eligibility_events_id_fk" FOREIGN KEY ("target_event_id") REFERENCES "public"."eligibility_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_corrections" ADD CONSTRAINT "eligibility_corrections_applied_event_id_eligibility_events_id_fk" FOREIGN KEY ("applied_event_id") REFERENCES "public"."eligibility_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_upload_chunks" ADD CONSTRAINT "intake_upload_chunks_upload_id_intake_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."intake_uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "eligibility_corrections_person_idx" ON "eligibility_corrections" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "eligibility_corrections_status_idx" ON "eligibility_corrections" USING btree ("status");