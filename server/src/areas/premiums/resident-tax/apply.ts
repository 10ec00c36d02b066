/**
 * Applying a 住民税課税情報 file (docs/interfaces/resident-tax.md): every line validated (parse.ts), then every record
 * against the database and the earlier lines of the file; any problem → nothing applied and the whole report. The
 * file is applied once (SHA-256); a 当初 record identical to the one kept is skipped; a 更正 adds the next revision.
 * Runs in the caller's transaction (the request's), so it is all or nothing with its audit row.
 */
import { createHash } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import { assessmentRightEndDate, directPaymentSchedule } from '../../../../../shared/domain'
import type { ResidentTaxIntakeResult } from '../../../../../shared/api/premiums'
import type { IntakeProblem } from '../../../../../shared/eligibility/intake'
import type { Db, Tx } from '../../../core/db/connect'
import { persons } from '../../persons/schema'
import { residentTaxFiles, residentTaxRecords, welfareStatuses } from '../schema'
import { decodeResidentTaxFile, parseResidentTaxFile, type ResidentTaxLine } from './parse'

/** At most this many problems are listed (the rest is counted by `truncated`). */
export const MAX_PROBLEMS = 1_000

type TaxRow = typeof residentTaxRecords.$inferSelect

const sameFigures = (a: TaxRow, b: ResidentTaxLine) =>
  a.taxable === b.taxable &&
  a.totalIncome === b.totalIncome &&
  a.publicPensionIncome === b.publicPensionIncome &&
  a.pensionMiscIncome === b.pensionMiscIncome &&
  a.salaryIncome === b.salaryIncome &&
  a.taxExemptPension === b.taxExemptPension

