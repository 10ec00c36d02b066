/**
 * The figures of a 突合 (docs/sources/migration.md §2.4) over rows of the 基本データリスト's groups — the staged rows of
 * an extract, the typed rows of a trial store (read back as values) or the production database read as the list:
 * persons, rows per group, rows per status (被保険者区分 × 喪失の有無, 要介護状態区分), 第1号被保険者 and 認定者 in force
 * on a day, 賦課 年額 per fiscal year and 収納額 per fiscal year and per 期別, to the yen. Pure: the same function
 * computes the legacy side, the staged side and the loaded side, and the export's control totals.
 */
import { controlTotalKeys } from '../../../../../shared/migration/manifest'

export interface FigureRow {
  groupId: string
  line: number
  values: Record<string, string>
}

export const isMoneyKey = (key: string) => key.startsWith('assessment.amount.') || key.startsWith('payment.amount.')

/** The Japanese name of a figure (the report line and the difference's item). */
export function figureLabel(key: string, groupNames: ReadonlyMap<string, string>): string {
  if (key === controlTotalKeys.persons) return '宛名 人数'
  if (key.startsWith('rows.')) return `${groupNames.get(key.slice(5)) ?? key.slice(5)} 件数`
  if (key.startsWith('matched.')) return `${groupNames.get(key.slice(8)) ?? key.slice(8)} 移行元と項目まで一致する件数`
  const [what, day] = key.split('@')
  if (what === 'insured.category1') return `第1号被保険者数（${day} 現在）`
  if (what === 'certified') return `認定者数（${day} 現在）`
  const status = /^insured\.category([12])\.(current|lost)$/.exec(key)
  if (status) return `被保険者 第${status[1]}号 ${status[2] === 'lost' ? '喪失済' : '資格あり'} 件数`
  if (key.startsWith('certification.level.')) return `要介護認定 区分 ${key.slice(20)} 件数`
  if (key.startsWith('assessment.amount.')) return `賦課 年額保険料の合計（${key.slice(18)}年度）`
  const installment = /^payment\.amount\.(\d+)\.(\d+)$/.exec(key)
  if (installment) return `収納額の合計（${installment[1]}年度 第${installment[2]}期）`
  if (key.startsWith('payment.amount.')) return `収納額の合計（${key.slice(15)}年度）`
  return key
}

const inForce = (v: Record<string, string>, day: string) =>
  (v.validFrom ?? '') <= day && (!v.validTo || v.validTo >= day)
const distinctPersons = (rows: readonly FigureRow[]) => new Set(rows.map((r) => r.values.personId)).size

/** One figure over a set of rows (null when the key names no figure this reconciliation knows). */
export function figureOf(key: string, rows: readonly FigureRow[]): number | null {
  const of = (group: string) => rows.filter((r) => r.groupId === group)
  if (key === controlTotalKeys.persons) return distinctPersons(of('person'))
  if (key.startsWith('rows.')) return of(key.slice(5)).length
  const [what, day] = key.split('@')
  if (what === 'insured.category1' && day)
    return distinctPersons(of('insured').filter((r) => r.values.insuredCategory === '1' && inForce(r.values, day)))
  if (what === 'certified' && day) return distinctPersons(of('certification').filter((r) => inForce(r.values, day)))
  const status = /^insured\.category([12])\.(current|lost)$/.exec(key)
  if (status)
    return of('insured').filter(
      (r) => r.values.insuredCategory === status[1] && (status[2] === 'lost') === Boolean(r.values.lostOn),
    ).length
  if (key.startsWith('certification.level.'))
    return of('certification').filter((r) => r.values.careLevel === key.slice(20)).length
  const sum = (group: string, item: string, keep: (v: Record<string, string>) => boolean) =>
    of(group)
      .filter((r) => keep(r.values))
      .reduce((n, r) => n + Number(r.values[item] ?? 0), 0)
  if (key.startsWith('assessment.amount.'))
    return sum('assessment', 'annualAmount', (v) => v.fiscalYear === key.slice(18))
  const installment = /^payment\.amount\.(\d+)\.(\d+)$/.exec(key)
  if (installment)
    return sum('payment', 'amount', (v) => v.fiscalYear === installment[1] && v.installment === installment[2])
  if (key.startsWith('payment.amount.')) return sum('payment', 'amount', (v) => v.fiscalYear === key.slice(15))
  return null
}

/**
 * The figures a set of rows calls for: persons, every group's row count, the status counts, 第1号被保険者 and 認定者
 * on each day given, 賦課 and 収納 per fiscal year, 収納 per fiscal year and 期別.
 */
export function figureKeysOf(groups: readonly string[], rows: readonly FigureRow[], days: readonly string[]): string[] {
  const keys = new Set<string>([controlTotalKeys.persons])
  for (const g of groups) keys.add(controlTotalKeys.rows(g))
  for (const day of days) {
    keys.add(controlTotalKeys.category1On(day))
    keys.add(controlTotalKeys.certifiedOn(day))
  }
  for (const c of ['1', '2'])
    for (const s of ['current', 'lost'] as const) keys.add(controlTotalKeys.insuredByStatus(c, s))
  const years = new Set<string>()
  const installments = new Set<string>()
  const levels = new Set<string>()
  for (const r of rows) {
    if (r.values.fiscalYear) years.add(r.values.fiscalYear)
    if (r.groupId === 'payment' && r.values.fiscalYear && r.values.installment)
      installments.add(controlTotalKeys.paidInstallment(r.values.fiscalYear, r.values.installment))
    if (r.groupId === 'certification' && r.values.careLevel) levels.add(r.values.careLevel)
  }
  for (const level of [...levels].sort()) keys.add(controlTotalKeys.certifiedByLevel(level))
  for (const fy of [...years].sort()) {
    keys.add(controlTotalKeys.assessed(fy))
    keys.add(controlTotalKeys.paid(fy))
  }
  const byInstallment = (k: string) => k.split('.').slice(2).map(Number)
  for (const k of [...installments].sort((a, b) => {
    const [fa, ia] = byInstallment(a)
    const [fb, ib] = byInstallment(b)
    return fa! - fb! || ia! - ib!
  }))
    keys.add(k)
  return [...keys]
}
