/**
 * 区の保険料パラメータ (ward parameters): one version = the whole set in force from its effective date. The shipped
 * defaults are derived from the Shinjuku defaults of shared/domain (no figure is repeated here); every default that
 * docs/sources/domain.md marks ⚠️ is carried as an unverified field so the UI can flag it.
 */
import { z } from 'zod'
import {
  checkDigit,
  DEFAULT_BENEFIT_REDUCTION_ROUNDING,
  DEFAULT_CHECKLIST_COUNTS_DEPRESSION,
  endOfMonth,
  fiscalYearOf,
  NATIONAL_STANDARD_STAGES,
  SHINJUKU_BASE_PREMIUM,
  SHINJUKU_DIRECT_PAYMENT,
  SHINJUKU_FINAL_WITHHOLDING,
  SHINJUKU_INSURER_NUMBER,
  SHINJUKU_LATE_CHARGE_METHOD,
  SHINJUKU_LATE_CHARGE_RATES,
  SHINJUKU_PREMIUM_ROUNDING,
  SHINJUKU_UNVERIFIED,
  SHINJUKU_WITHHOLDING,
  versionAt,
  type IsoDate,
  type StageTable,
  type WithholdingSettings,
} from '../domain'
import { onOrNextBusinessDay } from '../domain/business-days'
import { CardLayout$ } from '../forms/contract'
import { UnverifiedField$, type UnverifiedField } from './common'

const stage = z.number().int().min(1).max(99)
const RoundingRule$ = z.enum(['none', 'floor10', 'floor100', 'monthlyCeil10'])
const InstallmentRule$ = z
  .object({ unit: z.number().int().positive(), remainderTo: z.enum(['first', 'last']) })
  .strict()
const BandLimit$ = z.union([z.number().int().nonnegative(), z.literal('pensionIncomeBoundary'), z.null()])