export async function importResidentTax(
  db: Db | Tx,
  file: { fileName: string; bytes: Uint8Array; encoding: 'auto' | 'utf-8' | 'shift_jis'; dryRun: boolean },
  userId: number | null,
  now: Date,
  today: string,
): Promise<ResidentTaxIntakeResult & { personIds: number[] }> {
  const empty = { applied: 0, alreadyApplied: 0, corrections: 0, notices: [] as string[], personIds: [] as number[] }
  const reject = (problems: IntakeProblem[], encoding: 'utf-8' | 'shift_jis' | null, records: number) => ({
    ...empty,
    status: 'rejected' as const,
    encoding,
    records,
    problems: problems.slice(0, MAX_PROBLEMS),
    truncated: problems.length > MAX_PROBLEMS,
  })
  const fileHash = createHash('sha256').update(file.bytes).digest('hex')
  const [already] = await db.select().from(residentTaxFiles).where(eq(residentTaxFiles.fileHash, fileHash))
  if (already)
    return {
      ...empty,
      status: 'alreadyImported',
      encoding: already.encoding as 'utf-8' | 'shift_jis',
      records: already.records,
      problems: [],
      truncated: false,
    }

  const decoded = decodeResidentTaxFile(file.bytes, file.encoding)
  if (!decoded.ok) return reject([decoded.problem], null, 0)
  const { lines, problems } = parseResidentTaxFile(decoded.text)
  const records = lines.length + new Set(problems.filter((p) => p.line > 1).map((p) => p.line)).size

  // Against the database: the person exists; a 更正 follows a kept (or earlier in the file) record of the year.
  const atenaNos = [...new Set(lines.map((l) => l.atenaNo))]
  const personByAtena = new Map<string, number>()
  for (let i = 0; i < atenaNos.length; i += 1_000) {
    const rows = await db
      .select({ id: persons.id, code: persons.residentCode })
      .from(persons)
      .where(inArray(persons.residentCode, atenaNos.slice(i, i + 1_000)))
    for (const r of rows) personByAtena.set(r.code, r.id)
  }
  const personIds = [...new Set(personByAtena.values())]
  const latest = new Map<string, TaxRow>()
  for (let i = 0; i < personIds.length; i += 1_000) {
    const rows = await db
      .select()
      .from(residentTaxRecords)
      .where(inArray(residentTaxRecords.personId, personIds.slice(i, i + 1_000)))
    for (const r of rows) {
      const key = `${r.personId}:${r.fiscalYear}`
      if ((latest.get(key)?.revision ?? 0) < r.revision) latest.set(key, r)
    }
  }
  const revisions = new Map<string, number>()
  const toApply: { line: ResidentTaxLine; personId: number; revision: number }[] = []
  let alreadyApplied = 0
  const notices: string[] = []
  const withPerson: { line: ResidentTaxLine; personId: number }[] = []
  for (const l of lines) {
    const personId = personByAtena.get(l.atenaNo)
    if (personId !== undefined) withPerson.push({ line: l, personId })
    if (personId === undefined) {
      problems.push({
        line: l.line,
        column: '宛名番号（atena_no）',
        reason: `宛名番号 ${l.atenaNo} の住民が登録されていません`,
      })
      continue
    }
    const key = `${personId}:${l.fiscalYear}`
    const kept = latest.get(key)
    const current = revisions.get(key) ?? kept?.revision ?? 0
    if (!l.correction) {
      if (kept && sameFigures(kept, l)) {
        alreadyApplied++
        continue
      }
      if (current > 0) {
        problems.push({
          line: l.line,
          column: '更正区分（kosei_kubun）',
          reason: `${l.fiscalYear}年度の当初の課税情報は取込済みです。内容が変わったときは更正区分 1（更正）で送ってください`,
        })
        continue
      }
    } else if (current === 0) {
      problems.push({
        line: l.line,
        column: '更正区分（kosei_kubun）',
        reason: `${l.fiscalYear}年度の当初の課税情報がないため更正できません`,
      })
      continue
    }
    revisions.set(key, current + 1)
    toApply.push({ line: l, personId, revision: current + 1 })
    if (l.correction) {
      const lastDay = assessmentRightEndDate(directPaymentSchedule(l.fiscalYear)[0]!.dueDate)
      if (lastDay < today)
        notices.push(
          `${l.line}行目：${l.fiscalYear}年度の賦課権の期間（${lastDay}まで）を過ぎているため、この更正は記録しますが保険料は更正できません（介護保険法第200条の2）`,
        )
    }
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line)
    return reject(problems, decoded.encoding, records)
  }
  const corrections = toApply.filter((a) => a.line.correction).length
  const touched = [...new Set(toApply.map((a) => a.personId))]
  const result = {
    encoding: decoded.encoding,
    records,
    applied: toApply.length,
    alreadyApplied,
    corrections,
    problems: [],
    truncated: false,
    notices,
    personIds: touched,
  }
  if (file.dryRun) return { ...result, status: 'validated' }

  const [fileRow] = await db
    .insert(residentTaxFiles)
    .values({
      fileHash,
      fileName: file.fileName,
      encoding: decoded.encoding,
      records,
      applied: toApply.length,
      importedAt: now,
      importedBy: userId,
    })
    .returning({ id: residentTaxFiles.id })
  const sourceFileId = fileRow!.id
  for (let i = 0; i < toApply.length; i += 500) {
    await db.insert(residentTaxRecords).values(
      toApply.slice(i, i + 500).map(({ line: l, personId, revision }) => ({
        personId,
        fiscalYear: l.fiscalYear,
        revision,
        taxable: l.taxable,
        totalIncome: l.totalIncome,
        publicPensionIncome: l.publicPensionIncome,
        pensionMiscIncome: l.pensionMiscIncome,
        salaryIncome: l.salaryIncome,
        taxExemptPension: l.taxExemptPension,
        correctedOn: l.correctedOn,
        sourceFileId,
        sourceLine: l.line,
        recordedAt: now,
        recordedBy: userId,
      })),
    )
  }
  // 生活保護 / 老齢福祉年金 (of every line, a skipped 当初 line too): a period not yet kept as it is (same person,
  // kind, start and end) is recorded.
  const statusRows = withPerson.flatMap(({ line: l, personId }) => [
    ...(l.publicAssistance
      ? [{ personId, kind: 'publicAssistance' as const, ...l.publicAssistance, line: l.line }]
      : []),
    ...(l.oldAgeWelfarePension
      ? [{ personId, kind: 'oldAgeWelfarePension' as const, ...l.oldAgeWelfarePension, line: l.line }]
      : []),
  ])
  for (const s of statusRows) {
    const existing = await db
      .select({ id: welfareStatuses.id, toDate: welfareStatuses.toDate })
      .from(welfareStatuses)
      .where(
        and(
          eq(welfareStatuses.personId, s.personId),
          eq(welfareStatuses.kind, s.kind),
          eq(welfareStatuses.fromDate, s.from),
        ),
      )
    const last = existing.sort((a, b) => b.id - a.id)[0]
    if (last && last.toDate === s.to) continue
    await db.insert(welfareStatuses).values({
      personId: s.personId,
      kind: s.kind,
      fromDate: s.from,
      toDate: s.to,
      sourceFileId,
      sourceLine: s.line,
      recordedAt: now,
    })
  }
  return { ...result, status: 'applied' }
}
