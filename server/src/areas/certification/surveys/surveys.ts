/**
 * 認定調査 (docs/sources/certification.md §1.3, §2): assignment — 直営 or 委託 to an office of the provider master — with the
 * due date from the stage targets (shared/domain/parameters/certification.ts), the visit slot, the draft of the 認定調査票
 * saved as it is typed, the linter of shared/domain/certification-survey-lint.ts (shown, never blocking), and the
 * submission that records 調査実施 and 調査票受領 on the case with the 調査委託料 of the ward's unit prices.
 */
import { eq, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type {
  CertificationSurvey,
  SurveyAssignRequest$,
  SurveyDraftSaveRequest$,
  SurveySubmitRequest$,
} from '../../../../../shared/api/certification-cases'
import type { SurveyDraft } from '../../../../../shared/certification'
import { todayInJapan, versionAt } from '../../../../../shared/domain'
import { stageDue } from '../../../../../shared/domain/certification-clock'
import { lintSurvey, type SurveyAnswers } from '../../../../../shared/domain/certification-survey-lint'
import { STAGE_TARGETS } from '../../../../../shared/domain/parameters/certification'
import { SURVEY_CONTRACT_FEES, type FeePlace } from '../../../../../shared/domain/parameters/certification-fees'
import { memoryMasterReader, toRecord } from '../../../../../shared/masters/engine'
import type { Db, Tx } from '../../../core/db/connect'
import { problems } from '../../../core/http/problem'
import { loadSnapshot } from '../../masters'
import { advanceCaseStage, caseRefusal, type CaseRow } from '../cases'
import { certificationCases } from '../cases/schema'
import { certificationSurveys } from './schema'

type SurveyRow = typeof certificationSurveys.$inferSelect

/** The linter on whatever has been entered so far. */
export function draftWarnings(draft: SurveyDraft) {
  return lintSurvey((draft.items ?? {}) as SurveyAnswers, draft.specialNotes ?? []).map((w) => ({
    code: w.code,
    items: [...w.items],
    message: w.message,
  }))
}

export function surveyDto(row: SurveyRow): CertificationSurvey {
  const shown = (row.submitted ?? row.draft) as SurveyDraft
  return {
    caseId: row.caseId,
    mode: row.mode,
    officeNumber: row.officeNumber,
    officeName: row.officeName,
    surveyorName: row.surveyorName,
    assignedOn: row.assignedOn,
    dueOn: row.dueOn,
    visitOn: row.visitOn,
    visitTime: row.visitTime,
    visitPlace: row.visitPlace,
    reminderCount: row.reminderCount,
    lastReminderOn: row.lastReminderOn,
    draft: row.draft,
    draftSavedAt: row.draftSavedAt ? row.draftSavedAt.toISOString() : null,
    submitted: row.submitted,
    submittedOn: row.submittedOn,
    warnings: draftWarnings(shown),
    fee: row.fee,
    rowVersion: row.rowVersion,
  }
}

export async function loadSurvey(db: Db | Tx, caseId: number): Promise<SurveyRow | null> {
  const [row] = await db.select().from(certificationSurveys).where(eq(certificationSurveys.caseId, caseId))
  return row ?? null
}

async function caseRow(db: Db | Tx, caseId: number): Promise<CaseRow> {
  const [row] = await db.select().from(certificationCases).where(eq(certificationCases.id, caseId))
  if (!row) throw problems.notFound()
  return row
}

/** The office of the provider master (ref.providers) by its 事業所番号, in force on `on`. */
async function officeName(db: Db | Tx, officeNumber: string): Promise<string> {
  const reader = memoryMasterReader(await loadSnapshot(db, ['ref.providers']))
  const row = reader.get('ref.providers', officeNumber)
  if (!row) throw caseRefusal(`事業所番号 ${officeNumber} は事業所マスタにありません`)
  return toRecord('ref.providers', row).value.name
}

export async function assignSurvey(
  db: Db | Tx,
  input: z.output<typeof SurveyAssignRequest$>,
  userId: number | null,
  now: Date,
): Promise<SurveyRow> {
  if (input.assignedOn > todayInJapan(now)) throw caseRefusal('調査依頼日（assignedOn）が本日より後です')
  const c = await caseRow(db, input.caseId)
  if (!c.boardRequired) throw caseRefusal('受給資格証明書による転入の申請には認定調査を行いません（介護保険法第36条）')
  if (input.mode === 'contracted' && input.officeNumber === null)
    throw caseRefusal('委託の調査には委託先の事業所番号（officeNumber）が必要です')
  if (input.mode === 'direct' && input.officeNumber !== null)
    throw caseRefusal('直営の調査に委託先の事業所番号は入力しません')
  // 新規 surveys only by ward staff or a 指定市町村事務受託法人 (介護保険法第27条第2項; docs/sources/certification.md §1.3) — not enforced: the master does not mark 受託法人
  const office = input.officeNumber === null ? '区職員（直営）' : await officeName(db, input.officeNumber)
  await advanceCaseStage(db, c.id, 'surveyAssigned', input.assignedOn, userId, {
    details: {
      mode: input.mode,
      officeNumber: input.officeNumber,
      officeName: office,
      surveyorName: input.surveyorName,
    },
    now,
  })
  const targets = versionAt(STAGE_TARGETS, c.appliedOn, 'certification stage targets').value
  const [row] = await db
    .insert(certificationSurveys)
    .values({
      caseId: c.id,
      mode: input.mode,
      officeNumber: input.officeNumber,
      officeName: office,
      surveyorName: input.surveyorName,
      assignedOn: input.assignedOn,
      dueOn: stageDue(input.assignedOn, targets.survey),
      draft: {},
      warnings: [],
      rowVersion: 1,
      updatedAt: now,
      updatedBy: userId,
    })
    .returning()
  return row!
}

async function updateSurvey(
  db: Db | Tx,
  caseId: number,
  rowVersion: number,
  values: Partial<typeof certificationSurveys.$inferInsert>,
  userId: number | null,
  now: Date,
): Promise<SurveyRow> {
  const current = await loadSurvey(db, caseId)
  if (!current) throw caseRefusal(`申請 #${caseId} には認定調査の依頼がありません`)
  if (current.rowVersion !== rowVersion) throw problems.conflict()
  if (current.submitted !== null) throw caseRefusal(`申請 #${caseId} の調査票は提出済みです`)
  const [row] = await db
    .update(certificationSurveys)
    .set({ ...values, rowVersion: sql`${certificationSurveys.rowVersion} + 1`, updatedAt: now, updatedBy: userId })
    .where(eq(certificationSurveys.id, current.id))
    .returning()
  return row!
}

export const scheduleVisit = (
  db: Db | Tx,
  input: { caseId: number; visitOn: string; visitTime: string; visitPlace: string; rowVersion: number },
  userId: number | null,
  now: Date,
) =>
  updateSurvey(
    db,
    input.caseId,
    input.rowVersion,
    { visitOn: input.visitOn, visitTime: input.visitTime, visitPlace: input.visitPlace },
    userId,
    now,
  )

/** Saves the draft as typed (the whole draft each time; the row version makes two terminals not overwrite each other). */
export const saveDraft = (
  db: Db | Tx,
  input: z.output<typeof SurveyDraftSaveRequest$>,
  userId: number | null,
  now: Date,
) =>
  updateSurvey(
    db,
    input.caseId,
    input.rowVersion,
    { draft: input.draft as Record<string, unknown>, draftSavedAt: now },
    userId,
    now,
  )

/** 調査委託料 of a contracted survey on the visit date; null for 直営. */
export function surveyFee(mode: 'direct' | 'contracted', on: string, place: FeePlace, first: boolean): number | null {
  if (mode === 'direct') return null
  const table = versionAt(SURVEY_CONTRACT_FEES, on, '認定調査委託料').value
  return table[place][first ? 'new' : 'continued']
}

export async function submitSurvey(
  db: Db | Tx,
  input: z.output<typeof SurveySubmitRequest$>,
  userId: number | null,
  now: Date,
): Promise<SurveyRow> {
  const today = todayInJapan(now)
  if (input.receivedOn > today) throw caseRefusal('調査票の受領日（receivedOn）が本日より後です')
  if (input.survey.performedOn > input.receivedOn) throw caseRefusal('調査実施日が調査票の受領日より後です')
  const current = await loadSurvey(db, input.caseId)
  if (!current) throw caseRefusal(`申請 #${input.caseId} には認定調査の依頼がありません`)
  if (current.submitted !== null) throw caseRefusal(`申請 #${input.caseId} の調査票は提出済みです`)
  const c = await caseRow(db, input.caseId)
  await advanceCaseStage(db, c.id, 'surveyed', input.survey.performedOn, userId, { now })
  await advanceCaseStage(db, c.id, 'surveyReceived', input.receivedOn, userId, { now })
  const warnings = draftWarnings(input.survey)
  const [row] = await db
    .update(certificationSurveys)
    .set({
      submitted: input.survey as unknown as Record<string, unknown>,
      submittedOn: input.receivedOn,
      draft: input.survey as unknown as Record<string, unknown>,
      draftSavedAt: now,
      warnings: warnings.map((w) => ({ code: w.code, message: w.message })),
      fee: surveyFee(current.mode, input.survey.performedOn, input.place, c.kind === 'new'),
      rowVersion: sql`${certificationSurveys.rowVersion} + 1`,
      updatedAt: now,
      updatedBy: userId,
    })
    .where(eq(certificationSurveys.id, current.id))
    .returning()
  return row!
}

/** Records a 督促 of the survey: its count and date. */
export async function recordSurveyReminder(db: Db | Tx, caseId: number, on: string, now: Date, userId: number) {
  const current = await loadSurvey(db, caseId)
  if (!current) throw caseRefusal(`申請 #${caseId} には認定調査の依頼がありません`)
  if (current.submitted !== null) throw caseRefusal(`申請 #${caseId} の調査票は提出済みです`)
  await db
    .update(certificationSurveys)
    .set({
      reminderCount: sql`${certificationSurveys.reminderCount} + 1`,
      lastReminderOn: on,
      rowVersion: sql`${certificationSurveys.rowVersion} + 1`,
      updatedAt: now,
      updatedBy: userId,
    })
    .where(eq(certificationSurveys.id, current.id))
}
