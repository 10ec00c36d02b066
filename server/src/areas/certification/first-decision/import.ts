/**
 * Applying a 一次判定 file (docs/interfaces/first-decision.md): every line validated (layout.ts), then matched with
 * an open case by 被保険者番号 and 申請年月日 whose survey form and opinion are in (the case's stage machine,
 * cases/stages.ts); any problem → nothing applied and the whole report. A line whose case already holds the same
 * values is skipped (idempotent re-import); different values for such a case are refused. Applied lines move the
 * case to 一次判定 on the file's 一次判定日. Runs in the request's transaction: all or nothing with its audit row.
 */
import { createHash } from 'node:crypto'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { FileImportProblem } from '../../../../../shared/api/file-import'
import type { Db, Tx } from '../../../core/db/connect'
import { persons } from '../../persons/schema'
import { certificationCases } from '../cases/schema'
import { advanceCaseStage, loadCaseEvents } from '../cases/stages'
import { decodeFirstDecisionFile, parseFirstDecisionFile, type FirstDecisionLine } from './layout'
import { certificationFirstDecisions } from './schema'

export const MAX_PROBLEMS = 1_000

type Row = typeof certificationFirstDecisions.$inferSelect

const sameValues = (a: Row, b: FirstDecisionLine) =>
  a.decidedOn === b.decidedOn &&
  a.softwareVersion === b.softwareVersion &&
  a.provisional === b.provisional &&
  a.result === b.result &&
  a.standardMinutes10 === b.standardMinutes10 &&
  JSON.stringify(a.groupScores10) === JSON.stringify(b.groupScores10) &&
  a.stability === b.stability &&
  a.dementiaProbability10 === b.dementiaProbability10 &&
  a.warningArray === b.warningArray

export interface FirstDecisionImportOutcome {
  status: 'applied' | 'validated' | 'rejected' | 'alreadyImported'
  encoding: 'utf-8' | 'shift_jis' | null
  records: number
  applied: number
  alreadyApplied: number
  problems: FileImportProblem[]
  truncated: boolean
  notices: string[]
  caseIds: number[]
  personIds: number[]
}

