/**
 * Side-by-side comparison of two ward parameter versions: every leaf field as one row with a Japanese label and both
 * values formatted for staff, `changed` marking the differences.
 */
import { formatRateBp, WardParameters$, type WardParameters } from './ward-parameters'

export interface WardDiffRow {
  readonly path: string
  readonly label: string
  readonly before: string | null
  readonly after: string | null
  readonly changed: boolean
}

type Leaf = string | number | boolean | null

function flatten(value: unknown, path: string, out: Map<string, Leaf>): void {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)
    for (const [k, v] of entries) flatten(v, path ? `${path}.${k}` : k, out)
    return
  }
  if (value !== undefined) out.set(path, value as Leaf)
}

const yen = (v: Leaf) => (typeof v === 'number' ? `${v.toLocaleString('ja-JP')}円` : String(v))
const ROUNDING: Record<string, string> = {
  none: '1円未満切捨て',
  floor10: '10円未満切捨て',
  floor100: '100円未満切捨て',
  monthlyCeil10: '月額10円未満切上げ×12',
}
const REMAINDER: Record<string, string> = { first: '最初の期', last: '最後の期' }
const METHOD: Record<string, [string, (v: Leaf) => string]> = {
  baseUnit: ['計算基礎の切捨て単位', yen],
  minimumBase: ['延滞金を計算しない保険料額（未満）', yen],
  earlyPeriodMonths: ['低い割合を適用する期間', (v) => `${String(v)}か月`],
  daysPerYear: ['日割の分母', (v) => `${String(v)}日`],
  resultUnit: ['延滞金の切捨て単位', yen],
  minimumCharge: ['徴収しない延滞金額（未満）', yen],
  truncatePerPeriod: ['期間ごとに1円未満切捨て', (v) => (v ? 'する' : 'しない')],
}
const DIRECT_DEBIT: Record<string, string> = {
  transferDay: '振替日（dueDate = 納期限）',
  consignorCode: '委託者コード',
  consignorName: '委託者名',
  bankCode: '取引金融機関コード',
  branchCode: '取引支店コード',
  accountType: '預金種目',
  accountNumber: '口座番号',
  recordSeparator: 'レコード区切り（crlf / none）',
}
const bandLimit = (v: Leaf) => (v === null ? '上限なし' : v === 'pensionIncomeBoundary' ? '境界額L' : yen(v))
const BANDS: Record<string, string> = {
  householdExemptBands: '世帯非課税',
  householdTaxableBands: '本人非課税・世帯課税',
  selfTaxableBands: '本人課税',
}

