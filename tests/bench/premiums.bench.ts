/**
 * 賦課 benchmarks: the 本算定 of a whole ward as a 賦課バッチ — the dry run (every category-1 person computed in
 * TypeScript, the results staged in bulk), the sign-off's fingerprint check, and the commit in chunks of 1,000 persons
 * (each chunk one transaction: INSERT … SELECT of the staged versions and their 期割) — at Shinjuku scale (the
 * generated ward, 67,889 category-1 persons) and at 1,000,000 persons (the generated ward plus dummy insured persons
 * written set-based), on the embedded database (PGlite) and on PostgreSQL (when DATABASE_URL is set). Beside the
 * commit, in the same run, a bare `COPY` of the same rows (the committed versions and 期割, exported and loaded into
 * empty tables of the same shape) gives the ceiling: the target is commit rows/s ≥ 30 % of COPY rows/s. Peak RSS is the
 * whole process (PGlite runs inside it).
 *
 * KAIGO_BENCH_PREMIUM_PERSONS sets the large size (default 1,000,000; e.g. 200000 for a quicker run);
 * KAIGO_BENCH_PREMIUM_ONLY=pglite|postgres measures one database only; KAIGO_BENCH_PREMIUM_SIZES=shinjuku measures the
 * Shinjuku scale only. Each size's figures are also logged as they finish (a run stopped early keeps them).
 */
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { prepareBatchRun, commitNextChunk, approveRun, loadRun } from '../../server/src/areas/premiums/batches'
import { openDatabase, type DatabaseHandle } from '../../server/src/core/db/connect'
import { seedDemoIfEmpty } from '../../server/src/demo/seed-if-empty'
import { demoShippedSources } from '../../server/src/demo/shipped-sources'
import { ensureShippedMasters } from '../../server/src/areas/masters'
import { addInsuredWard, seedResidentTaxFromPersons } from '../integration/areas/premiums/batches-support'
import { fiscalYearOf, todayInJapan } from '../../shared/domain'
import type { BenchModule } from './types'
import { count, ms } from './types'
import { benchStaff, openBenchPostgres } from './databases'

const SHINJUKU_SCALE = 84_410
const SHINJUKU_CATEGORY1 = 67_889
const LARGE = Number(process.env.KAIGO_BENCH_PREMIUM_PERSONS ?? 1_000_000)
const COPY_RATIO_TARGET = 0.3
/** The run computes as of the day the bench runs (the seeded history is recorded then), for that fiscal year. */
const NOW = new Date()
const FISCAL_YEAR = fiscalYearOf(todayInJapan(NOW))
/** By hand, one database at a time: KAIGO_BENCH_PREMIUM_ONLY=pglite or postgres. */
const ONLY = process.env.KAIGO_BENCH_PREMIUM_ONLY
/** By hand: KAIGO_BENCH_PREMIUM_SIZES=shinjuku leaves out the large size. */
const SHINJUKU_ONLY = process.env.KAIGO_BENCH_PREMIUM_SIZES === 'shinjuku'
const load1 = () => loadavg()[0]!.toFixed(2)

type Db = DatabaseHandle['db']

const staff = (id: number, loginId: string) => benchStaff(id, loginId, NOW)

/** Samples the process's resident set every 100 ms; `stop` returns the peak. */
function rssPeak() {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100)
  return () => {
    clearInterval(timer)
    return Math.max(peak, process.memoryUsage().rss)
  }
}

const rowsOf = async (db: Db, table: string) =>
  Number(
    ((await db.execute(sql.raw(`select count(*)::bigint as n from ${table}`))) as unknown as { rows: { n: string }[] })
      .rows[0]!.n,
  )

/**
 * The bare COPY of what the commit wrote: both tables exported (not timed) and loaded into empty tables of the same
 * shape (timed) — PGlite through its /dev/blob device, PostgreSQL from a server-side file.
 */
async function bareCopy(handle: DatabaseHandle): Promise<{ rows: number; ms: number }> {
  const db = handle.db
  let rows = 0
  let total = 0
  for (const table of ['premium_assessments', 'premium_installments']) {
    if ((await rowsOf(db, table)) === 0) continue
    const copy = `bench_copy_${table}`
    await db.execute(sql.raw(`drop table if exists ${copy}`))
    await db.execute(sql.raw(`create table ${copy} (like ${table} including defaults)`))
    if (handle.pglite) {
      const out = await handle.pglite.query(`copy ${table} to '/dev/blob'`)
      const t0 = performance.now()
      await handle.pglite.query(`copy ${copy} from '/dev/blob'`, [], { blob: out.blob! })
      total += performance.now() - t0
    } else {
      // In /tmp itself: the PostgreSQL server process (another OS user) writes and reads it.
      const file = join(tmpdir(), `kaigo-bench-${randomBytes(4).toString('hex')}-${copy}.copy`)
      await db.execute(sql.raw(`copy ${table} to '${file}'`))
      const t0 = performance.now()
      await db.execute(sql.raw(`copy ${copy} from '${file}'`))
      total += performance.now() - t0
      rmSync(file, { force: true })
    }
    rows += await rowsOf(db, copy)
    await db.execute(sql.raw(`drop table ${copy}`))
  }
  return { rows, ms: total }
}

