/**
 * 申請 (docs/sources/certification.md §1): filing a case — 新規, 更新 (from 60 days before the end of the current validity,
 * not earlier: 介護保険法第28条第2項), 区分変更, 職権, 転入 with a 受給資格証明書 (介護保険法第36条: decided without the
 * board, applied for within 14 days of moving in) — at the counter or by a 高齢者総合相談センター (代行, own area only);
 * 第2号 with 特定疾病 and 医療保険; urgent flags that raise the priority; 取下げ・却下 with a reason; hold and resume.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type {
  CaseApplyRequest$,
  CaseCloseRequest$,
  CaseHoldRequest$,
  CertificationCase,
} from '../../../../../shared/api/certification-cases'
import { caseKindLabels } from '../../../../../shared/api/certification-cases'
import { addDays, ageOn, todayInJapan } from '../../../../../shared/domain'
import { caseClock } from '../../../../../shared/domain/certification-clock'
import { renewalApplicationOpens } from '../../../../../shared/domain/certification'
import { TRANSFER_IN_APPLICATION_DAYS } from '../../../../../shared/domain/parameters/certification'
import type { Db, Tx } from '../../../core/db/connect'
import { users } from '../../../core/db/schema'
import { HttpProblem } from '../../../core/http/problem'
import { households, persons } from '../../persons/schema'
import { certificationCaseEvents, certificationCases, type UrgentFlag } from './schema'
import { advanceCaseStage, caseRefusal, loadCases, type CaseFilter, type LoadedCase } from './stages'

/** 第2号被保険者: 40 to 64 on the application date (介護保険法第9条第2号). */
const CATEGORY2_FROM_AGE = 40
const CATEGORY1_FROM_AGE = 65

/** 末期がん first, then 退院調整 (docs/sources/certification.md §1: 迅速な対応). */
export function priorityOf(flags: readonly UrgentFlag[]): number {
  if (flags.includes('terminalCancer')) return 2
  if (flags.includes('dischargePlanning')) return 1
  return 0
}

/** The refusal of a renewal outside its window, or null when the renewal may be filed on `appliedOn`. */
export function renewalWindowProblem(previousValidTo: string, appliedOn: string): string | null {
  const opens = renewalApplicationOpens(previousValidTo)
  if (appliedOn < opens)
    return `更新申請は有効期間の満了日（${previousValidTo}）の60日前（${opens}）から受け付けます（介護保険法第28条第2項）`
  if (appliedOn > previousValidTo)
    return `有効期間（${previousValidTo}まで）が満了しているため、更新申請ではなく新規申請になります`
  return null
}

export interface Filer {
  userId: number | null
  /** The 相談センター's 日常生活圏域 when the filer is its staff (filed via the centre). */
  careArea: string | null
}

export async function fileApplication(
  db: Db | Tx,
  input: z.output<typeof CaseApplyRequest$>,
  filer: Filer,
  now: Date,
): Promise<number> {
  const today = todayInJapan(now)
  if (input.appliedOn > today) throw caseRefusal(`申請日（appliedOn） ${input.appliedOn} は本日（${today}）より後です`)
  const [row] = await db
    .select({ birthDate: persons.birthDate, careArea: households.careArea })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(persons.id, input.personId))
  if (!row) throw new HttpProblem(404, 'notFound', '該当する住民がありません')
  const age = ageOn(row.birthDate, input.appliedOn)
  if (age < CATEGORY2_FROM_AGE) throw caseRefusal(`申請日に${age}歳のため、介護保険の認定を申請できません（40歳以上）`)
  if (age < CATEGORY1_FROM_AGE && input.kind !== 'transferIn' && input.category2 === null)
    throw caseRefusal('第2号被保険者（40〜64歳）の申請には特定疾病と医療保険（category2）が必要です')
  if (age >= CATEGORY1_FROM_AGE && input.category2 !== null)
    throw caseRefusal('第1号被保険者（65歳以上）の申請に特定疾病・医療保険は入力しません')
  const label = caseKindLabels[input.kind]
  if (input.kind === 'renewal' || input.kind === 'levelChange') {
    if (input.previousValidTo === null)
      throw caseRefusal(`${label}には現在の有効期間の満了日（previousValidTo）が必要です`)
    if (input.kind === 'renewal') {
      const problem = renewalWindowProblem(input.previousValidTo, input.appliedOn)
      if (problem) throw caseRefusal(problem)
    } else if (input.appliedOn > input.previousValidTo)
      throw caseRefusal(`有効期間（${input.previousValidTo}まで）が満了しているため、区分変更申請はできません`)
  } else if (input.previousValidTo !== null && input.kind !== 'exOfficio')
    throw caseRefusal(`${label}に現在の有効期間（previousValidTo）は入力しません`)
  if (input.skipDelayNoticeConsent && input.kind !== 'renewal')
    throw caseRefusal('延期通知省略の同意は更新申請にだけ入力します')
  if (input.kind === 'transferIn') {
    const t = input.transferCertificate
    if (t === null) throw caseRefusal('転入の申請には受給資格証明書の内容（transferCertificate）が必要です')
    const last = addDays(t.movedInOn, TRANSFER_IN_APPLICATION_DAYS)
    if (input.appliedOn > last)
      throw caseRefusal(
        `受給資格証明書による申請は転入日（${t.movedInOn}）から14日以内（${last}まで）です（介護保険法第36条）。新規申請として受け付けてください`,
      )
    if (input.appliedOn < t.movedInOn) throw caseRefusal('申請日が転入日より前です')
  } else if (input.transferCertificate !== null) throw caseRefusal('受給資格証明書は転入の申請にだけ入力します')
  const open = await db
    .select({ id: certificationCases.id })
    .from(certificationCases)
    .where(
      and(
        eq(certificationCases.personId, input.personId),
        sql`${certificationCases.stage} not in ('notified', 'withdrawn', 'rejected')`,
      ),
    )
  if (open.length > 0) throw new HttpProblem(409, 'conflict', `この方には処理中の認定申請（#${open[0]!.id}）があります`)
  const [created] = await db
    .insert(certificationCases)
    .values({
      personId: input.personId,
      kind: input.kind,
      appliedOn: input.appliedOn,
      filedVia: filer.careArea ? 'consultationCentre' : 'counter',
      filedCareArea: filer.careArea,
      careArea: row.careArea,
      filedBy: filer.userId,
      applicantName: input.applicantName,
      applicantRelation: input.applicantRelation,
      category2: input.category2,
      urgentFlags: [...new Set(input.urgentFlags)],
      priority: priorityOf(input.urgentFlags),
      boardRequired: input.kind !== 'transferIn',
      transferCertificate: input.transferCertificate,
      previousCertificationId: input.previousCertificationId,
      previousLevel: input.previousLevel,
      previousValidTo: input.previousValidTo,
      skipDelayNoticeConsent: input.skipDelayNoticeConsent,
      stage: 'applied',
      note: input.note,
      rowVersion: 1,
      createdAt: now,
      updatedAt: now,
      updatedBy: filer.userId,
    })
    .returning({ id: certificationCases.id })
  await db.insert(certificationCaseEvents).values({
    caseId: created!.id,
    kind: 'applied',
    on: today,
    by: filer.userId,
    at: now,
    note: '',
    details: { filedVia: filer.careArea ? 'consultationCentre' : 'counter' },
  })
  return created!.id
}

