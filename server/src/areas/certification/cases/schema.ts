/**
 * 要介護認定 cases (docs/sources/certification.md §1, §8(a)): one row per 申請 (or 職権 case) with its current stage and a
 * row version, and the append-only `certification_case_events` (trigger in the custom migration) — one row per stage
 * reached, with its date and the staff member — from which the 30-day clock is computed
 * (shared/domain/certification-clock.ts). The stage on the case row is a cache of the events, written in the same
 * transaction by `advanceCaseStage` (cases/stages.ts).
 */
import { boolean, date, index, integer, jsonb, pgTable, serial, smallint, text, timestamp } from 'drizzle-orm/pg-core'
import type { CaseKind } from '../../../../../shared/domain/certification-clock'
import { persons } from '../../persons/schema'
import {
  caseStages,
  type CaseEventKind,
  type CaseStageName,
  type FiledVia,
  type UrgentFlag,
} from '../../../../../shared/api/certification-cases'

export { caseSideEvents as CASE_SIDE_EVENTS } from '../../../../../shared/api/certification-cases'
export type { CaseEventKind, CaseStageName, FiledVia, UrgentFlag }
/** Stages of a case, in the order the case row's `stage` advances (see cases/stages.ts). */
export const CASE_STAGES = caseStages

/** 第2号被保険者: the 特定疾病 and the medical insurance (介護保険法第7条第3項第2号, 施行令第2条). */
export interface Category2Json {
  specifiedDisease: string
  medicalInsurer: string
  medicalInsuranceSymbol: string
  medicalInsuranceNumber: string
}

/** 転入 with a 受給資格証明書 (介護保険法第36条): the former insurer's certification, taken over without a board. */
export interface TransferCertificateJson {
  formerInsurer: string
  careLevel: string
  validFrom: string
  validTo: string
  issuedOn: string
  movedInOn: string
}

export const certificationCases = pgTable(
  'certification_cases',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').$type<CaseKind>().notNull(),
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    filedVia: text('filed_via').$type<FiledVia>().notNull(),
    /** The consultation centre's 日常生活圏域 when filed by one (its staff follow only these cases). */
    filedCareArea: text('filed_care_area'),
    /** The applicant's household 日常生活圏域 at application (scope of the 相談センター). */
    careArea: text('care_area'),
    filedBy: integer('filed_by'),
    /** 申請者 when not the person (family, 代行). */
    applicantName: text('applicant_name').notNull().default(''),
    applicantRelation: text('applicant_relation').notNull().default(''),
    category2: jsonb('category2').$type<Category2Json>(),
    urgentFlags: jsonb('urgent_flags').$type<UrgentFlag[]>().notNull(),
    /** 0 = normal; higher first (末期がん 2, 退院調整 1). */
    priority: smallint('priority').notNull(),
    /** False for a 転入 with a 受給資格証明書: decided without the board (介護保険法第36条). */
    boardRequired: boolean('board_required').notNull(),
    transferCertificate: jsonb('transfer_certificate').$type<TransferCertificateJson>(),
    /** Renewal / level change: the certification it follows (the decision engineer's table; no FK across). */
    previousCertificationId: integer('previous_certification_id'),
    previousLevel: text('previous_level'),
    /** Renewal: end of the current validity (the 60-day window opens from it). */
    previousValidTo: date('previous_valid_to', { mode: 'string' }),
    skipDelayNoticeConsent: boolean('skip_delay_notice_consent').notNull().default(false),
    onHold: boolean('on_hold').notNull().default(false),
    stage: text('stage').$type<CaseStageName>().notNull(),
    /** 取下げ・却下の理由. */
    closedReason: text('closed_reason'),
    note: text('note').notNull().default(''),
    rowVersion: integer('row_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedBy: integer('updated_by'),
  },
  (t) => [
    index('certification_cases_person_idx').on(t.personId, t.appliedOn),
    index('certification_cases_stage_idx').on(t.stage, t.appliedOn),
    index('certification_cases_care_area_idx').on(t.careArea),
  ],
)

export const certificationCaseEvents = pgTable(
  'certification_case_events',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => certificationCases.id),
    kind: text('kind').$type<CaseEventKind>().notNull(),
    /** The business date of the event (調査実施日, 意見書受領日 …). */
    on: date('on', { mode: 'string' }).notNull(),
    /** Staff member; null for the seed. */
    by: integer('by'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    note: text('note').notNull().default(''),
    /** Kind-specific details: the surveyor or clinic, the meeting, the 延期通知's 見込期間 ({ expectedOn }) … */
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('certification_case_events_case_idx').on(t.caseId, t.on)],
)
