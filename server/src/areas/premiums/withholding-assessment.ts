/**
 * What the assessment of a year needs to know about 特別徴収, loaded set-based for many persons (one query per table
 * per block of ids): the person's 特別徴収対象者 record of the year (pension-withholding/targets.ts) read as the pure
 * `WithholdingTarget` of shared/domain, the month from which the insurer stopped withholding (特別徴収結果 not
 * withheld), and the previous fiscal year's February withholding and annual amount (for the 仮徴収).
 */
import { and, asc, desc, eq, isNotNull, ne, sql, type AnyColumn } from 'drizzle-orm'
import type { WithholdingTarget } from '../../../../shared/domain'
import type { Db, Tx } from '../../core/db/connect'
import { pensionWithholdingResults, pensionWithholdingTargets } from './pension-withholding/schema'
import { DUMMY_CATEGORY, type TargetRow } from './pension-withholding/targets'
import { premiumAssessments, premiumInstallments } from './schema'

/** Loads the withholding targets of some persons' year (stubbed by tests, the real one reads the exchange tables). */
export type WithholdingTargetLoader = (
  db: Db | Tx,
  fiscalYear: number,
  personIds: readonly number[],
) => Promise<Map<number, WithholdingTarget>>

/** 各種区分 of the 対象者情報 (notice 00): 02 前年度継続者. */
const CONTINUING = '02'
/** Notice 30 特別徴収追加候補者情報: withholding starts about six months after the capture (docs/sources/interfaces.md §2.5 ⚠️). */
const ADDITIONAL_CANDIDATES = '30'
const MONTHS_FROM_CAPTURE_TO_START = 6
/** 特別徴収結果 区分 that stop the withholding: 01 失権, 02 差止, 03 支払年金額不足, 05 他制度による中止. */
const STOPPING_RESULTS = new Set(['01', '02', '03', '05'])

