-- 外字 decisions are append-only: a new decision for a character supersedes the earlier one, nothing is rewritten.
-- refuse_change() is the baseline's.
CREATE TRIGGER migration_gaiji_decisions_no_update BEFORE UPDATE OR DELETE ON migration_gaiji_decisions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER migration_gaiji_decisions_no_truncate BEFORE TRUNCATE ON migration_gaiji_decisions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
