-- issue 6: a change never rewrites a past master version. Versions and row states are append-only on every database
-- (PGlite and PostgreSQL alike); a new version adds rows with a higher revision.
CREATE OR REPLACE FUNCTION master_history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER master_versions_no_update BEFORE UPDATE OR DELETE ON master_versions FOR EACH ROW EXECUTE FUNCTION master_history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER master_versions_no_truncate BEFORE TRUNCATE ON master_versions FOR EACH STATEMENT EXECUTE FUNCTION master_history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER master_rows_no_update BEFORE UPDATE OR DELETE ON master_rows FOR EACH ROW EXECUTE FUNCTION master_history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER master_rows_no_truncate BEFORE TRUNCATE ON master_rows FOR EACH STATEMENT EXECUTE FUNCTION master_history_refuse_change();
