-- 口座振替 history is append-only: every revision of a person's 口座 (a change or a stop is the next revision), every
-- 口座振替依頼 file and the installments it asked for (a re-issue is the next issue). refuse_change() is the baseline's.
CREATE TRIGGER bank_account_revisions_no_update BEFORE UPDATE OR DELETE ON bank_account_revisions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER bank_account_revisions_no_truncate BEFORE TRUNCATE ON bank_account_revisions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER direct_debit_requests_no_update BEFORE UPDATE OR DELETE ON direct_debit_requests FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER direct_debit_requests_no_truncate BEFORE TRUNCATE ON direct_debit_requests FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER direct_debit_request_items_no_update BEFORE UPDATE OR DELETE ON direct_debit_request_items FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER direct_debit_request_items_no_truncate BEFORE TRUNCATE ON direct_debit_request_items FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
