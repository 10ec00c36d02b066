CREATE TABLE "pension_exchange_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"file_kind" text NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"file_hash" text NOT NULL,
	"file_name" text NOT NULL,
	"records" integer NOT NULL,
	"matched" integer NOT NULL,
	"unmatched" integer NOT NULL,
	"content" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	CONSTRAINT "pension_exchange_files_file_hash_unique" UNIQUE("file_hash")
);
--> statement-breakpoint
CREATE TABLE "pension_withholding_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_id" integer NOT NULL,
	"record_number" integer NOT NULL,
	"person_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"notice_code" text NOT NULL,
	"category" text NOT NULL,
	"withholder_code" text NOT NULL,
	"basic_pension_number" text NOT NULL,
	"pension_code" text NOT NULL,
	"period" text NOT NULL,
	"amount" integer NOT NULL,
	"notice_date" date
);
--> statement-breakpoint
CREATE TABLE "pension_withholding_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_id" integer NOT NULL,
	"record_number" integer NOT NULL,
	"person_id" integer,
	"unmatched_reason" text,
	"fiscal_year" smallint NOT NULL,
	"period" text NOT NULL,
	"paid_on" date NOT NULL,
	"withholder_code" text NOT NULL,
	"basic_pension_number" text NOT NULL,
	"pension_code" text NOT NULL,
	"reason_code" text NOT NULL,
	"result_code" text,
	"withheld" boolean NOT NULL,
	"amount" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pension_withholding_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_id" integer NOT NULL,
	"record_number" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"person_id" integer,
	"matched_by" text,
	"unmatched_reason" text,
	"notice_code" text NOT NULL,
	"category" text NOT NULL,
	"municipality_code" text NOT NULL,
	"withholder_code" text NOT NULL,
	"basic_pension_number" text NOT NULL,
	"pension_code" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"kana_name" text NOT NULL,
	"kanji_name" text NOT NULL,
	"postal_code" text,
	"kanji_address" text NOT NULL,
	"notice_date" date,
	"pension_amount" bigint NOT NULL,
	"amount_2" bigint NOT NULL,
	"amount_3" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pension_withholding_requests" ADD CONSTRAINT "pension_withholding_requests_file_id_pension_exchange_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."pension_exchange_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pension_withholding_requests" ADD CONSTRAINT "pension_withholding_requests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pension_withholding_results" ADD CONSTRAINT "pension_withholding_results_file_id_pension_exchange_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."pension_exchange_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pension_withholding_results" ADD CONSTRAINT "pension_withholding_results_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pension_withholding_targets" ADD CONSTRAINT "pension_withholding_targets_file_id_pension_exchange_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."pension_exchange_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pension_withholding_targets" ADD CONSTRAINT "pension_withholding_targets_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pension_withholding_requests_person_year_idx" ON "pension_withholding_requests" USING btree ("person_id","fiscal_year");--> statement-breakpoint
CREATE UNIQUE INDEX "pension_withholding_results_file_record_uq" ON "pension_withholding_results" USING btree ("file_id","record_number");--> statement-breakpoint
CREATE INDEX "pension_withholding_results_person_year_idx" ON "pension_withholding_results" USING btree ("person_id","fiscal_year");--> statement-breakpoint
CREATE UNIQUE INDEX "pension_withholding_targets_file_record_uq" ON "pension_withholding_targets" USING btree ("file_id","record_number");--> statement-breakpoint
CREATE INDEX "pension_withholding_targets_year_person_idx" ON "pension_withholding_targets" USING btree ("fiscal_year","person_id");--> statement-breakpoint
CREATE INDEX "pension_withholding_targets_pension_number_idx" ON "pension_withholding_targets" USING btree ("basic_pension_number");