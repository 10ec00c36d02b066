-- The 滞納管理 and 給付制限 records are append-only: a contact, a plan, its end, a property record or a restriction
-- step is never changed; a correction is a new row. refuse_change() is the baseline's.
CREATE TRIGGER arrears_contacts_no_update BEFORE UPDATE OR DELETE ON arrears_contacts FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER arrears_contacts_no_truncate BEFORE TRUNCATE ON arrears_contacts FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER arrears_plans_no_update BEFORE UPDATE OR DELETE ON arrears_plans FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER arrears_plans_no_truncate BEFORE TRUNCATE ON arrears_plans FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER arrears_plan_ends_no_update BEFORE UPDATE OR DELETE ON arrears_plan_ends FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER arrears_plan_ends_no_truncate BEFORE TRUNCATE ON arrears_plan_ends FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER arrears_property_records_no_update BEFORE UPDATE OR DELETE ON arrears_property_records FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER arrears_property_records_no_truncate BEFORE TRUNCATE ON arrears_property_records FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER benefit_restriction_steps_no_update BEFORE UPDATE OR DELETE ON benefit_restriction_steps FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER benefit_restriction_steps_no_truncate BEFORE TRUNCATE ON benefit_restriction_steps FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
