CREATE TABLE "premium_relief_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"seqs" jsonb NOT NULL,
	"figures" jsonb NOT NULL,
	"documents" jsonb NOT NULL,
	"received_on" date NOT NULL,
	"requested_deferred_until" date,
	"note" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "premium_relief_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"outcome" text NOT NULL,
	"reduction_amount" integer,
	"deferred_until" date,
	"comment" text NOT NULL,
	"steps" jsonb NOT NULL,
	"assessment_id" integer,
	"decided_on" date NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"decided_by" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "premium_relief_applications" ADD CONSTRAINT "premium_relief_applications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premium_relief_decisions" ADD CONSTRAINT "premium_relief_decisions_application_id_premium_relief_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."premium_relief_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premium_relief_decisions" ADD CONSTRAINT "premium_relief_decisions_assessment_id_premium_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."premium_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "premium_relief_applications_person_idx" ON "premium_relief_applications" USING btree ("person_id","fiscal_year");--> statement-breakpoint
CREATE UNIQUE INDEX "premium_relief_decisions_application_uq" ON "premium_relief_decisions" USING btree ("application_id");