/**
 * The 年報 of the 介護保険事業状況報告 (docs/statistics.md §4, docs/sources/migration.md §3.2): 所得段階別 第1号被保険者数
 * from the 賦課 as known at the cut-off, and the 保険料収納状況 from the collection ledger as known then — both
 * reproducible (a correction recorded after the cut-off does not change the figures of that cut-off) and every cell
 * keeps the persons behind it for the drill-down.
 */
import { sql } from 'drizzle-orm'
import type { AnnualReport } from '../../../../shared/api/statistics'
import type { IsoDate } from '../../../../shared/domain/dates'
import { ANNUAL_REPORT_RULES } from '../../../../shared/domain/parameters/statistics'
import { annualBaseDate, annualRulesFor, type CellValue } from '../../../../shared/domain/statistics'
import { endOfDayJst, statusOn } from '../../../../shared/eligibility/history'
import { versionAt } from '../../../../shared/domain/versioned'
import type { Db, Tx } from '../../core/db/connect'
import { collectionFigures, collectionFiguresByPerson, type CollectionFiguresRow } from '../collection'
import { historyAsKnown } from './monthly-report'
import { versionSummaries } from './versions'

type Members = Map<string, { personId: number; detail: string }[]>

export interface ComputedAnnual {
  report: Omit<AnnualReport, 'versions'>
  cells: Record<string, CellValue>
  members: Members
}

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows

/** The 年報 rows of the collection table and the ledger figures each sums (徴収方法 null: both). */
const collectionRows = {
  'current.withholding': { part: 'current', method: 'withholding' },
  'current.direct': { part: 'current', method: 'direct' },
  'arrears.all': { part: 'arrears', method: null },
  total: null,
} as const
type CollectionRowId = keyof typeof collectionRows

type Figures = Pick<CollectionFiguresRow, 'charged' | 'collected' | 'writtenOff' | 'outstanding' | 'refundOutstanding'>
const zero: Figures = { charged: 0, collected: 0, writtenOff: 0, outstanding: 0, refundOutstanding: 0 }
const plus = (a: Figures, b: Figures): Figures => ({
  charged: a.charged + b.charged,
  collected: a.collected + b.collected,
  writtenOff: a.writtenOff + b.writtenOff,
  outstanding: a.outstanding + b.outstanding,
  refundOutstanding: a.refundOutstanding + b.refundOutstanding,
})
/** 収納率 in hundredths of a percent, truncated (as the collection area's 収納状況). */
const rateOf = (f: Figures) => (f.charged === 0 ? null : Math.floor((f.collected * 10_000) / f.charged))

function figuresFor(rows: readonly CollectionFiguresRow[], id: CollectionRowId): Figures {
  const of = collectionRows[id]
  return rows
    .filter((r) => of === null || (r.part === of.part && (of.method === null || r.method === of.method)))
    .reduce(plus, zero)
}

