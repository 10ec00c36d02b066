CREATE TABLE "certification_case_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"by" integer,
	"at" timestamp with time zone NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"details" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certification_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"applied_on" date NOT NULL,
	"filed_via" text NOT NULL,
	"filed_care_area" text,
	"care_area" text,
	"filed_by" integer,
	"applicant_name" text DEFAULT '' NOT NULL,
	"applicant_relation" text DEFAULT '' NOT NULL,
	"category2" jsonb,
	"urgent_flags" jsonb NOT NULL,
	"priority" smallint NOT NULL,
	"board_required" boolean NOT NULL,
	"transfer_certificate" jsonb,
	"previous_certification_id" integer,
	"previous_level" text,
	"previous_valid_to" date,
	"skip_delay_notice_consent" boolean DEFAULT false NOT NULL,
	"on_hold" boolean DEFAULT false NOT NULL,
	"stage" text NOT NULL,
	"closed_reason" text,
	"note" text DEFAULT '' NOT NULL,
	"row_version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
ALTER TABLE "certification_case_events" ADD CONSTRAINT "certification_case_events_case_id_certification_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."certification_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_cases" ADD CONSTRAINT "certification_cases_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certification_case_events_case_idx" ON "certification_case_events" USING btree ("case_id","on");--> statement-breakpoint
CREATE INDEX "certification_cases_person_idx" ON "certification_cases" USING btree ("person_id","applied_on");--> statement-breakpoint
CREATE INDEX "certification_cases_stage_idx" ON "certification_cases" USING btree ("stage","applied_on");--> statement-breakpoint
CREATE INDEX "certification_cases_care_area_idx" ON "certification_cases" USING btree ("care_area");