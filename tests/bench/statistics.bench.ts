/**
 * 統計・報告 benchmark: the 事業状況報告 月報 of the last closed month computed from the whole eligibility history and
 * 受給者台帳 as known at the cut-off (server/src/areas/statistics/monthly-report.ts), beside the bare SQL counts it is
 * made of (the rows it reads), on PGlite and on PostgreSQL (when DATABASE_URL is set).
 *
 * The 年報 of the last closed fiscal year likewise, over one 賦課 per 第1号被保険者 and five ledger entries each (the demo
 * seed has no 賦課 or 収納 of a closed year; the bench writes them set-based from the seeded persons, dummy figures),
 * beside the bare SQL it is made of (the latest version per person, the ledger sums per installment).
 *
 * KAIGO_BENCH_STATISTICS_SCALE sets the ward size (default 84,410, the seeded ward; 844,100 for 10×).
 */
import { sql } from 'drizzle-orm'
import { computeMonthly } from '../../server/src/areas/statistics'
import { computeAnnual } from '../../server/src/areas/statistics/annual-report'
import { openDatabase, type DatabaseHandle } from '../../server/src/core/db/connect'
import { seedDemoIfEmpty } from '../../server/src/demo/seed-if-empty'
import { todayInJapan } from '../../shared/domain'
import { fiscalYearOf } from '../../shared/domain/dates'
import { shiftMonth } from '../../shared/domain/statistics'
import { openBenchPostgres } from './databases'
import type { BenchModule } from './types'
import { count, ms, percentile } from './types'

const SCALE = Number(process.env.KAIGO_BENCH_STATISTICS_SCALE ?? 84_410)
const RUNS = 3
const BUDGET_MS = 30_000

export const statisticsBench: BenchModule = {
  id: 'statistics',
  title: '統計・報告: the 月報 and the 年報 as known at their cut-off, beside the bare SQL they are made of',
  async run({ log }) {
    const failures: string[] = []
    const lines: string[] = []
    const kinds: { label: string; open: () => Promise<DatabaseHandle | null> }[] = [
      { label: 'PGlite (embedded, in memory)', open: () => openDatabase({ dataDir: 'memory' }) },
      { label: 'PostgreSQL', open: openBenchPostgres },
    ]
    for (const kind of kinds) {
      const handle = await kind.open()
      if (!handle) continue
      try {
        await seedDemoIfEmpty(handle.db, 'demo', SCALE)
        const today = todayInJapan(new Date())
        const month = shiftMonth(today.slice(0, 7), -1)
        const bare: number[] = []
        const samples: number[] = []
        let rows = 0
        for (let i = 0; i < RUNS; i++) {
          const started = performance.now()
          const r = (await handle.db.execute(sql`
            select (select count(*) from eligibility_events) + (select count(*) from certified_persons) as n`)) as unknown as {
            rows: { n: string }[]
          }
          bare.push(performance.now() - started)
          rows = Number(r.rows[0]!.n)
          const t = performance.now()
          await computeMonthly(handle.db, month, today)
          samples.push(performance.now() - t)
        }
        const median = percentile(samples, 50)
        log(`${kind.label}: 月報 ${month} median ${ms(median)} (bare counts ${ms(percentile(bare, 50))})`)
        if (median > BUDGET_MS) failures.push(`${kind.label}: 月報 ${ms(median)} > ${ms(BUDGET_MS)}`)
        lines.push(
          `| ${kind.label} | 月報 ${month} | ${count(SCALE)} | ${count(rows)} | ${ms(percentile(bare, 50))} | ${ms(median)} |`,
        )

        const year = fiscalYearOf(today) - 1
        await writeClosedYear(handle, year)
        const annualBare: number[] = []
        const annual: number[] = []
        let annualRows = 0
        for (let i = 0; i < RUNS; i++) {
          const started = performance.now()
          const r = (await handle.db.execute(sql`
            select (select count(*) from (select distinct on (person_id) person_id, stage_1 from premium_assessments
                      where fiscal_year = ${year} order by person_id, version desc) a)
              + (select count(*) from (select person_id, fiscal_year, method, installment_seq, sum(amount)
                      from collection_entries where fiscal_year <= ${year}
                      group by person_id, fiscal_year, method, installment_seq) b) as n`)) as unknown as {
            rows: { n: string }[]
          }
          annualBare.push(performance.now() - started)
          annualRows = Number(r.rows[0]!.n)
          const t = performance.now()
          await computeAnnual(handle.db, year, today)
          annual.push(performance.now() - t)
        }
        const annualMedian = percentile(annual, 50)
        log(`${kind.label}: 年報 ${year} median ${ms(annualMedian)} (bare ${ms(percentile(annualBare, 50))})`)
        if (annualMedian > BUDGET_MS) failures.push(`${kind.label}: 年報 ${ms(annualMedian)} > ${ms(BUDGET_MS)}`)
        lines.push(
          `| ${kind.label} | 年報 ${year}年度 | ${count(SCALE)} | ${count(annualRows)} | ${ms(percentile(annualBare, 50))} | ${ms(annualMedian)} |`,
        )
      } finally {
        await handle.close()
      }
    }
    const markdown = [
      `The 月報 of the last closed month and the 年報 of the last closed fiscal year (${RUNS} runs, median). The 年報's`,
      '賦課 (one per 第1号被保険者) and ledger (5 entries each) are written by the bench from the seeded persons.',
      `Budget: ≤ ${ms(BUDGET_MS)} each.`,
      '',
      '| Database | report | ward persons | rows read (history / 賦課 + installments) | bare SQL | report |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      ...lines,
    ].join('\n')
    return { markdown, failures }
  },
}

