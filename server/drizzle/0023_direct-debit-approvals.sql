CREATE TABLE "direct_debit_approvals" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"approved_by" integer NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "direct_debit_approvals_request_id_unique" UNIQUE("request_id")
);
--> statement-breakpoint
ALTER TABLE "direct_debit_requests" ADD COLUMN "content" text;--> statement-breakpoint
ALTER TABLE "direct_debit_approvals" ADD CONSTRAINT "direct_debit_approvals_request_id_direct_debit_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."direct_debit_requests"("id") ON DELETE no action ON UPDATE no action;