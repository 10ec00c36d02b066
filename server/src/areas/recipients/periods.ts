/**
 * The effective-dated periods other areas read (the 531 受給者異動連絡票 generation, the 給付 tab): 負担割合,
 * 負担限度額認定, 減免 and 居宅サービス計画作成依頼届出 of some persons, each ordered by validFrom.
 */
import { and, asc, eq, inArray } from 'drizzle-orm'
import { addDays, type FacilityReliefStage, type IsoDate } from '../../../../shared/domain'
import type { Db, Tx } from '../../core/db/connect'
import { carePlanNotifications, copayRatePeriods, copayReductions, reliefCertifications } from './schema'

/** One period of a 利用者負担割合 (1割/2割/3割), 8/1〜7/31 of a 判定年度 or a re-determined part of it. */
export interface CopayRatePeriod {
  readonly personId: number
  readonly validFrom: IsoDate
  readonly validTo: IsoDate
  readonly ratio: 1 | 2 | 3
  /** 'yearly' (定期判定), 'redetermination' (更正・世帯変更による再判定). */
  readonly reason: 'yearly' | 'redetermination'
  readonly decidedOn: IsoDate
}

/** One approved 負担限度額認定 (補足給付): the stage and the validity (8/1〜7/31 at most). */
export interface ReliefCertificationPeriod {
  readonly personId: number
  readonly certificationId: number
  readonly validFrom: IsoDate
  readonly validTo: IsoDate
  readonly stage: FacilityReliefStage
  readonly decidedOn: IsoDate
}

/** One approved 減免 (利用者負担減免, 社会福祉法人等軽減, …). */
export interface CopayReductionPeriod {
  readonly personId: number
  readonly reductionId: number
  readonly kind: string
  /** Reduction in percent of the co-pay (e.g. 25 for 社会福祉法人等軽減 ¼), null when not a rate. */
  readonly ratePercent: number | null
  readonly validFrom: IsoDate
  readonly validTo: IsoDate
  readonly decidedOn: IsoDate
}

/** One period of a 居宅サービス計画作成依頼届出: the care-management office serving the person. */
export interface CarePlanOfficePeriod {
  readonly personId: number
  readonly notificationId: number
  /** 'office' (居宅介護支援事業所・介護予防支援事業所 creates the plan), 'self' (自己作成). */
  readonly planKind: 'office' | 'self'
  /** 事業所番号 (10 digits); null for 自己作成. */
  readonly providerNumber: string | null
  readonly providerName: string | null
  readonly validFrom: IsoDate
  /** null while it lasts. */
  readonly validTo: IsoDate | null
  readonly notifiedOn: IsoDate
}

const empty = <T>(personIds: readonly number[]) => new Map<number, T[]>(personIds.map((id) => [id, []]))

type CopayRow = typeof copayRatePeriods.$inferSelect

/**
 * The effective 負担割合 periods from the append-only rows: a later row (higher id) covering a day wins over an
 * earlier one; adjacent days with the same decision row are one period.
 */
export function effectiveCopayPeriods(rows: readonly CopayRow[]): CopayRow[] {
  const sorted = [...rows].sort((a, b) => a.id - b.id)
  let layers: CopayRow[] = []
  for (const r of sorted) {
    const next: CopayRow[] = []
    for (const l of layers) {
      if (l.validTo < r.validFrom || l.validFrom > r.validTo) next.push(l)
      else {
        if (l.validFrom < r.validFrom) next.push({ ...l, validTo: addDays(r.validFrom, -1) })
        if (l.validTo > r.validTo) next.push({ ...l, validFrom: addDays(r.validTo, 1) })
      }
    }
    next.push(r)
    layers = next
  }
  return layers.sort((a, b) => a.validFrom.localeCompare(b.validFrom))
}

/** The 負担割合 in force on `on` (null when none). */
export function copayRatioOn(rows: readonly CopayRow[], on: IsoDate): 1 | 2 | 3 | null {
  const hit = effectiveCopayPeriods(rows).find((r) => r.validFrom <= on && on <= r.validTo)
  return hit ? (hit.ratio as 1 | 2 | 3) : null
}

