-- 送付先 and the notice issuance ledger are append-only: ending or withdrawing a 送付先 is a new row, and every
-- printed notice is one ledger row. As for the eligibility history (0004_retention-erasure-path.sql), the one way
-- to delete a person's rows is the retention erasure: a DELETE passes only under the run mark of an approved run
-- (approver not its preparer) and only for a person that run erases; UPDATE and TRUNCATE stay refused, always.
CREATE OR REPLACE FUNCTION person_notice_records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  run_mark text := coalesce(current_setting('kaigo.retention_run', true), '');
BEGIN
  IF TG_OP = 'DELETE' AND run_mark ~ '^[0-9]+$' AND EXISTS (
    SELECT 1 FROM retention_run_items i JOIN retention_runs r ON r.id = i.run_id
    WHERE r.id = run_mark::integer AND r.status = 'approved' AND r.approved_by IS NOT NULL
      AND r.approved_by <> r.prepared_by AND i.kind = 'insuredPerson' AND i.record_id = OLD.person_id
      AND i.outcome = 'erased'
  ) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER mailing_addresses_no_update BEFORE UPDATE OR DELETE ON mailing_addresses FOR EACH ROW EXECUTE FUNCTION person_notice_records_refuse_change();
--> statement-breakpoint
CREATE TRIGGER mailing_addresses_no_truncate BEFORE TRUNCATE ON mailing_addresses FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER notice_issuances_no_update BEFORE UPDATE OR DELETE ON notice_issuances FOR EACH ROW EXECUTE FUNCTION person_notice_records_refuse_change();
--> statement-breakpoint
CREATE TRIGGER notice_issuances_no_truncate BEFORE TRUNCATE ON notice_issuances FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
-- The erasure's path for these rows (called by the retention run like retention_erase_eligibility_events): the
-- ledger first (it references the 送付先), then the 送付先; returns the rows deleted.
CREATE OR REPLACE FUNCTION retention_erase_notice_records(run integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  issued integer;
  mailing integer;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM retention_runs r
    WHERE r.id = run AND r.status = 'approved' AND r.approved_by IS NOT NULL AND r.approved_by <> r.prepared_by
  ) THEN
    RAISE EXCEPTION 'retention run % is not signed off', run USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('kaigo.retention_run', run::text, true);
  DELETE FROM notice_issuances n USING retention_run_items i
  WHERE i.run_id = run AND i.kind = 'insuredPerson' AND i.outcome = 'erased' AND n.person_id = i.record_id;
  GET DIAGNOSTICS issued = ROW_COUNT;
  DELETE FROM mailing_addresses m USING retention_run_items i
  WHERE i.run_id = run AND i.kind = 'insuredPerson' AND i.outcome = 'erased' AND m.person_id = i.record_id;
  GET DIAGNOSTICS mailing = ROW_COUNT;
  PERFORM set_config('kaigo.retention_run', '', true);
  RETURN issued + mailing;
END;
$$;
