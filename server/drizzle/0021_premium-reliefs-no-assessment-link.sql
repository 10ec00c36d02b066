ALTER TABLE "premium_relief_decisions" DROP CONSTRAINT "premium_relief_decisions_assessment_id_premium_assessments_id_fk";
--> statement-breakpoint
ALTER TABLE "premium_relief_decisions" DROP COLUMN "assessment_id";