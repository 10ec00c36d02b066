CREATE TABLE "migration_loaded_assessment" (
	"extract_id" integer NOT NULL,
	"line" integer NOT NULL,
	"insured_number" text,
	"person_id" text,
	"fiscal_year" integer,
	"stage" integer,
	"months" integer,
	"annual_amount" bigint,
	"collection_method" text,
	CONSTRAINT "migration_loaded_assessment_extract_id_line_pk" PRIMARY KEY("extract_id","line")
);
--> statement-breakpoint
CREATE TABLE "migration_loaded_certification" (
	"extract_id" integer NOT NULL,
	"line" integer NOT NULL,
	"insured_number" text,
	"person_id" text,
	"history_no" integer,
	"applied_on" date,
	"decided_on" date,
	"care_level" text,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "migration_loaded_certification_extract_id_line_pk" PRIMARY KEY("extract_id","line")
);
--> statement-breakpoint
CREATE TABLE "migration_loaded_insured" (
	"extract_id" integer NOT NULL,
	"line" integer NOT NULL,
	"insured_number" text,
	"person_id" text,
	"history_no" integer,
	"valid_from" date,
	"valid_to" date,
	"insured_category" text,
	"residence_exception" text,
	"acquired_on" date,
	"acquisition_reason" text,
	"lost_on" date,
	"loss_reason" text,
	CONSTRAINT "migration_loaded_insured_extract_id_line_pk" PRIMARY KEY("extract_id","line")
);
--> statement-breakpoint
CREATE TABLE "migration_loaded_mailing_address" (
	"extract_id" integer NOT NULL,
	"line" integer NOT NULL,
	"person_id" text,
	"history_no" integer,
	"valid_from" date,
	"valid_to" date,
	"recipient_name" text,
	"postal_code" text,
	"address" text,
	CONSTRAINT "migration_loaded_mailing_address_extract_id_line_pk" PRIMARY KEY("extract_id","line")
);
--> statement-breakpoint
CREATE TABLE "migration_loaded_payment" (
	"extract_id" integer NOT NULL,
	"line" integer NOT NULL,
	"person_id" text,
	"fiscal_year" integer,
	"installment" integer,
	"due_date" date,
	"paid_on" date,
	"amount" bigint,
	"channel" text,
	CONSTRAINT "migration_loaded_payment_extract_id_line_pk" PRIMARY KEY("extract_id","line")
);
--> statement-breakpoint
CREATE TABLE "migration_loaded_person" (
	"extract_id" integer NOT NULL,
	"line" integer NOT NULL,
	"person_id" text,
	"history_no" integer,
	"valid_from" date,
	"valid_to" date,
	"household_id" text,
	"family_name" text,
	"given_name" text,
	"family_name_kana" text,
	"given_name_kana" text,
	"birth_date" date,
	"sex" text,
	"postal_code" text,
	"address" text,
	"died_on" date,
	"protection" text,
	CONSTRAINT "migration_loaded_person_extract_id_line_pk" PRIMARY KEY("extract_id","line")
);
--> statement-breakpoint
ALTER TABLE "migration_reconciliation_reports" ADD COLUMN "against" text DEFAULT 'extract' NOT NULL;