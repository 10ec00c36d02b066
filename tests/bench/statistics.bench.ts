/**
 * 統計・報告 benchmark: the 事業状況報告 月報 of the last closed month computed from the whole eligibility history and
 * 受給者台帳 as known at the cut-off (server/src/areas/statistics/monthly-report.ts), beside the bare SQL counts it is
 * made of (the rows it reads), on PGlite and on PostgreSQL (when DATABASE_URL is set).
 *
 * KAIGO_BENCH_STATISTICS_SCALE sets the ward size (default 84,410, the seeded ward; 844,100 for 10×). The 年報 is not
 * benchmarked yet (not built).
 */
import { sql } from 'drizzle-orm'
import { computeMonthly } from '../../server/src/areas/statistics'
import { openDatabase, type DatabaseHandle } from '../../server/src/core/db/connect'
import { seedDemoIfEmpty } from '../../server/src/demo/seed-if-empty'
import { todayInJapan } from '../../shared/domain'
import { shiftMonth } from '../../shared/domain/statistics'
import { openBenchPostgres } from './databases'
import type { BenchModule } from './types'
import { count, ms, percentile } from './types'

const SCALE = Number(process.env.KAIGO_BENCH_STATISTICS_SCALE ?? 84_410)
const RUNS = 3
const BUDGET_MS = 30_000

export const statisticsBench: BenchModule = {
  id: 'statistics',
  title: '統計・報告: the 月報 as known at its cut-off, beside the bare SQL counts',
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
        lines.push(`| ${kind.label} | ${count(SCALE)} | ${count(rows)} | ${ms(percentile(bare, 50))} | ${ms(median)} |`)
      } finally {
        await handle.close()
      }
    }
    const markdown = [
      `The 月報 of the last closed month (${RUNS} runs, median). Budget: ≤ ${ms(BUDGET_MS)}.`,
      '',
      '| Database | ward persons | history rows read | bare SQL counts | 月報 |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...lines,
    ].join('\n')
    return { markdown, failures }
  },
}
