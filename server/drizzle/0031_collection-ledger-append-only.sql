-- The 収納 ledger is append-only: an entry is never changed or removed (a correction is a new entry with its own
-- idempotency key); 還付 proposals and their decisions likewise. refuse_change() is the baseline's.
CREATE TRIGGER collection_entries_no_update BEFORE UPDATE OR DELETE ON collection_entries FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER collection_entries_no_truncate BEFORE TRUNCATE ON collection_entries FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER collection_refund_proposals_no_update BEFORE UPDATE OR DELETE ON collection_refund_proposals FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER collection_refund_proposals_no_truncate BEFORE TRUNCATE ON collection_refund_proposals FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER collection_refund_decisions_no_update BEFORE UPDATE OR DELETE ON collection_refund_decisions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER collection_refund_decisions_no_truncate BEFORE TRUNCATE ON collection_refund_decisions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
