/**
 * データ移行 benchmark: a generated legacy extract (server/src/demo/legacy-extract, the dummy ward with three fiscal
 * years of 賦課・収納, 資格 and 宛名 histories and 認定; no planted defect, so the 突合 must find no difference) taken
 * through the three steps of docs/migration.md on the embedded database (PGlite) and on PostgreSQL (when DATABASE_URL
 * is set):
 *
 * - receive: the manifest and the files in chunks of MIGRATION_CHUNK_BYTES, one transaction per chunk (as the route);
 * - validate: `finishExtract` — every file assembled and checked against the manifest, validated, its staged rows,
 *   findings and 外字 written in one transaction (the scan is a stub that passes the bytes through);
 * - 仮移行: `startRehearsal` of the accepted extract — a new isolated trial store (every migration and the shipped
 *   masters), the sealed files, the staged rows and the typed rows of each group loaded into it;
 * - 突合: `reconcileTrialStore` against the extract's control totals.
 *
 * Beside each step, in the same run, the bare-database yardstick: a `COPY` of the same rows (the staged rows the
 * validation writes; the tables the 仮移行 loads; the tables the 突合 reads) into plain tables of the same shape
 * (`LIKE … INCLUDING DEFAULTS`: no index, no constraint). Peak RSS is the whole process (PGlite runs inside it).
 *
 * Size: KAIGO_BENCH_MIGRATION_SCALE persons (default 20,000 — a quarter of the ward, a few minutes on both databases;
 * `shinjuku` for the whole ward, 84,410 persons and some 69,000 insured). KAIGO_BENCH_MIGRATION_ONLY=pglite|postgres
 * measures one database only.
 */
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { getHeapStatistics } from 'node:v8'
import { eq, sql } from 'drizzle-orm'
import { MIGRATION_CHUNK_BYTES } from '../../shared/api/migration'
import { MANIFEST_FILE_NAME } from '../../shared/migration/manifest'
import { ensureShippedMasters } from '../../server/src/areas/masters'
import { MemoryKeyVault, pgliteTrialStores, postgresTrialStores } from '../../server/src/areas/migration'
import { acceptReport, beginExtract, finishExtract, uploadChunk } from '../../server/src/areas/migration/extract/intake'
import { reconcileTrialStore } from '../../server/src/areas/migration/reconciliation/reconcile'
import { startRehearsal } from '../../server/src/areas/migration/trial-store/rehearsal-load'
import type { TrialEnvironment } from '../../server/src/areas/migration/trial-store/trial-stores'
import { migrationTrialStores } from '../../server/src/areas/migration/trial-store/schema'
import type { DatabaseHandle } from '../../server/src/core/db/connect'
import { writeLegacyExtract, type LegacyExtract } from '../../server/src/demo/legacy-extract'
import { demoShippedSources } from '../../server/src/demo/shipped-sources'
import { freshDatabase } from '../integration/support/databases'
import type { BenchModule } from './types'
import { bytes, count, ms } from './types'

const SHINJUKU_SCALE = 84_410
const SCALE =
  process.env.KAIGO_BENCH_MIGRATION_SCALE === 'shinjuku'
    ? SHINJUKU_SCALE
    : Number(process.env.KAIGO_BENCH_MIGRATION_SCALE ?? 20_000)
const ONLY = process.env.KAIGO_BENCH_MIGRATION_ONLY
const SEED = 20261207
const NOW = new Date('2026-12-01T09:00:00+09:00')
const OFFICER = { id: 1, loginId: 'bench-ikou' }
const SUPERVISOR = { id: 2, loginId: 'bench-kantoku' }
const load1 = () => loadavg()[0]!.toFixed(2)

type Db = DatabaseHandle['db']

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

/** PGlite reads a /dev/blob more slowly the larger it is (a 200 MiB blob at 3,000 rows/s): fed in parts of this size. */
const BLOB_PART_BYTES = 8 * 1024 * 1024

/** The COPY text split at line ends (a row is one line: a newline inside a value is written as \n) into parts. */
function blobParts(bytes: Uint8Array<ArrayBuffer>): Blob[] {
  const parts: Blob[] = []
  let from = 0
  while (from < bytes.length) {
    let to = Math.min(bytes.length, from + BLOB_PART_BYTES)
    while (to < bytes.length && bytes[to - 1] !== 0x0a) to++
    parts.push(new Blob([bytes.subarray(from, to)]))
    from = to
  }
  return parts
}

