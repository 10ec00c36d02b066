-- The 監督者's sign-off of a sent 特別徴収 file is append-only like the file it approves. refuse_change() is the baseline's.
CREATE TRIGGER pension_exchange_approvals_no_update BEFORE UPDATE OR DELETE ON pension_exchange_approvals FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER pension_exchange_approvals_no_truncate BEFORE TRUNCATE ON pension_exchange_approvals FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
