-- 賦課 history is append-only: the raw resident-tax records (a 更正 is the next revision), the 生活保護 / 老齢福祉年金
-- rows, every assessment version and its 期割 (a reassessment is a new version). refuse_change() is the baseline's.
CREATE TRIGGER resident_tax_records_no_update BEFORE UPDATE OR DELETE ON resident_tax_records FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER resident_tax_records_no_truncate BEFORE TRUNCATE ON resident_tax_records FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER welfare_statuses_no_update BEFORE UPDATE OR DELETE ON welfare_statuses FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER welfare_statuses_no_truncate BEFORE TRUNCATE ON welfare_statuses FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER premium_assessments_no_update BEFORE UPDATE OR DELETE ON premium_assessments FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER premium_assessments_no_truncate BEFORE TRUNCATE ON premium_assessments FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER premium_installments_no_update BEFORE UPDATE OR DELETE ON premium_installments FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER premium_installments_no_truncate BEFORE TRUNCATE ON premium_installments FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
