CREATE TABLE "audit_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"user_id" integer,
	"login_id" text,
	"terminal_id" text NOT NULL,
	"action" text NOT NULL,
	"target_ids" jsonb NOT NULL,
	"purpose" text,
	"outcome" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_code" text NOT NULL,
	"postal_code" text NOT NULL,
	"town" text NOT NULL,
	"address" text NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "households_household_code_unique" UNIQUE("household_code")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" serial PRIMARY KEY NOT NULL,
	"resident_code" text NOT NULL,
	"household_id" integer NOT NULL,
	"relationship" text NOT NULL,
	"family_name" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name_kana" text NOT NULL,
	"given_name_kana" text NOT NULL,
	"kana_key" text NOT NULL,
	"name_key" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"phone" text,
	"individual_number" text NOT NULL,
	"insured_number" text,
	"insured_category" smallint,
	"acquired_on" date,
	"is_protected" boolean DEFAULT false NOT NULL,
	"resident_taxable" boolean NOT NULL,
	"total_income" bigint NOT NULL,
	"taxable_pension_income" bigint NOT NULL,
	"pension_and_other_income" bigint NOT NULL,
	"on_public_assistance" boolean NOT NULL,
	"old_age_welfare_pension" boolean NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "persons_resident_code_unique" UNIQUE("resident_code")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"terminal_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"login_id" text NOT NULL,
	"display_name" text NOT NULL,
	"department" text NOT NULL,
	"roles" jsonb NOT NULL,
	"password_hash" text NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_login_id_unique" UNIQUE("login_id")
);
--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "persons_insured_number_uq" ON "persons" USING btree ("insured_number");--> statement-breakpoint
CREATE INDEX "persons_kana_key_idx" ON "persons" USING btree ("kana_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "persons_name_key_idx" ON "persons" USING btree ("name_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "persons_birth_date_idx" ON "persons" USING btree ("birth_date");--> statement-breakpoint
CREATE INDEX "persons_household_idx" ON "persons" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");