export async function loadCopayRows(db: Db | Tx, personIds: readonly number[]): Promise<Map<number, CopayRow[]>> {
  const out = empty<CopayRow>(personIds)
  if (personIds.length === 0) return out
  const rows = await db
    .select()
    .from(copayRatePeriods)
    .where(inArray(copayRatePeriods.personId, [...personIds]))
    .orderBy(asc(copayRatePeriods.id))
  for (const r of rows) out.get(r.personId)?.push(r)
  return out
}

export async function copayRatePeriodsOf(
  db: Db | Tx,
  personIds: readonly number[],
): Promise<Map<number, CopayRatePeriod[]>> {
  const rows = await loadCopayRows(db, personIds)
  const out = empty<CopayRatePeriod>(personIds)
  for (const [personId, list] of rows)
    out.set(
      personId,
      effectiveCopayPeriods(list).map((r) => ({
        personId,
        validFrom: r.validFrom,
        validTo: r.validTo,
        ratio: r.ratio as 1 | 2 | 3,
        reason: r.reason,
        decidedOn: r.decidedOn,
      })),
    )
  return out
}

const stageOf = (s: string): FacilityReliefStage => (s === '1' ? 1 : s === '2' ? 2 : (s as '3-1' | '3-2'))

export async function reliefCertificationsOf(
  db: Db | Tx,
  personIds: readonly number[],
): Promise<Map<number, ReliefCertificationPeriod[]>> {
  const out = empty<ReliefCertificationPeriod>(personIds)
  if (personIds.length === 0) return out
  const rows = await db
    .select()
    .from(reliefCertifications)
    .where(and(inArray(reliefCertifications.personId, [...personIds]), eq(reliefCertifications.status, 'approved')))
    .orderBy(asc(reliefCertifications.validFrom), asc(reliefCertifications.id))
  for (const r of rows)
    if (r.stage !== null)
      out.get(r.personId)?.push({
        personId: r.personId,
        certificationId: r.id,
        validFrom: r.validFrom,
        validTo: r.validTo,
        stage: stageOf(r.stage),
        decidedOn: r.decidedOn ?? r.appliedOn,
      })
  return out
}

export async function copayReductionsOf(
  db: Db | Tx,
  personIds: readonly number[],
): Promise<Map<number, CopayReductionPeriod[]>> {
  const out = empty<CopayReductionPeriod>(personIds)
  if (personIds.length === 0) return out
  const rows = await db
    .select()
    .from(copayReductions)
    .where(and(inArray(copayReductions.personId, [...personIds]), eq(copayReductions.status, 'approved')))
    .orderBy(asc(copayReductions.validFrom), asc(copayReductions.id))
  for (const r of rows)
    out.get(r.personId)?.push({
      personId: r.personId,
      reductionId: r.id,
      kind: r.kind,
      ratePercent: r.ratePercent,
      validFrom: r.validFrom,
      validTo: r.validTo,
      decidedOn: r.decidedOn ?? r.appliedOn,
    })
  return out
}

export async function carePlanOfficesOf(
  db: Db | Tx,
  personIds: readonly number[],
): Promise<Map<number, CarePlanOfficePeriod[]>> {
  const out = empty<CarePlanOfficePeriod>(personIds)
  if (personIds.length === 0) return out
  const rows = await db
    .select()
    .from(carePlanNotifications)
    .where(inArray(carePlanNotifications.personId, [...personIds]))
    .orderBy(asc(carePlanNotifications.validFrom), asc(carePlanNotifications.id))
  for (const r of rows)
    out.get(r.personId)?.push({
      personId: r.personId,
      notificationId: r.id,
      planKind: r.planKind,
      providerNumber: r.providerNumber,
      providerName: r.providerName,
      validFrom: r.validFrom,
      validTo: r.validTo,
      notifiedOn: r.notifiedOn,
    })
  return out
}
