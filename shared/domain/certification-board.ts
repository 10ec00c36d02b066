/**
 * 介護認定審査会 rules (docs/sources/certification.md §1.6, §1.7, §1.13; docs/certification.md): panel composition,
 * quorum and vote, automatic assignment of cases to meetings with 除斥 (exclusions) and 優先 (priorities), the board
 * decision kinds with the validity months (短縮・延長 against the standard, within {@link maxValidityMonths}), the
 * 簡素化 test and the 法第36条 transfer without the board. Pure.
 */
import { assertInteger } from './arith'
import type { ApplicationKind } from './certification'
import { maxValidityMonths } from './certification'
import type { IsoDate } from './dates'
import { addDays, assertIsoDate, periodEndByMonths } from './dates'
import type { BoardRules } from './parameters/certification'
import {
  BOARD_RULES,
  CARE_MINUTE_BANDS,
  SIMPLIFIED_REVIEW,
  STANDARD_VALIDITY_MONTHS,
  TRANSFER_IN_APPLICATION_DAYS,
} from './parameters/certification'
import { MONTHS_PER_YEAR } from './parameters/units'
import { valueAt } from './versioned'

function rulesOn(on: IsoDate): BoardRules {
  return valueAt(BOARD_RULES, on, 'board rules')
}

/**
 * Problems of a panel's composition on `on` (Japanese, empty when fine): at least the ward's minimum size, the 5 of
 * 施行令第9条 as the standard (a smaller panel only when the ward allows it for the case kind: `reducedAllowed`), and
 * one chair (合議体の長, 互選).
 */
export function panelProblems(
  panel: { readonly memberCount: number; readonly chairCount: number; readonly reducedAllowed?: boolean },
  on: IsoDate,
): string[] {
  const rules = rulesOn(on)
  const problems: string[] = []
  const minimum = panel.reducedAllowed === true ? rules.minimumPanelSize : rules.standardPanelSize
  if (panel.memberCount < minimum)
    problems.push(`合議体の委員は${minimum}人以上にしてください（現在${panel.memberCount}人）`)
  if (panel.chairCount !== 1) problems.push('合議体の長を1人定めてください')
  return problems
}

/** Members needed to open a meeting: a majority of the panel (過半数 ✅[C9]). */
export function quorumOf(panelSize: number): number {
  assertInteger(panelSize, 'panelSize', 1)
  return Math.floor(panelSize / 2) + 1
}

/** Whether a meeting may open: present members (excluded members do not count for the case) ≥ {@link quorumOf}. */
export function quorumMet(panelSize: number, present: number): boolean {
  assertInteger(present, 'present', 0)
  return present >= quorumOf(panelSize)
}

/** One present member's vote on a proposal. */
export interface Vote {
  readonly memberId: number
  readonly inFavour: boolean
}

/**
 * The outcome of a vote: adopted when more than half of the present members (the chair included) are in favour,
 * rejected when more than half are against; a tie is decided by the chair (可否同数は合議体の長 ✅[C9]): `chairCasts`.
 * Throws when the quorum is not met, a member votes twice, or a tie arrives without the chair's decision.
 */
export function voteOutcome(panelSize: number, votes: readonly Vote[], chairCasts?: boolean): 'adopted' | 'rejected' {
  if (new Set(votes.map((v) => v.memberId)).size !== votes.length) throw new RangeError('a member voted twice')
  if (!quorumMet(panelSize, votes.length)) throw new RangeError('定足数に達していません')
  const inFavour = votes.filter((v) => v.inFavour).length
  const against = votes.length - inFavour
  if (inFavour > against) return 'adopted'
  if (against > inFavour) return 'rejected'
  if (chairCasts === undefined) throw new RangeError('可否同数: 合議体の長の決定が必要です')
  return chairCasts ? 'adopted' : 'rejected'
}

/**
 * The end of a member's term appointed from `termFrom`: 原則2年 (条例で2〜3年 ✅[C9]; `BOARD_RULES.memberTermYears` 🔧),
 * counted as a period of years from the first day (民法143条).
 */
export function memberTermEnd(termFrom: IsoDate): IsoDate {
  return periodEndByMonths(termFrom, rulesOn(termFrom).memberTermYears * MONTHS_PER_YEAR)
}

/** A board member as assignment sees it. */
export interface BoardMember {
  readonly id: number
  readonly termFrom: IsoDate
  readonly termTo: IsoDate
  /** Providers / facilities the member belongs to. */
  readonly affiliationIds: readonly number[]
}

/** A meeting open for assignment. */
export interface BoardMeeting {
  readonly no: number
  readonly date: IsoDate
  readonly memberIds: readonly number[]
  readonly hasPsychiatrist?: boolean
  /** 自動割当定員; the ward default of {@link BoardRules.casesPerMeeting} when absent. */
  readonly autoCapacity?: number
  /** Cases already assigned. */
  readonly assigned?: number
}