interface Measured {
  size: string
  persons: number
  seedMs: number
  dryRunMs: number
  staged: number
  approveMs: number
  commitMs: number
  chunks: number
  rowsWritten: number
  copyRows: number
  copyMs: number
  rerunMs: number
  rerunNewVersions: number
  peakRss: number
  installmentMismatches: number
  /** 1-minute load average before the dry run and after the re-run. */
  loadBefore: string
  loadAfter: string
}

async function measure(
  handle: DatabaseHandle,
  size: { label: string; extra: number },
  log: (line: string) => void,
): Promise<Measured> {
  const db = handle.db
  let t0 = performance.now()
  await seedDemoIfEmpty(db, 'demo', SHINJUKU_SCALE)
  // The ward parameters the server installs at its start (the approved shipped defaults).
  await ensureShippedMasters(db, demoShippedSources(), NOW)
  await seedResidentTaxFromPersons(db, FISCAL_YEAR)
  for (let done = 0; done < size.extra; done += 100_000)
    await addInsuredWard(db, {
      count: Math.min(100_000, size.extra - done),
      prefix: `5${String(done / 100_000).padStart(2, '0')}`,
      fiscalYear: FISCAL_YEAR,
    })
  if (handle.kind === 'postgres') await db.execute(sql`analyze`)
  const seedMs = performance.now() - t0
  log(`${size.label}: seeded in ${ms(seedMs)}`)
  const stop = rssPeak()
  const loadBefore = load1()

  t0 = performance.now()
  const runId = await db.transaction((tx) =>
    prepareBatchRun(tx, { kind: 'final', fiscalYear: FISCAL_YEAR, user: staff(1, 'bench-clerk'), now: NOW }),
  )
  const dryRunMs = performance.now() - t0
  const run = await loadRun(db, runId)
  log(`${size.label}: dry run ${count(run.persons)} persons, ${count(run.newVersions)} staged in ${ms(dryRunMs)}`)

  t0 = performance.now()
  await db.transaction((tx) => approveRun(tx, staff(2, 'bench-supervisor'), runId, NOW))
  const approveMs = performance.now() - t0

  t0 = performance.now()
  let chunks = 0
  for (;;) {
    const result = await db.transaction((tx) => commitNextChunk(tx, runId, 1, NOW))
    chunks = result.committedChunks
    if (result.status === 'committed') break
  }
  const commitMs = performance.now() - t0
  const rowsWritten = (await rowsOf(db, 'premium_assessments')) + (await rowsOf(db, 'premium_installments'))
  log(`${size.label}: commit ${count(rowsWritten)} rows in ${chunks} chunks in ${ms(commitMs)}`)
  const peakRss = stop()

  const copy = await bareCopy(handle)
  log(`${size.label}: bare COPY ${count(copy.rows)} rows in ${ms(copy.ms)}`)

  const mismatched = (await db.execute(sql`
    select count(*)::int as n from premium_assessments a
    where a.annual_amount <> coalesce((select sum(i.amount) from premium_installments i where i.assessment_id = a.id), 0)`)) as unknown as {
    rows: { n: number }[]
  }

  t0 = performance.now()
  const rerunId = await db.transaction((tx) =>
    prepareBatchRun(tx, { kind: 'final', fiscalYear: FISCAL_YEAR, user: staff(1, 'bench-clerk'), now: NOW }),
  )
  const rerunMs = performance.now() - t0
  const rerun = await loadRun(db, rerunId)
  return {
    size: size.label,
    persons: run.persons,
    seedMs,
    dryRunMs,
    staged: run.newVersions,
    approveMs,
    commitMs,
    chunks,
    rowsWritten,
    copyRows: copy.rows,
    copyMs: copy.ms,
    rerunMs,
    rerunNewVersions: rerun.newVersions,
    peakRss,
    installmentMismatches: Number(mismatched.rows[0]!.n),
    loadBefore,
    loadAfter: load1(),
  }
}

const perSecond = (rows: number, millis: number) => Math.round((rows * 1000) / millis)
const mib = (b: number) => `${(b / 1_048_576).toLocaleString('en-US', { maximumFractionDigits: 0 })} MiB`

