/**
 * サービス種類 and サービスコード.
 *
 * - サービス種類: a real subset of the 2-character サービス種類コード, each with the 人件費割合 that decides its unit
 *   price (docs/sources/domain.md §5.2 [S3], 告示第93号). No machine-readable source of the code table is available (no npm
 *   package; the 介護給付費単位数等サービスコード表 is an Excel file of the ministry), so the codes are typed from the
 *   national code list and flagged ⚠️ unverified until diffed against the current 国保中央会 code table.
 * - サービスコード: **sample data**. The 6-character codes, names and units below are generated placeholders that
 *   only have the right shape (2-character type + 4-digit item); every row says `sample: true` and the dataset is
 *   flagged as sample in the manifest and the UI.
 */
import { UNIT_PRICE_RATIOS } from '../../../../../shared/domain'
import type { MasterRowDraft } from '../../../../../shared/masters/rows'

type Group = '居宅' | '施設' | '地域密着型' | '介護予防' | '地域密着型介護予防'
type Ratio = 70 | 55 | 45 | 0

interface ServiceType {
  readonly code: string
  readonly name: string
  readonly group: Group
  readonly personnelRatio: Ratio
  /** Last day of service (abolished types). */
  readonly until?: string
}

export const SERVICE_TYPES_SOURCE =
  'サービス種類コード（国保中央会 介護保険インタフェース仕様書 コード表）⚠️ 未照合; 人件費割合: domain.md §5.2 [S3], 告示第93号'

export const SERVICE_TYPES: readonly ServiceType[] = [
  { code: '11', name: '訪問介護', group: '居宅', personnelRatio: 70 },
  { code: '12', name: '訪問入浴介護', group: '居宅', personnelRatio: 70 },
  { code: '13', name: '訪問看護', group: '居宅', personnelRatio: 70 },
  { code: '14', name: '訪問リハビリテーション', group: '居宅', personnelRatio: 55 },
  { code: '15', name: '通所介護', group: '居宅', personnelRatio: 45 },
  { code: '16', name: '通所リハビリテーション', group: '居宅', personnelRatio: 55 },
  { code: '17', name: '福祉用具貸与', group: '居宅', personnelRatio: 0 },
  { code: '21', name: '短期入所生活介護', group: '居宅', personnelRatio: 55 },
  { code: '22', name: '短期入所療養介護（介護老人保健施設）', group: '居宅', personnelRatio: 45 },
  { code: '23', name: '短期入所療養介護（病院等）', group: '居宅', personnelRatio: 45 },
  { code: '2A', name: '短期入所療養介護（介護医療院）', group: '居宅', personnelRatio: 45 },
  { code: '31', name: '居宅療養管理指導', group: '居宅', personnelRatio: 0 },
  { code: '32', name: '認知症対応型共同生活介護', group: '地域密着型', personnelRatio: 45 },
  { code: '33', name: '特定施設入居者生活介護', group: '居宅', personnelRatio: 45 },
  { code: '43', name: '居宅介護支援', group: '居宅', personnelRatio: 70 },
  { code: '51', name: '介護福祉施設サービス', group: '施設', personnelRatio: 45 },
  { code: '52', name: '介護保健施設サービス', group: '施設', personnelRatio: 45 },
  { code: '53', name: '介護療養施設サービス', group: '施設', personnelRatio: 45, until: '2024-03-31' },
  { code: '55', name: '介護医療院サービス', group: '施設', personnelRatio: 45 },
  { code: '36', name: '地域密着型特定施設入居者生活介護', group: '地域密着型', personnelRatio: 45 },
  { code: '54', name: '地域密着型介護老人福祉施設入所者生活介護', group: '地域密着型', personnelRatio: 45 },
  { code: '71', name: '夜間対応型訪問介護', group: '地域密着型', personnelRatio: 70 },
  { code: '72', name: '認知症対応型通所介護', group: '地域密着型', personnelRatio: 55 },
  { code: '73', name: '小規模多機能型居宅介護', group: '地域密着型', personnelRatio: 55 },
  { code: '76', name: '定期巡回・随時対応型訪問介護看護', group: '地域密着型', personnelRatio: 70 },
  { code: '77', name: '複合型サービス（看護小規模多機能型居宅介護）', group: '地域密着型', personnelRatio: 55 },
  { code: '78', name: '地域密着型通所介護', group: '地域密着型', personnelRatio: 45 },
  { code: '62', name: '介護予防訪問入浴介護', group: '介護予防', personnelRatio: 70 },
  { code: '63', name: '介護予防訪問看護', group: '介護予防', personnelRatio: 70 },
  { code: '64', name: '介護予防訪問リハビリテーション', group: '介護予防', personnelRatio: 55 },
  { code: '66', name: '介護予防通所リハビリテーション', group: '介護予防', personnelRatio: 55 },
  { code: '67', name: '介護予防福祉用具貸与', group: '介護予防', personnelRatio: 0 },
  { code: '24', name: '介護予防短期入所生活介護', group: '介護予防', personnelRatio: 55 },
  { code: '25', name: '介護予防短期入所療養介護（介護老人保健施設）', group: '介護予防', personnelRatio: 45 },
  { code: '34', name: '介護予防居宅療養管理指導', group: '介護予防', personnelRatio: 0 },
  { code: '35', name: '介護予防特定施設入居者生活介護', group: '介護予防', personnelRatio: 45 },
  { code: '46', name: '介護予防支援', group: '介護予防', personnelRatio: 70 },
  { code: '37', name: '介護予防認知症対応型共同生活介護', group: '地域密着型介護予防', personnelRatio: 45 },
  { code: '74', name: '介護予防認知症対応型通所介護', group: '地域密着型介護予防', personnelRatio: 55 },
  { code: '75', name: '介護予防小規模多機能型居宅介護', group: '地域密着型介護予防', personnelRatio: 55 },
]