/** A case waiting for the board. */
export interface BoardCase {
  readonly applicationId: number
  readonly kind: ApplicationKind | 'exOfficio' | 'transferIn'
  readonly applicationDate: IsoDate
  /** The earliest meeting date the case may go to (資料完備 + 一次判定 and masking). */
  readonly readyOn: IsoDate
  /** 優先割付 (末期がん, 退院調整 …). */
  readonly urgent?: boolean
  /** Providers / facilities serving the applicant (除斥: 所属事業者). */
  readonly providerIds?: readonly number[]
  /** Members related to the applicant (除斥: 親族) and other named exclusions. */
  readonly excludedMemberIds?: readonly number[]
  readonly needsPsychiatrist?: boolean
}

/** Members excluded from a case (除斥 ✅[C9]): affiliated with a provider serving the applicant, relatives, named. */
export function excludedMembers(c: BoardCase, members: readonly BoardMember[]): number[] {
  const providers = new Set(c.providerIds ?? [])
  const named = new Set(c.excludedMemberIds ?? [])
  return members.filter((m) => named.has(m.id) || m.affiliationIds.some((a) => providers.has(a))).map((m) => m.id)
}

/** One assignment of a case to a meeting. */
export interface BoardAssignment {
  readonly applicationId: number
  readonly meetingNo: number
  /** 審査順 within the meeting (1-based, after the cases already assigned; urgent first). */
  readonly order: number
}

/** Result of {@link assignCases}. */
export interface AssignmentResult {
  readonly assignments: readonly BoardAssignment[]
  readonly unassigned: readonly { readonly applicationId: number; readonly reason: string }[]
}

/**
 * Automatic assignment (自動割付): cases in priority order (urgent first, then by application date — the oldest clock
 * first — then id) go to the earliest meeting on or after their `readyOn` with auto capacity left, whose members'
 * terms cover the date, with a psychiatrist when needed, and none of whose members is excluded from the case. A case
 * no such meeting takes is left unassigned with the reason (a member affiliated with the applicant's provider is
 * never assigned to the case). A 転入 with 受給資格証明書 has no board (法第36条).
 */
export function assignCases(
  cases: readonly BoardCase[],
  meetings: readonly BoardMeeting[],
  members: readonly BoardMember[],
): AssignmentResult {
  const byId = new Map(members.map((m) => [m.id, m]))
  const used = new Map(meetings.map((m) => [m.no, m.assigned ?? 0]))
  const orderedMeetings = [...meetings].sort((a, b) => (a.date === b.date ? a.no - b.no : a.date < b.date ? -1 : 1))
  const orderedCases = [...cases].sort(
    (a, b) =>
      Number(b.urgent === true) - Number(a.urgent === true) ||
      (a.applicationDate === b.applicationDate ? 0 : a.applicationDate < b.applicationDate ? -1 : 1) ||
      a.applicationId - b.applicationId,
  )
  const placed: { c: BoardCase; meetingNo: number }[] = []
  const unassigned: { applicationId: number; reason: string }[] = []
  for (const c of orderedCases) {
    assertIsoDate(c.readyOn, 'readyOn')
    if (c.kind === 'transferIn') {
      unassigned.push({
        applicationId: c.applicationId,
        reason: '受給資格証明書による認定は審査会を経ません（法第36条）',
      })
      continue
    }
    const excluded = new Set(excludedMembers(c, members))
    const meeting = orderedMeetings.find((m) => {
      if (m.date < c.readyOn) return false
      const capacity = m.autoCapacity ?? rulesOn(m.date).casesPerMeeting
      if ((used.get(m.no) ?? 0) >= capacity) return false
      if (c.needsPsychiatrist === true && m.hasPsychiatrist !== true) return false
      return m.memberIds.every((id) => {
        const member = byId.get(id)
        return member !== undefined && member.termFrom <= m.date && m.date <= member.termTo && !excluded.has(id)
      })
    })
    if (meeting === undefined) {
      unassigned.push({ applicationId: c.applicationId, reason: '割り付けられる開催（定員・除斥・任期）がありません' })
      continue
    }
    used.set(meeting.no, (used.get(meeting.no) ?? 0) + 1)
    placed.push({ c, meetingNo: meeting.no })
  }
  const assignments: BoardAssignment[] = []
  const nextOrder = new Map(meetings.map((m) => [m.no, m.assigned ?? 0]))
  for (const { c, meetingNo } of placed) {
    const order = (nextOrder.get(meetingNo) ?? 0) + 1
    nextOrder.set(meetingNo, order)
    assignments.push({ applicationId: c.applicationId, meetingNo, order })
  }
  return { assignments, unassigned }
}

/** 二次判定 result codes (§1.7 ✅[C2]): the levels, 31 再調査, 継続審査. */
export const BOARD_RESULT_CODES = {
  '01': '非該当',
  '12': '要支援1',
  '13': '要支援2',
  '21': '要介護1',
  '22': '要介護2',
  '23': '要介護3',
  '24': '要介護4',
  '25': '要介護5',
  '31': '再調査',
  continued: '継続審査',
} as const
export type BoardResultCode = keyof typeof BOARD_RESULT_CODES

