CREATE TABLE "certification_surveys" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"mode" text NOT NULL,
	"office_number" text,
	"office_name" text NOT NULL,
	"surveyor_name" text NOT NULL,
	"assigned_on" date NOT NULL,
	"due_on" date NOT NULL,
	"visit_on" date,
	"visit_time" text,
	"visit_place" text,
	"reminder_count" smallint DEFAULT 0 NOT NULL,
	"last_reminder_on" date,
	"draft" jsonb NOT NULL,
	"draft_saved_at" timestamp with time zone,
	"submitted" jsonb,
	"submitted_on" date,
	"warnings" jsonb NOT NULL,
	"fee" integer,
	"row_version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "certification_opinions" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"clinic_name" text NOT NULL,
	"doctor_name" text NOT NULL,
	"designated_doctor" boolean NOT NULL,
	"requested_on" date NOT NULL,
	"due_on" date NOT NULL,
	"reminder_on" date NOT NULL,
	"reminder_count" smallint DEFAULT 0 NOT NULL,
	"last_reminder_on" date,
	"received_on" date,
	"channel" text,
	"opinion" jsonb,
	"place" text,
	"round" text,
	"fee" integer,
	"fee_code" text,
	"row_version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "basic_checklists" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"answered_on" date NOT NULL,
	"answers" jsonb NOT NULL,
	"height_cm" real,
	"weight_kg" real,
	"criteria" jsonb NOT NULL,
	"program_eligible" boolean NOT NULL,
	"care_area" text,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_participants" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"checklist_id" integer NOT NULL,
	"valid_from" date NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"care_area" text,
	"row_version" integer NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certification_surveys" ADD CONSTRAINT "certification_surveys_case_id_certification_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."certification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_opinions" ADD CONSTRAINT "certification_opinions_case_id_certification_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."certification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "basic_checklists" ADD CONSTRAINT "basic_checklists_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_participants" ADD CONSTRAINT "program_participants_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_participants" ADD CONSTRAINT "program_participants_checklist_id_basic_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."basic_checklists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certification_surveys_case_uq" ON "certification_surveys" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certification_opinions_case_uq" ON "certification_opinions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "basic_checklists_person_idx" ON "basic_checklists" USING btree ("person_id","answered_on");--> statement-breakpoint
CREATE INDEX "program_participants_person_idx" ON "program_participants" USING btree ("person_id","valid_from");