-- Issue 3: history is never overwritten. record_versions is append-only on every database, like audit_log
-- (control C-08); the application role additionally gets no UPDATE/DELETE on it (docs/operations.md).
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
-- control C-25: roles move from users.roles to designations with effective dates. Existing accounts keep their
-- roles as open-ended designations from the day the account was created.
INSERT INTO designations (user_id, role, kind, valid_from, valid_to)
SELECT u.id, r.role, CASE WHEN r.role = 'supervisor' THEN 'dataController' ELSE 'dataHandler' END, u.created_at::date, NULL
FROM users u CROSS JOIN LATERAL jsonb_array_elements_text(u.roles) AS r(role);
--> statement-breakpoint
-- The current version of every existing record becomes its first recorded version.
INSERT INTO record_versions (entity, entity_id, version, data, changed_at, changed_by, terminal_id, reason)
SELECT 'user', u.id, u.row_version,
  jsonb_build_object('loginId', u.login_id, 'displayName', u.display_name, 'department', u.department,
    'careArea', u.care_area, 'deactivatedAt', NULL, 'totpEnrolled', false),
  now(), NULL, NULL, '移行: 既存アカウント'
FROM users u;
--> statement-breakpoint
INSERT INTO record_versions (entity, entity_id, version, data, changed_at, changed_by, terminal_id, reason)
SELECT 'designation', d.id, d.row_version,
  jsonb_build_object('userId', d.user_id, 'role', d.role, 'kind', d.kind, 'validFrom', d.valid_from, 'validTo', d.valid_to),
  now(), NULL, NULL, '移行: users.roles から指定へ'
FROM designations d;
