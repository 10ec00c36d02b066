CREATE TABLE "eligibility_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"category" smallint,
	"reason" text NOT NULL,
	"effective_on" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"supersedes_id" integer,
	"dedupe_key" text NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "insured_number_issues" (
	"insured_number" text PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "eligibility_events" ADD CONSTRAINT "eligibility_events_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "eligibility_events_dedupe_uq" ON "eligibility_events" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "eligibility_events_person_idx" ON "eligibility_events" USING btree ("person_id","effective_on");