/**
 * The bare COPY of each table into an empty plain table of the same shape (PGlite: through /dev/blob, in parts of
 * BLOB_PART_BYTES; PostgreSQL: through a server-side file), the milliseconds of the loading COPY only, summed; the
 * copies are dropped.
 */
async function bareCopy(handle: DatabaseHandle, tables: readonly string[]): Promise<{ rows: number; ms: number }> {
  const db = handle.db
  let rows = 0
  let elapsed = 0
  for (const table of tables) {
    const copy = `bench_copy_${table}`
    await db.execute(sql.raw(`create table ${copy} (like ${table} including defaults)`))
    if (handle.pglite) {
      const out = await handle.pglite.query(`copy ${table} to '/dev/blob'`)
      const parts = blobParts(new Uint8Array(await out.blob!.arrayBuffer()))
      const t0 = performance.now()
      for (const blob of parts) await handle.pglite.query(`copy ${copy} from '/dev/blob'`, [], { blob })
      elapsed += performance.now() - t0
    } else {
      const file = join(tmpdir(), `kaigo-bench-${randomBytes(4).toString('hex')}-${copy}.copy`)
      await db.execute(sql.raw(`copy ${table} to '${file}'`))
      const t0 = performance.now()
      await db.execute(sql.raw(`copy ${copy} from '${file}'`))
      elapsed += performance.now() - t0
      rmSync(file, { force: true })
    }
    rows += await rowsOf(db, copy)
    await db.execute(sql.raw(`drop table ${copy}`))
  }
  return { rows, ms: elapsed }
}

const loadedTableNames = [
  'migration_loaded_person',
  'migration_loaded_mailing_address',
  'migration_loaded_insured',
  'migration_loaded_assessment',
  'migration_loaded_payment',
  'migration_loaded_certification',
]

interface Step {
  ms: number
  rows: number
  copyRows: number
  copyMs: number
}

interface Measured {
  database: string
  receiveMs: number
  chunks: number
  validate: Step
  findings: number
  load: Step
  /** The per-table milliseconds the store records (the rest of the 仮移行 is the store's creation and the seal). */
  loadTablesMs: number
  reconcile: Step
  lines: number
  differences: number
  peakRss: number
  loadBefore: string
  loadAfter: string
}

function trialEnvironment(kind: 'pglite' | 'postgres'): TrialEnvironment {
  const prepare = (db: Db) => ensureShippedMasters(db, demoShippedSources()).then(() => undefined)
  return {
    provider:
      kind === 'postgres'
        ? postgresTrialStores(process.env.DATABASE_URL!, prepare)
        : pgliteTrialStores('memory', prepare),
    vault: new MemoryKeyVault(),
  }
}

