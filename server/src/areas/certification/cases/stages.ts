/**
 * The stage machine of a 認定 case (docs/sources/certification.md §8(a)): `advanceCaseStage` appends one event and moves
 * the case row's stage in the same transaction; `caseEventsOf` turns the events into the clock's `CaseEvents`
 * (shared/domain/certification-clock.ts), whose `caseEventProblems` is the one check of the dates' order.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { caseEventLabels } from '../../../../../shared/api/certification-cases'
import type { CaseEvents } from '../../../../../shared/domain/certification-clock'
import { caseEventProblems } from '../../../../../shared/domain/certification-clock'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem, problems } from '../../../core/http/problem'
import {
  CASE_STAGES,
  certificationCaseEvents,
  certificationCases,
  type CaseEventKind,
  type CaseStageName,
} from './schema'

export type CaseRow = typeof certificationCases.$inferSelect
export type CaseEventRow = typeof certificationCaseEvents.$inferSelect

/** A refusal of the case rules, with the rule as the title staff see. */
export const caseRefusal = (message: string) => new HttpProblem(422, 'certificationRefused', message)

export const STAGE_LABELS = caseEventLabels

/** Stages after which nothing else happens. */
export const CLOSED_STAGES: readonly CaseStageName[] = ['notified', 'withdrawn', 'rejected']
export const isOpenStage = (stage: CaseStageName) => !CLOSED_STAGES.includes(stage)

/** What must have been recorded before a stage (besides 'applied'); the board is skipped when not required. */
function missingBefore(stage: CaseEventKind, done: ReadonlySet<CaseEventKind>, boardRequired: boolean): string[] {
  const need: CaseEventKind[] = (() => {
    switch (stage) {
      case 'surveyed':
        return ['surveyAssigned']
      case 'surveyReceived':
        return ['surveyed']
      case 'opinionReceived':
        return ['opinionRequested']
      case 'firstDecided':
        return ['surveyReceived', 'opinionReceived']
      case 'boardAssigned':
        return ['firstDecided']
      case 'decided':
        return boardRequired ? ['boardAssigned'] : []
      case 'notified':
        return ['decided']
      default:
        return []
    }
  })()
  return need.filter((s) => !done.has(s)).map((s) => STAGE_LABELS[s])
}

/** The clock's view of a case: its kind, application date and the date of each event (the first of each kind). */
export function caseEventsOf(
  row: CaseRow,
  events: readonly Pick<CaseEventRow, 'kind' | 'on' | 'details'>[],
): CaseEvents {
  const first = (kind: CaseEventKind) => events.find((e) => e.kind === kind)?.on
  const delayNotices = events
    .filter((e) => e.kind === 'delayNotified' && typeof e.details.expectedOn === 'string')
    .map((e) => ({ issuedOn: e.on, expectedOn: e.details.expectedOn as string }))
  const closedOn = first('withdrawn') ?? first('rejected')
  const meetingOn = events.find((e) => e.kind === 'boardAssigned' && typeof e.details.meetingOn === 'string')?.details
    .meetingOn as string | undefined
  const out: Record<string, unknown> = {
    kind: row.kind,
    applicationDate: row.appliedOn,
    previousEnd: row.previousValidTo ?? undefined,
    skipDelayNoticeConsent: row.skipDelayNoticeConsent,
    onHold: row.onHold,
    registeredOn: first('applied'),
    surveyRequestedOn: first('surveyAssigned'),
    surveyDoneOn: first('surveyed'),
    surveyReceivedOn: first('surveyReceived'),
    opinionRequestedOn: first('opinionRequested'),
    opinionReceivedOn: first('opinionReceived'),
    firstDecisionOn: first('firstDecided'),
    meetingOn,
    boardDecidedOn: first('decided'),
    noticeSentOn: first('notified'),
    closedOn,
    delayNotices,
  }
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key]
  return out as unknown as CaseEvents
}

export interface AdvanceOptions {
  /** The row version the caller read; a stale one gets 409 and changes nothing. */
  rowVersion?: number
  note?: string
  details?: Record<string, unknown>
  /** 取下げ・却下: the reason (required for those two). */
  reason?: string
  now?: Date
}

/**
 * Records that case `caseId` reached `stage` on `on` (by staff `by`; null for the seed), in the caller's transaction:
 * refuses a closed case, a stage already recorded, a stage whose prerequisites are missing, and dates out of order
 * (caseEventProblems); moves the case row's stage forward in CASE_STAGES order (withdrawn/rejected always) and bumps
 * its row version. Side events (delayNotified, onHold, resumed) are appended without moving the stage.
 */