/** 要介護1 とする場合の状態像の例 (§1.6 ✅[C2]). */
export const STATE_EXAMPLES = { '01': '認知機能の低下等', '02': '不安定な状態', '99': 'その他' } as const

/** A board decision to check. */
export interface BoardDecisionInput {
  readonly kind: ApplicationKind
  readonly applicationDate: IsoDate
  /** Renewal with the same level as the previous one (allows 48 months). */
  readonly sameLevel?: boolean
  readonly firstDecision: BoardResultCode
  readonly result: BoardResultCode
  readonly validityMonths?: number
  readonly changeReason?: string
  readonly stateExample?: keyof typeof STATE_EXAMPLES
}

/** Whether a result certifies (a level other than 非該当), so it needs a validity period. */
export function certifies(code: BoardResultCode): boolean {
  return code !== '01' && code !== '31' && code !== 'continued'
}

/** 有効期間の短縮・延長 against the standard (原則: 新規・区分変更 6か月, 更新 12か月). */
export function validityAdjustment(
  kind: ApplicationKind,
  applicationDate: IsoDate,
  months: number,
): 'standard' | 'shortened' | 'extended' {
  const standard = valueAt(STANDARD_VALIDITY_MONTHS, applicationDate, 'standard validity')[kind]
  if (months < standard) return 'shortened'
  return months > standard ? 'extended' : 'standard'
}

/**
 * Problems of a board decision (Japanese; empty when it may be saved): a certifying result needs validity months
 * between 3 and {@link maxValidityMonths} (施行規則第38条・第41条); 非該当 / 再調査 / 継続審査 have none; a result that
 * differs from the first decision needs the reason (変更理由の記録は必須 ✅[C1]); 要介護1 from the 要支援2/要介護1 band
 * needs the 状態像の例 (§1.6 ✅[C2]).
 */
export function boardDecisionProblems(d: BoardDecisionInput): string[] {
  const problems: string[] = []
  if (certifies(d.result)) {
    const maximum = maxValidityMonths(d.kind, d.applicationDate, d.sameLevel ?? false)
    const months = d.validityMonths
    if (months === undefined || !Number.isInteger(months) || months < 3 || months > maximum) {
      problems.push(`有効期間: 3〜${maximum}か月の整数で入力してください`)
    }
  } else if (d.validityMonths !== undefined) {
    problems.push(`${BOARD_RESULT_CODES[d.result]}には有効期間を入力しません`)
  }
  const isLevel = d.result !== '31' && d.result !== 'continued'
  if (isLevel && d.result !== d.firstDecision && (d.changeReason ?? '').trim() === '') {
    problems.push('一次判定と異なる結果です。変更理由を入力してください')
  }
  if (d.result === '21' && (d.firstDecision === '13' || d.firstDecision === '21') && d.stateExample === undefined) {
    problems.push('要介護1とする状態像の例（認知機能の低下等・不安定な状態・その他）を選んでください')
  }
  return problems
}

/** Input of the 簡素化 test. */
export interface SimplifiedReviewInput {
  readonly category: 1 | 2
  readonly kind: ApplicationKind
  readonly firstDecision: BoardResultCode
  readonly previousLevel: BoardResultCode
  readonly previousValidityMonths: number
  /** 要介護認定等基準時間 in 0.1-minute units, as the national software gives it. */
  readonly minutes10: number
}

/**
 * 簡素化 (平成30年3月23日 老発0323第1号 ✅[C11]): all six — 第1号; renewal; first decision = previous level; previous
 * validity ≥ 12 months; first decision not 要支援2 / 要介護1; not within 3 minutes below the next heavier band
 * (重度化キワ). The band limits are {@link CARE_MINUTE_BANDS}.
 */
export function simplifiedReviewEligible(i: SimplifiedReviewInput): boolean {
  assertInteger(i.minutes10, 'minutes10', 0)
  if (i.category !== 1 || i.kind !== 'renewal') return false
  if (i.firstDecision !== i.previousLevel) return false
  if (i.previousValidityMonths < SIMPLIFIED_REVIEW.minimumPreviousValidityMonths) return false
  if (i.firstDecision === '13' || i.firstDecision === '21') return false
  const next = CARE_MINUTE_BANDS.find((b) => b.from * 10 > i.minutes10)
  if (next === undefined) return true
  return next.from * 10 - i.minutes10 > SIMPLIFIED_REVIEW.marginMinutes * 10
}

/**
 * 法第36条: a 転入 with the previous insurer's 受給資格証明書 is certified without the board when the application
 * arrives within 14 days of becoming insured here (資格取得日から14日以内 ✅[C14]; counted from the next day, 民法140条
 * ⚠️). Later, it is a new application with the whole workflow.
 */
export function transferInWithoutBoard(qualifiedOn: IsoDate, applicationDate: IsoDate): boolean {
  assertIsoDate(qualifiedOn, 'qualifiedOn')
  assertIsoDate(applicationDate, 'applicationDate')
  return applicationDate >= qualifiedOn && applicationDate <= addDays(qualifiedOn, TRANSFER_IN_APPLICATION_DAYS)
}
