/**
 * Import of a 特別徴収結果 file (Z14, notice 22; docs/interfaces/pension-withholding.md, "Business"): per person and
 * pension month, withheld or not and why (各種区分: 00 正常 … 05), for the collection area. Read and checked as a
 * whole by the codec, then every header must be the ward's and every data record must carry its 年金支払年月日
 * (各種年月日 ⚠️) — any problem → nothing applied. Records are matched as the targets are (match.ts), unmatched
 * ones listed and kept; the same file (SHA-256) applies once; a dry run writes nothing.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm'
import { fiscalYearOf, todayInJapan } from '../../../../../shared/domain'
import {
  UNMATCHED_LIST_LIMIT,
  type PensionResultsImportResult,
  type PensionWithholdingResult,
} from '../../../../../shared/api/pension-withholding'
import { bulkInsertJson } from '../../../core/db/bulk-insert'
import type { Db, Tx } from '../../../core/db/connect'
import { fileByHash, insertFile, municipalityProblems, sha256 } from './exchange-files'
import { dataRecords, rejected, type PensionFileInput } from './import-targets'
import { GROUP_LAYOUTS, fieldOf } from './layout'
import { matchRecords } from './match'
import { parsePensionWithholdingFile } from './parse'
import { problem } from './problem'
import { pensionWithholdingResults } from './schema'

/** 区分 of notice 22 under which the amount was withheld: 00 正常, 10 正常（75歳以上で国保特徴中）. */
const NOTICE_DATE = fieldOf(GROUP_LAYOUTS.data, 'noticeDate')

const WITHHELD_CATEGORIES = new Set(['00', '10'])

export async function importWithholdingResults(
  db: Db | Tx,
  file: PensionFileInput,
  userId: number | null,
  now: Date,
): Promise<PensionResultsImportResult & { personIds: number[] }> {
  const counts = { withheld: 0, notWithheld: 0, withheldAmount: 0 }
  const fileHash = sha256(file.bytes)
  const already = await fileByHash(db, fileHash)
  if (already)
    return {
      status: 'alreadyImported',
      fiscalYear: already.fiscalYear,
      records: already.records,
      matched: 0,
      unmatchedCount: 0,
      unmatched: [],
      problems: [],
      truncated: false,
      ...counts,
      personIds: [],
    }
  const parsed = parsePensionWithholdingFile(file.bytes, { fileKind: 'results' })
  if (!parsed.ok) return { ...rejected(parsed.problems), fiscalYear: null, ...counts }
  const data = dataRecords(parsed.records)
  const problems = [
    ...municipalityProblems(parsed.records),
    ...data.flatMap((d) =>
      d.record.noticeDate === null
        ? [problem(d.recordNumber, 'data', NOTICE_DATE.start, NOTICE_DATE.label, '年金支払年月日がありません')]
        : [],
    ),
  ].sort((a, b) => a.recordNumber - b.recordNumber)
  if (problems.length > 0) return { ...rejected(problems, data.length), fiscalYear: null, ...counts }

  const matches = await matchRecords(
    db,
    data.map((d) => d.record),
  )
  const years = [...new Set(data.map((d) => fiscalYearOf(d.record.noticeDate!)))].sort()
  const rows = data.map(({ recordNumber, record: r }, i) => {
    const m = matches[i]!
    const withheld = WITHHELD_CATEGORIES.has(r.category) && r.amount1 > 0
    if (m.personId !== null) {
      if (withheld) {
        counts.withheld += 1
        counts.withheldAmount += r.amount1
      } else counts.notWithheld += 1
    }
    return {
      recordNumber,
      personId: m.personId,
      unmatchedReason: m.personId === null ? m.reason : null,
      fiscalYear: fiscalYearOf(r.noticeDate!),
      period: r.noticeDate!.slice(0, 7),
      paidOn: r.noticeDate!,
      withholderCode: r.withholderCode,
      basicPensionNumber: r.basicPensionNumber,
      pensionCode: r.pensionCode,
      reasonCode: r.category,
      resultCode: r.resultCode,
      withheld,
      amount: r.amount1,
    }
  })
  const unmatched = rows.flatMap((row, i) =>
    row.personId === null
      ? [
          {
            recordNumber: row.recordNumber,
            basicPensionNumber: row.basicPensionNumber,
            kanaName: data[i]!.record.kanaName,
            birthDate: data[i]!.record.birthDate,
            reason: row.unmatchedReason!,
          },
        ]
      : [],
  )
  const result = {
    fiscalYear: years[0] ?? null,
    records: data.length,
    matched: data.length - unmatched.length,
    unmatchedCount: unmatched.length,
    unmatched: unmatched.slice(0, UNMATCHED_LIST_LIMIT),
    problems: [],
    truncated: unmatched.length > UNMATCHED_LIST_LIMIT,
    ...counts,
    personIds: [...new Set(rows.flatMap((r) => (r.personId === null ? [] : [r.personId])))],
  }
  if (file.dryRun) return { ...result, status: 'validated' }
  const fileId = await insertFile(
    db,
    {
      direction: 'received',
      fileKind: 'results',
      fiscalYear: result.fiscalYear ?? fiscalYearOf(todayInJapan(now)),
      fileHash,
      fileName: file.fileName,
      records: data.length,
      matched: result.matched,
      unmatched: unmatched.length,
      content: null,
    },
    userId,
    now,
  )
  for (let i = 0; i < rows.length; i += 2_000)
    await bulkInsertJson(
      db,
      pensionWithholdingResults,
      rows.slice(i, i + 2_000).map((r) => ({ ...r, fileId })),
    )
  return { ...result, status: 'applied' }
}

/**
 * Per person: the result of each pension month of the year (the latest file's record of the month; a person with
 * two pensions: one row per pension), oldest month first — for the collection area.
 */
export async function loadWithholdingResults(
  db: Db | Tx,
  fiscalYear: number,
  personIds?: readonly number[],
): Promise<Map<number, PensionWithholdingResult[]>> {
  const base = and(eq(pensionWithholdingResults.fiscalYear, fiscalYear), isNotNull(pensionWithholdingResults.personId))
  const rows: (typeof pensionWithholdingResults.$inferSelect)[] = []
  if (personIds === undefined) rows.push(...(await db.select().from(pensionWithholdingResults).where(base)))
  else
    for (let i = 0; i < personIds.length; i += 1_000)
      rows.push(
        ...(await db
          .select()
          .from(pensionWithholdingResults)
          .where(and(base, inArray(pensionWithholdingResults.personId, personIds.slice(i, i + 1_000))))),
      )
  rows.sort((a, b) => b.fileId - a.fileId || a.id - b.id)
  const seen = new Set<string>()
  const byPerson = new Map<number, PensionWithholdingResult[]>()
  for (const r of rows) {
    const key = `${r.personId}:${r.period}:${r.withholderCode}:${r.pensionCode}`
    if (seen.has(key)) continue
    seen.add(key)
    const list = byPerson.get(r.personId!) ?? []
    list.push({
      personId: r.personId!,
      fiscalYear: r.fiscalYear,
      period: r.period,
      paidOn: r.paidOn,
      withheld: r.withheld,
      amount: r.amount,
      reasonCode: r.reasonCode,
      fileId: r.fileId,
    })
    byPerson.set(r.personId!, list)
  }
  for (const list of byPerson.values()) list.sort((a, b) => a.period.localeCompare(b.period))
  return byPerson
}
