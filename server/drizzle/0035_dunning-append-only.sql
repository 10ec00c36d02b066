-- 時効の更新 events and the installments a dunning run listed are append-only: what the 監督者 signed off is what the
-- commit acts on, and a renewal is never changed or removed. refuse_change() is the baseline's.
CREATE TRIGGER collection_limitation_renewals_no_update BEFORE UPDATE OR DELETE ON collection_limitation_renewals FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER collection_limitation_renewals_no_truncate BEFORE TRUNCATE ON collection_limitation_renewals FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER dunning_run_items_no_update BEFORE UPDATE OR DELETE ON dunning_run_items FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER dunning_run_items_no_truncate BEFORE TRUNCATE ON dunning_run_items FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
