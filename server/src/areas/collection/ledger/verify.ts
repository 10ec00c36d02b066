/**
 * The check of the whole 収納 ledger (`npm run ledger:verify`, docs/collection.md §1), set-based — one grouped query
 * per rule, never a row at a time:
 *   1. every entry has a known kind and the sign its kind allows (shared/domain/collection-ledger.ts);
 *   2. per installment, 調定 − 収納 + 還付 − 充当 − 不納欠損 = 残高, the figures summed per kind against the plain sum;
 *   3. the ledger's 調定 equals the 賦課 version it was synced to (premium_installments), or the latest one;
 *   4. 充当 creates no money: per person Σ offset + Σ offsetIn = 0, and every 充当 names its counterpart;
 *   5. every 還付 entry is the one an approved decision wrote (collection_refund_decisions.entry_id);
 *   6. no 延滞金 balance is negative.
 */
import { sql } from 'drizzle-orm'
import { ledgerKindLabels, ledgerKinds } from '../../../../../shared/domain/collection-ledger'
import { chargeTargetsSql } from './charge-targets'
import type { LedgerDb } from './ledger'

export type LedgerViolationRule = 'sign' | 'invariant' | 'charge' | 'offset' | 'refund' | 'lateCharge'

export interface LedgerViolation {
  readonly rule: LedgerViolationRule
  readonly personId: number
  readonly fiscalYear: number | null
  readonly method: string | null
  readonly seq: number | null
  /** Japanese, as the CLI prints it. */
  readonly detail: string
}

export interface LedgerVerification {
  readonly ok: boolean
  readonly entries: number
  readonly installments: number
  readonly violations: LedgerViolation[]
  /** Installments whose latest 賦課 is not reflected yet (syncCharges runs with every collection operation): no violation. */
  readonly unsynced: number
}

type Row = Record<string, unknown>
const rows = async (db: LedgerDb, query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as { rows: Row[] }).rows

const where = (r: Row) =>
  `${String(r.fiscal_year)}年度 ${r.method === 'withholding' ? '特別徴収' : '普通徴収'} 第${String(r.seq)}期`

const allowedSigns = sql.raw(`(values
  ('charge', -1, 1), ('payment', -1, 1), ('refund', 1, 1), ('offset', 1, 1), ('offsetIn', -1, -1),
  ('writeOff', -1, -1), ('lateCharge', 1, 1), ('lateChargePayment', -1, -1), ('lateChargeWriteOff', -1, -1))
  as k(kind, lo, hi)`)

