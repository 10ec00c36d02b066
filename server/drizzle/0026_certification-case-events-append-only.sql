-- The events of a 認定 case are append-only like the eligibility history: a stage reached is never changed; a
-- correction is a new event. refuse_change() is the baseline's.
CREATE TRIGGER certification_case_events_no_update BEFORE UPDATE OR DELETE ON certification_case_events FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER certification_case_events_no_truncate BEFORE TRUNCATE ON certification_case_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