async function measure(
  handle: DatabaseHandle,
  kind: 'pglite' | 'postgres',
  extract: LegacyExtract,
  log: (line: string) => void,
): Promise<Measured> {
  const db = handle.db
  const env = trialEnvironment(kind)
  const loadBefore = load1()
  const stop = rssPeak()

  let t0 = performance.now()
  const begun = await db.transaction((tx) => beginExtract(tx, OFFICER.id, extract.manifestText, NOW))
  let chunks = 0
  for (const [fileName, content] of extract.files) {
    if (fileName === MANIFEST_FILE_NAME) continue
    for (let index = 0; index * MIGRATION_CHUNK_BYTES < content.length; index++) {
      const contentBase64 = Buffer.from(
        content.subarray(index * MIGRATION_CHUNK_BYTES, (index + 1) * MIGRATION_CHUNK_BYTES),
      ).toString('base64')
      await db.transaction((tx) => uploadChunk(tx, { extractId: begun.id, fileName, index, contentBase64 }))
      chunks++
    }
  }
  const receiveMs = performance.now() - t0
  log(`${kind}: received ${count(chunks)} chunks in ${ms(receiveMs)}`)

  t0 = performance.now()
  const finished = await db.transaction((tx) =>
    finishExtract(tx, begun.id, NOW, async (bytes) => ({ bytes, sha256: '', scan: 'clean', warnings: [] })),
  )
  const validateMs = performance.now() - t0
  if (finished.extract.status !== 'validated') throw new Error(`the extract was ${finished.extract.status}`)
  const staged = await rowsOf(db, `migration_staged_rows where extract_id = ${begun.id}`)
  const findings = Object.values(finished.extract.findingCounts).reduce((n, c) => n + c, 0)
  log(`${kind}: validated ${count(staged)} rows (${count(findings)} findings) in ${ms(validateMs)}`)
  await db.transaction((tx) => acceptReport(tx, SUPERVISOR, { extractId: begun.id, note: 'ベンチマーク' }, NOW))

  t0 = performance.now()
  const store = await db.transaction((tx) =>
    startRehearsal(tx, env, { extractId: begun.id, label: 'ベンチマーク', loginId: OFFICER.loginId, now: NOW }),
  )
  const loadMs = performance.now() - t0
  const loadedRows = store.tableTimings.reduce((n, t) => n + t.rows, 0)
  const loadTablesMs = store.tableTimings.reduce((n, t) => n + t.milliseconds, 0)
  log(`${kind}: 仮移行 ${count(loadedRows)} rows in ${ms(loadMs)} (tables ${ms(loadTablesMs)})`)

  t0 = performance.now()
  const report = await db.transaction((tx) =>
    reconcileTrialStore(tx, env, { trialStoreId: store.id, loginId: OFFICER.loginId, now: NOW }),
  )
  const reconcileMs = performance.now() - t0
  const lines = report.counts.length + report.money.length
  log(`${kind}: 突合 ${count(lines)} figures, ${count(report.differenceCount)} differences in ${ms(reconcileMs)}`)
  const peakRss = stop()
  const loadAfter = load1()

  // The yardsticks: the staged rows in this database; the tables of the store.
  const stagedCopy = await bareCopy(handle, ['migration_staged_rows'])
  const [row] = await db.select().from(migrationTrialStores).where(eq(migrationTrialStores.id, store.id))
  const trial = await env.provider.open(row!.location)
  if (!trial) throw new Error('the trial store cannot be opened')
  let storeCopy: { rows: number; ms: number }
  let typedCopy: { rows: number; ms: number }
  try {
    const stagedInStore = await bareCopy(trial, ['migration_extracts', 'migration_staged_rows'])
    typedCopy = await bareCopy(trial, loadedTableNames)
    storeCopy = { rows: stagedInStore.rows + typedCopy.rows, ms: stagedInStore.ms + typedCopy.ms }
  } finally {
    await trial.close()
  }
  log(`${kind}: bare COPY ${count(stagedCopy.rows)} staged rows in ${ms(stagedCopy.ms)}, store ${ms(storeCopy.ms)}`)
  env.vault.destroy(row!.keyId)
  await env.provider.drop(row!.location)

  return {
    database: kind === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL',
    receiveMs,
    chunks,
    validate: { ms: validateMs, rows: staged, copyRows: stagedCopy.rows, copyMs: stagedCopy.ms },
    findings,
    load: { ms: loadMs, rows: loadedRows, copyRows: storeCopy.rows, copyMs: storeCopy.ms },
    loadTablesMs,
    // The 突合 reads the staged rows here and the typed rows of the store.
    reconcile: {
      ms: reconcileMs,
      rows: staged + typedCopy.rows,
      copyRows: stagedCopy.rows + typedCopy.rows,
      copyMs: stagedCopy.ms + typedCopy.ms,
    },
    lines,
    differences: report.differenceCount,
    peakRss,
    loadBefore,
    loadAfter,
  }
}

const perSecond = (rows: number, millis: number) => Math.round(rows / (millis / 1000))
const ratio = (s: Step) => `${((perSecond(s.rows, s.ms) / perSecond(s.copyRows, s.copyMs)) * 100).toFixed(1)} %`

