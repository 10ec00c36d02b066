/**
 * 介護保険事業状況報告 (月報・年報): the report as dated data (docs/sources/migration.md §3.2, §3.3). The 記入要領 itself
 * was not obtainable, so every table, cell and rule below is a dated row the ward can correct; all are [verify]
 * (docs/sources/migration.md §3.4) and carry `unverified: true`.
 */
import type { Versioned } from '../versioned'

/** The measures a cell counts. */
export type StatisticsMeasure = 'persons' | 'claims' | 'units' | 'cost' | 'insurerShare' | 'facilityRelief' | 'yen'

/** One cell of a table: an id stable across editions, its row and column labels, what it counts, its source. */
export interface StatisticsCellDefinition {
  readonly id: string
  readonly row: string
  readonly column: string
  readonly measure: StatisticsMeasure
}

export interface StatisticsTableDefinition {
  readonly id: string
  /** 様式 name as the ward's form prints it. */
  readonly title: string
  /** Where the figures come from: a table whose inputs are not in the system shows 「データ未取込」. */
  readonly basis: 'eligibility' | 'certification' | 'benefits' | 'premiums' | 'collection'
  readonly cells: readonly StatisticsCellDefinition[]
  readonly source: string
}

/** 要介護状態区分 codes counted as 認定者 (docs/sources/interfaces.md §3: 12/13 要支援1・2, 21–25 要介護1–5). */
export const REPORT_CARE_LEVELS = [
  { code: '12', label: '要支援1' },
  { code: '13', label: '要支援2' },
  { code: '21', label: '要介護1' },
  { code: '22', label: '要介護2' },
  { code: '23', label: '要介護3' },
  { code: '24', label: '要介護4' },
  { code: '25', label: '要介護5' },
] as const

/** 増減 reasons of 第1号被保険者 (docs/sources/migration.md §3.2 item 1; eligibility reasons of docs/sources/domain.md §2). */
export const INCREASE_REASONS = [
  { id: 'reachingAge65', label: '65歳到達', reasons: ['reachingAge65'] },
  { id: 'moveIn', label: '転入', reasons: ['moveIn'] },
  { id: 'excludedFacilityExit', label: '適用除外施設退所', reasons: ['excludedFacilityExit'] },
  { id: 'other', label: 'その他（職権・訂正等）', reasons: [] },
] as const
export const DECREASE_REASONS = [
  { id: 'death', label: '死亡', reasons: ['death'] },
  { id: 'moveOut', label: '転出', reasons: ['moveOut'] },
  { id: 'excludedFacilityEntry', label: '適用除外施設入所', reasons: ['excludedFacilityEntry'] },
  { id: 'other', label: 'その他（職権・訂正等）', reasons: [] },
] as const

/**
 * 受給者 kinds by サービス種類コード (docs/sources/interfaces.md §1, 国保連 給付実績): 施設 = 51 介護福祉施設, 52 介護保健施設,
 * 53 介護療養施設, 55 介護医療院; 地域密着型 = the 7x codes and 54 地域密着型介護老人福祉施設; everything else is 居宅
 * (介護予防 included). [verify] against the 記入要領.
 */
export interface RecipientKindRule {
  readonly facility: readonly string[]
  readonly communityBased: readonly string[]
}

/** The 保険給付決定状況 service-type rows (サービス種類コード → label); codes not listed fall into その他. */
export const BENEFIT_SERVICE_TYPES: readonly { code: string; label: string }[] = [
  { code: '11', label: '訪問介護' },
  { code: '12', label: '訪問入浴介護' },
  { code: '13', label: '訪問看護' },
  { code: '14', label: '訪問リハビリテーション' },
  { code: '15', label: '通所介護' },
  { code: '16', label: '通所リハビリテーション' },
  { code: '17', label: '福祉用具貸与' },
  { code: '21', label: '短期入所生活介護' },
  { code: '22', label: '短期入所療養介護（老健）' },
  { code: '31', label: '居宅療養管理指導' },
  { code: '32', label: '認知症対応型共同生活介護' },
  { code: '33', label: '特定施設入居者生活介護' },
  { code: '43', label: '居宅介護支援' },
  { code: '46', label: '介護予防支援' },
  { code: '51', label: '介護老人福祉施設' },
  { code: '52', label: '介護老人保健施設' },
  { code: '53', label: '介護療養型医療施設' },
  { code: '55', label: '介護医療院' },
  { code: '78', label: '地域密着型通所介護' },
]

