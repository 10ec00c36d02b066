/**
 * The lines of a month's 高額介護サービス費 (docs/high-cost.md; docs/sources/domain.md §5.4), computed in TypeScript from
 * set-based reads: the 利用者負担額 of the claims in force (給付実績), each user's household and its members, the
 * 住民税課税情報 of the fiscal year the month's income belongs to (the premiums area's tables and its derivation of the
 * 世帯課税, householdTaxStatus), 生活保護 / 老齢福祉年金 on the first day of the month, 給付額減額 in force that day
 * (the collection area), the 初回申請 and the decisions already written for the month.
 */
import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm'
import type { HighCostLine } from '../../../../../shared/api/high-cost'
import { ageOn, highCostCap, householdTaxStatus, premiumIncomes, type IsoDate } from '../../../../../shared/domain'
import {
  highCostHouseholdRefund,
  highCostTaxFiscalYear,
  type HighCostMember,
} from '../../../../../shared/domain/high-cost'
import type { Db, Tx } from '../../../core/db/connect'
import { benefitRestrictionsOf } from '../../collection'
import { persons } from '../../persons/schema'
import { residentTaxRecords, welfareStatuses } from '../../premiums/schema'
import { benefitMonthsOf } from '../benefit-records'
import { highCostApplications, highCostDecisions } from './schema'

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

type PersonRow = Pick<
  typeof persons.$inferSelect,
  'id' | 'householdId' | 'birthDate' | 'onPublicAssistance' | 'oldAgeWelfarePension'
>
type TaxRow = typeof residentTaxRecords.$inferSelect

interface Facts {
  serviceMonth: string
  firstDay: IsoDate
  taxFiscalYear: number
  copay: Map<number, number>
  members: Map<number, PersonRow[]>
  tax: Map<number, TaxRow>
  assisted: Set<number>
  oldAgePension: Set<number>
  reduced: Set<number>
  applied: Set<number>
  decided: Set<number>
}

/** Every fact of the month in a few set-based reads. */
async function loadFacts(db: Db | Tx, serviceMonth: string): Promise<Facts> {
  const firstDay = `${serviceMonth}-01` as IsoDate
  const taxFiscalYear = highCostTaxFiscalYear(serviceMonth)
  const months = await benefitMonthsOf(db, 'all', serviceMonth, serviceMonth)
  const copay = new Map(months.map((m) => [m.personId, m.copay]))
  const userIds = [...copay.keys()]
  const columns = {
    id: persons.id,
    householdId: persons.householdId,
    birthDate: persons.birthDate,
    onPublicAssistance: persons.onPublicAssistance,
    oldAgeWelfarePension: persons.oldAgeWelfarePension,
  }
  const users = userIds.length === 0 ? [] : await db.select(columns).from(persons).where(inArray(persons.id, userIds))
  const householdIds = [...new Set(users.map((u) => u.householdId))]
  const everyone =
    householdIds.length === 0
      ? []
      : await db
          .select(columns)
          .from(persons)
          .where(inArray(persons.householdId, householdIds))
          .orderBy(asc(persons.id))
  const members = new Map<number, PersonRow[]>()
  for (const m of everyone) members.set(m.householdId, [...(members.get(m.householdId) ?? []), m])
  const memberIds = everyone.map((m) => m.id)
  const tax = new Map<number, TaxRow>()
  const assisted = new Set<number>()
  const oldAgePension = new Set<number>()
  if (memberIds.length > 0) {
    for (const r of await db
      .select()
      .from(residentTaxRecords)
      .where(and(inArray(residentTaxRecords.personId, memberIds), eq(residentTaxRecords.fiscalYear, taxFiscalYear))))
      if ((tax.get(r.personId)?.revision ?? 0) < r.revision) tax.set(r.personId, r)
    for (const w of await db
      .select({ personId: welfareStatuses.personId, kind: welfareStatuses.kind })
      .from(welfareStatuses)
      .where(
        and(
          inArray(welfareStatuses.personId, memberIds),
          lte(welfareStatuses.fromDate, firstDay),
          or(isNull(welfareStatuses.toDate), gte(welfareStatuses.toDate, firstDay)),
        ),
      ))
      (w.kind === 'publicAssistance' ? assisted : oldAgePension).add(w.personId)
  }
  for (const m of everyone) {
    if (m.onPublicAssistance) assisted.add(m.id)
    if (m.oldAgeWelfarePension) oldAgePension.add(m.id)
  }
  const reduced = new Set(
    (await benefitRestrictionsOf(db, userIds, firstDay))
      .filter((r) => r.measure === 'reduction')
      .map((r) => r.personId),
  )
  const applied = new Set<number>()
  const decided = new Set<number>()
  if (userIds.length > 0) {
    for (const a of await db
      .select({ personId: highCostApplications.personId })
      .from(highCostApplications)
      .where(inArray(highCostApplications.personId, userIds)))
      applied.add(a.personId)
    for (const d of await db
      .select({ personId: highCostDecisions.personId })
      .from(highCostDecisions)
      .where(and(inArray(highCostDecisions.personId, userIds), eq(highCostDecisions.serviceMonth, serviceMonth))))
      decided.add(d.personId)
  }
  return {
    serviceMonth,
    firstDay,
    taxFiscalYear,
    copay,
    members,
    tax,
    assisted,
    oldAgePension,
    reduced,
    applied,
    decided,
  }
}

