CREATE TABLE "premium_batch_chunks" (
	"run_id" integer NOT NULL,
	"chunk" integer NOT NULL,
	"persons" integer NOT NULL,
	"written" integer NOT NULL,
	"skipped" integer NOT NULL,
	"results_hash" text NOT NULL,
	"committed_at" timestamp with time zone NOT NULL,
	"committed_by" integer,
	CONSTRAINT "premium_batch_chunks_run_id_chunk_pk" PRIMARY KEY("run_id","chunk")
);
--> statement-breakpoint
CREATE TABLE "premium_batch_results" (
	"run_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"chunk" integer NOT NULL,
	"base_assessment_id" integer,
	"old_annual" integer,
	"old_stage" smallint,
	"old_installments_total" integer,
	"new_stage" smallint,
	"new_installments_total" integer NOT NULL,
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
	"installments" jsonb NOT NULL,
	CONSTRAINT "premium_batch_results_run_id_person_id_pk" PRIMARY KEY("run_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "premium_batch_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"status" text NOT NULL,
	"as_of" date NOT NULL,
	"table_version" text NOT NULL,
	"inputs_fingerprint" text NOT NULL,
	"chunk_hashes" jsonb NOT NULL,
	"seen_event_id" integer NOT NULL,
	"seen_tax_record_id" integer NOT NULL,
	"seen_welfare_id" integer NOT NULL,
	"persons" integer NOT NULL,
	"new_versions" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"changed" integer NOT NULL,
	"refused" integer NOT NULL,
	"total_amount" bigint NOT NULL,
	"difference_amount" bigint NOT NULL,
	"by_stage" jsonb NOT NULL,
	"refused_list" jsonb NOT NULL,
	"prepared_by" integer NOT NULL,
	"prepared_login" text NOT NULL,
	"prepared_name" text NOT NULL,
	"prepared_at" timestamp with time zone NOT NULL,
	"approved_by" integer,
	"approved_name" text,
	"approved_at" timestamp with time zone,
	"rejected_by" integer,
	"rejected_name" text,
	"rejected_at" timestamp with time zone,
	"rejection_reason" text,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "premium_batch_chunks" ADD CONSTRAINT "premium_batch_chunks_run_id_premium_batch_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."premium_batch_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premium_batch_results" ADD CONSTRAINT "premium_batch_results_run_id_premium_batch_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."premium_batch_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premium_batch_results" ADD CONSTRAINT "premium_batch_results_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premium_batch_results" ADD CONSTRAINT "premium_batch_results_base_assessment_id_premium_assessments_id_fk" FOREIGN KEY ("base_assessment_id") REFERENCES "public"."premium_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "premium_batch_results" ADD CONSTRAINT "premium_batch_results_tax_record_id_resident_tax_records_id_fk" FOREIGN KEY ("tax_record_id") REFERENCES "public"."resident_tax_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "premium_batch_results_chunk_idx" ON "premium_batch_results" USING btree ("run_id","chunk");--> statement-breakpoint
CREATE INDEX "premium_batch_runs_year_idx" ON "premium_batch_runs" USING btree ("fiscal_year","status");