const monthOffset = (yyyymm: string, months: number) => {
  const index = Number(yyyymm.slice(0, 4)) * 12 + Number(yyyymm.slice(5, 7)) - 1 + months
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/**
 * The first pension month a target record allows withholding from (⚠️ our reading of docs/sources/interfaces.md §2.3/§2.5):
 * a 前年度継続者 of the May file (notice 00, 区分 02) from April; a 新規者 of the May file (00/01) from October (the
 * 依頼 of July starts the 本徴収); an 追加候補者 (notice 30) from the first payment month at least six months after
 * its capture date (各種年月日), or not this year when the record has none.
 */
export function firstPaymentMonthOf(
  row: Pick<TargetRow, 'noticeCode' | 'category' | 'noticeDate'>,
  fiscalYear: number,
): string {
  if (row.noticeCode === ADDITIONAL_CANDIDATES) {
    if (row.noticeDate === null) return `${fiscalYear + 1}-04`
    const earliest = monthOffset(row.noticeDate.slice(0, 7), MONTHS_FROM_CAPTURE_TO_START)
    const even = Number(earliest.slice(5, 7)) % 2 === 0 ? earliest : monthOffset(earliest, 1)
    return even
  }
  return row.category === CONTINUING ? `${fiscalYear}-04` : `${fiscalYear}-10`
}

/** A target record as the pure input of the assessment. */
export function withholdingTargetFromRow(
  row: Pick<
    TargetRow,
    'personId' | 'pensionAmount' | 'withholderCode' | 'pensionCode' | 'noticeCode' | 'category' | 'noticeDate'
  >,
  fiscalYear: number,
  stoppedFrom: string | null,
): WithholdingTarget {
  return {
    personId: row.personId!,
    annualPension: row.pensionAmount,
    insurerCode: row.withholderCode,
    pensionCode: row.pensionCode,
    firstPaymentMonth: firstPaymentMonthOf(row, fiscalYear),
    stoppedFrom,
  }
}

/** `column = any('{…}'::int[])`: a whole block of ids as ONE bound parameter (not one per id), one query per block. */
export const anyId = (column: AnyColumn, ids: readonly number[]) =>
  sql`${column} = any(${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::int[])`

/** The ids as one block, or none when there are no ids (nothing to read). */
const blocks = <T>(ids: readonly T[]): (readonly T[])[] => (ids.length === 0 ? [] : [ids])

type KeptTarget = Pick<
  TargetRow,
  'personId' | 'pensionAmount' | 'withholderCode' | 'pensionCode' | 'noticeCode' | 'category' | 'noticeDate'
>

/**
 * The kept target record of each of the persons of the year, as latestTargetRows (pension-withholding/targets.ts)
 * keeps it — the latest file, then the larger annual amount, then the lower 年金コード (digits: the same order in
 * SQL), then the first row; never a ダミーレコード — in ONE query for the block (the ids one array parameter) reading
 * only the columns the assessment uses.
 */
async function keptTargetRows(
  db: Db | Tx,
  fiscalYear: number,
  personIds: readonly number[],
): Promise<Map<number, KeptTarget>> {
  const t = pensionWithholdingTargets
  const kept = new Map<number, KeptTarget>()
  for (const ids of blocks(personIds))
    for (const r of await db
      .selectDistinctOn([t.personId], {
        personId: t.personId,
        pensionAmount: t.pensionAmount,
        withholderCode: t.withholderCode,
        pensionCode: t.pensionCode,
        noticeCode: t.noticeCode,
        category: t.category,
        noticeDate: t.noticeDate,
      })
      .from(t)
      .where(
        and(
          eq(t.fiscalYear, fiscalYear),
          isNotNull(t.personId),
          ne(t.category, DUMMY_CATEGORY),
          anyId(t.personId, ids),
        ),
      )
      .orderBy(asc(t.personId), desc(t.fileId), desc(t.pensionAmount), sql`${t.pensionCode} collate "C"`, asc(t.id)))
      kept.set(r.personId!, r)
  return kept
}

/**
 * The adapter between the pension exchange and the assessment: each person's kept target record of the year, and the
 * earliest pension month of a 特別徴収結果 that was not withheld for a stopping reason (from then on 普通徴収).
 */
export const loadAssessmentWithholdingTargets: WithholdingTargetLoader = async (db, fiscalYear, personIds) => {
  const rows = await keptTargetRows(db, fiscalYear, personIds)
  const stopped = new Map<number, string>()
  for (const ids of blocks([...rows.keys()]))
    for (const r of await db
      .select({
        personId: pensionWithholdingResults.personId,
        period: pensionWithholdingResults.period,
        reasonCode: pensionWithholdingResults.reasonCode,
        withheld: pensionWithholdingResults.withheld,
      })
      .from(pensionWithholdingResults)
      .where(and(eq(pensionWithholdingResults.fiscalYear, fiscalYear), anyId(pensionWithholdingResults.personId, ids))))
      if (r.personId !== null && !r.withheld && STOPPING_RESULTS.has(r.reasonCode)) {
        const before = stopped.get(r.personId)
        if (before === undefined || r.period < before) stopped.set(r.personId, r.period)
      }
  return new Map(
    [...rows].map(([personId, row]) => [
      personId,
      withholdingTargetFromRow(row, fiscalYear, stopped.get(personId) ?? null),
    ]),
  )
}

/** The previous fiscal year of a person as the 仮徴収 reads it. */
export interface PreviousYearWithholding {
  /** The February 特別徴収 of the current version of the previous year (null: none). */
  readonly februaryAmount: number | null
  /** The previous year's annual amount (current version). */
  readonly annualAmount: number
}

/** The previous fiscal year's current version per person: its annual amount and February withholding. */
export async function loadPreviousYearWithholding(
  db: Db | Tx,
  fiscalYear: number,
  personIds: readonly number[],
): Promise<Map<number, PreviousYearWithholding>> {
  const latest = new Map<number, { id: number; version: number; annualAmount: number }>()
  for (const ids of blocks(personIds))
    for (const a of await db
      .select({
        id: premiumAssessments.id,
        personId: premiumAssessments.personId,
        version: premiumAssessments.version,
        annualAmount: premiumAssessments.annualAmount,
      })
      .from(premiumAssessments)
      .where(and(anyId(premiumAssessments.personId, ids), eq(premiumAssessments.fiscalYear, fiscalYear - 1))))
      if ((latest.get(a.personId)?.version ?? 0) < a.version) latest.set(a.personId, a)
  const february = new Map<number, number>()
  for (const ids of blocks([...latest.values()].map((a) => a.id)))
    for (const i of await db
      .select({ assessmentId: premiumInstallments.assessmentId, amount: premiumInstallments.amount })
      .from(premiumInstallments)
      .where(
        and(
          anyId(premiumInstallments.assessmentId, ids),
          eq(premiumInstallments.method, 'withholding'),
          eq(premiumInstallments.period, `${fiscalYear}-02`),
        ),
      ))
      february.set(i.assessmentId, i.amount)
  return new Map(
    [...latest].map(([personId, a]) => [
      personId,
      { februaryAmount: february.get(a.id) ?? null, annualAmount: a.annualAmount },
    ]),
  )
}
