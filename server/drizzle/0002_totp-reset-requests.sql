CREATE TABLE "totp_reset_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" integer NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_terminal" text NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decided_terminal" text,
	"decision_comment" text
);
--> statement-breakpoint
ALTER TABLE "totp_reset_requests" ADD CONSTRAINT "totp_reset_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "totp_reset_requests" ADD CONSTRAINT "totp_reset_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "totp_reset_requests" ADD CONSTRAINT "totp_reset_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "totp_reset_requests_user_idx" ON "totp_reset_requests" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "totp_reset_requests_status_idx" ON "totp_reset_requests" USING btree ("status");