/**
 * 収納台帳 check benchmark: `ledger:verify` (verifyLedger, set-based: one grouped query per rule) over the seeded
 * ward's full fiscal year — the generated ward at Shinjuku scale (84,410 persons), its 本算定 committed as a 賦課バッチ,
 * the ledger's 調定 synced from it, and the demo payments of the whole year (server/src/demo/collection-payments.ts:
 * 特別徴収 paid, 普通徴収 paid / half paid / unpaid by person) — on the embedded database (PGlite) and on PostgreSQL
 * (when DATABASE_URL is set). Reported: entries, installments, the time of the check, and that it found nothing.
 * KAIGO_BENCH_LEDGER_SCALE sets the ward size (e.g. 2000 for a check); KAIGO_BENCH_LEDGER_ONLY=pglite|postgres.
 */
import { sql } from 'drizzle-orm'
import { verifyLedger } from '../../server/src/areas/collection'
import { approveRun, commitNextChunk, prepareBatchRun } from '../../server/src/areas/premiums/batches'
import { ensureShippedMasters } from '../../server/src/areas/masters'
import { openDatabase, type DatabaseHandle } from '../../server/src/core/db/connect'
import { seedDemoPayments } from '../../server/src/demo/collection-payments'
import { seedDemoIfEmpty } from '../../server/src/demo/seed-if-empty'
import { demoShippedSources } from '../../server/src/demo/shipped-sources'
import { fiscalYearOf, todayInJapan } from '../../shared/domain'
import { seedResidentTaxFromPersons } from '../integration/areas/premiums/batches-support'
import type { BenchModule } from './types'
import { count, ms } from './types'
import { benchStaff, openBenchPostgres } from './databases'

const SCALE = Number(process.env.KAIGO_BENCH_LEDGER_SCALE ?? 84_410)
const ONLY = process.env.KAIGO_BENCH_LEDGER_ONLY
const NOW = new Date()
const FISCAL_YEAR = fiscalYearOf(todayInJapan(NOW))
/** The whole fiscal year is paid as the demo pays it: every installment due by 31 March. */
const YEAR_END = `${FISCAL_YEAR + 1}-03-31`

const staff = (id: number, loginId: string) => benchStaff(id, loginId, NOW)

interface Measured {
  database: string
  persons: number
  entries: number
  installments: number
  payments: number
  seedMs: number
  verifyMs: number
  violations: number
}

async function measure(handle: DatabaseHandle, log: (line: string) => void): Promise<Measured> {
  const db = handle.db
  let t0 = performance.now()
  await seedDemoIfEmpty(db, 'demo', SCALE)
  await ensureShippedMasters(db, demoShippedSources(), NOW)
  await seedResidentTaxFromPersons(db, FISCAL_YEAR)
  const runId = await db.transaction((tx) =>
    prepareBatchRun(tx, { kind: 'final', fiscalYear: FISCAL_YEAR, user: staff(1, 'bench-clerk'), now: NOW }),
  )
  await db.transaction((tx) => approveRun(tx, staff(2, 'bench-supervisor'), runId, NOW))
  for (;;) {
    const result = await db.transaction((tx) => commitNextChunk(tx, runId, 1, NOW))
    if (result.status === 'committed') break
  }
  const seeded = await seedDemoPayments(db, { asOf: YEAR_END, now: NOW })
  if (handle.kind === 'postgres') await db.execute(sql`analyze`)
  const seedMs = performance.now() - t0
  log(
    `${handle.kind}: ward, 本算定 and a year of payments seeded in ${ms(seedMs)} (${count(seeded.payments)} payments)`,
  )
  t0 = performance.now()
  const result = await verifyLedger(db)
  const verifyMs = performance.now() - t0
  log(`${handle.kind}: ledger:verify ${count(result.entries)} entries in ${ms(verifyMs)}`)
  const persons = (await db.execute(
    sql`select count(distinct person_id)::int as n from collection_entries`,
  )) as unknown as {
    rows: { n: number }[]
  }
  return {
    database: handle.kind === 'pglite' ? 'PGlite' : 'PostgreSQL',
    persons: Number(persons.rows[0]!.n),
    entries: result.entries,
    installments: result.installments,
    payments: seeded.payments,
    seedMs,
    verifyMs,
    violations: result.violations.length,
  }
}

export const collectionLedgerBench: BenchModule = {
  id: 'collection-ledger',
  title: '収納台帳の検証（ledger:verify）',
  async run({ log }) {
    const results: Measured[] = []
    if (ONLY !== 'postgres') {
      const handle = await openDatabase({ dataDir: 'memory' })
      try {
        results.push(await measure(handle, log))
      } finally {
        await handle.close()
      }
    }
    if (ONLY !== 'pglite') {
      const handle = await openBenchPostgres()
      if (handle)
        try {
          results.push(await measure(handle, log))
        } finally {
          await handle.close()
        }
    }
    const failures = results.filter((r) => r.violations > 0).map((r) => `${r.database}: ${r.violations} violations`)
    const markdown = [
      `Ward of ${count(SCALE)} generated persons, FY${FISCAL_YEAR} 本算定 committed, the year's demo payments applied through the ledger.`,
      '',
      '| Database | persons in the ledger | entries | installments | payments | ledger:verify | violations |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...results.map(
        (r) =>
          `| ${r.database} | ${count(r.persons)} | ${count(r.entries)} | ${count(r.installments)} | ${count(r.payments)} | ${ms(r.verifyMs)} | ${r.violations} |`,
      ),
      '',
      'The check is set-based: one grouped query per rule (kinds and signs, the invariant per installment, 調定 against',
      'the synced 賦課 version, 充当 netting to zero per person, 還付 with its decision, 延滞金 balance).',
    ].join('\n')
    return { markdown, failures }
  },
}
