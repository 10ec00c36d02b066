CREATE TABLE "bank_account_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"revision" smallint NOT NULL,
	"person_id" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"bank_code" text NOT NULL,
	"branch_code" text NOT NULL,
	"account_type" text NOT NULL,
	"account_number" text NOT NULL,
	"holder_kana" text NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "direct_debit_request_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"installment_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"account_revision_id" integer NOT NULL,
	"amount" integer NOT NULL,
	"customer_number" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "direct_debit_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"transfer_date" date NOT NULL,
	"issue" smallint NOT NULL,
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"records" integer NOT NULL,
	"total_amount" bigint NOT NULL,
	"reissue_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
ALTER TABLE "bank_account_revisions" ADD CONSTRAINT "bank_account_revisions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_debit_request_items" ADD CONSTRAINT "direct_debit_request_items_request_id_direct_debit_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."direct_debit_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_debit_request_items" ADD CONSTRAINT "direct_debit_request_items_installment_id_premium_installments_id_fk" FOREIGN KEY ("installment_id") REFERENCES "public"."premium_installments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_debit_request_items" ADD CONSTRAINT "direct_debit_request_items_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_debit_request_items" ADD CONSTRAINT "direct_debit_request_items_account_revision_id_bank_account_revisions_id_fk" FOREIGN KEY ("account_revision_id") REFERENCES "public"."bank_account_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_account_revisions_account_revision_uq" ON "bank_account_revisions" USING btree ("account_id","revision");--> statement-breakpoint
CREATE INDEX "bank_account_revisions_person_idx" ON "bank_account_revisions" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "direct_debit_request_items_request_installment_uq" ON "direct_debit_request_items" USING btree ("request_id","installment_id");--> statement-breakpoint
CREATE INDEX "direct_debit_request_items_installment_idx" ON "direct_debit_request_items" USING btree ("installment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "direct_debit_requests_date_issue_uq" ON "direct_debit_requests" USING btree ("transfer_date","issue");