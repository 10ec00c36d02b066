/**
 * 基本チェックリスト and 事業対象者 (介護保険法第115条の45第1項第1号; docs/sources/certification.md §6): the 25 answers with
 * the criteria of basicChecklistResult (shared/domain/certification.ts), and the registration of a 第1号 person who meets
 * them as 事業対象者 from the answer date, ended with a date and reason. 第2号 cannot be 事業対象者.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { ChecklistRecordRequest$, ParticipationEndRequest$ } from '../../../../../shared/api/certification-cases'
import { ageOn, todayInJapan } from '../../../../../shared/domain'
import { basicChecklistResult } from '../../../../../shared/domain/certification'
import type { Db, Tx } from '../../../core/db/connect'
import { problems } from '../../../core/http/problem'
import { households, persons } from '../../persons/schema'
import { caseRefusal } from '../cases'
import { basicChecklists, programParticipants } from './schema'

const CATEGORY1_FROM_AGE = 65

type ChecklistRow = typeof basicChecklists.$inferSelect
type ParticipantRow = typeof programParticipants.$inferSelect

export const checklistDto = (r: ChecklistRow) => ({
  id: r.id,
  personId: r.personId,
  answeredOn: r.answeredOn,
  answers: r.answers,
  heightCm: r.heightCm,
  weightKg: r.weightKg,
  criteria: r.criteria,
  programEligible: r.programEligible,
})
export const participantDto = (r: ParticipantRow) => ({
  id: r.id,
  personId: r.personId,
  checklistId: r.checklistId,
  validFrom: r.validFrom,
  endedOn: r.endedOn,
  endReason: r.endReason,
  rowVersion: r.rowVersion,
})

export async function recordChecklist(
  db: Db | Tx,
  input: z.output<typeof ChecklistRecordRequest$>,
  userId: number | null,
  now: Date,
) {
  if (input.answeredOn > todayInJapan(now)) throw caseRefusal('回答日（answeredOn）が本日より後です')
  if ((input.heightCm === null) !== (input.weightKg === null))
    throw caseRefusal('身長（heightCm）と体重（weightKg）は両方入力してください')
  const [person] = await db
    .select({ birthDate: persons.birthDate, careArea: households.careArea })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(eq(persons.id, input.personId))
  if (!person) throw problems.notFound()
  const answers: Record<number, boolean> = {}
  input.answers.forEach((a, i) => (answers[i + 1] = a))
  const result = basicChecklistResult(answers, {
    ...(input.heightCm !== null && input.weightKg !== null
      ? { heightCm: input.heightCm, weightKg: input.weightKg }
      : {}),
  })
  const [checklist] = await db
    .insert(basicChecklists)
    .values({
      personId: input.personId,
      answeredOn: input.answeredOn,
      answers: input.answers,
      heightCm: input.heightCm,
      weightKg: input.weightKg,
      criteria: result.criteria,
      programEligible: result.programEligible,
      careArea: person.careArea,
      recordedBy: userId,
      recordedAt: now,
    })
    .returning()
  let participant: ParticipantRow | null = null
  if (input.registerParticipant) {
    if (!result.programEligible)
      throw caseRefusal('基本チェックリストの基準に該当しないため、事業対象者に登録できません')
    const age = ageOn(person.birthDate, input.answeredOn)
    if (age < CATEGORY1_FROM_AGE)
      throw caseRefusal(
        `回答日に${age}歳のため事業対象者に登録できません（第1号被保険者のみ。第2号は要支援認定が必要です）`,
      )
    const active = await db
      .select({ id: programParticipants.id })
      .from(programParticipants)
      .where(and(eq(programParticipants.personId, input.personId), isNull(programParticipants.endedOn)))
    if (active.length > 0) throw caseRefusal(`既に事業対象者です（#${active[0]!.id}）`)
    ;[participant] = await db
      .insert(programParticipants)
      .values({
        personId: input.personId,
        checklistId: checklist!.id,
        validFrom: input.answeredOn,
        careArea: person.careArea,
        rowVersion: 1,
        recordedBy: userId,
        recordedAt: now,
      })
      .returning()
  }
  return { checklist: checklistDto(checklist!), participant: participant ? participantDto(participant) : null }
}

export async function endParticipation(
  db: Db | Tx,
  input: z.output<typeof ParticipationEndRequest$>,
  userId: number | null,
  now: Date,
) {
  const [current] = await db.select().from(programParticipants).where(eq(programParticipants.id, input.participantId))
  if (!current) throw problems.notFound()
  if (current.rowVersion !== input.rowVersion) throw problems.conflict()
  if (current.endedOn !== null) throw caseRefusal('この事業対象者の登録は終了済みです')
  if (input.endedOn < current.validFrom) throw caseRefusal('終了日が開始日より前です')
  const [row] = await db
    .update(programParticipants)
    .set({
      endedOn: input.endedOn,
      endReason: input.endReason,
      rowVersion: sql`${programParticipants.rowVersion} + 1`,
      recordedBy: userId,
      recordedAt: now,
    })
    .where(eq(programParticipants.id, current.id))
    .returning()
  return participantDto(row!)
}

export async function participantPerson(db: Db | Tx, participantId: number): Promise<number> {
  const [row] = await db
    .select({ personId: programParticipants.personId })
    .from(programParticipants)
    .where(eq(programParticipants.id, participantId))
  if (!row) throw problems.notFound()
  return row.personId
}

export async function personChecklists(db: Db | Tx, personId: number) {
  const checklists = await db
    .select()
    .from(basicChecklists)
    .where(eq(basicChecklists.personId, personId))
    .orderBy(asc(basicChecklists.answeredOn), asc(basicChecklists.id))
  const participants = await db
    .select()
    .from(programParticipants)
    .where(eq(programParticipants.personId, personId))
    .orderBy(asc(programParticipants.validFrom), asc(programParticipants.id))
  return { checklists: checklists.map(checklistDto), participants: participants.map(participantDto) }
}
