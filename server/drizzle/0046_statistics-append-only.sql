-- The submitted 事業状況報告 versions and the EUC extract runs are append-only: a submitted report is never changed (a
-- later correction shows as a difference in the next report), and a run stays what it was when an export names it.
-- refuse_change() is the baseline's.
CREATE TRIGGER statistics_report_versions_no_update BEFORE UPDATE OR DELETE ON statistics_report_versions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER statistics_report_versions_no_truncate BEFORE TRUNCATE ON statistics_report_versions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER statistics_extract_runs_no_update BEFORE UPDATE OR DELETE ON statistics_extract_runs FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER statistics_extract_runs_no_truncate BEFORE TRUNCATE ON statistics_extract_runs FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