export async function advanceCaseStage(
  db: Db | Tx,
  caseId: number,
  stage: CaseEventKind,
  on: string,
  by: number | null,
  options: AdvanceOptions = {},
): Promise<CaseRow> {
  const [row] = await db.select().from(certificationCases).where(eq(certificationCases.id, caseId)).for('update')
  if (!row) throw problems.notFound()
  if (options.rowVersion !== undefined && options.rowVersion !== row.rowVersion) throw problems.conflict()
  if (!isOpenStage(row.stage))
    throw caseRefusal(`申請 #${caseId} は${STAGE_LABELS[row.stage]}済みのため、${STAGE_LABELS[stage]}を記録できません`)
  const events = await loadCaseEvents(db, [caseId])
  const done = new Set(events.map((e) => e.kind))
  const isStage = (CASE_STAGES as readonly string[]).includes(stage)
  if (isStage && done.has(stage)) throw caseRefusal(`申請 #${caseId} の${STAGE_LABELS[stage]}は記録済みです`)
  if (stage === 'applied') throw caseRefusal('申請受付は申請の登録で記録されます')
  const missing = missingBefore(stage, done, row.boardRequired)
  if (missing.length > 0)
    throw caseRefusal(`申請 #${caseId} の${STAGE_LABELS[stage]}の前に${missing.join('・')}が必要です`)
  if ((stage === 'withdrawn' || stage === 'rejected') && !options.reason?.trim())
    throw caseRefusal(`${STAGE_LABELS[stage]}には理由（reason）が必要です`)
  if (stage === 'onHold' && row.onHold) throw caseRefusal(`申請 #${caseId} は既に保留中です`)
  if (stage === 'resumed' && !row.onHold) throw caseRefusal(`申請 #${caseId} は保留中ではありません`)
  const details = { ...(options.details ?? {}) }
  const next = [...events, { kind: stage, on, details }]
  const found = caseEventProblems(caseEventsOf(row, next))
  if (found.length > 0) throw caseRefusal(`申請 #${caseId}: ${found.join('、')}`)
  const now = options.now ?? new Date()
  await db.insert(certificationCaseEvents).values({
    caseId,
    kind: stage,
    on,
    by,
    at: now,
    note: options.note ?? options.reason ?? '',
    details,
  })
  const rank = (s: CaseStageName) => CASE_STAGES.indexOf(s)
  const moves =
    isStage && (stage === 'withdrawn' || stage === 'rejected' || rank(stage as CaseStageName) > rank(row.stage))
  const [updated] = await db
    .update(certificationCases)
    .set({
      ...(moves ? { stage: stage as CaseStageName } : {}),
      ...(stage === 'withdrawn' || stage === 'rejected' ? { closedReason: options.reason!.trim() } : {}),
      ...(stage === 'onHold' ? { onHold: true } : stage === 'resumed' ? { onHold: false } : {}),
      rowVersion: sql`${certificationCases.rowVersion} + 1`,
      updatedAt: now,
      updatedBy: by,
    })
    .where(eq(certificationCases.id, caseId))
    .returning()
  return updated!
}

/** The events of the cases in the order they were recorded. */
export async function loadCaseEvents(db: Db | Tx, caseIds: readonly number[]): Promise<CaseEventRow[]> {
  if (caseIds.length === 0) return []
  return db
    .select()
    .from(certificationCaseEvents)
    .where(inArray(certificationCaseEvents.caseId, [...caseIds]))
    .orderBy(asc(certificationCaseEvents.caseId), asc(certificationCaseEvents.id))
}

export interface CaseFilter {
  ids?: readonly number[]
  personId?: number
  /** Only cases of these 日常生活圏域 (the 相談センター's own area). */
  careArea?: string
  /** Open cases only (not notified, withdrawn or rejected). */
  openOnly?: boolean
  stages?: readonly CaseStageName[]
  appliedFrom?: string
  appliedTo?: string
}

export interface LoadedCase {
  row: CaseRow
  events: CaseEventRow[]
  clockEvents: CaseEvents
}

/** Cases matching the filter with their events, by priority (high first) then application date. */
export async function loadCases(db: Db | Tx, filter: CaseFilter = {}): Promise<LoadedCase[]> {
  const c = certificationCases
  const where = [
    filter.ids ? inArray(c.id, [...filter.ids]) : undefined,
    filter.personId !== undefined ? eq(c.personId, filter.personId) : undefined,
    filter.careArea !== undefined ? eq(c.careArea, filter.careArea) : undefined,
    filter.openOnly ? sql`${c.stage} not in ('notified', 'withdrawn', 'rejected')` : undefined,
    filter.stages ? inArray(c.stage, [...filter.stages]) : undefined,
    filter.appliedFrom ? sql`${c.appliedOn} >= ${filter.appliedFrom}` : undefined,
    filter.appliedTo ? sql`${c.appliedOn} <= ${filter.appliedTo}` : undefined,
  ].filter((w) => w !== undefined)
  if (filter.ids && filter.ids.length === 0) return []
  const condition = where.length ? and(...where) : undefined
  const rows = await db
    .select()
    .from(c)
    .where(condition)
    .orderBy(sql`${c.priority} desc`, asc(c.appliedOn), asc(c.id))
  // The events of the same cases by a join (no id list: two years of a ward are tens of thousands of cases).
  const events = (
    await db
      .select({ e: certificationCaseEvents })
      .from(certificationCaseEvents)
      .innerJoin(c, eq(c.id, certificationCaseEvents.caseId))
      .where(condition)
      .orderBy(asc(certificationCaseEvents.caseId), asc(certificationCaseEvents.id))
  ).map((r) => r.e)
  const byCase = new Map<number, CaseEventRow[]>()
  for (const e of events) {
    const list = byCase.get(e.caseId) ?? []
    list.push(e)
    byCase.set(e.caseId, list)
  }
  return rows.map((row) => {
    const list = byCase.get(row.id) ?? []
    return { row, events: list, clockEvents: caseEventsOf(row, list) }
  })
}

/** The person of a case, for a route's audit row (404 when there is no such case). */
export async function casePersonId(db: Db | Tx, caseId: number): Promise<number> {
  const [row] = await db
    .select({ personId: certificationCases.personId })
    .from(certificationCases)
    .where(eq(certificationCases.id, caseId))
  if (!row) throw problems.notFound()
  return row.personId
}
