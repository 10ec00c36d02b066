/**
 * 負担割合の判定 (docs/sources/domain.md §5.3): the persons judged (certified or 事業対象者 during the 判定年度), their
 * household's income (the 住民税課税情報 of the year, else the figures of the resident record), the yearly run (dry
 * run → 監督者の承認 → 実行 in one transaction) and the re-determination of one person.
 */
import { createHash } from 'node:crypto'
import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm'
import {
  addDays,
  copayJudgementIncomes,
  copayYear,
  copayYearOf,
  householdCopayRates,
  todayInJapan,
  type CopayHouseholdMember,
  type CopayYear,
  type IsoDate,
} from '../../../../shared/domain'
import type { CopayBasis, CopayRunDetail, CopayRunSummary } from '../../../../shared/api/recipients'
import type { Db, Tx } from '../../core/db/connect'
import { bulkInsertJson } from '../../core/db/bulk-insert'
import { HttpProblem } from '../../core/http/problem'
import type { AuthenticatedUser } from '../../core/sessions/sessions'
import { certifiedPersons, programParticipants } from '../certification'
import { persons } from '../persons/schema'
import { residentTaxRecords, welfareStatuses } from '../premiums/schema'
import { RECIPIENT_CHANGE_KINDS } from './change-kinds'
import { copayRatioOn, loadCopayRows } from './periods'
import { queueRecipientChanges } from './queue'
import { copayRatePeriods, copayRunResults, copayRuns } from './schema'

const refusal = (message: string) => new HttpProblem(422, 'copayRefused', message)

/** Persons certified (受給者台帳) or 事業対象者 on some day of the 判定年度. */
export async function copayCandidates(db: Db | Tx, y: CopayYear, personIds?: readonly number[]): Promise<number[]> {
  const certified = await db
    .selectDistinct({ personId: certifiedPersons.personId })
    .from(certifiedPersons)
    .where(
      and(
        lte(certifiedPersons.validFrom, y.to),
        gte(certifiedPersons.validTo, y.from),
        personIds ? inArray(certifiedPersons.personId, [...personIds]) : undefined,
      ),
    )
  const program = await db
    .selectDistinct({ personId: programParticipants.personId })
    .from(programParticipants)
    .where(
      and(
        lte(programParticipants.validFrom, y.to),
        or(isNull(programParticipants.endedOn), gte(programParticipants.endedOn, y.from)),
        personIds ? inArray(programParticipants.personId, [...personIds]) : undefined,
      ),
    )
  return [...new Set([...certified, ...program].map((r) => r.personId))].sort((a, b) => a - b)
}

export interface CopayJudgement {
  personId: number
  ratio: 1 | 2 | 3
  basis: CopayBasis
}

const CHUNK = 5000

/** The ratio of each person judged on `on` (the household's members and their records loaded set-based). */
export async function judgeCopay(
  db: Db | Tx,
  personIds: readonly number[],
  y: CopayYear,
  on: IsoDate,
): Promise<CopayJudgement[]> {
  const out: CopayJudgement[] = []
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const ids = personIds.slice(i, i + CHUNK)
    const selves = await db
      .select({ id: persons.id, householdId: persons.householdId })
      .from(persons)
      .where(inArray(persons.id, ids))
    const householdIds = [...new Set(selves.map((s) => s.householdId))]
    const members = await db.select().from(persons).where(inArray(persons.householdId, householdIds))
    const memberIds = members.map((m) => m.id)
    const records = await db
      .select()
      .from(residentTaxRecords)
      .where(and(inArray(residentTaxRecords.personId, memberIds), eq(residentTaxRecords.fiscalYear, y.taxFiscalYear)))
      .orderBy(asc(residentTaxRecords.revision))
    const latest = new Map<number, (typeof records)[number]>()
    for (const r of records) latest.set(r.personId, r)
    const welfare = await db
      .select()
      .from(welfareStatuses)
      .where(
        and(
          inArray(welfareStatuses.personId, memberIds),
          eq(welfareStatuses.kind, 'publicAssistance'),
          lte(welfareStatuses.fromDate, on),
          or(isNull(welfareStatuses.toDate), gte(welfareStatuses.toDate, on)),
        ),
      )
    const assisted = new Set(welfare.map((w) => w.personId))
    const sources = new Map<number, string>()
    const view = new Map<number, CopayHouseholdMember[]>()
    for (const m of members) {
      const r = latest.get(m.id)
      const incomes = r
        ? copayJudgementIncomes(r, on)
        : { totalIncome: m.totalIncome, pensionAndOtherIncome: m.pensionAndOtherIncome }
      sources.set(
        m.id,
        r ? `${y.taxFiscalYear}年度 住民税課税情報 第${r.revision}版` : '住民記録の所得（課税情報なし）',
      )
      const member: CopayHouseholdMember = {
        personId: m.id,
        category: m.insuredCategory === 1 || m.insuredCategory === 2 ? m.insuredCategory : null,
        onPublicAssistance: assisted.has(m.id) || m.onPublicAssistance,
        residentTaxExempt: r ? !r.taxable : !m.residentTaxable,
        ...incomes,
      }
      const list = view.get(m.householdId) ?? []
      list.push(member)
      view.set(m.householdId, list)
    }
    for (const s of selves) {
      const household = view.get(s.householdId)!
      const { ratio, input } = householdCopayRates([s.id], household, on).get(s.id)!
      out.push({ personId: s.id, ratio, basis: { ...input, incomeSource: sources.get(s.id)! } })
    }
  }
  return out.sort((a, b) => a.personId - b.personId)
}