export function serviceTypeDrafts(): MasterRowDraft[] {
  return SERVICE_TYPES.map((t) => ({
    key: t.code,
    validFrom: null,
    validTo: t.until ?? null,
    payload: {
      code: t.code,
      name: t.name,
      group: t.group,
      personnelRatio: t.personnelRatio,
      source: SERVICE_TYPES_SOURCE,
      unverified: true,
    },
  }))
}

/** Item patterns of the sample codes: name, unit kind and a base number of units (placeholders, not the 告示). */
const SAMPLE_ITEMS: Readonly<Record<'visit' | 'day' | 'month', readonly (readonly [string, number])[]>> = {
  visit: [
    ['基本（短時間）', 180],
    ['基本（中時間）', 270],
    ['基本（長時間）', 390],
    ['加算（初回）', 200],
    ['加算（緊急時）', 100],
    ['減算（同一建物）', 0],
  ],
  day: [
    ['基本（要介護1）', 570],
    ['基本（要介護2）', 640],
    ['基本（要介護3）', 710],
    ['基本（要介護4）', 780],
    ['基本（要介護5）', 850],
    ['加算（サービス提供体制）', 20],
  ],
  month: [
    ['基本（要支援・要介護1〜2）', 1_080],
    ['基本（要介護3〜5）', 1_400],
    ['加算（初回）', 300],
    ['加算（特定事業所）', 420],
  ],
}

const kindOf = (t: ServiceType): keyof typeof SAMPLE_ITEMS =>
  t.code === '43' || t.code === '46' || t.code === '17' || t.code === '67' || t.code === '73' || t.code === '75'
    ? 'month'
    : t.group === '施設' || ['21', '22', '23', '2A', '24', '25', '32', '33', '35', '36', '37', '54'].includes(t.code)
      ? 'day'
      : 'visit'

/** Sample サービスコード: a few per service type, valid from the unit-price table in force (R6 報酬改定). */
export function sampleServiceCodeDrafts(): MasterRowDraft[] {
  const from = UNIT_PRICE_RATIOS.reduce((a, b) => (b.from > a.from ? b : a)).from
  return SERVICE_TYPES.filter((t) => t.until === undefined).flatMap((t) => {
    const kind = kindOf(t)
    return SAMPLE_ITEMS[kind].map(([item, units], i) => {
      const code = `${t.code}${String(1111 + i * 10)}`
      return {
        key: code,
        validFrom: from,
        validTo: null,
        payload: {
          code,
          serviceType: t.code,
          name: `（サンプル）${t.name} ${item}`,
          units,
          per: kind === 'visit' ? ('回' as const) : kind === 'day' ? ('日' as const) : ('月' as const),
          sample: true as const,
        },
      }
    })
  })
}
