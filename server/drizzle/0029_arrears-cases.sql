CREATE TABLE "arrears_contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"note" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer NOT NULL,
	CONSTRAINT "arrears_contacts_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "arrears_plan_ends" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"ended_on" date NOT NULL,
	"reason" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer NOT NULL,
	CONSTRAINT "arrears_plan_ends_plan_id_unique" UNIQUE("plan_id")
);
--> statement-breakpoint
CREATE TABLE "arrears_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"agreed_on" date NOT NULL,
	"debt" integer NOT NULL,
	"covers" jsonb NOT NULL,
	"instalments" jsonb NOT NULL,
	"paid_at_agreement" integer NOT NULL,
	"note" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer NOT NULL,
	CONSTRAINT "arrears_plans_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "arrears_property_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"recorded_on" date NOT NULL,
	"found" text NOT NULL,
	"decision" text NOT NULL,
	"amount" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer NOT NULL,
	CONSTRAINT "arrears_property_records_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "benefit_restriction_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"measure" text NOT NULL,
	"step" text NOT NULL,
	"step_on" date NOT NULL,
	"until_on" date,
	"reduction_months" integer,
	"note" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer NOT NULL,
	CONSTRAINT "benefit_restriction_steps_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "arrears_contacts" ADD CONSTRAINT "arrears_contacts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_plan_ends" ADD CONSTRAINT "arrears_plan_ends_plan_id_arrears_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."arrears_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_plans" ADD CONSTRAINT "arrears_plans_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_property_records" ADD CONSTRAINT "arrears_property_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_restriction_steps" ADD CONSTRAINT "benefit_restriction_steps_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arrears_contacts_person_idx" ON "arrears_contacts" USING btree ("person_id","occurred_on");--> statement-breakpoint
CREATE INDEX "arrears_plans_person_idx" ON "arrears_plans" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "arrears_property_records_person_idx" ON "arrears_property_records" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "benefit_restriction_steps_person_idx" ON "benefit_restriction_steps" USING btree ("person_id","id");