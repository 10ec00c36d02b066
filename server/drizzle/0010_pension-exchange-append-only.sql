-- 特別徴収 exchange history is append-only: the files received and sent, the targets as received, what was requested
-- per person and month, and the insurers' results. refuse_change() is the baseline's.
CREATE TRIGGER pension_exchange_files_no_update BEFORE UPDATE OR DELETE ON pension_exchange_files FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER pension_exchange_files_no_truncate BEFORE TRUNCATE ON pension_exchange_files FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER pension_withholding_targets_no_update BEFORE UPDATE OR DELETE ON pension_withholding_targets FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER pension_withholding_targets_no_truncate BEFORE TRUNCATE ON pension_withholding_targets FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER pension_withholding_requests_no_update BEFORE UPDATE OR DELETE ON pension_withholding_requests FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER pension_withholding_requests_no_truncate BEFORE TRUNCATE ON pension_withholding_requests FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER pension_withholding_results_no_update BEFORE UPDATE OR DELETE ON pension_withholding_results FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER pension_withholding_results_no_truncate BEFORE TRUNCATE ON pension_withholding_results FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