/**
 * One 賦課 per person insured in category 1 (stage 1–13 by id, the whole year) and five ledger entries each: 期1 and
 * 期2 charged and paid, 期3 charged and unpaid (dummy figures), written set-based; nothing when the year has some.
 */
async function writeClosedYear(handle: DatabaseHandle, year: number) {
  const found = (await handle.db.execute(
    sql`select count(*) as n from premium_assessments where fiscal_year = ${year}`,
  )) as unknown as { rows: { n: string }[] }
  if (Number(found.rows[0]!.n) > 0) return
  const assessedAt = `${year}-07-01T00:00:00Z`
  await handle.db.execute(sql`
    insert into premium_assessments (person_id, fiscal_year, version, reason, stage_1, stage_1_from, stage_1_to,
      stage_1_months, stage_1_amount, liable_months, annual_amount, overpaid_amount, table_version, explanation,
      assessed_on, assessed_at)
    select id, ${year}, 1, 'initial', 1 + id % 13, ${`${year}-04`}, ${`${year + 1}-03`}, 12, 60000, 12, 60000, 0,
      'bench', '{}'::jsonb, ${`${year}-07-01`}::date, ${assessedAt}::timestamptz
    from persons where insured_category = 1`)
  await handle.db.execute(sql`
    insert into collection_entries (person_id, fiscal_year, method, installment_seq, kind, amount, occurred_on, channel,
      source, idempotency_key, recorded_at)
    select p.id, ${year}, 'direct', s.seq, s.kind, s.amount, s.occurred_on::date, s.channel, 'bench',
      'bench-' || p.id || '-' || s.seq || '-' || s.kind, ${assessedAt}::timestamptz
    from persons p
    cross join (values (1, 'charge', 6000, ${`${year}-07-01`}, 'assessment'),
                       (1, 'payment', -6000, ${`${year}-07-31`}, 'bank'),
                       (2, 'charge', 6000, ${`${year}-07-01`}, 'assessment'),
                       (2, 'payment', -6000, ${`${year}-08-31`}, 'bank'),
                       (3, 'charge', 6000, ${`${year}-07-01`}, 'assessment'))
      as s(seq, kind, amount, occurred_on, channel)
    where p.insured_category = 1`)
}