type Caps = { householdCap: number; individual: Map<number, number | undefined>; basis: string }

/**
 * The household's cap and each user's individual cap, or the reason they cannot be decided. 課税所得 is not in the
 * 住民税課税情報 the ward receives; the 合計所得金額 bounds it from above (課税所得 = 所得 − 所得控除), so a taxed household
 * whose 65+ members all have a 合計所得金額 below the 380万円 line is surely 一般 (44,400円). Above it the cap needs the
 * 課税所得 and the line is left undecided rather than paid at a cap that may be too low.
 */
function capsOf(f: Facts, household: readonly PersonRow[], users: readonly PersonRow[]): Caps | { undecided: string } {
  const missing = users.filter((u) => !f.assisted.has(u.id) && !f.tax.has(u.id))
  if (missing.length > 0)
    return {
      undecided: `${f.taxFiscalYear}年度の住民税課税情報がない利用者がいるため負担上限額を決められません（課税情報を取り込んでください）`,
    }
  const withRecord = users.find((u) => f.tax.has(u.id))
  const householdTaxable =
    withRecord === undefined
      ? household.some((m) => f.tax.get(m.id)?.taxable === true)
      : householdTaxStatus(
          withRecord.id,
          household.map((m) => ({ personId: m.id, taxable: f.tax.get(m.id)?.taxable ?? null })),
        ).householdTaxable
  const over65Taxed = household.filter(
    (m) => f.tax.get(m.id)?.taxable === true && m.birthDate <= f.firstDay && ageOn(m.birthDate, f.firstDay) >= 65,
  )
  const maxIncome = Math.max(0, ...over65Taxed.map((m) => f.tax.get(m.id)!.totalIncome))
  const capOf = (u: PersonRow, householdMaxTaxableIncome: number) => {
    const r = f.tax.get(u.id)
    const incomes = r
      ? premiumIncomes(f.taxFiscalYear, {
          totalIncome: r.totalIncome,
          publicPensionIncome: r.publicPensionIncome,
          pensionMiscIncome: r.pensionMiscIncome,
          salaryIncome: r.salaryIncome,
        })
      : { pensionAndOtherIncome: 0 }
    return highCostCap({
      serviceMonth: f.firstDay,
      onPublicAssistance: f.assisted.has(u.id),
      householdAllExempt: !householdTaxable,
      oldAgeWelfarePension: f.oldAgePension.has(u.id),
      pensionAndOtherIncome: incomes.pensionAndOtherIncome,
      householdMaxTaxableIncome,
    })
  }
  const caps = users.map((u) => ({ u, cap: capOf(u, maxIncome) }))
  const notAssisted = users.find((u) => !f.assisted.has(u.id))
  if (householdTaxable && notAssisted !== undefined) {
    const general = capOf(notAssisted, 0).household
    if (caps.some((c) => !f.assisted.has(c.u.id) && c.cap.household !== general))
      return {
        undecided: `課税世帯で65歳以上の世帯員の合計所得金額が ${yen(maxIncome)} のため、課税所得（課税情報に項目なし）を確認するまで負担上限額を決められません`,
      }
  }
  const householdCap = Math.max(...caps.map((c) => c.cap.household))
  const tier = householdTaxable
    ? `${f.taxFiscalYear}年度 住民税課税世帯（65歳以上の合計所得金額 最大 ${yen(maxIncome)}、課税所得380万円未満）`
    : `${f.taxFiscalYear}年度 世帯全員が住民税非課税`
  return {
    householdCap,
    individual: new Map(caps.map((c) => [c.u.id, c.cap.individual])),
    basis: `${tier}：世帯の負担上限額 ${yen(householdCap)}`,
  }
}

