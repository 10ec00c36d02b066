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
-- 被保険者番号: 9-digit running number after the ward prefix (numbering.ts); never goes back, so never reused.
CREATE SEQUENCE IF NOT EXISTS insured_number_seq AS bigint START WITH 500000001 MINVALUE 1 MAXVALUE 999999999 NO CYCLE;
--> statement-breakpoint
-- Person search (issue 7): voiced-mark-tolerant カナ prefix search. The two strings are VOICED_KANA and PLAIN_KANA
-- of shared/text/kana.ts (tests/unit/eligibility/migrations.test.ts keeps them in step); the query must use the
-- same expression for the planner to use the index.
CREATE INDEX IF NOT EXISTS persons_kana_loose_idx ON persons USING btree ((translate(kana_key, 'ガギグゲゴザジズゼゾダデドバビブベボパピプペポヴヷヺ', 'カキクケコサシスセソタテトハヒフヘホハヒフヘホウワヲ')) text_pattern_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS eligibility_events_kind_idx ON eligibility_events USING btree (kind, effective_on);
