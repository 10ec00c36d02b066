/**
 * 消込 benchmark: import and reconcile a 全銀 口座振替結果 of N payment rows (default 200,000, far more than the
 * ward's 普通徴収 口座振替 of a month; one file holds at most 999,999 records, the 6-digit count of its trailer; every row an exact
 * payment of one person's 普通徴収 installment, so that every row is matched, allocated and written to the ledger) —
 * read and checked in TypeScript, staged set-based, matched with one join, decided in TypeScript, applied through the
 * ledger (one append of the entries) — on the embedded database (PGlite) and on PostgreSQL (when DATABASE_URL is
 * set). Beside it, in the same run, a bare `COPY` of the same rows (the staged lines exported, loaded into an empty
 * table of the same shape) gives the ceiling: the target is import rows/s ≥ 30 % of COPY rows/s.
 *
 * The persons, their 賦課 (one version, one installment each: 10,500 yen, 納期限 2026-07-31) and the ledger's 調定 are
 * written set-based before the timed import (dummy values only). KAIGO_BENCH_INTAKE_ROWS sets the size (e.g. 100000
 * for a check); KAIGO_BENCH_INTAKE_ONLY=pglite|postgres measures one database only.
 */
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { syncCharges } from '../../server/src/areas/collection/ledger'
import { collectionLedger } from '../../server/src/areas/collection/payments'
import { importPaymentFile } from '../../server/src/areas/collection/payments/intake'
import type { DatabaseHandle } from '../../server/src/core/db/connect'
import { freshDatabase } from '../integration/support/databases'
import { transferResultFile } from '../integration/areas/collection/payments/payment-files'
import type { BenchModule } from './types'
import { count, ms } from './types'

const ROWS = Number(process.env.KAIGO_BENCH_INTAKE_ROWS ?? 200_000)
const ONLY = process.env.KAIGO_BENCH_INTAKE_ONLY
const COPY_RATIO_TARGET = 0.3
const AMOUNT = 10_500
const NOW = new Date('2026-08-03T09:00:00+09:00')

type Db = DatabaseHandle['db']

const insured = (i: number) => `7${String(i).padStart(9, '0')}`

/** N persons in one household, each with one 賦課 version and one 普通徴収 installment, and the ledger's 調定. */
async function seed(db: Db, rows: number) {
  await db.execute(sql`insert into households (household_code, postal_code, town, address)
    values ('B000000001', '160-0022', '新宿', '東京都新宿区新宿一丁目1番1号（検証）')`)
  for (let from = 1; from <= rows; from += 100_000) {
    const to = Math.min(rows, from + 99_999)
    await db.execute(sql`
      insert into persons (resident_code, household_id, relationship, family_name, given_name, family_name_kana,
        given_name_kana, kana_key, name_key, sex, birth_date, individual_number, insured_number, insured_category,
        resident_taxable, total_income, taxable_pension_income, pension_and_other_income, on_public_assistance,
        old_age_welfare_pension)
      select 'B' || lpad(i::text, 11, '0'), (select min(id) from households where household_code = 'B000000001'),
        '本人', '検証', '太郎', 'ケンショウ', 'タロウ', 'ケンショウタロウ', '検証太郎', 'male', '1950-05-05',
        lpad(i::text, 12, '9'), '7' || lpad(i::text, 9, '0'), 1, true, 1000000, 0, 0, false, false
      from generate_series(${from}::int, ${to}::int) i`)
  }
  await db.execute(sql`
    insert into premium_assessments (person_id, fiscal_year, version, reason, liable_months, annual_amount,
      overpaid_amount, table_version, explanation, assessed_on, assessed_at)
    select p.id, 2026, 1, 'initial', 12, 94500, 0, 'bench', '{}'::jsonb, '2026-07-10', now()
    from persons p where p.insured_number like '7%'`)
  await db.execute(sql`
    insert into premium_installments (assessment_id, method, seq, period, amount, due_date)
    select a.id, 'direct', 1, '2026-07', ${AMOUNT}, '2026-07-31' from premium_assessments a
    where a.table_version = 'bench'`)
  await db.transaction((tx) => syncCharges(tx, undefined, { now: NOW, recordedBy: null }))
}

const rowsOf = async (db: Db, table: string) =>
  Number(
    ((await db.execute(sql.raw(`select count(*)::bigint as n from ${table}`))) as unknown as { rows: { n: string }[] })
      .rows[0]!.n,
  )

/** The bare COPY of the staged lines into an empty table of the same shape (PGlite: /dev/blob; PostgreSQL: a file). */
async function bareCopy(handle: DatabaseHandle): Promise<{ rows: number; ms: number }> {
  const db = handle.db
  const table = 'payment_intake_lines'
  const copy = `bench_copy_${table}`
  await db.execute(sql.raw(`create table ${copy} (like ${table} including defaults)`))
  let elapsed: number
  if (handle.pglite) {
    const out = await handle.pglite.query(`copy ${table} to '/dev/blob'`)
    const t0 = performance.now()
    await handle.pglite.query(`copy ${copy} from '/dev/blob'`, [], { blob: out.blob! })
    elapsed = performance.now() - t0
  } else {
    const file = join(tmpdir(), `kaigo-bench-${randomBytes(4).toString('hex')}-${copy}.copy`)
    await db.execute(sql.raw(`copy ${table} to '${file}'`))
    const t0 = performance.now()
    await db.execute(sql.raw(`copy ${copy} from '${file}'`))
    elapsed = performance.now() - t0
    rmSync(file, { force: true })
  }
  const rows = await rowsOf(db, copy)
  await db.execute(sql.raw(`drop table ${copy}`))
  return { rows, ms: elapsed }
}