/** Verifies the whole ledger (or the persons given). */
export async function verifyLedger(
  db: LedgerDb,
  options: { readonly personIds?: readonly number[] } = {},
): Promise<LedgerVerification> {
  const persons = options.personIds
    ? sql`e.person_id in (select value::int from json_array_elements_text(${JSON.stringify(options.personIds)}::json))`
    : sql`true`
  const violations: LedgerViolation[] = []
  let unsynced = 0
  const counts = await rows(
    db,
    sql`select count(*)::int as entries,
      count(distinct (e.person_id, e.fiscal_year, e.method, e.installment_seq))::int as installments
      from collection_entries e where ${persons}`,
  )
  // 1. kinds and signs
  for (const r of await rows(
    db,
    sql`select e.id, e.person_id, e.fiscal_year, e.method, e.installment_seq as seq, e.kind, e.amount
      from collection_entries e left join ${allowedSigns} on k.kind = e.kind
      where ${persons} and (k.kind is null or e.amount = 0 or sign(e.amount) < k.lo or sign(e.amount) > k.hi)
      order by e.id`,
  )) {
    const known = (ledgerKinds as readonly string[]).includes(String(r.kind))
    violations.push({
      rule: 'sign',
      personId: Number(r.person_id),
      fiscalYear: Number(r.fiscal_year),
      method: String(r.method),
      seq: Number(r.seq),
      detail: known
        ? `${where(r)}: 明細 #${String(r.id)} の${ledgerKindLabels[r.kind as keyof typeof ledgerKindLabels]}の金額 ${String(r.amount)}円の符号が不正です`
        : `${where(r)}: 明細 #${String(r.id)} の種別「${String(r.kind)}」は台帳にない種別です`,
    })
  }
  // 2. the invariant, per kind against the plain sum (an unknown kind is in the sum but in no figure)
  for (const r of await rows(
    db,
    sql`select e.person_id, e.fiscal_year, e.method, e.installment_seq as seq,
        coalesce(sum(e.amount) filter (where e.kind = 'charge'), 0)::bigint as charged,
        coalesce(-sum(e.amount) filter (where e.kind = 'payment'), 0)::bigint as paid,
        coalesce(sum(e.amount) filter (where e.kind = 'refund'), 0)::bigint as refunded,
        coalesce(-sum(e.amount) filter (where e.kind in ('offset', 'offsetIn')), 0)::bigint as offset,
        coalesce(-sum(e.amount) filter (where e.kind = 'writeOff'), 0)::bigint as written_off,
        coalesce(sum(e.amount) filter (where e.kind not like 'lateCharge%'), 0)::bigint as balance
      from collection_entries e where ${persons}
      group by e.person_id, e.fiscal_year, e.method, e.installment_seq
      having coalesce(sum(e.amount) filter (where e.kind = 'charge'), 0)
        + coalesce(sum(e.amount) filter (where e.kind = 'payment'), 0)
        + coalesce(sum(e.amount) filter (where e.kind = 'refund'), 0)
        + coalesce(sum(e.amount) filter (where e.kind in ('offset', 'offsetIn')), 0)
        + coalesce(sum(e.amount) filter (where e.kind = 'writeOff'), 0)
        <> coalesce(sum(e.amount) filter (where e.kind not like 'lateCharge%'), 0)`,
  ))
    violations.push({
      rule: 'invariant',
      personId: Number(r.person_id),
      fiscalYear: Number(r.fiscal_year),
      method: String(r.method),
      seq: Number(r.seq),
      detail: `${where(r)}: 調定 ${String(r.charged)} − 収納 ${String(r.paid)} + 還付 ${String(r.refunded)} − 充当 ${String(r.offset)} − 不納欠損 ${String(r.written_off)} ≠ 残高 ${String(r.balance)}`,
    })
  // 3. 調定 = the 賦課 version last synced (the key 'charge:a<assessmentId>:…' of syncCharges) or the latest one;
  //    equal to neither is a violation, equal to the synced one only is a 賦課 not yet reflected (a warning).
  for (const r of await rows(
    db,
    sql`with charged as (
        select e.person_id, e.fiscal_year, e.method, e.installment_seq as seq, sum(e.amount) as amount
        from collection_entries e where e.kind = 'charge' and ${persons}
        group by e.person_id, e.fiscal_year, e.method, e.installment_seq
      ), years as (
        select distinct person_id, fiscal_year from charged
      ), synced_ids as (
        select e.person_id, e.fiscal_year, max(substring(e.idempotency_key from '^charge:a([0-9]+):')::int) as id
        from collection_entries e where e.kind = 'charge' and ${persons} group by e.person_id, e.fiscal_year
      ), synced as (
        select s.id, s.person_id, s.fiscal_year, a.overpaid_amount as overpaid
        from synced_ids s join premium_assessments a on a.id = s.id
      ), latest as (
        select distinct on (a.person_id, a.fiscal_year) a.id, a.person_id, a.fiscal_year, a.overpaid_amount as overpaid
        from premium_assessments a join years y on y.person_id = a.person_id and y.fiscal_year = a.fiscal_year
        order by a.person_id, a.fiscal_year, a.version desc
      ), synced_target as (${chargeTargetsSql('synced')}), latest_target as (${chargeTargetsSql('latest')}), keys as (
        select person_id, fiscal_year, method, seq from charged
        union select person_id, fiscal_year, method, seq from synced_target
        union select person_id, fiscal_year, method, seq from latest_target
      )
      select k.person_id, k.fiscal_year, k.method, k.seq, coalesce(c.amount, 0)::bigint as charged,
        coalesce(st.amount, 0)::bigint as synced, coalesce(lt.amount, 0)::bigint as latest,
        (select s.id from synced_ids s where s.person_id = k.person_id and s.fiscal_year = k.fiscal_year) as synced_id
      from keys k
      left join charged c on (c.person_id, c.fiscal_year, c.method, c.seq) = (k.person_id, k.fiscal_year, k.method, k.seq)
      left join synced_target st on (st.person_id, st.fiscal_year, st.method, st.seq) = (k.person_id, k.fiscal_year, k.method, k.seq)
      left join latest_target lt on (lt.person_id, lt.fiscal_year, lt.method, lt.seq) = (k.person_id, k.fiscal_year, k.method, k.seq)
      where coalesce(c.amount, 0) <> coalesce(lt.amount, 0)
      order by 1, 2, 3, 4`,
  )) {
    const charged = Number(r.charged)
    if (r.synced_id !== null && charged === Number(r.synced)) {
      unsynced++
      continue
    }
    violations.push({
      rule: 'charge',
      personId: Number(r.person_id),
      fiscalYear: Number(r.fiscal_year),
      method: String(r.method),
      seq: Number(r.seq),
      detail:
        r.synced_id === null
          ? `${where(r)}: 賦課に基づかない調定 ${String(charged)}円があります`
          : `${where(r)}: 台帳の調定 ${String(charged)}円が賦課（${String(r.synced)}円、最新 ${String(r.latest)}円）と一致しません`,
    })
  }
  // 4. 充当 moves money, it creates none
  for (const r of await rows(
    db,
    sql`select e.person_id, sum(e.amount)::bigint as net, count(*) filter (where e.counterpart is null)::int as orphans
      from collection_entries e where e.kind in ('offset', 'offsetIn') and ${persons}
      group by e.person_id
      having sum(e.amount) <> 0 or count(*) filter (where e.counterpart is null) > 0`,
  ))
    violations.push({
      rule: 'offset',
      personId: Number(r.person_id),
      fiscalYear: null,
      method: null,
      seq: null,
      detail:
        Number(r.net) !== 0
          ? `充当元と充当先の合計が一致しません（差 ${String(r.net)}円）`
          : `充当先の記録のない充当が ${String(r.orphans)} 件あります`,
    })
  // 5. every 還付 by an approved decision
  for (const r of await rows(
    db,
    sql`select e.id, e.person_id, e.fiscal_year, e.method, e.installment_seq as seq, e.amount
      from collection_entries e
      where e.kind = 'refund' and ${persons}
        and not exists (select 1 from collection_refund_decisions d where d.entry_id = e.id and d.decision = 'approve')
      order by e.id`,
  ))
    violations.push({
      rule: 'refund',
      personId: Number(r.person_id),
      fiscalYear: Number(r.fiscal_year),
      method: String(r.method),
      seq: Number(r.seq),
      detail: `${where(r)}: 還付 #${String(r.id)}（${String(r.amount)}円）に還付決定がありません`,
    })
  // 6. 延滞金 balance
  for (const r of await rows(
    db,
    sql`select e.person_id, e.fiscal_year, e.method, e.installment_seq as seq, sum(e.amount)::bigint as balance
      from collection_entries e where e.kind like 'lateCharge%' and ${persons}
      group by e.person_id, e.fiscal_year, e.method, e.installment_seq having sum(e.amount) < 0`,
  ))
    violations.push({
      rule: 'lateCharge',
      personId: Number(r.person_id),
      fiscalYear: Number(r.fiscal_year),
      method: String(r.method),
      seq: Number(r.seq),
      detail: `${where(r)}: 延滞金の残高が ${String(r.balance)}円（負）です`,
    })
  return {
    ok: violations.length === 0,
    entries: Number(counts[0]?.entries ?? 0),
    installments: Number(counts[0]?.installments ?? 0),
    violations,
    unsynced,
  }
}
