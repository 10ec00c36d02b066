-- The erasure's path for a person's 賦課 records (control C-20; docs/operations.md, "Retention and erasure"), as for
-- the eligibility history (0004_retention-erasure-path.sql) and the notice records (0016): the tables stay
-- append-only — UPDATE and TRUNCATE are refused, always — and a DELETE passes only under the run mark of an
-- approved run whose approver is not its preparer, and only for a row of a person that run erases. A row names its
-- person directly (the trigger's first argument is the column) or through its parent row (second argument: the
-- parent table, whose person_id is read by the row's reference column).
CREATE OR REPLACE FUNCTION premium_records_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  run_mark text := coalesce(current_setting('kaigo.retention_run', true), '');
  person integer;
BEGIN
  IF TG_OP = 'DELETE' AND run_mark ~ '^[0-9]+$' THEN
    IF TG_NARGS = 1 THEN
      EXECUTE format('SELECT ($1).%I', TG_ARGV[0]) INTO person USING OLD;
    ELSE
      EXECUTE format('SELECT person_id FROM %I WHERE id = ($1).%I', TG_ARGV[1], TG_ARGV[0]) INTO person USING OLD;
    END IF;
    IF person IS NOT NULL AND EXISTS (
      SELECT 1 FROM retention_run_items i JOIN retention_runs r ON r.id = i.run_id
      WHERE r.id = run_mark::integer AND r.status = 'approved' AND r.approved_by IS NOT NULL
        AND r.approved_by <> r.prepared_by AND i.kind = 'insuredPerson' AND i.record_id = person
        AND i.outcome = 'erased'
    ) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
DROP TRIGGER resident_tax_records_no_update ON resident_tax_records;
--> statement-breakpoint
CREATE TRIGGER resident_tax_records_no_update BEFORE UPDATE OR DELETE ON resident_tax_records FOR EACH ROW EXECUTE FUNCTION premium_records_refuse_change('person_id');
--> statement-breakpoint
DROP TRIGGER welfare_statuses_no_update ON welfare_statuses;
--> statement-breakpoint
CREATE TRIGGER welfare_statuses_no_update BEFORE UPDATE OR DELETE ON welfare_statuses FOR EACH ROW EXECUTE FUNCTION premium_records_refuse_change('person_id');
--> statement-breakpoint
DROP TRIGGER premium_assessments_no_update ON premium_assessments;
--> statement-breakpoint
CREATE TRIGGER premium_assessments_no_update BEFORE UPDATE OR DELETE ON premium_assessments FOR EACH ROW EXECUTE FUNCTION premium_records_refuse_change('person_id');
--> statement-breakpoint
DROP TRIGGER premium_installments_no_update ON premium_installments;
--> statement-breakpoint
CREATE TRIGGER premium_installments_no_update BEFORE UPDATE OR DELETE ON premium_installments FOR EACH ROW EXECUTE FUNCTION premium_records_refuse_change('assessment_id', 'premium_assessments');
--> statement-breakpoint
DROP TRIGGER premium_batch_results_no_update ON premium_batch_results;
--> statement-breakpoint
CREATE TRIGGER premium_batch_results_no_update BEFORE UPDATE OR DELETE ON premium_batch_results FOR EACH ROW EXECUTE FUNCTION premium_records_refuse_change('person_id');
--> statement-breakpoint
DROP TRIGGER premium_relief_applications_no_update ON premium_relief_applications;
--> statement-breakpoint
CREATE TRIGGER premium_relief_applications_no_update BEFORE UPDATE OR DELETE ON premium_relief_applications FOR EACH ROW EXECUTE FUNCTION premium_records_refuse_change('person_id');
--> statement-breakpoint
DROP TRIGGER premium_relief_decisions_no_update ON premium_relief_decisions;
--> statement-breakpoint
CREATE TRIGGER premium_relief_decisions_no_update BEFORE UPDATE OR DELETE ON premium_relief_decisions FOR EACH ROW EXECUTE FUNCTION premium_records_refuse_change('application_id', 'premium_relief_applications');
--> statement-breakpoint
DROP TRIGGER bank_account_revisions_no_update ON bank_account_revisions;
--> statement-breakpoint
CREATE TRIGGER bank_account_revisions_no_update BEFORE UPDATE OR DELETE ON bank_account_revisions FOR EACH ROW EXECUTE FUNCTION premium_records_refuse_change('person_id');
--> statement-breakpoint
DROP TRIGGER direct_debit_request_items_no_update ON direct_debit_request_items;
--> statement-breakpoint
CREATE TRIGGER direct_debit_request_items_no_update BEFORE UPDATE OR DELETE ON direct_debit_request_items FOR EACH ROW EXECUTE FUNCTION premium_records_refuse_change('person_id');
--> statement-breakpoint
DROP TRIGGER pension_withholding_targets_no_update ON pension_withholding_targets;
--> statement-breakpoint
CREATE TRIGGER pension_withholding_targets_no_update BEFORE UPDATE OR DELETE ON pension_withholding_targets FOR EACH ROW EXECUTE FUNCTION premium_records_refuse_change('person_id');
--> statement-breakpoint
DROP TRIGGER pension_withholding_requests_no_update ON pension_withholding_requests;
--> statement-breakpoint
CREATE TRIGGER pension_withholding_requests_no_update BEFORE UPDATE OR DELETE ON pension_withholding_requests FOR EACH ROW EXECUTE FUNCTION premium_records_refuse_change('person_id');
--> statement-breakpoint
DROP TRIGGER pension_withholding_results_no_update ON pension_withholding_results;
--> statement-breakpoint
CREATE TRIGGER pension_withholding_results_no_update BEFORE UPDATE OR DELETE ON pension_withholding_results FOR EACH ROW EXECUTE FUNCTION premium_records_refuse_change('person_id');
--> statement-breakpoint
-- The erasure's path (called by the retention run in its transaction, after retention_erase_notice_records: the
-- notice ledger references the assessments): children before their parents; returns the rows deleted per table.
-- The files exchanged (pension_exchange_files, direct_debit_requests) are kept: one file holds many persons.
CREATE OR REPLACE FUNCTION retention_erase_premium_records(run integer) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  counts jsonb := '{}'::jsonb;
  n integer;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM retention_runs r
    WHERE r.id = run AND r.status = 'approved' AND r.approved_by IS NOT NULL AND r.approved_by <> r.prepared_by
  ) THEN
    RAISE EXCEPTION 'retention run % is not signed off', run USING ERRCODE = 'insufficient_privilege';
  END IF;
  PERFORM set_config('kaigo.retention_run', run::text, true);
  CREATE TEMP TABLE retention_erased_persons ON COMMIT DROP AS
    SELECT DISTINCT record_id AS id FROM retention_run_items
    WHERE run_id = run AND kind = 'insuredPerson' AND outcome = 'erased';

  DELETE FROM direct_debit_request_items x USING retention_erased_persons p WHERE x.person_id = p.id;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('direct_debit_request_items', n);
  DELETE FROM bank_account_revisions x USING retention_erased_persons p WHERE x.person_id = p.id;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('bank_account_revisions', n);
  DELETE FROM premium_batch_results x USING retention_erased_persons p WHERE x.person_id = p.id;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('premium_batch_results', n);
  DELETE FROM premium_relief_decisions x USING premium_relief_applications a, retention_erased_persons p
    WHERE x.application_id = a.id AND a.person_id = p.id;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('premium_relief_decisions', n);
  DELETE FROM premium_relief_applications x USING retention_erased_persons p WHERE x.person_id = p.id;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('premium_relief_applications', n);
  DELETE FROM premium_installments x USING premium_assessments a, retention_erased_persons p
    WHERE x.assessment_id = a.id AND a.person_id = p.id;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('premium_installments', n);
  DELETE FROM premium_assessments x USING retention_erased_persons p WHERE x.person_id = p.id;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('premium_assessments', n);
  DELETE FROM resident_tax_records x USING retention_erased_persons p WHERE x.person_id = p.id;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('resident_tax_records', n);
  DELETE FROM welfare_statuses x USING retention_erased_persons p WHERE x.person_id = p.id;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('welfare_statuses', n);
  DELETE FROM pension_withholding_requests x USING retention_erased_persons p WHERE x.person_id = p.id;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('pension_withholding_requests', n);
  DELETE FROM pension_withholding_results x USING retention_erased_persons p WHERE x.person_id = p.id;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('pension_withholding_results', n);
  DELETE FROM pension_withholding_targets x USING retention_erased_persons p WHERE x.person_id = p.id;
  GET DIAGNOSTICS n = ROW_COUNT; counts := counts || jsonb_build_object('pension_withholding_targets', n);

  DROP TABLE retention_erased_persons;
  PERFORM set_config('kaigo.retention_run', '', true);
  RETURN counts;
END;
$$;
