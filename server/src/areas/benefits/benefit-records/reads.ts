/**
 * Reads of the 給付実績 other areas build on (高額介護サービス費 reads co-pay per person-month, statistics reads benefits
 * by service type) — docs/benefits.md §4. Only the claims in force count: for each claim key the latest record by
 * 審査年月, file and line, unless that record is a 取消 (createKind 3); work-list claims (no person) never count.
 */
import { sql, type SQL } from 'drizzle-orm'
import type { Db, Tx } from '../../../core/db/connect'

/** One claim in force: a person, a サービス提供年月, a provider, a claim form. Money integer yen. */
export interface BenefitClaim {
  readonly recordId: number
  readonly personId: number
  /** 'YYYY-MM'. */
  readonly serviceMonth: string
  readonly providerNumber: string
  readonly inputId: string
  /** 1 現物 / 2 償還. */
  readonly benefitKind: '1' | '2'
  /** The claim's main サービス種類コード (most units among its 明細), null without 明細. */
  readonly serviceType: string | null
  readonly careLevel: string | null
  readonly units: number
  /** 費用額 = insurerShare + publicExpense + copay. */
  readonly cost: number
  /** 保険給付額 (保険請求額). */
  readonly insurerShare: number
  /** 利用者負担額. */
  readonly copay: number
  /** 公費請求額 (公費1–3). */
  readonly publicExpense: number
  /** 特定入所者介護サービス費等 (補足給付), outside the 費用額. */
  readonly facilityRelief: number
}

/** A person's month: the sums over the claims in force. */
export interface BenefitMonth {
  readonly personId: number
  readonly serviceMonth: string
  readonly claims: number
  readonly units: number
  readonly cost: number
  readonly insurerShare: number
  readonly copay: number
  readonly publicExpense: number
  readonly facilityRelief: number
}

/** A month's benefits by service type (statistics). */
export interface BenefitsByServiceType {
  readonly serviceMonth: string
  readonly serviceType: string
  readonly claims: number
  readonly persons: number
  readonly units: number
  readonly cost: number
  readonly insurerShare: number
  readonly copay: number
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
function checkMonths(fromMonth: string, toMonth: string) {
  if (!MONTH.test(fromMonth) || !MONTH.test(toMonth))
    throw new Error(`benefits: months are 'YYYY-MM' (${fromMonth}, ${toMonth})`)
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows

/** The claims in force, as a subquery over benefit_records (alias c). */
function inForce(personIds: readonly number[] | 'all', fromMonth: string, toMonth: string): SQL {
  checkMonths(fromMonth, toMonth)
  const persons =
    personIds === 'all'
      ? sql`r.person_id is not null`
      : sql`r.person_id = any(${`{${personIds.map((id) => Number(id)).join(',')}}`}::int[])`
  return sql`(
    select * from (
      select distinct on (r.claim_key) r.*
      from benefit_records r
      where ${persons} and r.service_month between ${fromMonth} and ${toMonth}
      order by r.claim_key, coalesce(r.review_month, '') desc, r.file_id desc, r.line desc
    ) latest where latest.create_kind <> '3'
  ) c`
}

/** The claims in force of some persons (or all) in the months fromMonth..toMonth ('YYYY-MM', inclusive). */
export async function benefitClaimsOf(
  db: Db | Tx,
  personIds: readonly number[] | 'all',
  fromMonth: string,
  toMonth: string,
): Promise<BenefitClaim[]> {
  if (personIds !== 'all' && personIds.length === 0) return []
  const result = await db.execute(sql`
    select c.id as "recordId", c.person_id as "personId", c.service_month as "serviceMonth",
      c.provider_number as "providerNumber", c.input_id as "inputId", c.benefit_kind as "benefitKind",
      c.service_type as "serviceType", c.care_level as "careLevel", c.units::float8 as units, c.cost::float8 as cost,
      c.insurer_share::float8 as "insurerShare", c.copay::float8 as copay,
      c.public_expense::float8 as "publicExpense", c.facility_relief::float8 as "facilityRelief"
    from ${inForce(personIds, fromMonth, toMonth)}
    order by c.person_id, c.service_month, c.provider_number, c.input_id, c.id`)
  return rowsOf<BenefitClaim>(result)
}

/** Per person and month, the sums of the claims in force (高額介護サービス費 reads copay here). */
export async function benefitMonthsOf(
  db: Db | Tx,
  personIds: readonly number[] | 'all',
  fromMonth: string,
  toMonth: string,
): Promise<BenefitMonth[]> {
  if (personIds !== 'all' && personIds.length === 0) return []
  const result = await db.execute(sql`
    select c.person_id as "personId", c.service_month as "serviceMonth", count(*)::int as claims,
      sum(c.units)::float8 as units, sum(c.cost)::float8 as cost, sum(c.insurer_share)::float8 as "insurerShare",
      sum(c.copay)::float8 as copay, sum(c.public_expense)::float8 as "publicExpense",
      sum(c.facility_relief)::float8 as "facilityRelief"
    from ${inForce(personIds, fromMonth, toMonth)}
    group by c.person_id, c.service_month
    order by c.person_id, c.service_month`)
  return rowsOf<BenefitMonth>(result)
}

/** Per month and main service type, the claims in force of every person (statistics). */
export async function benefitsByServiceType(
  db: Db | Tx,
  fromMonth: string,
  toMonth: string,
): Promise<BenefitsByServiceType[]> {
  const result = await db.execute(sql`
    select c.service_month as "serviceMonth", coalesce(c.service_type, '') as "serviceType",
      count(*)::int as claims, count(distinct c.person_id)::int as persons, sum(c.units)::float8 as units,
      sum(c.cost)::float8 as cost, sum(c.insurer_share)::float8 as "insurerShare", sum(c.copay)::float8 as copay
    from ${inForce('all', fromMonth, toMonth)}
    group by c.service_month, coalesce(c.service_type, '')
    order by c.service_month, 2`)
  return rowsOf<BenefitsByServiceType>(result)
}