function describe(path: string, value: Leaf, stageAt: (group: string, i: number) => number | undefined) {
  const p = path.split('.')
  const [head, a, b, c] = p
  const stageLabel = (group: string, i: string | undefined) => {
    const s = stageAt(group, Number(i))
    return s === undefined ? `区分${Number(i) + 1}` : `第${s}段階`
  }
  switch (head) {
    case 'basePremium':
      return { label: '基準額（年額）', text: yen(value) }
    case 'rounding':
      return { label: '年額の端数処理', text: ROUNDING[String(value)] ?? String(value) }
    case 'prorationRounding':
      return { label: '月割額の端数処理', text: ROUNDING[String(value)] ?? String(value) }
    case 'benefitReductionRounding':
      return { label: '給付額減額期間の端数', text: value === 'ceil' ? '1月未満切上げ' : '1月未満切捨て' }
    case 'checklistCountsDepression':
      return { label: '事業対象者の判定に⑦（うつ）を含める', text: value ? 'はい' : 'いいえ' }
    case 'forms':
      return {
        label: a === 'provisionalCardLayout' ? '資格者証の様式' : '被保険者証の様式',
        text: value === 'a4' ? 'A4' : 'カード',
      }
    case 'numbering':
      if (a === 'insurerNumber') return { label: '保険者番号', text: String(value) }
      if (a === 'insuredNumberPrefix') return { label: '被保険者番号の先頭', text: String(value) || '（なし）' }
      return { label: '被保険者番号の桁数', text: `${String(value)}桁` }
    case 'finalWithholding':
    case 'directPayment': {
      const who = head === 'finalWithholding' ? '本徴収' : '普通徴収'
      const field = head === 'finalWithholding' ? a : b
      if (head === 'directPayment' && a === 'holidayRule') {
        return {
          label: '普通徴収 納期限が休日のとき',
          text: value === 'none' ? 'そのまま' : '翌営業日（地方自治法第4条の2）',
        }
      }
      if (head === 'directPayment' && a === 'installments') {
        const n = Number(b) + 1
        if (c === 'month') return { label: `普通徴収 第${n}期の月`, text: `${String(value)}月` }
        return { label: `普通徴収 第${n}期の納期限`, text: value === 'monthEnd' ? '月末' : `${String(value)}日` }
      }
      if (field === 'unit') return { label: `${who} 期割の端数単位`, text: yen(value) }
      return { label: `${who} 端数を加える期`, text: REMAINDER[String(value)] ?? String(value) }
    }
    case 'directDebit':
      return { label: `口座振替 ${DIRECT_DEBIT[a ?? ''] ?? a ?? ''}`, text: String(value) }
    case 'lateCharge':
      if (a === 'method' && b !== undefined) {
        const [label, format] = METHOD[b] ?? [b, String]
        return { label: `延滞金 ${label}`, text: format(value) }
      }
      return {
        label:
          `延滞金の割合 ${stageAt('lateChargeYear', Number(b)) ?? ''}年 ${c === 'year' ? '（年）' : c === 'early' ? '納期限後3か月まで' : c === 'late' ? '3か月経過後' : (c ?? '')}`.trim(),
        text: c === 'year' ? `${String(value)}年` : `${String(value)}％`,
      }
    case 'stageTable':
      if (a === 'publicAssistanceStage') return { label: '生活保護受給者の段階', text: `第${String(value)}段階` }
      if (a === 'oldAgeWelfarePensionStage')
        return { label: '老齢福祉年金受給者の段階', text: `第${String(value)}段階` }
      if (a === 'rates') {
        const label = `${stageLabel('rates', b)} ${c === 'rateBp' ? '料率' : c === 'reducedRateBp' ? '軽減後料率' : '（段階）'}`
        return { label, text: c === 'stage' ? `第${String(value)}段階` : formatRateBp(Number(value)) }
      }
      if (a !== undefined && BANDS[a]) {
        const where = `${BANDS[a]} ${stageLabel(a, b)}`
        if (c === 'stage') return { label: `${where}（段階）`, text: `第${String(value)}段階` }
        const kind = a === 'selfTaxableBands' ? '合計所得金額の上限（未満）' : '年金収入等の上限（以下）'
        return { label: `${where} ${kind}`, text: bandLimit(value) }
      }
      return { label: path, text: String(value) }
    default:
      return { label: path, text: String(value) }
  }
}

/**
 * Every field of `after` (and the fields only `before` has) with both values; `before` null compares against
 * nothing (a first version).
 */
export function diffWardParameters(before: WardParameters | null, after: WardParameters): WardDiffRow[] {
  const b = new Map<string, Leaf>()
  const a = new Map<string, Leaf>()
  // Parsed again so both sides list their fields in the schema's order, whatever order storage (jsonb) gave them.
  if (before) flatten(WardParameters$.parse(before), '', b)
  flatten(WardParameters$.parse(after), '', a)
  const stageAt = (group: string, i: number) => {
    for (const side of [after, before]) {
      if (!side) continue
      if (group === 'lateChargeYear') {
        const year = side.lateCharge.rates[i]?.year
        if (year !== undefined) return year
        continue
      }
      const list =
        group === 'rates'
          ? side.stageTable.rates
          : side.stageTable[group as 'householdExemptBands' | 'selfTaxableBands']
      const s = list?.[i]?.stage
      if (s !== undefined) return s
    }
    return undefined
  }
  const paths = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))]
  return paths.map((path) => {
    const hasBefore = b.has(path)
    const hasAfter = a.has(path)
    const beforeValue = b.get(path) ?? null
    const afterValue = a.get(path) ?? null
    const described = describe(path, hasAfter ? afterValue : beforeValue, stageAt)
    const format = (v: Leaf) => describe(path, v, stageAt).text
    return {
      path,
      label: described.label,
      before: hasBefore ? format(beforeValue) : null,
      after: hasAfter ? format(afterValue) : null,
      changed: !hasBefore || !hasAfter || beforeValue !== afterValue,
    }
  })
}