const fingerprintOf = (judgements: readonly CopayJudgement[]) =>
  createHash('sha256').update(JSON.stringify(judgements)).digest('hex')

type RunRow = typeof copayRuns.$inferSelect

export function runSummary(run: RunRow): CopayRunSummary {
  return {
    runId: run.id,
    yearStart: run.yearStart,
    status: run.status,
    asOf: run.asOf,
    persons: run.persons,
    changed: run.changed,
    byRatio: run.byRatio,
    preparedName: run.preparedName,
    approvedName: run.approvedName,
    committedAt: run.committedAt?.toISOString() ?? null,
  }
}

export async function loadRun(db: Db | Tx, runId: number): Promise<RunRow> {
  const [run] = await db.select().from(copayRuns).where(eq(copayRuns.id, runId))
  if (!run) throw new HttpProblem(404, 'notFound', `負担割合判定 第${runId}号はありません`)
  return run
}

/** The ratio in force on the day before the year (the previous decision) or on its first day (a run again). */
async function previousRatios(db: Db | Tx, personIds: readonly number[], y: CopayYear) {
  const rows = await loadCopayRows(db, personIds)
  const out = new Map<number, 1 | 2 | 3 | null>()
  for (const id of personIds) {
    const list = rows.get(id) ?? []
    out.set(id, copayRatioOn(list, y.from) ?? copayRatioOn(list, addDays(y.from, -1)))
  }
  return out
}

/** The dry run: judges every candidate, stores the run and the results; writes no ratio. */
export async function prepareCopayRun(db: Db | Tx, year: number, user: AuthenticatedUser, now: Date): Promise<number> {
  const y = copayYear(year)
  const ids = await copayCandidates(db, y)
  const judgements = await judgeCopay(db, ids, y, y.from)
  const old = await previousRatios(db, ids, y)
  const byRatio = { '1': 0, '2': 0, '3': 0 }
  let changed = 0
  for (const j of judgements) {
    byRatio[String(j.ratio) as '1' | '2' | '3']++
    if (old.get(j.personId) !== j.ratio) changed++
  }
  const [run] = await db
    .insert(copayRuns)
    .values({
      yearStart: y.from,
      status: 'awaitingApproval',
      asOf: todayInJapan(now),
      inputsFingerprint: fingerprintOf(judgements),
      persons: judgements.length,
      changed,
      byRatio,
      preparedBy: user.id,
      preparedName: user.displayName,
      preparedAt: now,
    })
    .returning({ id: copayRuns.id })
  await bulkInsertJson(
    db,
    copayRunResults,
    judgements.map((j) => ({
      runId: run!.id,
      personId: j.personId,
      ratio: j.ratio,
      oldRatio: old.get(j.personId) ?? null,
      basis: j.basis,
    })),
  )
  return run!.id
}

/** One page of the persons whose ratio changes (old → new). */
export async function runDetail(db: Db | Tx, run: RunRow, offset: number, limit: number) {
  const rows = await db
    .select({
      personId: copayRunResults.personId,
      ratio: copayRunResults.ratio,
      oldRatio: copayRunResults.oldRatio,
      insuredNumber: persons.insuredNumber,
      familyName: persons.familyName,
      givenName: persons.givenName,
    })
    .from(copayRunResults)
    .innerJoin(persons, eq(persons.id, copayRunResults.personId))
    .where(eq(copayRunResults.runId, run.id))
    .orderBy(asc(copayRunResults.personId))
  const changes = rows.filter((r) => r.oldRatio !== r.ratio)
  const page = changes.slice(offset, offset + limit)
  const detail: CopayRunDetail = {
    run: runSummary(run),
    changes: {
      offset,
      total: changes.length,
      rows: page.map((r) => ({
        personId: r.personId,
        insuredNumber: r.insuredNumber,
        name: `${r.familyName} ${r.givenName}`,
        oldRatio: r.oldRatio as 1 | 2 | 3 | null,
        newRatio: r.ratio as 1 | 2 | 3,
      })),
    },
  }
  return { detail, personIds: page.map((r) => r.personId) }
}

const wrongState = () => new HttpProblem(409, 'wrongState', 'この判定はその操作ができる状態ではありません')

