CREATE TABLE "certification_first_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"decided_on" date NOT NULL,
	"software_version" text NOT NULL,
	"provisional" boolean NOT NULL,
	"result" text NOT NULL,
	"standard_minutes10" integer NOT NULL,
	"parts10" jsonb NOT NULL,
	"group_scores10" jsonb NOT NULL,
	"stability" text,
	"dementia_probability10" integer,
	"warning_array" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"line" integer NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"imported_by" integer
);
--> statement-breakpoint
CREATE TABLE "certification_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"meeting_id" integer NOT NULL,
	"order" integer NOT NULL,
	"excluded_member_ids" jsonb NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"assigned_by" integer
);
--> statement-breakpoint
CREATE TABLE "certification_attendance" (
	"meeting_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "certification_attendance_meeting_id_member_id_pk" PRIMARY KEY("meeting_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "certification_board_members" (
	"id" serial PRIMARY KEY NOT NULL,
	"panel_id" integer NOT NULL,
	"member_name" text NOT NULL,
	"profession" text NOT NULL,
	"chair" boolean NOT NULL,
	"psychiatrist" boolean NOT NULL,
	"term_from" date NOT NULL,
	"term_to" date NOT NULL,
	"affiliation_provider_nos" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certification_case_exclusions" (
	"case_id" integer PRIMARY KEY NOT NULL,
	"member_ids" jsonb NOT NULL,
	"provider_nos" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certification_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"meeting_id" integer,
	"without_board" boolean NOT NULL,
	"decided_on" date NOT NULL,
	"result" text NOT NULL,
	"first_decision" text,
	"validity_months" integer,
	"valid_from" date,
	"valid_to" date,
	"change_reason" text NOT NULL,
	"state_example" text,
	"board_opinion" text NOT NULL,
	"service_types" jsonb NOT NULL,
	"votes_for" integer,
	"votes_against" integer,
	"chair_cast" boolean,
	"decided_at" timestamp with time zone NOT NULL,
	"decided_by" integer
);
--> statement-breakpoint
CREATE TABLE "certification_meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_no" integer NOT NULL,
	"panel_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"venue" text NOT NULL,
	"capacity" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certification_panels" (
	"id" serial PRIMARY KEY NOT NULL,
	"panel_name" text NOT NULL,
	"reduced_allowed" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "certification_notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"kind" text NOT NULL,
	"number" integer NOT NULL,
	"issued_on" date NOT NULL,
	"reason" text NOT NULL,
	"expected_to" date,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" integer
);
--> statement-breakpoint
CREATE TABLE "certified_persons" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"case_id" integer,
	"level" text NOT NULL,
	"decided_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"board_opinion" text NOT NULL,
	"service_types" jsonb NOT NULL,
	"without_board" boolean NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recipient_change_queue" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"case_id" integer,
	"change_kind" text NOT NULL,
	"effective_on" date NOT NULL,
	"payload" jsonb NOT NULL,
	"queued_on" date NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "certification_first_decisions" ADD CONSTRAINT "certification_first_decisions_case_id_certification_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."certification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_assignments" ADD CONSTRAINT "certification_assignments_case_id_certification_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."certification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_assignments" ADD CONSTRAINT "certification_assignments_meeting_id_certification_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."certification_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_attendance" ADD CONSTRAINT "certification_attendance_meeting_id_certification_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."certification_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_attendance" ADD CONSTRAINT "certification_attendance_member_id_certification_board_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."certification_board_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_board_members" ADD CONSTRAINT "certification_board_members_panel_id_certification_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."certification_panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_case_exclusions" ADD CONSTRAINT "certification_case_exclusions_case_id_certification_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."certification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_decisions" ADD CONSTRAINT "certification_decisions_case_id_certification_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."certification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_decisions" ADD CONSTRAINT "certification_decisions_meeting_id_certification_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."certification_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_meetings" ADD CONSTRAINT "certification_meetings_panel_id_certification_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."certification_panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_notices" ADD CONSTRAINT "certification_notices_case_id_certification_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."certification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certified_persons" ADD CONSTRAINT "certified_persons_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certified_persons" ADD CONSTRAINT "certified_persons_case_id_certification_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."certification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_change_queue" ADD CONSTRAINT "recipient_change_queue_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_change_queue" ADD CONSTRAINT "recipient_change_queue_case_id_certification_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."certification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certification_first_decisions_case_idx" ON "certification_first_decisions" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certification_assignments_case_idx" ON "certification_assignments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "certification_assignments_meeting_idx" ON "certification_assignments" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "certification_board_members_panel_idx" ON "certification_board_members" USING btree ("panel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certification_decisions_case_idx" ON "certification_decisions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "certification_decisions_person_idx" ON "certification_decisions" USING btree ("person_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "certification_meetings_no_idx" ON "certification_meetings" USING btree ("meeting_no");--> statement-breakpoint
CREATE INDEX "certification_meetings_on_idx" ON "certification_meetings" USING btree ("held_on");--> statement-breakpoint
CREATE INDEX "certification_notices_case_idx" ON "certification_notices" USING btree ("case_id","kind");--> statement-breakpoint
CREATE INDEX "certified_persons_person_idx" ON "certified_persons" USING btree ("person_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "certified_persons_case_idx" ON "certified_persons" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "recipient_change_queue_pending_idx" ON "recipient_change_queue" USING btree ("sent_at","queued_on");