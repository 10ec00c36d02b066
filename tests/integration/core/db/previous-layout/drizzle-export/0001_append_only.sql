-- issue 5 (control C-22): the 持出管理簿 is append-only on every database (PGlite and PostgreSQL alike).
CREATE OR REPLACE FUNCTION export_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER export_ledger_no_update BEFORE UPDATE OR DELETE ON export_ledger FOR EACH ROW EXECUTE FUNCTION export_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER export_ledger_no_truncate BEFORE TRUNCATE ON export_ledger FOR EACH STATEMENT EXECUTE FUNCTION export_ledger_refuse_change();