export async function importFirstDecisions(
  db: Db | Tx,
  file: { fileName: string; bytes: Uint8Array; encoding: 'auto' | 'utf-8' | 'shift_jis'; dryRun: boolean },
  userId: number | null,
  now: Date,
): Promise<FirstDecisionImportOutcome> {
  const base = {
    applied: 0,
    alreadyApplied: 0,
    notices: [] as string[],
    caseIds: [] as number[],
    personIds: [] as number[],
  }
  const reject = (problems: FileImportProblem[], encoding: 'utf-8' | 'shift_jis' | null, records: number) => ({
    ...base,
    status: 'rejected' as const,
    encoding,
    records,
    problems: problems.slice(0, MAX_PROBLEMS),
    truncated: problems.length > MAX_PROBLEMS,
  })
  const decoded = decodeFirstDecisionFile(file.bytes, file.encoding)
  if (!decoded.ok) return reject([decoded.problem], null, 0)
  const { lines, problems } = parseFirstDecisionFile(decoded.text)
  const records = lines.length + new Set(problems.filter((p) => p.line >= 2).map((p) => p.line)).size
  if (problems.length > 0) return reject(problems, decoded.encoding, records)

  // Match every line with a case: same 被保険者番号 and 申請年月日, still open.
  const numbers = [...new Set(lines.map((l) => l.insuredNumber))]
  const candidates = await db
    .select({ case: certificationCases, insuredNumber: persons.insuredNumber })
    .from(certificationCases)
    .innerJoin(persons, eq(persons.id, certificationCases.personId))
    .where(
      and(inArray(persons.insuredNumber, numbers), sql`${certificationCases.stage} not in ('withdrawn', 'rejected')`),
    )
  const caseOf = new Map(candidates.map((c) => [`${c.insuredNumber}:${c.case.appliedOn}`, c.case]))
  const caseIds = candidates.map((c) => c.case.id)
  const existing = caseIds.length
    ? await db.select().from(certificationFirstDecisions).where(inArray(certificationFirstDecisions.caseId, caseIds))
    : []
  const existingOf = new Map(existing.map((e) => [e.caseId, e]))
  const events = await loadCaseEvents(db, caseIds)
  const done = new Map<number, Set<string>>()
  for (const e of events) done.set(e.caseId, (done.get(e.caseId) ?? new Set()).add(e.kind))

  const toApply: { line: FirstDecisionLine; caseId: number; personId: number }[] = []
  let alreadyApplied = 0
  for (const line of lines) {
    const at = (column: string, reason: string) => problems.push({ line: line.line, column, reason })
    const c = caseOf.get(`${line.insuredNumber}:${line.appliedOn}`)
    if (!c) {
      at('被保険者番号（hihokensha_no）', `この被保険者番号・申請年月日（${line.appliedOn}）の認定申請がありません`)
      continue
    }
    const before = existingOf.get(c.id)
    if (before) {
      if (sameValues(before, line)) alreadyApplied += 1
      else
        at(
          '一次判定結果（ichiji_kekka）',
          `申請 #${c.id} には別の内容の一次判定が取り込み済みです（再判定は審査会事務局で取消してから）`,
        )
      continue
    }
    const kinds = done.get(c.id) ?? new Set()
    const missing = [
      ...(kinds.has('surveyReceived') ? [] : ['調査票受領']),
      ...(kinds.has('opinionReceived') ? [] : ['意見書受領']),
    ]
    if (missing.length > 0) {
      at('被保険者番号（hihokensha_no）', `申請 #${c.id} は${missing.join('・')}が記録されていません`)
      continue
    }
    if (!c.boardRequired) {
      at('被保険者番号（hihokensha_no）', `申請 #${c.id} は受給資格証明書による認定（審査会なし）です`)
      continue
    }
    toApply.push({ line, caseId: c.id, personId: c.personId })
  }
  if (problems.length > 0) return reject(problems, decoded.encoding, records)
  const status =
    toApply.length === 0 ? ('alreadyImported' as const) : file.dryRun ? ('validated' as const) : ('applied' as const)
  const notices = toApply
    .filter((a) => a.line.provisional)
    .map((a) => `${a.line.line}行目: 仮判定です（申請 #${a.caseId}）。本判定の取込みで置き換えはできません`)
  const result = {
    ...base,
    status,
    encoding: decoded.encoding,
    records,
    applied: toApply.length,
    alreadyApplied,
    problems: [],
    truncated: false,
    notices,
    caseIds: toApply.map((a) => a.caseId),
    personIds: [...new Set(toApply.map((a) => a.personId))],
  }
  if (status !== 'applied') return result
  const sha = createHash('sha256').update(file.bytes).digest('hex')
  await db.insert(certificationFirstDecisions).values(
    toApply.map(({ line, caseId }) => ({
      caseId,
      decidedOn: line.decidedOn,
      softwareVersion: line.softwareVersion,
      provisional: line.provisional,
      result: line.result,
      standardMinutes10: line.standardMinutes10,
      parts10: line.parts10,
      groupScores10: line.groupScores10,
      stability: line.stability,
      dementiaProbability10: line.dementiaProbability10,
      warningArray: line.warningArray,
      fileName: file.fileName,
      fileSha256: sha,
      line: line.line,
      importedAt: now,
      importedBy: userId,
    })),
  )
  for (const { line, caseId } of toApply)
    await advanceCaseStage(db, caseId, 'firstDecided', line.decidedOn, userId, {
      now,
      details: { result: line.result, standardMinutes10: line.standardMinutes10 },
    })
  return result
}

/** The imported 一次判定 of a case, or null. */
export async function firstDecisionOf(db: Db | Tx, caseId: number): Promise<Row | null> {
  const [row] = await db
    .select()
    .from(certificationFirstDecisions)
    .where(eq(certificationFirstDecisions.caseId, caseId))
  return row ?? null
}
