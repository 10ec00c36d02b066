CREATE TABLE "recipient_care_plan_notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"plan_kind" text NOT NULL,
	"provider_number" text,
	"provider_name" text,
	"notified_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"row_version" integer DEFAULT 1 NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "recipient_copay_periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"ratio" smallint NOT NULL,
	"reason" text NOT NULL,
	"run_id" integer,
	"basis" jsonb NOT NULL,
	"note" text,
	"decided_on" date NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "recipient_copay_reductions" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"rate_percent" smallint,
	"applied_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"decided_on" date,
	"decided_by" integer,
	"decision_note" text,
	"row_version" integer DEFAULT 1 NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "recipient_copay_run_results" (
	"run_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"ratio" smallint NOT NULL,
	"old_ratio" smallint,
	"basis" jsonb NOT NULL,
	CONSTRAINT "recipient_copay_run_results_run_id_person_id_pk" PRIMARY KEY("run_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "recipient_copay_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"year_start" date NOT NULL,
	"status" text NOT NULL,
	"as_of" date NOT NULL,
	"inputs_fingerprint" text NOT NULL,
	"persons" integer NOT NULL,
	"changed" integer NOT NULL,
	"by_ratio" jsonb NOT NULL,
	"prepared_by" integer NOT NULL,
	"prepared_name" text NOT NULL,
	"prepared_at" timestamp with time zone NOT NULL,
	"approved_by" integer,
	"approved_name" text,
	"approved_at" timestamp with time zone,
	"rejected_by" integer,
	"rejection_reason" text,
	"rejected_at" timestamp with time zone,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "recipient_relief_certifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"applied_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"savings" bigint NOT NULL,
	"married" boolean NOT NULL,
	"spouse_taxable" boolean NOT NULL,
	"stage" text,
	"basis" jsonb NOT NULL,
	"status" text NOT NULL,
	"decided_on" date,
	"decided_by" integer,
	"decision_note" text,
	"row_version" integer DEFAULT 1 NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
ALTER TABLE "recipient_care_plan_notifications" ADD CONSTRAINT "recipient_care_plan_notifications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_copay_periods" ADD CONSTRAINT "recipient_copay_periods_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_copay_periods" ADD CONSTRAINT "recipient_copay_periods_run_id_recipient_copay_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."recipient_copay_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_copay_reductions" ADD CONSTRAINT "recipient_copay_reductions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_copay_run_results" ADD CONSTRAINT "recipient_copay_run_results_run_id_recipient_copay_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."recipient_copay_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_copay_run_results" ADD CONSTRAINT "recipient_copay_run_results_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_relief_certifications" ADD CONSTRAINT "recipient_relief_certifications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recipient_care_plan_person_idx" ON "recipient_care_plan_notifications" USING btree ("person_id","valid_from");--> statement-breakpoint
CREATE INDEX "recipient_copay_periods_person_idx" ON "recipient_copay_periods" USING btree ("person_id","valid_from");--> statement-breakpoint
CREATE INDEX "recipient_copay_reductions_person_idx" ON "recipient_copay_reductions" USING btree ("person_id","valid_from");--> statement-breakpoint
CREATE INDEX "recipient_relief_person_idx" ON "recipient_relief_certifications" USING btree ("person_id","valid_from");