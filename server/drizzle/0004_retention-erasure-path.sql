-- The erasure path of the retention batch (control C-20; docs/operations.md, "Retention and erasure"). The
-- eligibility history is append-only: its trigger refuses UPDATE, DELETE and TRUNCATE, and on PostgreSQL the runtime
-- role has no DELETE on it (core/db/app-role.ts). The one way to delete its rows is the function below: owned by the
-- migration owner (SECURITY DEFINER, so it may delete where the runtime role may not), it deletes only the rows of
-- persons listed in an approved run whose approver is not its preparer, and it marks its transaction with the run
-- id; the trigger lets a DELETE through only under that mark and only for a person of that run. UPDATE and TRUNCATE
-- stay refused, always. The audit log is never touched.
CREATE OR REPLACE FUNCTION eligibility_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
  RAISE EXCEPTION 'eligibility_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION retention_erase_eligibility_events(run integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  erased integer;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM retention_runs r
    WHERE r.id = run AND r.status = 'approved' AND r.approved_by IS NOT NULL AND r.approved_by <> r.prepared_by
  ) THEN
    RAISE EXCEPTION 'retention run % is not signed off', run USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('kaigo.retention_run', run::text, true);
  DELETE FROM eligibility_events e USING retention_run_items i
  WHERE i.run_id = run AND i.kind = 'insuredPerson' AND i.outcome = 'erased' AND e.person_id = i.record_id;
  GET DIAGNOSTICS erased = ROW_COUNT;
  PERFORM set_config('kaigo.retention_run', '', true);
  RETURN erased;
END;
$$;
