/**
 * 主治医意見書 (介護保険法第27条第3項; docs/sources/certification.md §1.4, §3): the request to a clinic and doctor (or a
 * 指定医 with an examination order), the due and reminder dates from the stage targets, and the receipt — by paper,
 * OCR or the 介護情報基盤, kept with the opinion — with the items the first decision needs and the 意見書作成料 by
 * category (在宅・施設 × 新規・継続, shared/domain/parameters/certification-fees.ts).
 */
import { eq, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type {
  CertificationOpinion,
  OpinionReceiveRequest$,
  OpinionRequest$,
} from '../../../../../shared/api/certification-cases'
import { todayInJapan, versionAt } from '../../../../../shared/domain'
import { stageDue } from '../../../../../shared/domain/certification-clock'
import { STAGE_TARGETS } from '../../../../../shared/domain/parameters/certification'
import {
  OPINION_FEE_CODES,
  OPINION_FEES,
  type FeePlace,
  type FeeRound,
} from '../../../../../shared/domain/parameters/certification-fees'
import type { Db, Tx } from '../../../core/db/connect'
import { problems } from '../../../core/http/problem'
import { advanceCaseStage, caseRefusal } from '../cases'
import { certificationCases } from '../cases/schema'
import { certificationOpinions } from './schema'

type OpinionRow = typeof certificationOpinions.$inferSelect

export function opinionDto(row: OpinionRow): CertificationOpinion {
  return {
    caseId: row.caseId,
    clinicName: row.clinicName,
    doctorName: row.doctorName,
    designatedDoctor: row.designatedDoctor,
    requestedOn: row.requestedOn,
    dueOn: row.dueOn,
    reminderOn: row.reminderOn,
    reminderCount: row.reminderCount,
    lastReminderOn: row.lastReminderOn,
    receivedOn: row.receivedOn,
    channel: row.channel,
    opinion: row.opinion,
    fee: row.fee,
    feeCode: row.feeCode,
    rowVersion: row.rowVersion,
  }
}

export async function loadOpinion(db: Db | Tx, caseId: number): Promise<OpinionRow | null> {
  const [row] = await db.select().from(certificationOpinions).where(eq(certificationOpinions.caseId, caseId))
  return row ?? null
}

/** 意見書作成料 and its 請求区分 on the date written (docs/sources/certification.md §1.4). */
export function opinionFee(on: string, place: FeePlace, round: FeeRound): { fee: number; code: string } {
  return {
    fee: versionAt(OPINION_FEES, on, '主治医意見書作成料').value[place][round],
    code: OPINION_FEE_CODES[place][round],
  }
}

export async function requestOpinion(
  db: Db | Tx,
  input: z.output<typeof OpinionRequest$>,
  userId: number | null,
  now: Date,
): Promise<OpinionRow> {
  if (input.requestedOn > todayInJapan(now)) throw caseRefusal('意見書依頼日（requestedOn）が本日より後です')
  const [c] = await db.select().from(certificationCases).where(eq(certificationCases.id, input.caseId))
  if (!c) throw problems.notFound()
  if (!c.boardRequired)
    throw caseRefusal('受給資格証明書による転入の申請には主治医意見書を求めません（介護保険法第36条）')
  await advanceCaseStage(db, c.id, 'opinionRequested', input.requestedOn, userId, {
    details: { clinicName: input.clinicName, doctorName: input.doctorName, designatedDoctor: input.designatedDoctor },
    now,
  })
  const targets = versionAt(STAGE_TARGETS, c.appliedOn, 'certification stage targets').value
  const [row] = await db
    .insert(certificationOpinions)
    .values({
      caseId: c.id,
      clinicName: input.clinicName,
      doctorName: input.doctorName,
      designatedDoctor: input.designatedDoctor,
      requestedOn: input.requestedOn,
      dueOn: stageDue(input.requestedOn, targets.opinion),
      reminderOn: stageDue(input.requestedOn, targets.opinionReminder),
      rowVersion: 1,
      updatedAt: now,
      updatedBy: userId,
    })
    .returning()
  return row!
}

export async function receiveOpinion(
  db: Db | Tx,
  input: z.output<typeof OpinionReceiveRequest$>,
  userId: number | null,
  now: Date,
): Promise<OpinionRow> {
  const o = input.opinion
  if (o.receivedOn > todayInJapan(now)) throw caseRefusal('意見書の受領日（receivedOn）が本日より後です')
  const current = await loadOpinion(db, input.caseId)
  if (!current) throw caseRefusal(`申請 #${input.caseId} には主治医意見書の依頼がありません`)
  if (current.receivedOn !== null) throw caseRefusal(`申請 #${input.caseId} の主治医意見書は受領済みです`)
  await advanceCaseStage(db, input.caseId, 'opinionReceived', o.receivedOn, userId, {
    details: { channel: o.channel },
    now,
  })
  const place: FeePlace = o.homeOrFacility === '施設' ? 'facility' : 'home'
  const round: FeeRound = o.times === '初回' ? 'new' : 'continued'
  const { fee, code } = opinionFee(o.writtenOn, place, round)
  const [row] = await db
    .update(certificationOpinions)
    .set({
      receivedOn: o.receivedOn,
      channel: o.channel,
      opinion: o as unknown as Record<string, unknown>,
      place,
      round,
      fee,
      feeCode: code,
      rowVersion: sql`${certificationOpinions.rowVersion} + 1`,
      updatedAt: now,
      updatedBy: userId,
    })
    .where(eq(certificationOpinions.id, current.id))
    .returning()
  return row!
}

/** Records a 督促 (reminder) of the survey or the opinion: its count and date. */
export async function recordOpinionReminder(db: Db | Tx, caseId: number, on: string, now: Date, userId: number) {
  const current = await loadOpinion(db, caseId)
  if (!current) throw caseRefusal(`申請 #${caseId} には主治医意見書の依頼がありません`)
  if (current.receivedOn !== null) throw caseRefusal(`申請 #${caseId} の主治医意見書は受領済みです`)
  await db
    .update(certificationOpinions)
    .set({
      reminderCount: sql`${certificationOpinions.reminderCount} + 1`,
      lastReminderOn: on,
      rowVersion: sql`${certificationOpinions.rowVersion} + 1`,
      updatedAt: now,
      updatedBy: userId,
    })
    .where(eq(certificationOpinions.id, current.id))
}