export async function closeCase(
  db: Db | Tx,
  input: z.output<typeof CaseCloseRequest$>,
  userId: number,
  now: Date,
): Promise<void> {
  if (input.on > todayInJapan(now))
    throw caseRefusal(`${input.outcome === 'withdrawn' ? '取下げ' : '却下'}日が本日より後です`)
  await advanceCaseStage(db, input.caseId, input.outcome, input.on, userId, {
    rowVersion: input.rowVersion,
    reason: input.reason,
    now,
  })
}

export async function holdCase(
  db: Db | Tx,
  input: z.output<typeof CaseHoldRequest$>,
  userId: number,
  now: Date,
): Promise<void> {
  await advanceCaseStage(db, input.caseId, input.hold ? 'onHold' : 'resumed', input.on, userId, {
    rowVersion: input.rowVersion,
    note: input.reason,
    now,
  })
}

/** The cases as the contract shows them, with the staff names of their events and each case's clock today. */
export async function caseDtos(
  db: Db | Tx,
  loaded: readonly LoadedCase[],
  today: string,
): Promise<CertificationCase[]> {
  const personIds = [...new Set(loaded.map((l) => l.row.personId))]
  const staffIds = [...new Set(loaded.flatMap((l) => l.events.map((e) => e.by)).filter((b): b is number => b !== null))]
  const names = new Map<number, string>()
  if (personIds.length > 0)
    for (const p of await db
      .select({ id: persons.id, family: persons.familyName, given: persons.givenName })
      .from(persons)
      .where(inArray(persons.id, personIds)))
      names.set(p.id, `${p.family} ${p.given}`)
  const staff = new Map<number, string>()
  if (staffIds.length > 0)
    for (const u of await db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inArray(users.id, staffIds)))
      staff.set(u.id, u.name)
  return loaded.map(({ row, events, clockEvents }) => {
    const clock = caseClock(clockEvents, today)
    return {
      id: row.id,
      personId: row.personId,
      personName: names.get(row.personId) ?? '',
      kind: row.kind,
      appliedOn: row.appliedOn,
      filedVia: row.filedVia,
      filedCareArea: row.filedCareArea,
      careArea: row.careArea,
      applicantName: row.applicantName,
      applicantRelation: row.applicantRelation,
      category2: row.category2 ?? null,
      urgentFlags: row.urgentFlags,
      priority: row.priority,
      boardRequired: row.boardRequired,
      transferCertificate: (row.transferCertificate as Record<string, unknown> | null) ?? null,
      previousCertificationId: row.previousCertificationId,
      previousLevel: row.previousLevel,
      previousValidTo: row.previousValidTo,
      skipDelayNoticeConsent: row.skipDelayNoticeConsent,
      onHold: row.onHold,
      stage: row.stage,
      closedReason: row.closedReason,
      note: row.note,
      rowVersion: row.rowVersion,
      events: events.map((e) => ({
        kind: e.kind,
        on: e.on,
        by: e.by,
        byName: e.by === null ? null : (staff.get(e.by) ?? null),
        note: e.note,
        details: e.details,
      })),
      clock: { ...clock, stages: [...clock.stages], openStages: [...clock.openStages] },
    }
  })
}

/** The filter a caller's scope allows: a 相談センター職員 ('ownArea') sees only cases of its own area. */
export function scopedFilter(
  filter: CaseFilter,
  scope: 'all' | 'ownArea' | undefined,
  careArea: string | null | undefined,
): CaseFilter {
  if (scope === 'all') return filter
  if (scope === 'ownArea' && careArea) return { ...filter, careArea }
  throw new HttpProblem(403, 'forbidden', '担当圏域外の認定申請は参照できません')
}

export { loadCases }
