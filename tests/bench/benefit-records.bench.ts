/**
 * 給付実績 import benchmark: a month of 給付実績情報 at Shinjuku scale (12,000 recipients → about 60,000 明細) imported
 * through the real importer (the whole file parsed and checked, then written set-based in one transaction:
 * docs/benefits.md §3), beside a bare `COPY` of the same rows (the claims and 明細 written, exported and loaded into
 * empty tables of the same shape) — the target: import rows/s ≥ 30 % of COPY rows/s. Then the re-import of the same
 * file (nothing written). On PGlite and, when DATABASE_URL is set, PostgreSQL.
 *
 * KAIGO_BENCH_BENEFIT_SCALE=10 multiplies the recipients (120,000 → about 600,000 明細); the default is 1.
 */
import { createHash, randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { importBenefitRecordFile } from '../../server/src/areas/benefits'
import { openDatabase, type DatabaseHandle } from '../../server/src/core/db/connect'
import { generateBenefitRecordFile, type BenefitRecipient } from '../../server/src/demo/benefit-records'
import { SHINJUKU_INSURER_NUMBER } from '../../shared/domain'
import { openBenchPostgres } from './databases'
import type { BenchModule } from './types'
import { count, ms } from './types'

const RECIPIENTS = 12_000 * Number(process.env.KAIGO_BENCH_BENEFIT_SCALE ?? 1)
const MONTH = '2025-10'
const NOW = new Date('2025-12-10T09:00:00+09:00')
const TARGET = 0.3
const LEVELS = ['12', '13', '21', '22', '23', '24', '25']

const rowsIn = async (db: DatabaseHandle['db'], table: string) =>
  Number(
    ((await db.execute(sql.raw(`select count(*)::bigint as n from ${table}`))) as unknown as { rows: { n: string }[] })
      .rows[0]!.n,
  )

/** The recipients as persons (dummy, set-based): 被保険者番号 0090000001…. */
async function seedRecipients(db: DatabaseHandle['db'], n: number): Promise<BenefitRecipient[]> {
  await db.execute(sql`insert into households (household_code, postal_code, town, address)
    select 'BH' || g, '1600022', '新宿', '新宿1-1-' || g from generate_series(1, ${n}) g`)
  await db.execute(sql`insert into persons (resident_code, household_id, relationship, family_name, given_name,
      family_name_kana, given_name_kana, kana_key, name_key, sex, birth_date, individual_number, insured_number,
      resident_taxable, total_income, taxable_pension_income, pension_and_other_income, on_public_assistance,
      old_age_welfare_pension)
    select 'BR' || g, h.id, '本人', '検証', '給付' || g, 'ケンショウ', 'キュウフ', 'ケンショウキュウフ', '検証給付', 'female',
      '1940-04-01', '9' || lpad(g::text, 11, '0'), '009' || lpad(g::text, 7, '0'), false, 0, 0, 0, false, false
    from generate_series(1, ${n}) g join households h on h.household_code = 'BH' || g`)
  return Array.from({ length: n }, (_, i) => ({
    insuredNumber: `009${String(i + 1).padStart(7, '0')}`,
    levelCode: LEVELS[i % LEVELS.length]!,
    birthDate: '1940-04-01',
    sex: '2',
    copayRate: i % 10 === 0 ? 2 : 1,
  }))
}

async function bareCopy(handle: DatabaseHandle): Promise<{ rows: number; ms: number }> {
  const db = handle.db
  let rows = 0
  let total = 0
  for (const table of ['benefit_records', 'benefit_record_details']) {
    const copy = `bench_copy_${table}`
    await db.execute(sql.raw(`drop table if exists ${copy}`))
    await db.execute(sql.raw(`create table ${copy} (like ${table} including defaults including indexes)`))
    if (handle.pglite) {
      const out = await handle.pglite.query(`copy ${table} to '/dev/blob'`)
      const t0 = performance.now()
      await handle.pglite.query(`copy ${copy} from '/dev/blob'`, [], { blob: out.blob! })
      total += performance.now() - t0
    } else {
      const file = join(tmpdir(), `kaigo-bench-${randomBytes(4).toString('hex')}-${copy}.copy`)
      await db.execute(sql.raw(`copy ${table} to '${file}'`))
      const t0 = performance.now()
      await db.execute(sql.raw(`copy ${copy} from '${file}'`))
      total += performance.now() - t0
      rmSync(file, { force: true })
    }
    rows += await rowsIn(db, copy)
    await db.execute(sql.raw(`drop table ${copy}`))
  }
  return { rows, ms: total }
}

interface Measured {
  claims: number
  details: number
  bytes: number
  importMs: number
  rows: number
  copyRows: number
  copyMs: number
  reimportMs: number
  reimportStatus: string
}

async function measure(handle: DatabaseHandle, log: (line: string) => void): Promise<Measured> {
  const recipients = await seedRecipients(handle.db, RECIPIENTS)
  if (handle.kind === 'postgres') await handle.db.execute(sql`analyze`)
  const file = generateBenefitRecordFile(recipients, { month: MONTH, seed: 20251 })
  const sha256 = createHash('sha256').update(file.bytes).digest('hex')
  const input = {
    fileName: 'KYUFU_BENCH.csv',
    bytes: file.bytes,
    sha256,
    insurerNumber: SHINJUKU_INSURER_NUMBER,
    dryRun: false,
  }
  log(
    `${handle.kind}: file ${count(file.claims)} claims, ${count(file.details)} 明細, ${count(file.bytes.length)} bytes`,
  )
  let t0 = performance.now()
  await handle.db.transaction((tx) => importBenefitRecordFile(tx, input, { userId: null, now: NOW }))
  const importMs = performance.now() - t0
  const rows = (await rowsIn(handle.db, 'benefit_records')) + (await rowsIn(handle.db, 'benefit_record_details'))
  log(`${handle.kind}: import ${count(rows)} rows in ${ms(importMs)}`)
  const copy = await bareCopy(handle)
  log(`${handle.kind}: COPY ${count(copy.rows)} rows in ${ms(copy.ms)}`)
  t0 = performance.now()
  const again = await handle.db.transaction((tx) => importBenefitRecordFile(tx, input, { userId: null, now: NOW }))
  const reimportMs = performance.now() - t0
  return {
    claims: file.claims,
    details: file.details,
    bytes: file.bytes.length,
    importMs,
    rows,
    copyRows: copy.rows,
    copyMs: copy.ms,
    reimportMs,
    reimportStatus: again.status,
  }
}

export const benefitRecordsBench: BenchModule = {
  id: 'benefit-records',
  title: '給付実績 import (a month, Shinjuku scale) beside COPY',
  async run({ log, tmpDir }) {
    const failures: string[] = []
    const lines = [
      `${count(RECIPIENTS)} recipients (KAIGO_BENCH_BENEFIT_SCALE=10 for 10×), service month ${MONTH}. Import = parse + check the whole file + write claims and 明細 set-based in one transaction; COPY = the same rows into bare tables of the same shape.`,
      '',
      '| database | claims | 明細 | file | import | rows/s | COPY | rows/s | import ÷ COPY | re-import |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ]
    const kinds: (() => Promise<DatabaseHandle | null>)[] = [
      () => openDatabase({ dataDir: join(tmpDir, 'pglite') }),
      openBenchPostgres,
    ]
    for (const open of kinds) {
      const handle = await open()
      if (!handle) continue
      try {
        const m = await measure(handle, log)
        const rate = m.rows / (m.importMs / 1000)
        const copyRate = m.copyRows / (m.copyMs / 1000)
        const ratio = rate / copyRate
        lines.push(
          `| ${handle.kind} | ${count(m.claims)} | ${count(m.details)} | ${(m.bytes / 1_048_576).toFixed(1)} MiB | ${ms(m.importMs)} | ${count(Math.round(rate))} | ${ms(m.copyMs)} | ${count(Math.round(copyRate))} | ${(ratio * 100).toFixed(0)} % | ${m.reimportStatus} in ${ms(m.reimportMs)} |`,
        )
        log(lines.at(-1)!)
        if (ratio < TARGET) failures.push(`${handle.kind}: import ${(ratio * 100).toFixed(0)} % of COPY < 30 %`)
        if (m.reimportStatus !== 'alreadyImported') failures.push(`${handle.kind}: re-import ${m.reimportStatus}`)
      } finally {
        await handle.close()
      }
    }
    return { markdown: lines.join('\n'), failures }
  },
}