export async function computeAnnual(db: Db | Tx, fiscalYear: number, cutoffOn: IsoDate): Promise<ComputedAnnual> {
  const rules = annualRulesFor(fiscalYear)
  const baseDate = annualBaseDate(fiscalYear)
  const lastMonth = baseDate.slice(0, 7)
  const cutoff = new Date(endOfDayJst(cutoffOn))
  const cells: Record<string, CellValue> = {}
  const members: Members = new Map()
  const add = (cell: string, personId: number, detail: string) => {
    const list = members.get(cell) ?? []
    list.push({ personId, detail })
    members.set(cell, list)
  }
  for (const t of rules.tables) for (const c of t.cells) cells[c.id] = 0

  // 所得段階別 第1号被保険者数: the latest 賦課 version of the year recorded by the cut-off, counted in the stage of its
  // interval that covers the fiscal year's last month (a person whose liability ended earlier is not counted).
  const assessments = rowsOf<{
    person_id: number
    version: number
    stage_1: number | null
    stage_1_to: string | null
    stage_2: number | null
    stage_2_to: string | null
  }>(
    await db.execute(sql`
      select distinct on (person_id) person_id, version, stage_1, stage_1_to, stage_2, stage_2_to
      from premium_assessments
      where fiscal_year = ${fiscalYear} and assessed_at < ${cutoff.toISOString()}::timestamptz
      order by person_id, version desc`),
  )
  const stageCells = new Set(
    rules.tables.flatMap((t) => t.cells.map((c) => c.id)).filter((id) => id.startsWith('stages.')),
  )
  const outsideRows: number[] = []
  for (const a of assessments) {
    const stage =
      a.stage_2 !== null && (a.stage_2_to ?? '') >= lastMonth
        ? a.stage_2
        : a.stage_1 !== null && (a.stage_1_to ?? '') >= lastMonth
          ? a.stage_1
          : null
    if (stage === null) continue
    if (!stageCells.has(`stages.${stage}`)) {
      outsideRows.push(a.person_id)
      continue
    }
    add(`stages.${stage}`, a.person_id, `第${stage}段階（賦課 第${a.version}版）`)
    add('stages.total', a.person_id, `第${stage}段階`)
  }
  const history = await historyAsKnown(db, cutoffOn)
  let insuredAtYearEnd = 0
  for (const events of history.values()) {
    const s = statusOn(events, baseDate)
    if (s.insured && s.category === 1) insuredAtYearEnd += 1
  }

  // 保険料収納状況: the ledger entries up to the 基準日, recorded by the cut-off.
  const ledger = await collectionFigures(db, fiscalYear, baseDate, cutoff)
  const measures = ['charged', 'collected', 'writtenOff', 'outstanding', 'refundOutstanding'] as const
  for (const id of Object.keys(collectionRows) as CollectionRowId[]) {
    const f = figuresFor(ledger, id)
    for (const m of measures) cells[`collection.${id}.${m}`] = f[m]
    cells[`collection.${id}.rate`] = rateOf(f)
  }
  for (const [id, list] of members) if (id in cells && id.startsWith('stages.')) cells[id] = list.length

  const ledgerKnown = ledger.some((r) => r.charged !== 0 || r.balance !== 0 || r.paid !== 0)
  const tables = rules.tables.map((t) => {
    const notImported =
      (t.basis === 'premiums' && assessments.length === 0) || (t.basis === 'collection' && !ledgerKnown)
    const note =
      t.basis === 'premiums'
        ? `${fiscalYear}年度の賦課（締日 ${cutoffOn} までに記録された最新の版）のうち ${lastMonth} に賦課のある第1号被保険者`
        : `基準日 ${baseDate} までの収納（締日 ${cutoffOn} までに記録されたもの）。出納整理期間（4〜5月）の収入は旧年度に振り替えていません`
    return {
      id: t.id,
      title: t.title,
      status: notImported ? ('notImported' as const) : ('computed' as const),
      note,
      cells: t.cells.map((c) => {
        if (notImported) cells[c.id] = null
        return { id: c.id, row: c.row, column: c.column, value: notImported ? null : (cells[c.id] ?? null) }
      }),
    }
  })

  const checks: AnnualReport['checks'] = [
    {
      id: 'stagesCoverInsured',
      label: '所得段階別 計 = 年度末 第1号被保険者数',
      ok: (cells['stages.total'] ?? 0) === insuredAtYearEnd,
      blocking: false,
      detail: `所得段階別 計 ${cells['stages.total'] ?? 0} ／ ${baseDate} 現在 第1号被保険者 ${insuredAtYearEnd}（差 ${(cells['stages.total'] ?? 0) - insuredAtYearEnd}）`,
    },
    {
      id: 'stageRows',
      label: '賦課の段階が年報の行にある',
      ok: outsideRows.length === 0,
      blocking: true,
      detail:
        outsideRows.length === 0
          ? `すべて第1〜第${stageCells.size - 1}段階`
          : `年報の行にない段階の人 ${outsideRows.length} 人（段階表と年報の様式を確認してください）`,
    },
    ...(Object.keys(collectionRows) as CollectionRowId[]).map((id) => {
      const f = figuresFor(ledger, id)
      const unpaid = f.charged - f.collected - f.writtenOff
      return {
        id: `collectionBalance.${id}`,
        label: `収納状況 ${t(id)}: 調定額 − 収入済額 − 不納欠損額 = 収入未済額 − 還付未済額`,
        ok: unpaid === f.outstanding - f.refundOutstanding,
        blocking: true,
        detail: `${f.charged} − ${f.collected} − ${f.writtenOff} = ${unpaid} ／ ${f.outstanding} − ${f.refundOutstanding} = ${f.outstanding - f.refundOutstanding}`,
      }
    }),
  ]
  const version = versionAt(ANNUAL_REPORT_RULES, baseDate, 'ANNUAL_REPORT_RULES')
  return {
    report: { fiscalYear, baseDate, cutoffOn, tables, checks, source: version.source },
    cells,
    members,
  }
}

const rowLabels: Record<CollectionRowId, string> = {
  'current.withholding': '現年度分 特別徴収',
  'current.direct': '現年度分 普通徴収',
  'arrears.all': '滞納繰越分',
  total: '合計',
}
const t = (id: CollectionRowId) => rowLabels[id]

/** The 年報 with the versions submitted so far. */
export async function annualReport(db: Db | Tx, fiscalYear: number, cutoffOn: IsoDate) {
  const computed = await computeAnnual(db, fiscalYear, cutoffOn)
  const report: AnnualReport = {
    ...computed.report,
    versions: await versionSummaries(db, 'annual', String(fiscalYear)),
  }
  return { report, computed }
}

/**
 * The persons behind a 年報 cell: a stage cell lists its persons; a collection cell lists the persons whose ledger
 * figure of that measure is not zero, with the figure.
 */
export async function annualMembers(
  db: Db | Tx,
  computed: ComputedAnnual,
  fiscalYear: number,
  cutoffOn: IsoDate,
  cellId: string,
): Promise<{ personId: number; detail: string }[]> {
  if (cellId.startsWith('stages.')) return computed.members.get(cellId) ?? []
  const match = /^collection\.(.+)\.(charged|collected|writtenOff|outstanding|refundOutstanding|rate)$/.exec(cellId)
  if (!match || !(match[1]! in collectionRows)) return []
  const rowId = match[1] as CollectionRowId
  const measure = match[2] === 'rate' ? 'charged' : (match[2] as keyof Figures)
  const of = collectionRows[rowId]
  const parts = of === null ? (['current', 'arrears'] as const) : ([of.part] as const)
  const baseDate = annualBaseDate(fiscalYear)
  const cutoff = new Date(endOfDayJst(cutoffOn))
  const byPerson = new Map<number, number>()
  for (const part of parts)
    for (const r of await collectionFiguresByPerson(db, fiscalYear, baseDate, cutoff, {
      part,
      method: of === null ? null : of.method,
    }))
      byPerson.set(r.personId, (byPerson.get(r.personId) ?? 0) + r[measure])
  return [...byPerson]
    .filter(([, v]) => v !== 0)
    .map(([personId, v]) => ({ personId, detail: `${v.toLocaleString('ja-JP')}円` }))
}
