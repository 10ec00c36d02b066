CREATE TABLE "premium_assessments" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"version" smallint NOT NULL,
	"reason" text NOT NULL,
	"stage_1" smallint,
	"stage_1_from" text,
	"stage_1_to" text,
	"stage_1_months" smallint,
	"stage_1_amount" integer,
	"stage_2" smallint,
	"stage_2_from" text,
	"stage_2_to" text,
	"stage_2_months" smallint,
	"stage_2_amount" integer,
	"liable_months" smallint NOT NULL,
	"annual_amount" integer NOT NULL,
	"overpaid_amount" integer NOT NULL,
	"table_version" text NOT NULL,
	"tax_record_id" integer,
	"explanation" jsonb NOT NULL,
	"assessed_on" date NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL,
	"assessed_by" integer
);
--> statement-breakpoint
CREATE TABLE "premium_installments" (
	"id" serial PRIMARY KEY NOT NULL,
	"assessment_id" integer NOT NULL,
	"method" text NOT NULL,
	"seq" smallint NOT NULL,
	"period" text NOT NULL,
	"amount" integer NOT NULL,
	"due_date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_tax_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_hash" text NOT NULL,
	"file_name" text NOT NULL,
	"encoding" text NOT NULL,
	"records" integer NOT NULL,
	"applied" integer NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"imported_by" integer,
	CONSTRAINT "resident_tax_files_file_hash_unique" UNIQUE("file_hash")
);
--> statement-breakpoint
CREATE TABLE "resident_tax_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"revision" smallint NOT NULL,
	"taxable" boolean NOT NULL,
	"total_income" bigint NOT NULL,
	"public_pension_income" bigint NOT NULL,
	"pension_misc_income" bigint NOT NULL,
	"salary_income" bigint NOT NULL,
	"tax_exempt_pension" boolean NOT NULL,
	"corrected_on" date,
	"source_file_id" integer NOT NULL,
	"source_line" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "welfare_statuses" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"source_file_id" integer NOT NULL,
	"source_line" integer NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "premium_assessments" ADD CONSTRAINT "premium_assessments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premium_assessments" ADD CONSTRAINT "premium_assessments_tax_record_id_resident_tax_records_id_fk" FOREIGN KEY ("tax_record_id") REFERENCES "public"."resident_tax_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premium_installments" ADD CONSTRAINT "premium_installments_assessment_id_premium_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."premium_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_tax_records" ADD CONSTRAINT "resident_tax_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_tax_records" ADD CONSTRAINT "resident_tax_records_source_file_id_resident_tax_files_id_fk" FOREIGN KEY ("source_file_id") REFERENCES "public"."resident_tax_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "welfare_statuses" ADD CONSTRAINT "welfare_statuses_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "welfare_statuses" ADD CONSTRAINT "welfare_statuses_source_file_id_resident_tax_files_id_fk" FOREIGN KEY ("source_file_id") REFERENCES "public"."resident_tax_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "premium_assessments_person_year_version_uq" ON "premium_assessments" USING btree ("person_id","fiscal_year","version");--> statement-breakpoint
CREATE UNIQUE INDEX "premium_installments_assessment_seq_uq" ON "premium_installments" USING btree ("assessment_id","method","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_tax_records_person_year_rev_uq" ON "resident_tax_records" USING btree ("person_id","fiscal_year","revision");--> statement-breakpoint
CREATE INDEX "welfare_statuses_person_idx" ON "welfare_statuses" USING btree ("person_id","kind");