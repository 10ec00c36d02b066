CREATE TABLE "benefit_record_details" (
	"id" serial PRIMARY KEY NOT NULL,
	"record_id" integer NOT NULL,
	"line" integer NOT NULL,
	"service_type" text NOT NULL,
	"service_item" text NOT NULL,
	"unit_value" integer,
	"days_or_times" integer,
	"units" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefit_record_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"processing_month" text NOT NULL,
	"insurer_number" text NOT NULL,
	"file_control_number" text NOT NULL,
	"control_record_count" integer NOT NULL,
	"claim_count" integer NOT NULL,
	"detail_count" integer NOT NULL,
	"raw_count" integer NOT NULL,
	"total_units" bigint NOT NULL,
	"total_cost" bigint NOT NULL,
	"total_insurer_share" bigint NOT NULL,
	"total_copay" bigint NOT NULL,
	"total_public_expense" bigint NOT NULL,
	"duplicate_count" integer NOT NULL,
	"work_count" integer NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"imported_by" integer
);
--> statement-breakpoint
CREATE TABLE "benefit_record_raw" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_id" integer NOT NULL,
	"line" integer NOT NULL,
	"record_kind_code" text NOT NULL,
	"claim_key" text NOT NULL,
	"insured_number" text NOT NULL,
	"service_month" text NOT NULL,
	"fields" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "benefit_record_work_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"record_id" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"row_version" smallint NOT NULL,
	"note" text,
	"decided_at" timestamp with time zone,
	"decided_by" integer
);
--> statement-breakpoint
CREATE TABLE "benefit_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_id" integer NOT NULL,
	"line" integer NOT NULL,
	"record_key" text NOT NULL,
	"claim_key" text NOT NULL,
	"person_id" integer,
	"insured_number" text NOT NULL,
	"card_insurer_number" text NOT NULL,
	"service_month" text NOT NULL,
	"provider_number" text NOT NULL,
	"exchange_id" text NOT NULL,
	"input_id" text NOT NULL,
	"serial_number" text,
	"create_kind" text NOT NULL,
	"benefit_kind" text NOT NULL,
	"care_level" text,
	"service_type" text,
	"review_month" text,
	"units" bigint NOT NULL,
	"cost" bigint NOT NULL,
	"insurer_share" bigint NOT NULL,
	"copay" bigint NOT NULL,
	"public_expense" bigint NOT NULL,
	"facility_relief" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "benefit_record_details" ADD CONSTRAINT "benefit_record_details_record_id_benefit_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."benefit_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_record_raw" ADD CONSTRAINT "benefit_record_raw_file_id_benefit_record_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."benefit_record_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_record_work_items" ADD CONSTRAINT "benefit_record_work_items_record_id_benefit_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."benefit_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_records" ADD CONSTRAINT "benefit_records_file_id_benefit_record_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."benefit_record_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_records" ADD CONSTRAINT "benefit_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "benefit_record_details_record_idx" ON "benefit_record_details" USING btree ("record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_record_files_sha256_uq" ON "benefit_record_files" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_record_raw_file_line_uq" ON "benefit_record_raw" USING btree ("file_id","line");--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_record_work_items_record_uq" ON "benefit_record_work_items" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "benefit_record_work_items_status_idx" ON "benefit_record_work_items" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_records_record_key_uq" ON "benefit_records" USING btree ("record_key");--> statement-breakpoint
CREATE INDEX "benefit_records_person_month_idx" ON "benefit_records" USING btree ("person_id","service_month");--> statement-breakpoint
CREATE INDEX "benefit_records_month_idx" ON "benefit_records" USING btree ("service_month");--> statement-breakpoint
CREATE INDEX "benefit_records_claim_idx" ON "benefit_records" USING btree ("claim_key");