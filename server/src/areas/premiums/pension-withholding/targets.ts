/**
 * The 特別徴収対象者 of a fiscal year as the other parts of 賦課 read them: per person, the record of the latest
 * 対象者情報 file that names the person (a person with two pensions: the larger annual amount, then the lower 年金コード).
 * ダミーレコード (各種区分 70) and unmatched records are never a person's target.
 */
import { and, eq, inArray, isNotNull, ne } from 'drizzle-orm'
import type { PensionWithholdingTarget } from '../../../../../shared/api/pension-withholding'
import type { Db, Tx } from '../../../core/db/connect'
import { todayInJapan } from '../../../../../shared/domain'
import {
  pensionExchangeFiles,
  pensionWithholdingRequests,
  pensionWithholdingResults,
  pensionWithholdingTargets,
} from './schema'

export type TargetRow = typeof pensionWithholdingTargets.$inferSelect

export const DUMMY_CATEGORY = '70'

/** The kept target record of each person of the year (of `personIds` only when given). */
export async function latestTargetRows(
  db: Db | Tx,
  fiscalYear: number,
  personIds?: readonly number[],
): Promise<Map<number, TargetRow>> {
  const base = and(
    eq(pensionWithholdingTargets.fiscalYear, fiscalYear),
    isNotNull(pensionWithholdingTargets.personId),
    ne(pensionWithholdingTargets.category, DUMMY_CATEGORY),
  )
  const rows: TargetRow[] = []
  if (personIds === undefined) rows.push(...(await db.select().from(pensionWithholdingTargets).where(base)))
  else
    for (let i = 0; i < personIds.length; i += 1_000)
      rows.push(
        ...(await db
          .select()
          .from(pensionWithholdingTargets)
          .where(and(base, inArray(pensionWithholdingTargets.personId, personIds.slice(i, i + 1_000))))),
      )
  rows.sort(
    (a, b) =>
      b.fileId - a.fileId ||
      b.pensionAmount - a.pensionAmount ||
      a.pensionCode.localeCompare(b.pensionCode) ||
      a.id - b.id,
  )
  const byPerson = new Map<number, TargetRow>()
  for (const r of rows) if (!byPerson.has(r.personId!)) byPerson.set(r.personId!, r)
  return byPerson
}

/**
 * The first pension payment ('YYYY-MM') the exchange allows withholding from (docs/sources/domain.md §3.6, §2.5 of
 * docs/sources/interfaces.md ⚠️): a 前年度継続者 (notice 00, 区分 02) continues from April; a 新規者 of the May capture (00 / 01) starts
 * with the 本徴収 of October after the July 依頼; an 追加候補者 (30) with the first even pension month at least four
 * months after the file was received (依頼 the month after, withholding two months later ⚠️).
 */
export function firstPaymentMonth(
  row: Pick<TargetRow, 'fiscalYear' | 'noticeCode' | 'category' | 'noticeDate'>,
  createdOn: string,
): string {
  if (row.noticeCode === '00') return row.category === '02' ? `${row.fiscalYear}-04` : `${row.fiscalYear}-10`
  const index = Number(createdOn.slice(0, 4)) * 12 + Number(createdOn.slice(5, 7)) - 1 + 4
  const even = (index % 12) % 2 === 1 ? index : index + 1 // months 2, 4, … are indices 1, 3, … (January = 0)
  return `${Math.floor(even / 12)}-${String((even % 12) + 1).padStart(2, '0')}`
}

/**
 * The first pension payment no longer withheld: the earliest month the insurer reported as not withheld for a reason
 * other than 正常 (01 失権, 02 差止, 03 支払年金額不足, 05 他制度による中止), or the first 本徴収 month after the ward
 * sent a 中止 (41). null while it runs.
 */
async function stoppedFromByPerson(db: Db | Tx, fiscalYear: number, personIds: readonly number[]) {
  const stopped = new Map<number, string>()
  const earliest = (personId: number, month: string) => {
    const known = stopped.get(personId)
    if (known === undefined || month < known) stopped.set(personId, month)
  }
  for (let i = 0; i < personIds.length; i += 1_000) {
    const part = personIds.slice(i, i + 1_000)
    const results = await db
      .select({ personId: pensionWithholdingResults.personId, period: pensionWithholdingResults.period })
      .from(pensionWithholdingResults)
      .where(
        and(
          eq(pensionWithholdingResults.fiscalYear, fiscalYear),
          eq(pensionWithholdingResults.withheld, false),
          inArray(pensionWithholdingResults.personId, part),
        ),
      )
    for (const r of results) earliest(r.personId!, r.period)
    const stops = await db
      .select({
        personId: pensionWithholdingRequests.personId,
        period: pensionWithholdingRequests.period,
        sentAt: pensionExchangeFiles.createdAt,
      })
      .from(pensionWithholdingRequests)
      .innerJoin(pensionExchangeFiles, eq(pensionExchangeFiles.id, pensionWithholdingRequests.fileId))
      .where(
        and(
          eq(pensionWithholdingRequests.fiscalYear, fiscalYear),
          eq(pensionWithholdingRequests.noticeCode, '41'),
          inArray(pensionWithholdingRequests.personId, part),
        ),
      )
    for (const r of stops) if (r.period > todayInJapan(r.sentAt).slice(0, 7)) earliest(r.personId, r.period)
  }
  return stopped
}

/** Per person: who withholds which pension of which annual amount in `fiscalYear` (docs/sources/domain.md §3.6). */
export async function loadWithholdingTargets(
  db: Db | Tx,
  fiscalYear: number,
  personIds?: readonly number[],
): Promise<Map<number, PensionWithholdingTarget>> {
  const rows = await latestTargetRows(db, fiscalYear, personIds)
  const files = new Map(
    (
      await db
        .select({ id: pensionExchangeFiles.id, createdAt: pensionExchangeFiles.createdAt })
        .from(pensionExchangeFiles)
    ).map((f) => [f.id, todayInJapan(f.createdAt)]),
  )
  const stopped = await stoppedFromByPerson(db, fiscalYear, [...rows.keys()])
  return new Map(
    [...rows].map(([personId, r]) => [
      personId,
      {
        personId,
        annualPension: r.pensionAmount,
        insurerCode: r.withholderCode,
        pensionCode: r.pensionCode,
        firstPaymentMonth: firstPaymentMonth(r, files.get(r.fileId) ?? `${fiscalYear}-04-01`),
        stoppedFrom: stopped.get(personId) ?? null,
        fiscalYear: r.fiscalYear,
        basicPensionNumber: r.basicPensionNumber,
        category: r.category,
        noticeCode: r.noticeCode,
        fileId: r.fileId,
      },
    ]),
  )
}
