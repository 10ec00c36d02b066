-- 減免・徴収猶予 are append-only: the application as recorded and its one decision. refuse_change() is the baseline's.
CREATE TRIGGER premium_relief_applications_no_update BEFORE UPDATE OR DELETE ON premium_relief_applications FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER premium_relief_applications_no_truncate BEFORE TRUNCATE ON premium_relief_applications FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER premium_relief_decisions_no_update BEFORE UPDATE OR DELETE ON premium_relief_decisions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER premium_relief_decisions_no_truncate BEFORE TRUNCATE ON premium_relief_decisions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
