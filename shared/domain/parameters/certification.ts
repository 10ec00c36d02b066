/**
 * Certification (要介護認定) figures.
 */
import type { Versioned } from '../versioned'

/** Limits of the validity period in months (介護保険法施行規則第38条・第41条). */
export interface ValidityLimits {
  readonly minimum: number
  readonly new: number
  readonly levelChange: number
  /** 更新 with the same level as before. */
  readonly renewalSameLevel: number
  /** 更新 with a different level. */
  readonly renewalDifferentLevel: number
}

/** Applications from 2021-04-01 (R3.4.1): renewal with the same level up to 48 months ✅[S55][S56]. */
export const VALIDITY_LIMITS: readonly Versioned<ValidityLimits>[] = [
  {
    from: '2021-04-01',
    source: '介護保険法施行規則第38条・第41条 (令和3年4月1日以降の申請) [S55][S56]',
    value: { minimum: 3, new: 12, levelChange: 12, renewalSameLevel: 48, renewalDifferentLevel: 36 },
  },
]

/** 更新申請は有効期間満了日の60日前から (介護保険法第28条第2項; 同法施行規則). */
export const RENEWAL_APPLICATION_DAYS_BEFORE = 60

/** 処分は申請日から30日以内 (介護保険法第27条第11項). Counted from the next day (民法140条). */
export const DECISION_DAYS = 30

/** Care level of a first-stage decision. */
export type CareLevel = 'notApplicable' | 'support1' | 'support2' | 'care1' | 'care2' | 'care3' | 'care4' | 'care5'

/**
 * 要介護認定等基準時間 bands (minutes, lower limit inclusive): 要介護認定等基準時間の推計の方法 (平成12年厚生省告示第91号); 要介護認定等に係る介護認定審査会による審査及び判定の基準等に関する省令
 * (平成11年厚生省令第58号) 第1条・第2条 ✅[S3][S57]. The 32–50 band is split between support2 and care1.
 */
export const CARE_MINUTE_BANDS: readonly { readonly from: number; readonly level: CareLevel | 'support2OrCare1' }[] = [
  { from: 0, level: 'notApplicable' },
  { from: 25, level: 'support1' },
  { from: 32, level: 'support2OrCare1' },
  { from: 50, level: 'care2' },
  { from: 70, level: 'care3' },
  { from: 90, level: 'care4' },
  { from: 110, level: 'care5' },
]

/** 認知症自立度Ⅱ以上の蓋然性: ≥ 50 % → 要介護1 (docs/sources/domain.md §6.3, [S59]). In percent. */
export const DEMENTIA_PROBABILITY_THRESHOLD_PERCENT = 50

/**
 * 基本チェックリスト criteria (地域支援事業実施要綱 様式第一; docs/sources/domain.md §7 ✅[S62][S63][S64]). Items answered いいえ that
 * count (the rest count when はい), and the criteria ①–⑦ as (items, minimum count).
 */
export const CHECKLIST_ITEM_COUNT = 25
export const CHECKLIST_NO_COUNTS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 16, 19]
export const CHECKLIST_BMI_ITEM = 12
export const CHECKLIST_CRITERIA: readonly {
  readonly id: string
  readonly items: readonly number[]
  readonly atLeast: number
  readonly depression?: true
}[] = [
  { id: '①', items: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20], atLeast: 10 },
  { id: '②', items: [6, 7, 8, 9, 10], atLeast: 3 },
  { id: '③', items: [11, 12], atLeast: 2 },
  { id: '④', items: [13, 14, 15], atLeast: 2 },
  { id: '⑤', items: [16], atLeast: 1 },
  { id: '⑥', items: [18, 19, 20], atLeast: 1 },
  { id: '⑦', items: [21, 22, 23, 24, 25], atLeast: 2, depression: true },
]

/** Item 12 counts when BMI < 18.5, held as 37/2 (docs/sources/domain.md §7). */
export const BMI_UNDERWEIGHT_BELOW = { numerator: 37, denominator: 2 } as const

/** How a stage target is counted: calendar days, or the ward's business days (開庁日). */
export type DayCount = 'calendarDays' | 'businessDays'

/** One stage target: `days` counted as `count` from the stage's start event. */
export interface StageTarget {
  readonly days: number
  readonly count: DayCount
}

/**
 * Stage targets of the 30-day clock (docs/sources/certification.md §0, §8(b)). Survey 7, opinion 13 and board 12
 * days are the national reference periods (参考期間: 調査 依頼→実施, 意見書 依頼→入手, 審査会 資料完備→開催 ✅[C4]),
 * calendar days as published. Registration 1 business day, survey form 3, first decision 2 and notice 3 days and the
 * opinion reminder at request + 10 are the source's suggested defaults ⚠️. All are ward parameters 🔧.
 */
