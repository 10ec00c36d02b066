-- 受給者管理: the 負担割合 periods and the staged results of a determination run are append-only (a re-determination is a new period; what the 監督者 signed off is what the commit writes).
CREATE TRIGGER recipient_copay_periods_no_update BEFORE UPDATE OR DELETE ON recipient_copay_periods FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER recipient_copay_run_results_no_update BEFORE UPDATE OR DELETE ON recipient_copay_run_results FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER recipient_copay_periods_no_truncate BEFORE TRUNCATE ON recipient_copay_periods FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER recipient_copay_run_results_no_truncate BEFORE TRUNCATE ON recipient_copay_run_results FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
