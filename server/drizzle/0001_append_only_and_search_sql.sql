-- Hand-written SQL that the schema files cannot express: append-only triggers, the 被保険者番号 sequence and the
-- expression indexes of the person search. Part of the baseline (server/src/core/db/previous-layout.ts names it).

-- The audit log is append-only on every database, PGlite and PostgreSQL alike (control C-08).
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- History is never overwritten: record_versions is append-only like audit_log; the application role additionally
-- gets no UPDATE/DELETE on it (docs/operations.md).
CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER record_versions_no_update BEFORE UPDATE OR DELETE ON record_versions FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER record_versions_no_truncate BEFORE TRUNCATE ON record_versions FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
-- A change never rewrites a past master version: versions and row states are append-only; a new version adds rows
-- with a higher revision.
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
--> statement-breakpoint
-- The 持出管理簿 is append-only (control C-22).
CREATE OR REPLACE FUNCTION export_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER export_ledger_no_update BEFORE UPDATE OR DELETE ON export_ledger FOR EACH ROW EXECUTE FUNCTION export_ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER export_ledger_no_truncate BEFORE TRUNCATE ON export_ledger FOR EACH STATEMENT EXECUTE FUNCTION export_ledger_refuse_change();
--> statement-breakpoint
-- Eligibility history is append-only: a correction is a new row that supersedes an old one (nothing is overwritten).
CREATE OR REPLACE FUNCTION eligibility_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'eligibility_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER eligibility_events_no_update BEFORE UPDATE OR DELETE ON eligibility_events FOR EACH ROW EXECUTE FUNCTION eligibility_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER eligibility_events_no_truncate BEFORE TRUNCATE ON eligibility_events FOR EACH STATEMENT EXECUTE FUNCTION eligibility_events_refuse_change();
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS eligibility_events_kind_idx ON eligibility_events USING btree (kind, effective_on);
--> statement-breakpoint
-- 被保険者番号: 9-digit running number after the ward prefix (eligibility/numbering.ts); never goes back, so never
-- reused.
CREATE SEQUENCE IF NOT EXISTS insured_number_seq AS bigint START WITH 500000001 MINVALUE 1 MAXVALUE 999999999 NO CYCLE;
--> statement-breakpoint
-- Person search: voiced-mark-tolerant カナ prefix search. The two strings are VOICED_KANA and PLAIN_KANA of
-- shared/text/kana.ts (tests/unit/server/core/db/migration-journal.test.ts keeps them in step); the query must use
-- the same expression for the planner to use the index.
CREATE INDEX IF NOT EXISTS persons_kana_loose_idx ON persons USING btree ((translate(kana_key, 'ガギグゲゴザジズゼゾダデドバビブベボパピプペポヴヷヺ', 'カキクケコサシスセソタテトハヒフヘホハヒフヘホウワヲ')) text_pattern_ops);
--> statement-breakpoint
-- Person search by phone: the number or its last digits (末尾一致) through a btree on the reversed digits; the query
-- in persons/person-routes.ts uses exactly this expression (phoneSuffixKeySql).
CREATE INDEX IF NOT EXISTS persons_phone_suffix_idx ON persons USING btree ((reverse(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'))) text_pattern_ops);
--> statement-breakpoint
-- Person search by address fragment (docs/decisions/0004-address-search-index.md): an infix match cannot use a
-- btree, and pg_trgm is neither loaded in the embedded PGlite nor able to split Japanese text into trigrams under
-- the C locale. So: a GIN index over the distinct character bigrams of the address (ideographic spaces removed, as
-- the search compares). The search asks for the bigrams of the fragment (`@>`, the index) and keeps the LIKE as
-- the exact check; a one-character fragment has no bigram and falls back to the scan. person-routes.ts uses exactly
-- address_bigrams(households.address); persons/address-index.ts computes the fragment's bigrams the same way.
CREATE OR REPLACE FUNCTION address_bigrams(address text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(t.s, i, 2)), '{}'::text[])
  FROM (SELECT replace(address, chr(12288), '') AS s) AS t, generate_series(1, length(t.s) - 1) AS i
$$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS households_address_bigram_idx ON households USING gin (address_bigrams(address));
