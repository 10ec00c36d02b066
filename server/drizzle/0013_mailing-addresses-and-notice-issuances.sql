CREATE TABLE "mailing_addresses" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"recipient_name" text NOT NULL,
	"care_of" text,
	"postal_code" text NOT NULL,
	"mailing_address" text NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"supersedes_id" integer,
	"withdrawn" boolean DEFAULT false NOT NULL,
	"end_reason" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "notice_issuances" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"assessment_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"version" smallint NOT NULL,
	"kind" text NOT NULL,
	"installment_seq" smallint,
	"batch_id" text,
	"address_source" text NOT NULL,
	"mailing_address_id" integer,
	"recipient_name" text NOT NULL,
	"postal_code" text,
	"address" text,
	"issued_on" date NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" integer
);
--> statement-breakpoint
ALTER TABLE "mailing_addresses" ADD CONSTRAINT "mailing_addresses_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_issuances" ADD CONSTRAINT "notice_issuances_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_issuances" ADD CONSTRAINT "notice_issuances_assessment_id_premium_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."premium_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_issuances" ADD CONSTRAINT "notice_issuances_mailing_address_id_mailing_addresses_id_fk" FOREIGN KEY ("mailing_address_id") REFERENCES "public"."mailing_addresses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mailing_addresses_person_idx" ON "mailing_addresses" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "notice_issuances_person_idx" ON "notice_issuances" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "notice_issuances_batch_idx" ON "notice_issuances" USING btree ("batch_id");