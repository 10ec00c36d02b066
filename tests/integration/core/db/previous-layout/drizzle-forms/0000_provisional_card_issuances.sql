CREATE TABLE "provisional_card_issuances" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"insured_number" text NOT NULL,
	"kind" text NOT NULL,
	"count" integer NOT NULL,
	"reason" text,
	"application_date" date NOT NULL,
	"valid_until" date NOT NULL,
	"layout" text NOT NULL,
	"issued_on" date NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" integer
);
--> statement-breakpoint
ALTER TABLE "provisional_card_issuances" ADD CONSTRAINT "provisional_card_issuances_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;