-- 賦課: the shared part of the explanations (the ward table and its unverified entries, referenced by the versions of a
-- batch) is append-only: an explanation once referenced reads the same for ever. refuse_change() is the baseline's.
CREATE TRIGGER premium_explanation_parts_no_update BEFORE UPDATE OR DELETE ON premium_explanation_parts FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER premium_explanation_parts_no_truncate BEFORE TRUNCATE ON premium_explanation_parts FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
