CREATE TABLE "collection_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"method" text NOT NULL,
	"installment_seq" smallint NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"occurred_on" date NOT NULL,
	"received_on" date,
	"channel" text NOT NULL,
	"source" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"batch_id" text,
	"counterpart" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" integer
);
--> statement-breakpoint
CREATE TABLE "collection_refund_decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"decision" text NOT NULL,
	"payee" text,
	"bank_account_revision_id" integer,
	"reason" text NOT NULL,
	"decided_on" date NOT NULL,
	"entry_id" integer,
	"decided_at" timestamp with time zone NOT NULL,
	"decided_by" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collection_refund_proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"method" text NOT NULL,
	"installment_seq" smallint NOT NULL,
	"amount" integer NOT NULL,
	"arisen_on" date NOT NULL,
	"proposed_on" date NOT NULL,
	"idempotency_key" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"proposed_by" integer
);
--> statement-breakpoint
ALTER TABLE "collection_entries" ADD CONSTRAINT "collection_entries_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_refund_decisions" ADD CONSTRAINT "collection_refund_decisions_proposal_id_collection_refund_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."collection_refund_proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_refund_decisions" ADD CONSTRAINT "collection_refund_decisions_entry_id_collection_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."collection_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_refund_proposals" ADD CONSTRAINT "collection_refund_proposals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "collection_entries_idempotency_uq" ON "collection_entries" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "collection_entries_installment_idx" ON "collection_entries" USING btree ("person_id","fiscal_year","method","installment_seq");--> statement-breakpoint
CREATE INDEX "collection_entries_year_kind_idx" ON "collection_entries" USING btree ("fiscal_year","kind");--> statement-breakpoint
CREATE INDEX "collection_entries_batch_idx" ON "collection_entries" USING btree ("batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "collection_refund_decisions_proposal_uq" ON "collection_refund_decisions" USING btree ("proposal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "collection_refund_proposals_idempotency_uq" ON "collection_refund_proposals" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "collection_refund_proposals_person_idx" ON "collection_refund_proposals" USING btree ("person_id");