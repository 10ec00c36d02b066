/**
 * 要介護認定 benchmark: the 30-day clock board (clock/board.ts — every open case with its clock, the queues, the 延期通知
 * list, the renewals due and the lead-time analytics over the period) over two years of seeded cases at Shinjuku scale
 * (the generated ward of 84,410 persons; server/src/demo/certification-cases.ts seeds the history), on PGlite and on
 * PostgreSQL (when DATABASE_URL is set). Budget: the board in under 2 s (a screen the staff open many times a day).
 *
 * KAIGO_BENCH_CERTIFICATION_SCALE sets the ward size (default 84,410; e.g. 5000 for a quick run).
 */
import { sql } from 'drizzle-orm'
import { clockBoard } from '../../server/src/areas/certification'
import { openDatabase, type DatabaseHandle } from '../../server/src/core/db/connect'
import { seedDemoIfEmpty } from '../../server/src/demo/seed-if-empty'
import { todayInJapan } from '../../shared/domain'
import type { BenchModule } from './types'
import { count, ms, percentile } from './types'
import { openBenchPostgres } from './databases'

const SCALE = Number(process.env.KAIGO_BENCH_CERTIFICATION_SCALE ?? 84_410)
const BUDGET_MS = 2_000
const RUNS = 5
const MONTHS = 24

const countOf = async (db: DatabaseHandle['db'], table: string) =>
  Number(
    ((await db.execute(sql.raw(`select count(*)::bigint as n from ${table}`))) as unknown as { rows: { n: string }[] })
      .rows[0]!.n,
  )

export const certificationBench: BenchModule = {
  id: 'certification',
  title: '要介護認定: the 30-day clock board over two years of cases',
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
        const seeded = performance.now()
        await seedDemoIfEmpty(handle.db, 'demo', SCALE)
        const seedMs = performance.now() - seeded
        const cases = await countOf(handle.db, 'certification_cases')
        const events = await countOf(handle.db, 'certification_case_events')
        const today = todayInJapan(new Date())
        const samples: number[] = []
        let open = 0
        for (let i = 0; i < RUNS; i++) {
          const started = performance.now()
          const board = await clockBoard(handle.db, today, {}, MONTHS)
          samples.push(performance.now() - started)
          open = board.rows.length
        }
        const median = percentile(samples, 50)
        log(`${kind.label}: ${count(cases)} cases, board median ${ms(median)}`)
        if (median > BUDGET_MS) failures.push(`${kind.label}: clock board ${ms(median)} > ${ms(BUDGET_MS)}`)
        lines.push(
          `| ${kind.label} | ${count(SCALE)} | ${count(cases)} | ${count(events)} | ${count(open)} | ${ms(seedMs)} | ${ms(median)} | ${ms(Math.max(...samples))} |`,
        )
      } finally {
        await handle.close()
      }
    }
    const markdown = [
      `The clock board as the 認定担当 opens it (all areas, analytics over ${MONTHS} months), ${RUNS} runs. Budget: median ≤ ${ms(BUDGET_MS)}.`,
      '',
      '| Database | ward persons | cases (2 years) | events | open cases | seed | board median | board max |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...lines,
    ].join('\n')
    return { markdown, failures }
  },
}