/** The lines of every person with a claim in force in the month, by household and person. */
export async function computeHighCostLines(db: Db | Tx, serviceMonth: string): Promise<HighCostLine[]> {
  const f = await loadFacts(db, serviceMonth)
  const lines: HighCostLine[] = []
  for (const [householdId, household] of [...f.members].sort((a, b) => a[0] - b[0])) {
    const users = household.filter((m) => f.copay.has(m.id))
    if (users.length === 0) continue
    const line = (u: PersonRow, rest: Omit<HighCostLine, 'personId' | 'householdId' | 'copay'>): HighCostLine => ({
      personId: u.id,
      householdId,
      copay: f.copay.get(u.id)!,
      ...rest,
    })
    const nothing = { individualPart: 0, householdPart: 0, refund: 0 }
    let caps: ReturnType<typeof capsOf>
    try {
      caps = capsOf(f, household, users)
    } catch (error) {
      // A figure the rules cannot take (a negative 所得, a month without parameters — ParameterNotFoundError is a
      // RangeError): listed with the rule's message.
      if (!(error instanceof RangeError)) throw error
      caps = { undecided: `負担上限額を計算できません（${(error as Error).message}）` }
    }
    if ('undecided' in caps) {
      for (const u of users)
        lines.push(
          line(u, { householdCap: null, individualCap: null, ...nothing, status: 'undecided', reason: caps.undecided }),
        )
      continue
    }
    const members: HighCostMember[] = users.map((u) => {
      const individualCap = caps.individual.get(u.id)
      return {
        personId: u.id,
        copay: f.copay.get(u.id)!,
        ...(individualCap === undefined ? {} : { individualCap }),
        benefitReduced: f.reduced.has(u.id),
      }
    })
    const result = highCostHouseholdRefund(caps.householdCap, members)
    const counted = result.householdCopayAfterIndividual
    for (const [i, r] of result.members.entries()) {
      const u = users[i]!
      const individualCap = caps.individual.get(u.id) ?? null
      const figures = {
        householdCap: caps.householdCap,
        individualCap,
        individualPart: r.individualPart,
        householdPart: r.householdPart,
        refund: r.refund,
      }
      const individual = individualCap === null ? '' : `、個人の負担上限額 ${yen(individualCap)}`
      if (f.decided.has(u.id))
        lines.push(line(u, { ...figures, status: 'alreadyDecided', reason: `${serviceMonth} は決定済みです` }))
      else if (r.excludedReason !== undefined)
        lines.push(line(u, { ...figures, ...nothing, status: 'excluded', reason: r.excludedReason }))
      else if (r.refund === 0)
        lines.push(
          line(u, {
            ...figures,
            status: 'withinCap',
            reason: `${caps.basis}${individual}。世帯の利用者負担額の合計 ${yen(counted)} が上限以内のため支給額はありません`,
          }),
        )
      else
        lines.push(
          line(u, {
            ...figures,
            status: f.applied.has(u.id) ? 'payable' : 'awaitingApplication',
            reason:
              `${caps.basis}${individual}。世帯の合計 ${yen(counted)} − 上限 ${yen(caps.householdCap)} を負担額の割合で按分` +
              `（個人分 ${yen(r.individualPart)}、世帯分 ${yen(r.householdPart)}）` +
              (f.applied.has(u.id) ? '' : '。初回申請の受付後に支給します'),
          }),
        )
    }
  }
  return lines
}