export const migrationBench: BenchModule = {
  id: 'migration',
  title:
    'データ移行: an extract validated, loaded into a trial store (仮移行) and reconciled (突合), beside a bare COPY',
  async run({ log }) {
    const failures: string[] = []
    let t0 = performance.now()
    const extract = writeLegacyExtract({ seed: SEED, scale: SCALE })
    const generateMs = performance.now() - t0
    const insured = new Set(
      Buffer.from(extract.files.get('hihokensha.csv') ?? Buffer.alloc(0))
        .toString('utf8')
        .split('\r\n')
        .slice(1)
        .filter(Boolean)
        .map((line) => line.split(',')[0]),
    ).size
    const extractRows = extract.manifest.files.reduce((n, f) => n + f.rows, 0)
    const extractBytes = extract.manifest.files.reduce((n, f) => n + f.bytes, 0)
    log(
      `extract of ${count(extract.persons)} persons: ${count(extractRows)} rows, ${bytes(extractBytes)} in ${ms(generateMs)}`,
    )

    const results: Measured[] = []
    const kinds = (['pglite', 'postgres'] as const).filter((k) => !ONLY || k === ONLY)
    for (const kind of kinds) {
      if (kind === 'postgres' && !process.env.DATABASE_URL) {
        log('postgres: skipped (DATABASE_URL not set)')
        continue
      }
      t0 = performance.now()
      const handle = await freshDatabase(kind)
      try {
        const m = await measure(handle, kind, extract, log)
        results.push(m)
        if (m.validate.rows !== extractRows)
          failures.push(`${kind}: ${count(m.validate.rows)} rows staged of ${count(extractRows)}`)
        if (m.findings !== 0) failures.push(`${kind}: ${count(m.findings)} findings in a clean extract`)
        if (m.differences !== 0) failures.push(`${kind}: ${count(m.differences)} differences in a clean 突合`)
      } finally {
        await handle.close()
      }
    }

    const row = (m: Measured, step: string, s: Step, what: string) =>
      `| ${m.database} | ${step} | ${count(s.rows)} ${what} | ${ms(s.ms)} | ${count(perSecond(s.rows, s.ms))} | ${ms(s.copyMs)} | ${count(perSecond(s.copyRows, s.copyMs))} | ${ratio(s)} |`
    const markdown = [
      `Extract: ${count(extract.persons)} persons${extract.persons === SHINJUKU_SCALE ? ' (Shinjuku scale)' : ` (KAIGO_BENCH_MIGRATION_SCALE; \`shinjuku\` for ${count(SHINJUKU_SCALE)})`}, ${count(insured)} insured, FY2024–FY2026: ${count(extractRows)} rows in ${extract.manifest.files.length} files, ${bytes(extractBytes)}; generated in ${ms(generateMs)}. No planted defect: the validation must find nothing and the 突合 no difference.`,
      '',
      'Receive = the manifest and the files in chunks of 128 KiB, one transaction each. Validate = `finishExtract` (assemble, check size and SHA-256, validate, write the staged rows, findings and 外字 in one transaction; the malware scan stubbed). 仮移行 = `startRehearsal` (a new isolated store with every migration and the shipped masters, the files sealed, the staged rows and the typed rows of each group loaded, each table in one transaction of the store). 突合 = `reconcileTrialStore` against the control totals (reads the staged rows and the typed rows of the store). The bare COPY loads the same rows (validate: the staged rows; 仮移行: the tables of the store; 突合: the tables it reads) into plain tables of the same shape in the same run; on PGlite the COPY text is fed in parts of 8 MiB (one blob of the whole table is read more slowly the larger it is: 3,000 rows/s for the 771,022 staged rows).',
      '',
      '| Database | step | rows | time | rows/s | bare COPY | COPY rows/s | step ÷ COPY |',
      '| --- | --- | --: | --: | --: | --: | --: | --: |',
      ...results.flatMap((m) => [
        `| ${m.database} | receive | ${count(m.chunks)} chunks | ${ms(m.receiveMs)} | — | — | — | — |`,
        row(m, 'validate', m.validate, 'staged'),
        row(m, '仮移行', m.load, 'loaded'),
        row(m, '突合', m.reconcile, 'read'),
      ]),
      '',
      `Node heap limit ${bytes(getHeapStatistics().heap_size_limit)}${process.env.NODE_OPTIONS ? ` (NODE_OPTIONS ${process.env.NODE_OPTIONS})` : ''}.`,
      '',
      '| Database | figures compared | differences | 仮移行: table loads of the total | peak RSS | load (1 min) before → after |',
      '| --- | --: | --: | --: | --: | --: |',
      ...results.map(
        (m) =>
          `| ${m.database} | ${count(m.lines)} | ${count(m.differences)} | ${ms(m.loadTablesMs)} of ${ms(m.load.ms)} | ${bytes(m.peakRss)} | ${m.loadBefore} → ${m.loadAfter} |`,
      ),
    ].join('\n')
    return { markdown, failures }
  },
}
