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

/** One row of the year's figures with the balance split into 収入未済額 (unpaid) and 還付未済額 (overpaid, not yet refunded). */
export type CollectionFiguresRow = Row & { outstanding: number; refundOutstanding: number }

/**
 * The figures of `collectionStatus`, per 区分 × 徴収方法, from the entries recorded before `recordedBefore` (the ledger
 * as known then; every entry when null), with 残高 split per installment: 収入未済額 = Σ positive balances,
 * 還付未済額 = Σ negative balances (as a positive figure), so 収入未済額 − 還付未済額 = 残高.
 */
export async function collectionFigures(
  db: LedgerDb,
  fiscalYear: number,
  asOf: IsoDate,
  recordedBefore: Date | null,
): Promise<CollectionFiguresRow[]> {
  const found = new Map(
    (await figureQuery(db, fiscalYear, asOf, recordedBefore, null)).map((r) => [`${r.part}:${r.method}`, figuresOf(r)]),
  )
  const rows: CollectionFiguresRow[] = []
  for (const part of ['current', 'arrears'] as const)
    for (const method of ['withholding', 'direct'] as const)
      rows.push(found.get(`${part}:${method}`) ?? figuresOf({ part, method }))
  return rows
}

/** The same figures per person, for the persons of one 区分 (and 徴収方法, or both when null): a drill-down. */
export async function collectionFiguresByPerson(
  db: LedgerDb,
  fiscalYear: number,
  asOf: IsoDate,
  recordedBefore: Date | null,
  of: { part: Row['part']; method: Row['method'] | null },
): Promise<(CollectionFiguresRow & { personId: number })[]> {
  return (await figureQuery(db, fiscalYear, asOf, recordedBefore, of)).map((r) => ({
    ...figuresOf(r),
    personId: Number(r.person_id),
  }))
}

function figuresOf(r: Record<string, unknown>): CollectionFiguresRow {
  const n = (k: string) => Number(r[k] ?? 0)
  const charged = n('charged')
  const collected = n('paid') - n('refunded') + n('offset_amount')
  return {
    part: r.part as Row['part'],
    method: r.method as Row['method'],
    charged,
    paid: n('paid'),
    refunded: n('refunded'),
    offset: n('offset_amount'),
    writtenOff: n('written_off'),
    balance: n('balance'),
    collected,
    rateBasisPoints: rate(collected, charged),
    outstanding: n('outstanding'),
    refundOutstanding: n('refund_outstanding'),
  }
}

async function figureQuery(
  db: LedgerDb,
  fiscalYear: number,
  asOf: IsoDate,
  recordedBefore: Date | null,
  perPersonOf: { part: Row['part']; method: Row['method'] | null } | null,
) {
  const start = fiscalYearStart(fiscalYear)
  const known = recordedBefore === null ? sql`true` : sql`e.recorded_at < ${recordedBefore.toISOString()}::timestamptz`
  const part = sql`case when e.fiscal_year = ${fiscalYear} then 'current' else 'arrears' end`
  const only =
    perPersonOf === null
      ? sql`true`
      : sql`${part} = ${perPersonOf.part} and ${perPersonOf.method === null ? sql`true` : sql`e.method = ${perPersonOf.method}`}`
  const person = perPersonOf === null ? sql`` : sql`, person_id`
  const result = (await db.execute(sql`
    with per_installment as (
      select ${part} as part, e.method, e.person_id,
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
          and e.kind in ('offset','offsetIn')), 0) as offset_amount,
        coalesce(-sum(e.amount) filter (where (e.fiscal_year = ${fiscalYear} or e.occurred_on >= ${start}::date)
          and e.kind = 'writeOff'), 0) as written_off,
        coalesce(sum(e.amount) filter (where e.kind in ('charge','payment','refund','offset','offsetIn','writeOff')), 0)
          as balance
      from collection_entries e
      where e.fiscal_year <= ${fiscalYear} and e.occurred_on <= ${asOf}::date and ${known} and ${only}
      group by 1, 2, e.person_id, e.fiscal_year, e.installment_seq
    )
    select part, method${person}, sum(charged) as charged, sum(paid) as paid, sum(refunded) as refunded,
      sum(offset_amount) as offset_amount, sum(written_off) as written_off, sum(balance) as balance,
      coalesce(sum(balance) filter (where balance > 0), 0) as outstanding,
      coalesce(-sum(balance) filter (where balance < 0), 0) as refund_outstanding
    from per_installment
    group by part, method${person}
    order by part, method${person}
  `)) as unknown as { rows: Record<string, unknown>[] }
  return result.rows
}

export async function collectionStatus(db: LedgerDb, fiscalYear: number, asOf: IsoDate): Promise<CollectionStatus> {
  const rows: Row[] = (await collectionFigures(db, fiscalYear, asOf, null)).map(
    ({ outstanding: _o, refundOutstanding: _r, ...row }) => row,
  )
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
