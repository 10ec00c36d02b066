-- 賦課バッチ: the staged results the 監督者 signed off and the committed chunks are append-only (a new dry run is a new
-- run; a committed chunk is never redone). The run row itself changes status. refuse_change() is the baseline's.
CREATE TRIGGER premium_batch_results_no_update BEFORE UPDATE OR DELETE ON premium_batch_results FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER premium_batch_results_no_truncate BEFORE TRUNCATE ON premium_batch_results FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER premium_batch_chunks_no_update BEFORE UPDATE OR DELETE ON premium_batch_chunks FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER premium_batch_chunks_no_truncate BEFORE TRUNCATE ON premium_batch_chunks FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
