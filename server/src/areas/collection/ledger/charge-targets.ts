/**
 * The 調定 a 賦課 version asks of each installment, in SQL (shared by syncCharges and ledger:verify): the amounts of
 * its 期割 (premium_installments) less the version's 過誤納 (premium_assessments.overpaid_amount — the part of the
 * installments already due above a lowered amount: Σ installments − overpaid = the year's amount, shared/domain/
 * premium-assessment.ts). The 過誤納 lowers the installments from the latest due backwards, each down to 0, so the
 * money already paid on them becomes a negative 残高 there (docs/collection.md §3).
 */
import { sql } from 'drizzle-orm'

/** `source` names a CTE with the columns id (assessment id), person_id, fiscal_year, overpaid. */
export const chargeTargetsSql = (source: 'latest' | 'synced') =>
  sql.raw(`select r.person_id, r.fiscal_year, r.method, r.seq,
      r.amount - least(r.amount, greatest(0, r.overpaid - coalesce(sum(r.amount) over (
        partition by r.person_id, r.fiscal_year order by r.due_date desc, r.method desc, r.seq desc
        rows between unbounded preceding and 1 preceding), 0))) as amount
    from (select s.person_id, s.fiscal_year, s.overpaid, i.method, i.seq, max(i.due_date) as due_date,
        sum(i.amount) as amount
      from ${source} s join premium_installments i on i.assessment_id = s.id
      group by s.person_id, s.fiscal_year, s.overpaid, i.method, i.seq) r`)
