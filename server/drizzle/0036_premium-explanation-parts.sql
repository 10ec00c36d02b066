CREATE TABLE "premium_explanation_parts" (
	"id" serial PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "premium_explanation_parts_hash_idx" ON "premium_explanation_parts" USING btree ("hash");