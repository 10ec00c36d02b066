CREATE TABLE "audit_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"user_id" integer,
	"login_id" text,
	"terminal_id" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text DEFAULT 'person' NOT NULL,
	"target_ids" jsonb NOT NULL,
	"purpose" text,
	"outcome" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"hash_alg" text DEFAULT 'sha256-v1' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "designations" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	"kind" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" integer NOT NULL,
	"key" text NOT NULL,
	"route" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "login_challenges" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"terminal_id" text NOT NULL,
	"kind" text NOT NULL,
	"pending_secret" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "record_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"entity_id" integer NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" integer,
	"terminal_id" text,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"terminal_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"second_factor" boolean DEFAULT false NOT NULL,
	"step_up_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"login_id" text NOT NULL,
	"display_name" text NOT NULL,
	"department" text NOT NULL,
	"care_area" text,
	"password_hash" text NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"totp_secret" text,
	"totp_enabled_at" timestamp with time zone,
	"totp_last_step" bigint,
	"deactivated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_login_id_unique" UNIQUE("login_id")
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_code" text NOT NULL,
	"postal_code" text NOT NULL,
	"town" text NOT NULL,
	"address" text NOT NULL,
	"care_area" text,
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
CREATE TABLE "eligibility_corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"action" text NOT NULL,
	"target_event_id" integer,
	"proposed" jsonb,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"row_version" integer DEFAULT 1 NOT NULL,
	"proposed_by" integer NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"applied_event_id" integer
);
--> statement-breakpoint
CREATE TABLE "eligibility_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"category" smallint,
	"reason" text NOT NULL,
	"effective_on" date NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"supersedes_id" integer,
	"dedupe_key" text NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "insured_number_issues" (
	"insured_number" text PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_hash" text NOT NULL,
	"file_name" text NOT NULL,
	"encoding" text NOT NULL,
	"records" integer NOT NULL,
	"applied" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" integer,
	CONSTRAINT "intake_files_file_hash_unique" UNIQUE("file_hash")
);
--> statement-breakpoint
CREATE TABLE "intake_records" (
	"record_id" text PRIMARY KEY NOT NULL,
	"file_id" integer NOT NULL,
	"line" integer NOT NULL,
	"kind" text NOT NULL,
	"person_id" integer,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_upload_chunks" (
	"upload_id" integer NOT NULL,
	"chunk_index" integer NOT NULL,
	"content" text NOT NULL,
	"bytes" integer NOT NULL,
	CONSTRAINT "intake_upload_chunks_upload_id_chunk_index_pk" PRIMARY KEY("upload_id","chunk_index")
);
--> statement-breakpoint
CREATE TABLE "intake_uploads" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"total_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"encoding" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_issuances" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"insured_number" text NOT NULL,
	"kind" text NOT NULL,
	"count" integer NOT NULL,
	"reason" text,
	"layout" text NOT NULL,
	"issued_on" date NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" integer
);
--> statement-breakpoint
CREATE TABLE "provisional_card_issuances" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"insured_number" text NOT NULL,
	"kind" text NOT NULL,
	"count" integer NOT NULL,
	"reason" text,
	"application_date" date NOT NULL,
	"valid_until" date NOT NULL,
	"layout" text NOT NULL,
	"issued_on" date NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" integer
);
--> statement-breakpoint
CREATE TABLE "master_change_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"dataset" text NOT NULL,
	"effective_from" date NOT NULL,
	"payload" jsonb NOT NULL,
	"note" text NOT NULL,
	"status" text NOT NULL,
	"proposed_by" integer NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"published_revision" bigint
);
--> statement-breakpoint
CREATE TABLE "master_datasets" (
	"name" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"category" text NOT NULL,
	"source" text NOT NULL,
	"sample" boolean DEFAULT false NOT NULL,
	"unverified" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "master_rows" (
	"dataset" text NOT NULL,
	"key" text COLLATE "C" NOT NULL,
	"revision" bigint NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"payload" text,
	"row_hash" text,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "master_rows_pk" PRIMARY KEY("dataset","key","revision")
);
--> statement-breakpoint
CREATE TABLE "master_versions" (
	"revision" bigserial PRIMARY KEY NOT NULL,
	"dataset" text NOT NULL,
	"version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"row_count" integer NOT NULL,
	"changed_rows" integer NOT NULL,
	"reason" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" integer,
	"change_request_id" integer
);
--> statement-breakpoint
CREATE TABLE "export_ledger" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"exported_at" timestamp with time zone NOT NULL,
	"handler_login" text NOT NULL,
	"handler_name" text NOT NULL,
	"approver_login" text NOT NULL,
	"approver_name" text NOT NULL,
	"purpose" text NOT NULL,
	"record_types" jsonb NOT NULL,
	"person_count" integer NOT NULL,
	"record_count" integer NOT NULL,
	"file_sha256" text NOT NULL,
	"destination" text NOT NULL,
	"terminal_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "export_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"requested_by" integer NOT NULL,
	"requested_login" text NOT NULL,
	"requested_name" text NOT NULL,
	"terminal_id" text NOT NULL,
	"purpose" text NOT NULL,
	"record_types" jsonb NOT NULL,
	"person_ids" jsonb NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"approved_by" integer,
	"approved_login" text,
	"approved_name" text,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "designations" ADD CONSTRAINT "designations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "login_challenges" ADD CONSTRAINT "login_challenges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_corrections" ADD CONSTRAINT "eligibility_corrections_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_corrections" ADD CONSTRAINT "eligibility_corrections_target_event_id_eligibility_events_id_fk" FOREIGN KEY ("target_event_id") REFERENCES "public"."eligibility_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_corrections" ADD CONSTRAINT "eligibility_corrections_applied_event_id_eligibility_events_id_fk" FOREIGN KEY ("applied_event_id") REFERENCES "public"."eligibility_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_events" ADD CONSTRAINT "eligibility_events_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_records" ADD CONSTRAINT "intake_records_file_id_intake_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."intake_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_upload_chunks" ADD CONSTRAINT "intake_upload_chunks_upload_id_intake_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."intake_uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_issuances" ADD CONSTRAINT "card_issuances_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisional_card_issuances" ADD CONSTRAINT "provisional_card_issuances_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "master_rows" ADD CONSTRAINT "master_rows_revision_master_versions_revision_fk" FOREIGN KEY ("revision") REFERENCES "public"."master_versions"("revision") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "master_versions" ADD CONSTRAINT "master_versions_dataset_master_datasets_name_fk" FOREIGN KEY ("dataset") REFERENCES "public"."master_datasets"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "designations_user_idx" ON "designations" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_versions_entity_version_uq" ON "record_versions" USING btree ("entity","entity_id","version");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "households_care_area_idx" ON "households" USING btree ("care_area");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_insured_number_uq" ON "persons" USING btree ("insured_number");--> statement-breakpoint
CREATE INDEX "persons_kana_key_idx" ON "persons" USING btree ("kana_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "persons_name_key_idx" ON "persons" USING btree ("name_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "persons_birth_date_idx" ON "persons" USING btree ("birth_date");--> statement-breakpoint
CREATE INDEX "persons_household_idx" ON "persons" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "eligibility_corrections_person_idx" ON "eligibility_corrections" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "eligibility_corrections_status_idx" ON "eligibility_corrections" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "eligibility_events_dedupe_uq" ON "eligibility_events" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "eligibility_events_person_idx" ON "eligibility_events" USING btree ("person_id","effective_on");--> statement-breakpoint
CREATE INDEX "master_change_requests_status_idx" ON "master_change_requests" USING btree ("status");--> statement-breakpoint
CREATE INDEX "master_rows_dataset_revision_idx" ON "master_rows" USING btree ("dataset","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "master_versions_dataset_version_uq" ON "master_versions" USING btree ("dataset","version");--> statement-breakpoint
CREATE UNIQUE INDEX "export_ledger_request_uq" ON "export_ledger" USING btree ("request_id");