/** The 監督者's sign-off: a second person, the run waiting, its inputs unchanged since the dry run. */
export async function approveCopayRun(db: Db | Tx, user: AuthenticatedUser, runId: number, now: Date) {
  const run = await loadRun(db, runId)
  if (run.status !== 'awaitingApproval') throw wrongState()
  if (run.preparedBy === user.id)
    throw new HttpProblem(403, 'ownRun', '試算した本人は承認できません（別の監督者が承認してください）')
  const y = copayYearOf(run.yearStart)
  const ids = await copayCandidates(db, y)
  if (fingerprintOf(await judgeCopay(db, ids, y, y.from)) !== run.inputsFingerprint)
    throw new HttpProblem(409, 'inputsChanged', '試算の後に所得・世帯・認定が変わりました。試算をやり直してください')
  const [updated] = await db
    .update(copayRuns)
    .set({ status: 'approved', approvedBy: user.id, approvedName: user.displayName, approvedAt: now })
    .where(and(eq(copayRuns.id, runId), eq(copayRuns.status, 'awaitingApproval')))
    .returning()
  if (!updated) throw wrongState()
  return updated
}

export async function rejectCopayRun(db: Db | Tx, user: AuthenticatedUser, runId: number, reason: string, now: Date) {
  const [updated] = await db
    .update(copayRuns)
    .set({ status: 'rejected', rejectedBy: user.id, rejectionReason: reason, rejectedAt: now })
    .where(and(eq(copayRuns.id, runId), eq(copayRuns.status, 'awaitingApproval')))
    .returning()
  if (!updated) throw wrongState()
  return updated
}

/**
 * The commit, in the request's transaction (all or nothing; a SIGKILL leaves the run 'approved' and nothing
 * written): a yearly period for every person of the run and its 受給者異動.
 */
export async function commitCopayRun(db: Db | Tx, runId: number, userId: number | null, now: Date) {
  const run = await loadRun(db, runId)
  if (run.status !== 'approved') throw wrongState()
  const [claimed] = await db
    .update(copayRuns)
    .set({ status: 'committed', committedAt: now })
    .where(and(eq(copayRuns.id, runId), eq(copayRuns.status, 'approved')))
    .returning()
  if (!claimed) throw wrongState()
  const y = copayYearOf(run.yearStart)
  const results = await db.select().from(copayRunResults).where(eq(copayRunResults.runId, runId))
  const today = todayInJapan(now)
  const written = await bulkInsertJson(
    db,
    copayRatePeriods,
    results.map((r) => ({
      personId: r.personId,
      validFrom: y.from,
      validTo: y.to,
      ratio: r.ratio,
      reason: 'yearly' as const,
      runId,
      basis: r.basis,
      note: null,
      decidedOn: today,
      recordedAt: now,
      recordedBy: userId,
    })),
    { returning: ['id', 'personId', 'ratio'] },
  )
  await queueRecipientChanges(
    db,
    written.map((w) => ({
      personId: w.personId,
      changeKind: RECIPIENT_CHANGE_KINDS.copayRatio,
      effectiveOn: y.from,
      payload: { periodId: w.id, ratio: w.ratio, validFrom: y.from, validTo: y.to, reason: 'yearly' },
    })),
    today,
    now,
  )
  return { run: claimed, written: written.length, personIds: results.map((r) => r.personId) }
}

/** Re-determination of one person from `effectiveFrom` to the end of its 判定年度 (更正・世帯の異動). */
export async function redetermineCopay(
  db: Db | Tx,
  input: { personId: number; effectiveFrom: IsoDate; reason: string },
  userId: number | null,
  now: Date,
) {
  const y = copayYearOf(input.effectiveFrom)
  const [candidate] = await copayCandidates(db, y, [input.personId])
  if (candidate === undefined)
    throw refusal(`${y.from}〜${y.to} に要介護認定・事業対象者の期間がないため負担割合を判定できません`)
  const [j] = await judgeCopay(db, [input.personId], y, input.effectiveFrom)
  const rows = (await loadCopayRows(db, [input.personId])).get(input.personId) ?? []
  const oldRatio = copayRatioOn(rows, input.effectiveFrom)
  if (oldRatio === j!.ratio) return { personId: input.personId, oldRatio, newRatio: j!.ratio, period: null }
  const today = todayInJapan(now)
  const [period] = await db
    .insert(copayRatePeriods)
    .values({
      personId: input.personId,
      validFrom: input.effectiveFrom,
      validTo: y.to,
      ratio: j!.ratio,
      reason: 'redetermination',
      runId: null,
      basis: j!.basis,
      note: input.reason,
      decidedOn: today,
      recordedAt: now,
      recordedBy: userId,
    })
    .returning()
  await queueRecipientChanges(
    db,
    [
      {
        personId: input.personId,
        changeKind: RECIPIENT_CHANGE_KINDS.copayRatio,
        effectiveOn: input.effectiveFrom,
        payload: {
          periodId: period!.id,
          ratio: j!.ratio,
          validFrom: input.effectiveFrom,
          validTo: y.to,
          reason: 'redetermination',
        },
      },
    ],
    today,
    now,
  )
  return {
    personId: input.personId,
    oldRatio,
    newRatio: j!.ratio,
    period: {
      id: period!.id,
      validFrom: period!.validFrom,
      validTo: period!.validTo,
      ratio: j!.ratio,
      reason: 'redetermination' as const,
      decidedOn: period!.decidedOn,
      note: period!.note,
      basis: j!.basis,
    },
  }
}