export interface MonthlyReportRules {
  /**
   * Which date places a benefit in a report month (docs/sources/migration.md §3.2 item 3, §3.3): 現物給付 by the
   * サービス提供月 `inKindServiceMonthLag` months before the report month (the 国保連 審査 month lag), 償還払 by the
   * 支給決定 month `reimbursementDecisionMonthLag` months before it.
   */
  readonly inKindServiceMonthLag: number
  readonly reimbursementDecisionMonthLag: number
  /** The 基準日 of the 月報: the last day of the report month. Category (第1号/第2号) is the eligibility on it. */
  readonly baseDate: 'monthEnd'
  /** 住所地特例 persons are counted by the insurer (this ward), not by the municipality of the facility. */
  readonly residenceExceptionCountedByInsurer: true
  /** Days after month end when the report is cut off (history recorded later shows in the next report). ⚠️ ward. */
  readonly cutoffDaysAfterMonthEnd: number
  readonly recipientKinds: RecipientKindRule
  readonly tables: readonly StatisticsTableDefinition[]
}

const levelCells = (prefix: string, measure: StatisticsMeasure): StatisticsCellDefinition[] =>
  REPORT_CARE_LEVELS.flatMap((l) =>
    (['1', '2'] as const).map((c) => ({
      id: `${prefix}.${l.code}.c${c}`,
      row: l.label,
      column: c === '1' ? '第1号被保険者' : '第2号被保険者',
      measure,
    })),
  )

const serviceCells = (prefix: string): StatisticsCellDefinition[] =>
  [...BENEFIT_SERVICE_TYPES, { code: 'other', label: 'その他' }, { code: 'total', label: '合計' }].flatMap((s) =>
    (
      [
        ['claims', '件数'],
        ['units', '単位数'],
        ['cost', '費用額'],
        ['insurerShare', '給付費'],
      ] as const
    ).map(([measure, column]) => ({ id: `${prefix}.${s.code}.${measure}`, row: s.label, column, measure })),
  )

const SOURCE = 'docs/sources/migration.md §3.2 (MHLW 月報 structure 2002–03 editions; 様式 numbers [verify])'

export const MONTHLY_REPORT_RULES: readonly Versioned<MonthlyReportRules>[] = [
  {
    from: '2000-04-01',
    source: SOURCE,
    unverified: true,
    value: {
      inKindServiceMonthLag: 2,
      reimbursementDecisionMonthLag: 1,
      baseDate: 'monthEnd',
      residenceExceptionCountedByInsurer: true,
      cutoffDaysAfterMonthEnd: 10,
      recipientKinds: {
        facility: ['51', '52', '53', '55'],
        communityBased: ['54', '71', '72', '73', '74', '75', '76', '77', '78', '79'],
      },
      tables: [
        {
          id: 'insured',
          title: '様式1 第1号被保険者数',
          basis: 'eligibility',
          source: 'docs/sources/migration.md §3.2 item 1',
          cells: [
            { id: 'insured.previousEnd', row: '前月末現在', column: '第1号被保険者数', measure: 'persons' },
            ...INCREASE_REASONS.map((r) => ({
              id: `insured.increase.${r.id}`,
              row: `当月中増（${r.label}）`,
              column: '第1号被保険者数',
              measure: 'persons' as const,
            })),
            { id: 'insured.increase.total', row: '当月中増 計', column: '第1号被保険者数', measure: 'persons' },
            ...DECREASE_REASONS.map((r) => ({
              id: `insured.decrease.${r.id}`,
              row: `当月中減（${r.label}）`,
              column: '第1号被保険者数',
              measure: 'persons' as const,
            })),
            { id: 'insured.decrease.total', row: '当月中減 計', column: '第1号被保険者数', measure: 'persons' },
            { id: 'insured.currentEnd', row: '当月末現在', column: '第1号被保険者数', measure: 'persons' },
            {
              id: 'insured.currentEnd.age65to74',
              row: 'うち65歳以上75歳未満',
              column: '第1号被保険者数',
              measure: 'persons',
            },
            { id: 'insured.currentEnd.age75plus', row: 'うち75歳以上', column: '第1号被保険者数', measure: 'persons' },
            {
              id: 'insured.currentEnd.residenceException',
              row: 'うち住所地特例',
              column: '第1号被保険者数',
              measure: 'persons',
            },
          ],
        },
        {
          id: 'certified',
          title: '様式1-2 要介護（要支援）認定者数',
          basis: 'certification',
          source: 'docs/sources/migration.md §3.2 item 2',
          cells: [
            ...levelCells('certified', 'persons'),
            { id: 'certified.total.c1', row: '計', column: '第1号被保険者', measure: 'persons' },
            { id: 'certified.total.c2', row: '計', column: '第2号被保険者', measure: 'persons' },
          ],
        },
        {
          id: 'recipients',
          title: '様式1-3 居宅・地域密着型・施設サービス受給者数',
          basis: 'benefits',
          source: 'docs/sources/migration.md §3.2 items 3–4',
          cells: (['home', 'communityBased', 'facility'] as const).flatMap((k) =>
            (['1', '2'] as const).map((c) => ({
              id: `recipients.${k}.c${c}`,
              row:
                k === 'home'
                  ? '居宅（介護予防）サービス'
                  : k === 'communityBased'
                    ? '地域密着型（介護予防）サービス'
                    : '施設サービス',
              column: c === '1' ? '第1号被保険者' : '第2号被保険者',
              measure: 'persons' as const,
            })),
          ),
        },
        {
          id: 'benefits',
          title: '様式2 保険給付決定状況（現物給付）',
          basis: 'benefits',
          source: 'docs/sources/migration.md §3.2 item 5',
          cells: [
            ...serviceCells('benefits'),
            {
              id: 'benefits.facilityRelief',
              row: '特定入所者介護サービス費',
              column: '給付費',
              measure: 'facilityRelief',
            },
            { id: 'benefits.highCost', row: '高額介護サービス費', column: '給付費', measure: 'yen' },
            { id: 'benefits.highCostMedical', row: '高額医療合算介護サービス費', column: '給付費', measure: 'yen' },
          ],
        },
      ],
    },
  },
]

