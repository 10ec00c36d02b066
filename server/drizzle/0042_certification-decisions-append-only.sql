-- The decision records of 要介護認定 are append-only like the case events: an imported 一次判定, a 二次判定, a
-- certification of the 受給者台帳 and an issued notice are never changed; a correction is a new record. refuse_change()
-- is the baseline's.
CREATE TRIGGER certification_first_decisions_no_update BEFORE UPDATE OR DELETE ON certification_first_decisions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER certification_decisions_no_update BEFORE UPDATE OR DELETE ON certification_decisions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER certified_persons_no_update BEFORE UPDATE OR DELETE ON certified_persons FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER certification_notices_no_update BEFORE UPDATE OR DELETE ON certification_notices FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER certification_first_decisions_no_truncate BEFORE TRUNCATE ON certification_first_decisions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER certification_decisions_no_truncate BEFORE TRUNCATE ON certification_decisions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER certified_persons_no_truncate BEFORE TRUNCATE ON certified_persons FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER certification_notices_no_truncate BEFORE TRUNCATE ON certification_notices FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