export interface StageTargets {
  /** 受付 → 申請登録 (and the survey and opinion requests, sent on registration). */
  readonly registration: StageTarget
  /** 調査依頼 → 調査実施. */
  readonly survey: StageTarget
  /** 調査実施 → 調査票・特記事項の受領. */
  readonly surveyForm: StageTarget
  /** 意見書依頼 → 意見書受領. */
  readonly opinion: StageTarget
  /** 意見書依頼 → 督促. */
  readonly opinionReminder: StageTarget
  /** 資料完備 → 一次判定・マスキング. */
  readonly firstDecision: StageTarget
  /** 資料完備 → 審査会（二次判定）. */
  readonly board: StageTarget
  /** 二次判定 → 通知発送・証交付. */
  readonly notice: StageTarget
}

const calendar = (days: number): StageTarget => ({ days, count: 'calendarDays' })

export const STAGE_TARGETS: readonly Versioned<StageTargets>[] = [
  {
    from: '2000-04-01',
    source:
      '国の参考期間 調査7日・意見書13日・審査会12日（認定審査期間等の公表について, 京都医報 2025-05-01 [C4]）; ' +
      'その他は certification.md §8(b) の既定値 ⚠️; 区の運用で上書き 🔧',
    unverified: true,
    value: {
      registration: { days: 1, count: 'businessDays' },
      survey: calendar(7),
      surveyForm: calendar(3),
      opinion: calendar(13),
      opinionReminder: calendar(10),
      firstDecision: calendar(2),
      board: calendar(12),
      notice: calendar(3),
    },
  },
]

/**
 * 延期通知 (介護保険法第27条第11項ただし書 ✅[C12]; docs/sources/certification.md §1.9, §8(b)): on day D0 + `checkDay` a case whose
 * decision is not certain within 30 days gets a draft; the expected period is the meeting date + the notice target
 * when a meeting is assigned, otherwise about `unassignedExpectedMonths` month ahead (神戸市・佐久市 ✅[C12]).
 * `checkDay` 25 is the source's example 🔧⚠️.
 */
export interface DelayNoticeRules {
  readonly checkDay: number
  readonly unassignedExpectedMonths: number
}

export const DELAY_NOTICE_RULES: readonly Versioned<DelayNoticeRules>[] = [
  {
    from: '2000-04-01',
    source: '介護保険法第27条第11項ただし書; 発行日 D0+25 は certification.md §8(b) の例 🔧⚠️; 約1か月先 [C12]',
    unverified: true,
    value: { checkDay: 25, unassignedExpectedMonths: 1 },
  },
]

/** Days within which a 転入 with a 受給資格証明書 must apply to be certified without the board (法第36条 ✅[C14]). */
export const TRANSFER_IN_APPLICATION_DAYS = 14

/**
 * The board (介護認定審査会): 合議体 of 5 members as the standard (介護保険法施行令第9条 ✅[C9]); a ward may sit 3 for
 * renewals when quality is kept (海南市規則の例 🔧); meeting opens with a majority of the panel present and decides by a
 * majority of those present, the chair deciding a tie (運営規程例 ✅[C9]). `casesPerMeeting` is the ward's default
 * capacity: 49 is 青森地域広域の R6 実績 (18,136件 / 367回 ✅[C10]), not Shinjuku's ⚠️🔧.
 */
export interface BoardRules {
  readonly standardPanelSize: number
  readonly minimumPanelSize: number
  readonly casesPerMeeting: number
  /** Member term in years (原則2年, 条例で2〜3年 ✅[C9]). */
  readonly memberTermYears: number
}

export const BOARD_RULES: readonly Versioned<BoardRules>[] = [
  {
    from: '2000-04-01',
    source: '介護保険法施行令第9条; 運営規程例 [C9]; 1回の件数は青森地域広域の実績 [C10] ⚠️🔧',
    unverified: true,
    value: { standardPanelSize: 5, minimumPanelSize: 3, casesPerMeeting: 49, memberTermYears: 2 },
  },
]

/**
 * 原則の有効期間 (施行規則第38条・第41条 ✅[S55][S56]; docs/sources/domain.md §6.2): new and level change 6 months,
 * renewal 12. A board decision below is 短縮, above is 延長 (up to {@link VALIDITY_LIMITS}).
 */
export interface StandardValidity {
  readonly new: number
  readonly levelChange: number
  readonly renewal: number
}

export const STANDARD_VALIDITY_MONTHS: readonly Versioned<StandardValidity>[] = [
  {
    from: '2021-04-01',
    source: '介護保険法施行規則第38条・第41条 [S55][S56]',
    value: { new: 6, levelChange: 6, renewal: 12 },
  },
]

/**
 * 簡素化 (平成30年3月23日 老発0323第1号 ✅[C11]): a renewal whose first decision equals the previous level, previous
 * validity ≥ 12 months, not 要支援2/要介護1, and not within 3 minutes of the next heavier band.
 */
export const SIMPLIFIED_REVIEW = { minimumPreviousValidityMonths: 12, marginMinutes: 3 } as const

/** The clock board shows an open stage as 'atRisk' this many days before its target (🔧 ward default). */
export const CLOCK_AT_RISK_DAYS_BEFORE = 2