/** The stage structure of the ward: like 施行令第38条 with the 年金収入等 boundary L left symbolic. */
export const WardStageStructure$ = z
  .object({
    publicAssistanceStage: stage,
    oldAgeWelfarePensionStage: stage,
    householdExemptBands: z.array(z.object({ stage, upTo: BandLimit$ }).strict()).min(1),
    householdTaxableBands: z.array(z.object({ stage, upTo: BandLimit$ }).strict()).min(1),
    selfTaxableBands: z.array(z.object({ stage, below: z.number().int().nonnegative().nullable() }).strict()).min(1),
    rates: z
      .array(
        z
          .object({
            stage,
            rateBp: z.number().int().positive(),
            reducedRateBp: z.number().int().positive().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(30),
  })
  .strict()

/** The ward's settings of 口座振替: the 委託者 as the bank registered it, and the 振替日. */
export const DirectDebitSettings$ = z
  .object({
    /** 振替日: the 納期限 itself (after the holiday rule). */
    transferDay: z.literal('dueDate'),
    /** 委託者コード: 10 digits, given by the 取引金融機関. */
    consignorCode: z.string().regex(/^\d{10}$/, '委託者コードは10桁の数字です'),
    /** 委託者名: 半角カナ・英数字 (全銀協の文字), at most 40. */
    consignorName: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[0-9A-Z ().,\-/\uFF62\uFF63\uFF66\uFF71-\uFF9F]+$/, '委託者名は全銀協の半角文字で40文字以内です'),
    /** The ward's 取引銀行 (金融機関コード 4 digits, 支店コード 3 digits), 預金種目 and 口座番号 (7 digits). */
    bankCode: z.string().regex(/^\d{4}$/, '取引金融機関コードは4桁の数字です'),
    branchCode: z.string().regex(/^\d{3}$/, '取引支店コードは3桁の数字です'),
    accountType: z.enum(['1', '2', '9']),
    accountNumber: z.string().regex(/^\d{7}$/, '取引口座番号は7桁の数字です'),
    /** Between records: none (pure fixed length) or CR LF, as the bank asks. */
    recordSeparator: z.enum(['none', 'crlf']),
  })
  .strict()
export type DirectDebitSettings = z.infer<typeof DirectDebitSettings$>

/**
 * The 口座振替 settings of the dummy ward when a version does not say: the 委託者コード and the ward's own account are
 * placeholders (⚠️ the bank gives them) — 0001 = みずほ銀行, 001 = 東京営業部.
 */
export const DEFAULT_DIRECT_DEBIT_SETTINGS: DirectDebitSettings = {
  transferDay: 'dueDate',
  consignorCode: '0000000001',
  consignorName: 'ｼﾝｼﾞﾕｸｸ',
  bankCode: '0001',
  branchCode: '001',
  accountType: '1',
  accountNumber: '0000001',
  recordSeparator: 'crlf',
}

/** The 口座振替 settings of a ward parameter version (the default when the version predates them). */
export function directDebitSettingsOf(p: WardParameters): DirectDebitSettings {
  return p.directDebit ?? DEFAULT_DIRECT_DEBIT_SETTINGS
}

export const WardParameters$ = z
  .object({
    stageTable: WardStageStructure$,
    /** 基準額 (annual yen). */
    basePremium: z.number().int().positive().max(10_000_000),
    rounding: RoundingRule$,
    prorationRounding: RoundingRule$,
    directPayment: z
      .object({
        /** 普通徴収の納期: month and due day ('monthEnd' = 月末) in fiscal-year order. */
        installments: z
          .array(
            z
              .object({
                month: z.number().int().min(1).max(12),
                dueDay: z.union([z.number().int().min(1).max(28), z.literal('monthEnd')]),
              })
              .strict(),
          )
          .min(1)
          .max(12),
        rule: InstallmentRule$,
        /**
         * A 納期限 on the ward's 休日 (土日・祝日・12/29〜1/3): 'nextBusinessDay' moves it to the next day that is not
         * one (地方自治法第4条の2第4項), 'none' keeps it. Absent means 'nextBusinessDay' (the statutory rule).
         */
        holidayRule: z.enum(['nextBusinessDay', 'none']).optional(),
      })
      .strict(),
    /** 口座振替 (全銀協 口座振替依頼データ): docs/interfaces/direct-debit.md. Optional for versions that predate it. */
    directDebit: DirectDebitSettings$.optional(),
    finalWithholding: InstallmentRule$,
    lateCharge: z
      .object({
        method: z
          .object({
            baseUnit: z.number().int().positive(),
            minimumBase: z.number().int().nonnegative(),
            earlyPeriodMonths: z.number().int().positive(),
            daysPerYear: z.number().int().positive(),
            resultUnit: z.number().int().positive(),
            minimumCharge: z.number().int().nonnegative(),
            truncatePerPeriod: z.boolean(),
          })
          .strict(),
        /** Percent per year by calendar year (A = early, B = late). */
        rates: z
          .array(z.object({ year: z.number().int().min(2000).max(2999), early: z.number(), late: z.number() }).strict())
          .min(1),
      })
      .strict(),
    numbering: z
      .object({
        insurerNumber: z.string().regex(/^\d{6}$/, '保険者番号は6桁の数字です'),
        /** 被保険者番号 = prefix + running number, `insuredNumberDigits` digits in all. */
        insuredNumberPrefix: z.string().regex(/^\d{0,9}$/, '被保険者番号の先頭は数字9桁以内です'),
        insuredNumberDigits: z.number().int().min(6).max(16),
      })
      .strict(),
    benefitReductionRounding: z.enum(['ceil', 'floor']),
    checklistCountsDepression: z.boolean(),
    /**
     * 帳票: 被保険者証 and 資格者証 on the folded card or on A4. Optional so that versions approved
     * before the setting existed stay valid; absent means DEFAULT_FORM_SETTINGS.
     */
    forms: z.object({ insuranceCardLayout: CardLayout$, provisionalCardLayout: CardLayout$ }).strict().optional(),
    /**
     * 特別徴収: 平準化 (whether, and the yen difference from which) and the 仮徴収 of a target without a February
     * withholding. The 本徴収 split (unit, remainder to October = 'first' or February = 'last') is `finalWithholding`.
     * Optional so that versions approved before the setting existed stay valid; absent means SHINJUKU_WITHHOLDING.
     */
    withholding: z
      .object({
        leveling: z.object({ enabled: z.boolean(), threshold: z.number().int().nonnegative() }).strict(),
        provisionalWithoutFebruary: z.enum(['previousAnnualSixth', 'direct']),
      })
      .strict()
      .optional(),
    /**
     * 保険料通知書・納付書: whether the 納付書 carries the convenience-store barcode (GS1-128, docs/interfaces/notices.md),
     * the ward's 収納機関コード (GS1 事業者コード, 6 digits) and the 収納代行's name. Optional like `forms`; absent
     * means DEFAULT_NOTICE_SETTINGS.
     */
    notices: z
      .object({
        printConvenienceBarcode: z.boolean(),
        billerCode: z.string().regex(/^\d{6}$/, '収納機関コードは6桁の数字です'),
        collectionAgentName: z.string().trim().min(1).max(60),
      })
      .strict()
      .optional(),
  })
  .strict()
export type WardParameters = z.infer<typeof WardParameters$>

/** The 特別徴収 settings of a ward parameter version (新宿区's default when the version predates the setting). */
export function withholdingSettingsOf(p: WardParameters): WithholdingSettings {
  return p.withholding ?? SHINJUKU_WITHHOLDING
}
export type WardNoticeSettings = NonNullable<WardParameters['notices']>

/**
 * The notice settings when a ward parameter version does not say: Shinjuku prints the convenience-store barcode on
 * its 納付書. ⚠️ The 収納機関コード 999999 is a dummy until the ward's GS1 事業者コード is entered.
 */
export const DEFAULT_NOTICE_SETTINGS: WardNoticeSettings = {
  printConvenienceBarcode: true,
  billerCode: '999999',
  collectionAgentName: '新宿区 収納代行（コンビニエンスストア）',
}

/** The notice settings of a ward parameter version (the default when the version predates the setting). */
export function noticeSettingsOf(p: WardParameters): WardNoticeSettings {
  return p.notices ?? DEFAULT_NOTICE_SETTINGS
}
export type WardFormSettings = NonNullable<WardParameters['forms']>

/** The form layouts when a ward parameter version does not say (Shinjuku issues the folded card). */
export const DEFAULT_FORM_SETTINGS: WardFormSettings = { insuranceCardLayout: 'card', provisionalCardLayout: 'card' }

/** The form settings of a ward parameter version (the default when the version predates the setting). */
export function formSettingsOf(p: WardParameters): WardFormSettings {
  return p.forms ?? DEFAULT_FORM_SETTINGS
}
export type WardStageStructure = z.infer<typeof WardStageStructure$>

/** The payload of a `ward.parameters` row. */
export const WardParameterPayload$ = z
  .object({
    value: WardParameters$,
    source: z.string(),
    unverified: z.array(UnverifiedField$),
    note: z.string().max(2_000),
    /** The approved change request that created this version; null for the shipped default. */
    changeRequestId: z.number().int().nullable(),
  })
  .strict()
export type WardParameterPayload = z.infer<typeof WardParameterPayload$>

// ── validation ────────────────────────────────────────────────────────────────────────────────────────────────────

export interface WardParameterIssue {
  readonly path: string
  readonly message: string
}

const INSTALLMENT_UNITS = [1, 10, 100, 1_000]

/** Rate in 1/10,000 as a decimal string: 4,550 → '0.455'. */
export function formatRateBp(bp: number): string {
  const whole = Math.trunc(bp / 10_000)
  const fraction = String(bp % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}` : String(whole)
}

function hasAtMostTwoDecimals(value: number): boolean {
  return Number.isFinite(value) && /^\d+(\.\d{1,2})?$/.test(String(value))
}

function checkBands(
  issues: WardParameterIssue[],
  path: string,
  label: string,
  bands: readonly { stage: number; limit: number | 'pensionIncomeBoundary' | null }[],
): void {
  bands.forEach((band, i) => {
    const previous = bands[i - 1]
    if (previous && band.stage <= previous.stage) {
      issues.push({ path, message: `${label}の段階は昇順でなければなりません（第${band.stage}段階）` })
    }
    const last = i === bands.length - 1
    if (last && band.limit !== null) {
      issues.push({ path, message: `${label}の最後の区分は上限なしでなければなりません` })
    }
    if (!last && band.limit === null) {
      issues.push({ path, message: `${label}で上限なしの区分は最後にだけ置けます` })
    }
    if (band.limit === 'pensionIncomeBoundary' && i !== 0) {
      issues.push({ path, message: `${label}で年金収入等の境界額（L）を使えるのは最初の区分だけです` })
    }
    if (
      previous &&
      typeof band.limit === 'number' &&
      typeof previous.limit === 'number' &&
      band.limit <= previous.limit
    ) {
      issues.push({ path, message: `${label}の境界額は増加していなければなりません（第${band.stage}段階）` })
    }
  })
}

/**
 * Checks a ward parameter set beyond its shape: stages numbered 1…N without gaps, rates strictly increasing with the
 * stage (reduced rates too, and never above the standard rate), every stage reachable from exactly the income groups
 * in order (世帯非課税 < 本人非課税・世帯課税 < 本人課税), ascending band limits, installments in fiscal-year order,
 * late-charge rates by consecutive years with A < B, and a valid insurer check digit. Messages are Japanese.
 */
export function validateWardParameters(p: WardParameters): WardParameterIssue[] {
  const issues: WardParameterIssue[] = []
  const st = p.stageTable
  const rates = st.rates
  rates.forEach((r, i) => {
    if (r.stage !== i + 1) {
      issues.push({
        path: 'stageTable.rates',
        message: `段階は第1段階から連続していなければなりません（第${i + 1}段階がありません）`,
      })
    }
    const previous = rates[i - 1]
    if (previous && r.rateBp <= previous.rateBp) {
      issues.push({
        path: `stageTable.rates.${i}.rateBp`,
        message: `第${r.stage}段階の料率（${formatRateBp(r.rateBp)}）が第${previous.stage}段階（${formatRateBp(previous.rateBp)}）以下です。料率は段階の順に増加していなければなりません`,
      })
    }
    if (r.reducedRateBp !== undefined && r.reducedRateBp > r.rateBp) {
      issues.push({
        path: `stageTable.rates.${i}.reducedRateBp`,
        message: `第${r.stage}段階の軽減後料率が標準料率を超えています`,
      })
    }
  })
  const reduced = rates.filter((r) => r.reducedRateBp !== undefined)
  reduced.forEach((r, i) => {
    const previous = reduced[i - 1]
    if (previous && (r.reducedRateBp ?? 0) <= (previous.reducedRateBp ?? 0)) {
      issues.push({
        path: 'stageTable.rates',
        message: `第${r.stage}段階の軽減後料率は第${previous.stage}段階より大きくなければなりません`,
      })
    }
  })

  const known = new Set(rates.map((r) => r.stage))
  const groups = [
    { path: 'stageTable.householdExemptBands', label: '世帯非課税', bands: st.householdExemptBands },
    { path: 'stageTable.householdTaxableBands', label: '本人非課税・世帯課税', bands: st.householdTaxableBands },
  ]
  for (const g of groups) {
    checkBands(
      issues,
      g.path,
      g.label,
      g.bands.map((b) => ({ stage: b.stage, limit: b.upTo })),
    )
  }
  checkBands(
    issues,
    'stageTable.selfTaxableBands',
    '本人課税',
    st.selfTaxableBands.map((b) => ({ stage: b.stage, limit: b.below })),
  )
  const exempt = st.householdExemptBands.map((b) => b.stage)
  const taxable = st.householdTaxableBands.map((b) => b.stage)
  const self = st.selfTaxableBands.map((b) => b.stage)
  if (Math.max(...exempt) >= Math.min(...taxable) || Math.max(...taxable) >= Math.min(...self)) {
    issues.push({
      path: 'stageTable',
      message: '段階は 世帯非課税 → 本人非課税・世帯課税 → 本人課税 の順に並んでいなければなりません',
    })
  }
  const reachable = new Set([...exempt, ...taxable, ...self, st.publicAssistanceStage, st.oldAgeWelfarePensionStage])
  for (const s of reachable) {
    if (!known.has(s)) issues.push({ path: 'stageTable', message: `第${s}段階の料率がありません` })
  }
  for (const s of known) {
    if (!reachable.has(s)) issues.push({ path: 'stageTable', message: `第${s}段階に該当する所得区分がありません` })
  }

  const fiscalOrder = p.directPayment.installments.map((i) => (i.month + 8) % 12)
  fiscalOrder.forEach((m, i) => {
    const previous = fiscalOrder[i - 1]
    if (previous !== undefined && m <= previous) {
      issues.push({
        path: 'directPayment.installments',
        message: '納期の月は年度の順（4月〜翌3月）に重複なく並べてください',
      })
    }
  })
  for (const [path, rule] of [
    ['directPayment.rule', p.directPayment.rule],
    ['finalWithholding', p.finalWithholding],
  ] as const) {
    if (!INSTALLMENT_UNITS.includes(rule.unit)) {
      issues.push({ path: `${path}.unit`, message: '期割の端数単位は 1・10・100・1,000 円のいずれかです' })
    }
  }

  p.lateCharge.rates.forEach((r, i) => {
    const previous = p.lateCharge.rates[i - 1]
    if (previous && r.year !== previous.year + 1) {
      issues.push({
        path: 'lateCharge.rates',
        message: `延滞金の割合は年の順に連続して指定してください（${r.year}年）`,
      })
    }
    if (!hasAtMostTwoDecimals(r.early) || !hasAtMostTwoDecimals(r.late) || r.early <= 0 || r.late >= 100) {
      issues.push({
        path: `lateCharge.rates.${i}`,
        message: `${r.year}年の延滞金の割合は 0〜100 ％・小数第2位までで指定してください`,
      })
    } else if (r.early >= r.late) {
      issues.push({
        path: `lateCharge.rates.${i}`,
        message: `${r.year}年の延滞金の割合は 納期限後3か月まで（${r.early}％）< それ以降（${r.late}％）でなければなりません`,
      })
    }
  })

  const n = p.numbering
  if (checkDigit(n.insurerNumber.slice(0, 5)) !== Number(n.insurerNumber[5])) {
    issues.push({ path: 'numbering.insurerNumber', message: '保険者番号の検証番号（6桁目）が一致しません' })
  }
  if (n.insuredNumberPrefix.length >= n.insuredNumberDigits) {
    issues.push({ path: 'numbering.insuredNumberPrefix', message: '被保険者番号の先頭部分が桁数以上です' })
  }
  return issues
}

// ── use ───────────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The domain's {@link StageTable} for a fiscal year from a ward parameter set and that year's boundary L (from the
 * national master): the same shape `nationalStandardStageTable` builds.
 */
export function stageTableFromWard(
  ward: WardParameters,
  fiscalYear: number,
  pensionIncomeBoundary: number,
): StageTable {
  const st = ward.stageTable
  const resolve = (limit: number | 'pensionIncomeBoundary' | null) =>
    limit === 'pensionIncomeBoundary' ? pensionIncomeBoundary : limit
  return {
    fiscalYear,
    basePremium: ward.basePremium,
    rounding: ward.rounding,
    prorationRounding: ward.prorationRounding,
    pensionIncomeBoundary,
    publicAssistanceStage: st.publicAssistanceStage,
    oldAgeWelfarePensionStage: st.oldAgeWelfarePensionStage,
    householdExemptBands: st.householdExemptBands.map((b) => ({ stage: b.stage, upTo: resolve(b.upTo) })),
    householdTaxableBands: st.householdTaxableBands.map((b) => ({ stage: b.stage, upTo: resolve(b.upTo) })),
    selfTaxableBands: st.selfTaxableBands.map((b) => ({ ...b })),
    rates: st.rates.map((r) => ({ ...r })),
  }
}

/**
 * 普通徴収の納期限 of a fiscal year (months 4–12 in the fiscal year, 1–3 in the next calendar year): the set day, moved
 * off the ward's 休日 by the holiday rule (地方自治法第4条の2第4項; shared/domain/business-days.ts).
 */
export function directPaymentDueDates(ward: WardParameters, fiscalYear: number): IsoDate[] {
  const moveOffHolidays = (ward.directPayment.holidayRule ?? 'nextBusinessDay') === 'nextBusinessDay'
  return ward.directPayment.installments.map(({ month, dueDay }) => {
    const mm = String(month).padStart(2, '0')
    const firstDay = `${fiscalYear}-${mm}-01`
    const year = fiscalYearOf(firstDay) === fiscalYear ? fiscalYear : fiscalYear + 1
    const first = `${year}-${mm}-01`
    const set = dueDay === 'monthEnd' ? endOfMonth(first) : `${year}-${mm}-${String(dueDay).padStart(2, '0')}`
    return moveOffHolidays ? onOrNextBusinessDay(set, 'municipal') : set
  })
}

// ── shipped defaults (derived from shared/domain) ─────────────────────────────────────────────────────────────────

/** Which SHINJUKU_UNVERIFIED entry (by its leading words) flags which field of the ward parameters. */
const UNVERIFIED_FIELDS: readonly { readonly path: string; readonly entry: string }[] = [
  { path: 'numbering.insurerNumber', entry: 'insurerNumber' },
  { path: 'stageTable', entry: 'premiumStageTable' },
  { path: 'rounding', entry: 'premiumRounding' },
  { path: 'stageTable.pensionIncomeBoundary', entry: 'pensionIncomeBoundary' },
  { path: 'directPayment.rule', entry: 'directPayment.rule' },
  { path: 'directPayment.installments', entry: 'directPayment due dates' },
  { path: 'finalWithholding', entry: 'finalWithholding' },
  { path: 'lateCharge.method.truncatePerPeriod', entry: 'lateCharge.truncatePerPeriod' },
  { path: 'benefitReductionRounding', entry: 'benefitReductionRounding' },
  { path: 'checklistCountsDepression', entry: 'checklistCountsDepression' },
]

/** The unverified fields of the shipped default, with the wording of SHINJUKU_UNVERIFIED (all of it is mapped). */
export function shinjukuUnverifiedFields(): UnverifiedField[] {
  const fields = UNVERIFIED_FIELDS.map(({ path, entry }) => {
    const note = SHINJUKU_UNVERIFIED.find((u) => u.startsWith(entry))
    if (note === undefined) throw new Error(`SHINJUKU_UNVERIFIED has no entry "${entry}"`)
    return { path, note }
  })
  fields.push({
    path: 'numbering.insuredNumberPrefix',
    note: 'insuredNumber numbering (prefix 0, 10 digits: the dummy ward convention, not the ward rule)',
  })
  fields.push({
    path: 'directDebit',
    note: 'directDebit 委託者コード and the ward account (placeholders: the bank assigns them)',
  })
  return fields
}

/**
 * The shipped versions of the ward parameters: one per 基準額 version of Shinjuku (SHINJUKU_BASE_PREMIUM), with the
 * national 13-stage structure as the ⚠️ placeholder for the ward's own 18 stages and the Shinjuku defaults for the
 * rest. The versions keep the 基準額's period: after its `to` (第10期) nothing is in force until an administrator
 * approves a new version.
 */
export function shinjukuDefaultWardVersions(): {
  validFrom: IsoDate
  validTo: IsoDate | null
  payload: WardParameterPayload
}[] {
  return SHINJUKU_BASE_PREMIUM.map((base) => {
    const structure = versionAt(NATIONAL_STANDARD_STAGES, base.from, 'national standard stages').value
    const value: WardParameters = {
      stageTable: {
        publicAssistanceStage: structure.publicAssistanceStage,
        oldAgeWelfarePensionStage: structure.oldAgeWelfarePensionStage,
        householdExemptBands: structure.householdExemptBands.map((b) => ({ ...b })),
        householdTaxableBands: structure.householdTaxableBands.map((b) => ({ ...b })),
        selfTaxableBands: structure.selfTaxableBands.map((b) => ({ ...b })),
        rates: structure.rates.map((r) => ({ ...r })),
      },
      basePremium: base.value,
      rounding: SHINJUKU_PREMIUM_ROUNDING,
      prorationRounding: SHINJUKU_PREMIUM_ROUNDING,
      directPayment: {
        installments: SHINJUKU_DIRECT_PAYMENT.installmentMonths.map((month) => ({
          month,
          dueDay: 'monthEnd' as const,
        })),
        rule: { ...SHINJUKU_DIRECT_PAYMENT.rule },
        holidayRule: 'nextBusinessDay',
      },
      directDebit: { ...DEFAULT_DIRECT_DEBIT_SETTINGS },
      finalWithholding: { ...SHINJUKU_FINAL_WITHHOLDING },
      lateCharge: {
        method: { ...SHINJUKU_LATE_CHARGE_METHOD },
        rates: SHINJUKU_LATE_CHARGE_RATES.map((r) => ({ ...r })),
      },
      numbering: {
        insurerNumber: SHINJUKU_INSURER_NUMBER,
        insuredNumberPrefix: '0',
        insuredNumberDigits: 10,
      },
      benefitReductionRounding: DEFAULT_BENEFIT_REDUCTION_ROUNDING,
      checklistCountsDepression: DEFAULT_CHECKLIST_COUNTS_DEPRESSION,
      forms: { ...DEFAULT_FORM_SETTINGS },
    }
    return {
      validFrom: base.from,
      validTo: base.to ?? null,
      payload: {
        value,
        source: `shared/domain 新宿区既定値（${base.source}）`,
        unverified: shinjukuUnverifiedFields(),
        note: '出荷時の既定値',
        changeRequestId: null,
      },
    }
  })
}
