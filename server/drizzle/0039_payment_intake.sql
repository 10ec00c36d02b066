CREATE TABLE "payment_intake_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"line_count" integer NOT NULL,
	"applied_count" integer NOT NULL,
	"applied_amount" bigint NOT NULL,
	"work_count" integer NOT NULL,
	"work_amount" bigint NOT NULL,
	"not_transferred_count" integer NOT NULL,
	"already_counted_count" integer NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"imported_by" integer
);
--> statement-breakpoint
CREATE TABLE "payment_intake_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_id" integer NOT NULL,
	"line" integer NOT NULL,
	"channel" text NOT NULL,
	"receipt_key" text NOT NULL,
	"insured_number" text NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"installment_seq" smallint NOT NULL,
	"amount" integer NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text NOT NULL,
	"detail" text NOT NULL,
	"person_id" integer,
	"method" text,
	"outcome" text NOT NULL,
	"reason" text,
	"message" text
);
--> statement-breakpoint
CREATE TABLE "payment_work_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"line_id" integer NOT NULL,
	"status" text NOT NULL,
	"row_version" integer NOT NULL,
	"person_id" integer,
	"fiscal_year" smallint,
	"method" text,
	"installment_seq" smallint,
	"note" text,
	"decided_at" timestamp with time zone,
	"decided_by" integer
);
--> statement-breakpoint
ALTER TABLE "payment_intake_lines" ADD CONSTRAINT "payment_intake_lines_file_id_payment_intake_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."payment_intake_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_intake_lines" ADD CONSTRAINT "payment_intake_lines_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_work_items" ADD CONSTRAINT "payment_work_items_line_id_payment_intake_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."payment_intake_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_work_items" ADD CONSTRAINT "payment_work_items_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_intake_files_sha256_uq" ON "payment_intake_files" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_intake_lines_file_line_uq" ON "payment_intake_lines" USING btree ("file_id","line");--> statement-breakpoint
CREATE INDEX "payment_intake_lines_receipt_idx" ON "payment_intake_lines" USING btree ("receipt_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_work_items_line_uq" ON "payment_work_items" USING btree ("line_id");--> statement-breakpoint
CREATE INDEX "payment_work_items_status_idx" ON "payment_work_items" USING btree ("status");