export interface AnnualReportRules {
  /** 基準日: the fiscal year's last day (3月31日); the collection figures are as of the 出納閉鎖 [verify]. */
  readonly baseDate: 'fiscalYearEnd'
  /**
   * ⚠️ Ward parameter: the default cut-off, in days after the 基準日 — 61 is 5月31日, the 出納閉鎖 (地方自治法235条の5),
   * after which the year's records are complete.
   */
  readonly cutoffDaysAfterYearEnd: number
  readonly tables: readonly StatisticsTableDefinition[]
}

const collectionCells = (): StatisticsCellDefinition[] =>
  (
    [
      ['current.withholding', '現年度分 特別徴収'],
      ['current.direct', '現年度分 普通徴収'],
      ['arrears.all', '滞納繰越分'],
      ['total', '合計'],
    ] as const
  ).flatMap(([row, label]) =>
    (
      [
        ['charged', '調定額'],
        ['collected', '収入済額'],
        ['writtenOff', '不納欠損額'],
        ['outstanding', '収入未済額'],
        ['refundOutstanding', '還付未済額'],
        ['rate', '収納率（0.01%）'],
      ] as const
    ).map(([measure, column]) => ({ id: `collection.${row}.${measure}`, row: label, column, measure: 'yen' as const })),
  )

/** The 所得段階 rows of the 年報 (the ward's stages; the count of stages follows the premium table of the year). */
export const ANNUAL_STAGE_ROWS = 13

export const ANNUAL_REPORT_RULES: readonly Versioned<AnnualReportRules>[] = [
  {
    from: '2000-04-01',
    source: 'docs/sources/migration.md §3.2 (年報: 所得段階別 第1号被保険者数, 保険料収納状況)',
    unverified: true,
    value: {
      baseDate: 'fiscalYearEnd',
      cutoffDaysAfterYearEnd: 61,
      tables: [
        {
          id: 'stages',
          title: '年報 様式1 所得段階別 第1号被保険者数',
          basis: 'premiums',
          source: 'docs/sources/migration.md §3.2 (年報)',
          cells: [
            ...Array.from({ length: ANNUAL_STAGE_ROWS }, (_, i) => ({
              id: `stages.${i + 1}`,
              row: `第${i + 1}段階`,
              column: '第1号被保険者数',
              measure: 'persons' as const,
            })),
            { id: 'stages.total', row: '計', column: '第1号被保険者数', measure: 'persons' },
          ],
        },
        {
          id: 'collection',
          title: '年報 保険料収納状況',
          basis: 'collection',
          source: 'docs/sources/migration.md §3.2 (年報; 大口町 成果報告 columns); docs/collection.md §5',
          cells: collectionCells(),
        },
      ],
    },
  },
]

/**
 * ⚠️ Ward parameter: aggregates with fewer persons than this are suppressed (shown 「*」) in anything exported
 * (小さいセルの秘匿; docs/controls.md C-21). 10 is a common choice of statistics offices; the ward sets its own.
 */
export const SMALL_CELL_THRESHOLD: readonly Versioned<number>[] = [
  { from: '2000-04-01', source: '⚠️ ward parameter (docs/statistics.md §5)', unverified: true, value: 10 },
]
