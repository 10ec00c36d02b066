CREATE TABLE "dunning_run_items" (
	"run_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"method" text NOT NULL,
	"installment_seq" smallint NOT NULL,
	"due_date" date NOT NULL,
	"balance" integer NOT NULL,
	"limitation_end" date NOT NULL,
	"late" smallint NOT NULL,
	CONSTRAINT "dunning_run_items_run_id_person_id_fiscal_year_method_installment_seq_pk" PRIMARY KEY("run_id","person_id","fiscal_year","method","installment_seq")
);
--> statement-breakpoint
CREATE TABLE "dunning_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"as_of" date NOT NULL,
	"deadline" date,
	"fee_per_notice" integer NOT NULL,
	"persons" integer NOT NULL,
	"installments" integer NOT NULL,
	"total_amount" bigint NOT NULL,
	"late_notices" integer NOT NULL,
	"fingerprint" text NOT NULL,
	"prepared_by" integer NOT NULL,
	"prepared_name" text NOT NULL,
	"prepared_at" timestamp with time zone NOT NULL,
	"approved_by" integer,
	"approved_name" text,
	"approved_at" timestamp with time zone,
	"rejected_by" integer,
	"rejected_name" text,
	"rejected_at" timestamp with time zone,
	"rejection_reason" text,
	"committed_at" timestamp with time zone,
	"committed_by" integer
);
--> statement-breakpoint
CREATE TABLE "collection_limitation_renewals" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"method" text NOT NULL,
	"installment_seq" smallint NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"renewed_on" date NOT NULL,
	"source" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
ALTER TABLE "dunning_run_items" ADD CONSTRAINT "dunning_run_items_run_id_dunning_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."dunning_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dunning_run_items" ADD CONSTRAINT "dunning_run_items_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_limitation_renewals" ADD CONSTRAINT "collection_limitation_renewals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dunning_run_items_person_idx" ON "dunning_run_items" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "dunning_runs_kind_idx" ON "dunning_runs" USING btree ("kind","status");--> statement-breakpoint
CREATE UNIQUE INDEX "collection_limitation_renewals_key_uq" ON "collection_limitation_renewals" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "collection_limitation_renewals_installment_idx" ON "collection_limitation_renewals" USING btree ("person_id","fiscal_year","method","installment_seq");