const HEADER =
  '| Size | persons assessed | dry run | staged rows/s | sign-off check | commit (chunks) | rows written | commit rows/s | bare COPY rows/s | commit ÷ COPY | re-run (changes) | peak RSS | load (1 min) before → after |'

/** One size's figures as a row of the table. */
function row(m: Measured): string {
  const commitRate = perSecond(m.rowsWritten, m.commitMs)
  const copyRate = perSecond(m.copyRows, m.copyMs)
  return `| ${m.size} | ${count(m.persons)} | ${ms(m.dryRunMs)} | ${count(perSecond(m.staged, m.dryRunMs))} | ${ms(m.approveMs)} | ${ms(m.commitMs)} (${m.chunks}) | ${count(m.rowsWritten)} | ${count(commitRate)} | ${count(copyRate)} | ${((commitRate / copyRate) * 100).toFixed(0)} % | ${ms(m.rerunMs)} (${m.rerunNewVersions}) | ${mib(m.peakRss)} | ${m.loadBefore} → ${m.loadAfter} |`
}

export const premiumsBench: BenchModule = {
  id: 'premiums',
  title: '賦課: 本算定 as a batch (dry run, sign-off, chunked commit) beside a bare COPY',
  async run({ log, tmpDir }) {
    const failures: string[] = []
    const sizes = [
      { label: `新宿区規模（第1号 ${count(SHINJUKU_CATEGORY1)}人）`, extra: 0 },
      { label: `${count(LARGE)}人`, extra: Math.max(0, LARGE - SHINJUKU_CATEGORY1) },
    ].slice(0, SHINJUKU_ONLY ? 1 : 2)
    const kinds: { id: string; label: string; open: (size: number) => Promise<DatabaseHandle | null> }[] = [
      {
        id: 'pglite',
        label: 'PGlite (embedded, on disk)',
        open: (i: number) => openDatabase({ dataDir: join(tmpDir, `pglite-${i}`) }),
      },
      { id: 'postgres', label: 'PostgreSQL', open: openBenchPostgres },
    ].filter((k) => ONLY === undefined || k.id === ONLY)
    const sections: string[] = []
    for (const kind of kinds) {
      const results: Measured[] = []
      for (const [i, size] of sizes.entries()) {
        const handle = await kind.open(i)
        if (!handle) break
        try {
          const m = await measure(handle, size, (line) => log(`${kind.label} ${line}`))
          results.push(m)
          log(`${kind.label} ${m.size}: ${row(m)}`)
          const ratio = perSecond(m.rowsWritten, m.commitMs) / perSecond(m.copyRows, m.copyMs)
          if (ratio < COPY_RATIO_TARGET)
            failures.push(`${kind.label} ${m.size}: commit ${(ratio * 100).toFixed(0)} % of COPY < 30 %`)
          if (m.rerunNewVersions !== 0)
            failures.push(`${kind.label} ${m.size}: the re-run found ${m.rerunNewVersions} changes`)
          if (m.installmentMismatches !== 0)
            failures.push(`${kind.label} ${m.size}: ${m.installmentMismatches} versions whose 期割 ≠ annual amount`)
        } finally {
          await handle.close()
        }
      }
      if (results.length === 0) {
        sections.push(`### ${kind.label}\n\nNot measured: DATABASE_URL is not set.\n`)
        continue
      }
      sections.push(
        [
          `### ${kind.label}`,
          '',
          HEADER,
          '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
          ...results.map(row),
          '',
        ].join('\n'),
      )
    }
    const markdown = [
      'The dry run loads the facts of 5,000 persons at a time (eligibility history, household, resident-tax records,',
      'current version without its explanation; one query per table, the ids one array parameter), computes each year',
      'with shared/domain, and stages every new version with its 期割 and its explanation (the ward table and its ⚠️',
      'entries stored once per run in premium_explanation_parts and referenced; one INSERT per block of 5,000 persons,',
      'each column one parameter), hashing each chunk as soon as it is complete; the sign-off recomputes the inputs fingerprint; the',
      'commit copies each chunk of 1,000 staged persons to premium_assessments and premium_installments with one',
      'INSERT … SELECT in its own transaction (with the chunk row). "Rows written" counts both tables (a version and its',
      '納期 not yet due on the day the bench runs). The bare COPY loads the same rows into empty tables of the same shape without indexes or',
      'triggers beyond the copied defaults. The re-run is a second dry run of the committed year: it must find no change.',
      'Peak RSS is sampled every 100 ms from the dry run to the end of the commit (PGlite runs in the process).',
      '',
      ...sections,
    ].join('\n')
    return { markdown, failures }
  },
}
