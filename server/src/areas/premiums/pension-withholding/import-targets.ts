/**
 * Import of a 特別徴収対象者情報 file (Z11, notice 00 / 30; docs/interfaces/pension-withholding.md, "Business"): the
 * whole file is read and checked by the codec (structure, counts and totals, JIS and shift codes), then every header
 * must be the ward's; any problem → nothing applied and every problem named by record, byte and field. Each data
 * record is matched to a resident (match.ts); unmatched records are listed and kept with the reason. The same file
 * (SHA-256) applies once; the dry run matches and reports without writing. Runs in the caller's transaction.
 */
import {
  PENSION_PROBLEM_LIMIT,
  UNMATCHED_LIST_LIMIT,
  type PensionTargetsImportResult,
} from '../../../../../shared/api/pension-withholding'
import { bulkInsertJson } from '../../../core/db/bulk-insert'
import type { Db, Tx } from '../../../core/db/connect'
import { fileByHash, insertFile, municipalityProblems, sha256 } from './exchange-files'
import { matchRecords } from './match'
import { parsePensionWithholdingFile } from './parse'
import type { PensionWithholdingProblem } from './problem'
import type { DataRecord } from './records'
import { pensionWithholdingTargets } from './schema'
import { DUMMY_CATEGORY } from './targets'

export interface PensionFileInput {
  fileName: string
  bytes: Uint8Array
  dryRun: boolean
}

type Outcome<R> = R & { personIds: number[] }

/** The answer for a refused file (nothing applied). */
export function rejected(problems: PensionWithholdingProblem[], records = 0) {
  return {
    status: 'rejected' as const,
    records,
    matched: 0,
    unmatchedCount: 0,
    unmatched: [],
    problems: problems.slice(0, PENSION_PROBLEM_LIMIT),
    truncated: problems.length > PENSION_PROBLEM_LIMIT,
    personIds: [] as number[],
  }
}

/** Data records with their 1-based record number in the file. */
export function dataRecords(records: readonly { kind: string }[]): { recordNumber: number; record: DataRecord }[] {
  return records.flatMap((r, i) => (r.kind === 'data' ? [{ recordNumber: i + 1, record: r as DataRecord }] : []))
}

export async function importWithholdingTargets(
  db: Db | Tx,
  fiscalYear: number,
  file: PensionFileInput,
  userId: number | null,
  now: Date,
): Promise<Outcome<PensionTargetsImportResult>> {
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
      dummyRecords: 0,
      personIds: [],
    }
  const parsed = parsePensionWithholdingFile(file.bytes, { fileKind: 'targets' })
  if (!parsed.ok) return { ...rejected(parsed.problems), fiscalYear, dummyRecords: 0 }
  const data = dataRecords(parsed.records)
  const wrongWard = municipalityProblems(parsed.records)
  if (wrongWard.length > 0) return { ...rejected(wrongWard, data.length), fiscalYear, dummyRecords: 0 }

  const persons = data.filter((d) => d.record.category !== DUMMY_CATEGORY)
  const matches = await matchRecords(
    db,
    persons.map((d) => d.record),
  )
  const unmatched = persons.flatMap((d, i) => {
    const m = matches[i]!
    return m.personId === null
      ? [
          {
            recordNumber: d.recordNumber,
            basicPensionNumber: d.record.basicPensionNumber,
            kanaName: d.record.kanaName,
            birthDate: d.record.birthDate,
            reason: m.reason,
          },
        ]
      : []
  })
  const personIds = [...new Set(matches.flatMap((m) => (m.personId === null ? [] : [m.personId])))]
  const result = {
    fiscalYear,
    records: data.length,
    matched: persons.length - unmatched.length,
    unmatchedCount: unmatched.length,
    unmatched: unmatched.slice(0, UNMATCHED_LIST_LIMIT),
    problems: [],
    truncated: unmatched.length > UNMATCHED_LIST_LIMIT,
    dummyRecords: data.length - persons.length,
    personIds,
  }
  if (file.dryRun) return { ...result, status: 'validated' }

  const fileId = await insertFile(
    db,
    {
      direction: 'received',
      fileKind: 'targets',
      fiscalYear,
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
  const rows = persons.map(({ recordNumber, record: r }, i) => {
    const m = matches[i]!
    return {
      fileId,
      recordNumber,
      fiscalYear,
      personId: m.personId,
      matchedBy: m.personId === null ? null : m.by,
      unmatchedReason: m.personId === null ? m.reason : null,
      noticeCode: r.noticeCode,
      category: r.category,
      municipalityCode: r.municipalityCode,
      withholderCode: r.withholderCode,
      basicPensionNumber: r.basicPensionNumber,
      pensionCode: r.pensionCode,
      birthDate: r.birthDate,
      sex: r.sex,
      kanaName: r.kanaName,
      kanjiName: r.kanjiName,
      postalCode: r.postalCode,
      kanaAddress: r.kanaAddress,
      kanjiAddress: r.kanjiAddress,
      mutualAidCertificateNumber: r.mutualAidCertificateNumber,
      noticeDate: r.noticeDate,
      pensionAmount: r.amount1,
      amount2: r.amount2,
      amount3: r.amount3,
    }
  })
  for (let i = 0; i < rows.length; i += 2_000)
    await bulkInsertJson(db, pensionWithholdingTargets, rows.slice(i, i + 2_000))
  return { ...result, status: 'applied' }
}
