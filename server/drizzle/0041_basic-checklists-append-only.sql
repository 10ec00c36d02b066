-- A 基本チェックリスト as answered is never changed; a new answer is a new row. refuse_change() is the baseline's.
CREATE TRIGGER basic_checklists_no_update BEFORE UPDATE OR DELETE ON basic_checklists FOR EACH ROW EXECUTE FUNCTION refuse_change();
--> statement-breakpoint
CREATE TRIGGER basic_checklists_no_truncate BEFORE TRUNCATE ON basic_checklists FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
