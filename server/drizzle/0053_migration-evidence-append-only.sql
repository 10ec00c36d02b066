-- 移行判定, the 持出管理簿 of migration media, the 消去報告書, the reconciliation differences and their sign-offs are
-- evidence for the privacy committee: never changed; a new fact is a new row. refuse_change() is the baseline's.
CREATE TRIGGER migration_decisions_no_update BEFORE UPDATE OR DELETE ON migration_decisions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER migration_decisions_no_truncate BEFORE TRUNCATE ON migration_decisions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER migration_handover_ledger_no_update BEFORE UPDATE OR DELETE ON migration_handover_ledger FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER migration_handover_ledger_no_truncate BEFORE TRUNCATE ON migration_handover_ledger FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER migration_erasure_reports_no_update BEFORE UPDATE OR DELETE ON migration_erasure_reports FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER migration_erasure_reports_no_truncate BEFORE TRUNCATE ON migration_erasure_reports FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER migration_differences_no_update BEFORE UPDATE OR DELETE ON migration_differences FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER migration_differences_no_truncate BEFORE TRUNCATE ON migration_differences FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER migration_difference_signoffs_no_update BEFORE UPDATE OR DELETE ON migration_difference_signoffs FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER migration_difference_signoffs_no_truncate BEFORE TRUNCATE ON migration_difference_signoffs FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