interface Measured {
  database: string
  rows: number
  seedMs: number
  importMs: number
  applied: number
  entries: number
  copyRows: number
  copyMs: number
  rerunMs: number
}

async function measure(handle: DatabaseHandle, database: string, log: (line: string) => void): Promise<Measured> {
  const db = handle.db
  let t0 = performance.now()
  await seed(db, ROWS)
  if (handle.kind === 'postgres') await db.execute(sql`analyze`)
  const seedMs = performance.now() - t0
  log(`${database}: seeded ${count(ROWS)} installments in ${ms(seedMs)}`)
  const bytes = transferResultFile(
    '0731',
    Array.from({ length: ROWS }, (_, i) => ({
      insuredNumber: insured(i + 1),
      fiscalYear: 2026,
      seq: 1,
      amount: AMOUNT,
      code: '0' as const,
    })),
  )
  const ledger = collectionLedger()
  const input = {
    kind: 'directDebitResult' as const,
    fileName: 'FURIKAE_0731.txt',
    bytes,
    sha256: randomBytes(32).toString('hex'),
    billerCode: '999999',
    dryRun: false,
  }
  t0 = performance.now()
  const result = await db.transaction((tx) => importPaymentFile(tx, ledger, input, { userId: null, now: NOW }))
  const importMs = performance.now() - t0
  log(`${database}: imported ${count(result.applied)} payments in ${ms(importMs)}`)
  const entries = await rowsOf(db, `collection_entries where kind = 'payment'`)
  t0 = performance.now()
  const again = await db.transaction((tx) => importPaymentFile(tx, ledger, input, { userId: null, now: NOW }))
  const rerunMs = performance.now() - t0
  if (again.status !== 'alreadyImported') throw new Error('the same file was applied twice')
  const copy = await bareCopy(handle)
  log(`${database}: bare COPY ${count(copy.rows)} rows in ${ms(copy.ms)}`)
  return {
    database,
    rows: ROWS,
    seedMs,
    importMs,
    applied: result.applied,
    entries,
    copyRows: copy.rows,
    copyMs: copy.ms,
    rerunMs,
  }
}

const perSecond = (rows: number, millis: number) => Math.round(rows / (millis / 1000))

export const collectionIntakeBench: BenchModule = {
  id: 'collection-intake',
  title: '消込: a 口座振替結果 imported and reconciled beside a bare COPY',
  async run({ log }) {
    const failures: string[] = []
    const results: Measured[] = []
    const kinds: { label: string; open(): Promise<DatabaseHandle | null> }[] = [
      { label: 'PGlite', open: () => freshDatabase('pglite') },
      { label: 'PostgreSQL', open: async () => (process.env.DATABASE_URL ? freshDatabase('postgres') : null) },
    ].filter((k) => !ONLY || k.label.toLowerCase() === ONLY)
    for (const kind of kinds) {
      const handle = await kind.open()
      if (!handle) {
        log(`${kind.label}: skipped (DATABASE_URL not set)`)
        continue
      }
      try {
        const m = await measure(handle, kind.label, log)
        results.push(m)
        if (m.applied !== m.rows || m.entries !== m.rows)
          failures.push(`${kind.label}: ${count(m.applied)} applied, ${count(m.entries)} entries of ${count(m.rows)}`)
        const ratio = perSecond(m.rows, m.importMs) / perSecond(m.copyRows, m.copyMs)
        if (ratio < COPY_RATIO_TARGET)
          failures.push(`${kind.label}: import ${(ratio * 100).toFixed(0)} % of COPY < 30 %`)
      } finally {
        await handle.close()
      }
    }
    const markdown = [
      `Every row an exact payment (全銀 口座振替結果, 120-byte records): read and checked, staged (5,000 rows per statement), matched with one join, decided in TypeScript, applied through the ledger — one transaction. The bare COPY loads the same staged lines into an empty table of the same shape. Target: import rows/s ≥ 30 % of COPY rows/s.`,
      '',
      '| Database | rows | seed | import | import rows/s | ledger entries | bare COPY rows/s | import ÷ COPY | same file again |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...results.map((m) => {
        const rate = perSecond(m.rows, m.importMs)
        const copyRate = perSecond(m.copyRows, m.copyMs)
        return `| ${m.database} | ${count(m.rows)} | ${ms(m.seedMs)} | ${ms(m.importMs)} | ${count(rate)} | ${count(m.entries)} | ${count(copyRate)} | ${((rate / copyRate) * 100).toFixed(0)} % | ${ms(m.rerunMs)} |`
      }),
    ].join('\n')
    return { markdown, failures }
  },
}
