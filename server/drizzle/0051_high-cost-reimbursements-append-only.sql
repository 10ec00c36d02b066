-- 高額介護サービス費 decisions and 償還払 decisions are append-only: a decision is never changed (a correction is a new
-- application or a later month's run). refuse_change() is the baseline's.
CREATE TRIGGER high_cost_decisions_no_update BEFORE UPDATE OR DELETE ON high_cost_decisions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER high_cost_decisions_no_truncate BEFORE TRUNCATE ON high_cost_decisions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER reimbursement_decisions_no_update BEFORE UPDATE OR DELETE ON reimbursement_decisions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER reimbursement_decisions_no_truncate BEFORE TRUNCATE ON reimbursement_decisions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
