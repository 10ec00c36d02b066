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
ALTER TABLE "master_rows" ADD CONSTRAINT "master_rows_revision_master_versions_revision_fk" FOREIGN KEY ("revision") REFERENCES "public"."master_versions"("revision") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "master_versions" ADD CONSTRAINT "master_versions_dataset_master_datasets_name_fk" FOREIGN KEY ("dataset") REFERENCES "public"."master_datasets"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "master_change_requests_status_idx" ON "master_change_requests" USING btree ("status");--> statement-breakpoint
CREATE INDEX "master_rows_dataset_revision_idx" ON "master_rows" USING btree ("dataset","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "master_versions_dataset_version_uq" ON "master_versions" USING btree ("dataset","version");