-- The 監督者's sign-off of a 口座振替依頼 file is append-only like the file it approves. refuse_change() is the baseline's.
CREATE TRIGGER direct_debit_approvals_no_update BEFORE UPDATE OR DELETE ON direct_debit_approvals FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER direct_debit_approvals_no_truncate BEFORE TRUNCATE ON direct_debit_approvals FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
