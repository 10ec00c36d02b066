/**
 * 収納状況 of a fiscal year (docs/collection.md §5), straight from the ledger (one grouped query), by 現年度分 /
 * 滞納繰越分 and 特別徴収 / 普通徴収:
 *   現年度分 — the installments of the year: every entry up to the 基準日;
 *   滞納繰越分 — the installments of earlier years: 調定 = their 残高 carried into the year (entries before 4月1日,
 *     signed) plus the year's charge adjustments; 収納, 還付, 充当, 不納欠損 = the year's entries up to the 基準日.
 * 収納額 = 収納 − 還付 + 充当 = 調定 − 不納欠損 − 残高; 収納率 = 収納額 ÷ 調定額 (hundredths of a percent, truncated).
 * Every figure reconciles to the ledger to the yen: 調定 − 収納 + 還付 − 充当 − 不納欠損 = 残高 per row.
 */
import { sql } from 'drizzle-orm'
import type { CollectionStatus } from '../../../../../shared/api/collection'
import { fiscalYearStart, type IsoDate } from '../../../../../shared/domain/dates'
import type { LedgerDb } from '../ledger'

type Row = CollectionStatus['rows'][number]

const rate = (collected: number, charged: number) => (charged === 0 ? null : Math.floor((collected * 10_000) / charged))

export async function collectionStatus(db: LedgerDb, fiscalYear: number, asOf: IsoDate): Promise<CollectionStatus> {
  const start = fiscalYearStart(fiscalYear)
  const result = (await db.execute(sql`
    select case when e.fiscal_year = ${fiscalYear} then 'current' else 'arrears' end as part, e.method,
      coalesce(sum(e.amount) filter (where e.fiscal_year = ${fiscalYear} and e.kind = 'charge'), 0)
        + coalesce(sum(e.amount) filter (where e.fiscal_year < ${fiscalYear} and e.occurred_on < ${start}::date
            and e.kind in ('charge','payment','refund','offset','offsetIn','writeOff')), 0)
        + coalesce(sum(e.amount) filter (where e.fiscal_year < ${fiscalYear} and e.occurred_on >= ${start}::date
            and e.kind = 'charge'), 0) as charged,
      coalesce(-sum(e.amount) filter (where (e.fiscal_year = ${fiscalYear} or e.occurred_on >= ${start}::date)
        and e.kind = 'payment'), 0) as paid,
      coalesce(sum(e.amount) filter (where (e.fiscal_year = ${fiscalYear} or e.occurred_on >= ${start}::date)
        and e.kind = 'refund'), 0) as refunded,
      coalesce(-sum(e.amount) filter (where (e.fiscal_year = ${fiscalYear} or e.occurred_on >= ${start}::date)
        and e.kind in ('offset','offsetIn')), 0) as offset,
      coalesce(-sum(e.amount) filter (where (e.fiscal_year = ${fiscalYear} or e.occurred_on >= ${start}::date)
        and e.kind = 'writeOff'), 0) as written_off,
      coalesce(sum(e.amount) filter (where e.kind in ('charge','payment','refund','offset','offsetIn','writeOff')), 0)
        as balance
    from collection_entries e
    where e.fiscal_year <= ${fiscalYear} and e.occurred_on <= ${asOf}::date
    group by 1, 2
  `)) as unknown as { rows: Record<string, unknown>[] }
  const found = new Map(result.rows.map((r) => [`${String(r.part)}:${String(r.method)}`, r]))
  const rows: Row[] = []
  for (const part of ['current', 'arrears'] as const)
    for (const method of ['withholding', 'direct'] as const) {
      const r = found.get(`${part}:${method}`)
      const n = (k: string) => Number(r?.[k] ?? 0)
      const charged = n('charged')
      const collected = n('paid') - n('refunded') + n('offset')
      rows.push({
        part,
        method,
        charged,
        paid: n('paid'),
        refunded: n('refunded'),
        offset: n('offset'),
        writtenOff: n('written_off'),
        balance: n('balance'),
        collected,
        rateBasisPoints: rate(collected, charged),
      })
    }
  const sum = (k: keyof Omit<Row, 'part' | 'method' | 'rateBasisPoints'>) => rows.reduce((s, r) => s + r[k], 0)
  const total = {
    charged: sum('charged'),
    paid: sum('paid'),
    refunded: sum('refunded'),
    offset: sum('offset'),
    writtenOff: sum('writtenOff'),
    balance: sum('balance'),
    collected: sum('collected'),
    rateBasisPoints: rate(sum('collected'), sum('charged')),
  }
  return { fiscalYear, asOf, rows, total }
}

const partLabel = { current: '現年度分', arrears: '滞納繰越分' } as const
const methodLabel = { withholding: '特別徴収', direct: '普通徴収' } as const
const percent = (bp: number | null) =>
  bp === null ? '—' : `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`
const yen = (n: number) => n.toLocaleString('ja-JP')

const header = ['区分', '徴収方法', '調定額', '収納', '還付', '充当', '不納欠損', '収納額', '未納額（残高）', '収納率']

function lines(status: CollectionStatus): string[][] {
  const out = status.rows.map((r) => [
    partLabel[r.part],
    methodLabel[r.method],
    String(r.charged),
    String(r.paid),
    String(r.refunded),
    String(r.offset),
    String(r.writtenOff),
    String(r.collected),
    String(r.balance),
    percent(r.rateBasisPoints),
  ])
  const t = status.total
  out.push([
    '合計',
    '',
    ...[t.charged, t.paid, t.refunded, t.offset, t.writtenOff, t.collected, t.balance].map(String),
    percent(t.rateBasisPoints),
  ])
  return out
}

/** CSV (UTF-8 with BOM, CRLF), figures in plain integer yen. */
export function collectionStatusCsv(status: CollectionStatus): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return `\ufeff${[[`${status.fiscalYear}年度 収納状況（基準日 ${status.asOf}）`], header, ...lines(status)]
    .map((l) => l.map(quote).join(','))
    .join('\r\n')}\r\n`
}

/** The rows of the PDF (forms' renderFormPdf): one line per 区分 × 徴収方法. */
export function collectionStatusPage(status: CollectionStatus) {
  return {
    title: `${status.fiscalYear}年度 介護保険料 収納状況`,
    rows: lines(status).map(
      (l) =>
        [
          `${l[0]} ${l[1]}`.trim(),
          `調定 ${yen(Number(l[2]))} 収納額 ${yen(Number(l[7]))} 還付 ${yen(Number(l[4]))} 不納欠損 ${yen(Number(l[6]))} 未納 ${yen(Number(l[8]))} 収納率 ${l[9]}`,
        ] as const,
    ),
    notes: [
      `基準日 ${status.asOf}。金額は円。収納額 = 収納 − 還付 + 充当 = 調定額 − 不納欠損 − 未納額。`,
      '滞納繰越分の調定額は前年度末までの未納額（過誤納を差し引いた額）に当年度の更正を加えたもの。',
    ],
  }
}
