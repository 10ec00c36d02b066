-- 受給者管理: a 減免 application is decided once and its facts are never rewritten. The only change a row accepts is
-- 申請中 → 承認/却下 with the decision's columns and the next row version; no row is deleted. (The decision itself is
-- also the request's audit row.)
CREATE OR REPLACE FUNCTION recipient_copay_reductions_decide_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE'
    OR OLD.status <> 'applied'
    OR NEW.status NOT IN ('approved', 'rejected')
    OR NEW.row_version <> OLD.row_version + 1
    OR NEW.person_id <> OLD.person_id
    OR NEW.kind <> OLD.kind
    OR NEW.rate_percent IS DISTINCT FROM OLD.rate_percent
    OR NEW.applied_on <> OLD.applied_on
    OR NEW.valid_from <> OLD.valid_from
    OR NEW.valid_to <> OLD.valid_to
    OR NEW.reason <> OLD.reason
    OR NEW.recorded_at <> OLD.recorded_at
    OR NEW.recorded_by IS DISTINCT FROM OLD.recorded_by
    OR NEW.decided_on IS NULL
  THEN
    RAISE EXCEPTION '% is decided once and never rewritten (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER recipient_copay_reductions_decide_once BEFORE UPDATE OR DELETE ON recipient_copay_reductions FOR EACH ROW EXECUTE FUNCTION recipient_copay_reductions_decide_once();
--> statement-breakpoint
CREATE TRIGGER recipient_copay_reductions_no_truncate BEFORE TRUNCATE ON recipient_copay_reductions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
