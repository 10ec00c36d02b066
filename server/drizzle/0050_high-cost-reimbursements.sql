CREATE TABLE "high_cost_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"received_on" date NOT NULL,
	"idempotency_key" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer NOT NULL,
	CONSTRAINT "high_cost_applications_person_id_unique" UNIQUE("person_id"),
	CONSTRAINT "high_cost_applications_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "high_cost_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"service_month" text NOT NULL,
	"copay" bigint NOT NULL,
	"household_cap" integer NOT NULL,
	"individual_cap" integer,
	"individual_part" bigint NOT NULL,
	"household_part" bigint NOT NULL,
	"refund" bigint NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "high_cost_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_month" text NOT NULL,
	"status" text NOT NULL,
	"persons" integer NOT NULL,
	"total_refund" bigint NOT NULL,
	"lines" jsonb NOT NULL,
	"idempotency_key" text NOT NULL,
	"prepared_at" timestamp with time zone NOT NULL,
	"prepared_by" integer NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" integer,
	"committed_at" timestamp with time zone,
	"row_version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "high_cost_runs_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "reimbursement_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"service_on" date NOT NULL,
	"cost" bigint NOT NULL,
	"dwelling" text,
	"care_level" text,
	"prior_application_on" date,
	"received_on" date NOT NULL,
	"idempotency_key" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer NOT NULL,
	CONSTRAINT "reimbursement_applications_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "reimbursement_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"outcome" text NOT NULL,
	"covered_cost" bigint NOT NULL,
	"insurer_share" bigint NOT NULL,
	"copay_rate" smallint NOT NULL,
	"reason" text,
	"idempotency_key" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"decided_by" integer NOT NULL,
	CONSTRAINT "reimbursement_decisions_application_id_unique" UNIQUE("application_id"),
	CONSTRAINT "reimbursement_decisions_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "high_cost_applications" ADD CONSTRAINT "high_cost_applications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "high_cost_decisions" ADD CONSTRAINT "high_cost_decisions_run_id_high_cost_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."high_cost_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "high_cost_decisions" ADD CONSTRAINT "high_cost_decisions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reimbursement_applications" ADD CONSTRAINT "reimbursement_applications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reimbursement_decisions" ADD CONSTRAINT "reimbursement_decisions_application_id_reimbursement_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."reimbursement_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "high_cost_decisions_person_month_uq" ON "high_cost_decisions" USING btree ("person_id","service_month");--> statement-breakpoint
CREATE INDEX "high_cost_runs_month_idx" ON "high_cost_runs" USING btree ("service_month");--> statement-breakpoint
CREATE INDEX "reimbursement_applications_person_idx" ON "reimbursement_applications" USING btree ("person_id");