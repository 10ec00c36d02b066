import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { excelNameOf, statisticsReportVersions } from '../../../../server/src/areas/statistics'
import { premiumAssessments } from '../../../../server/src/areas/premiums/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import type { Db } from '../../../../server/src/core/db/connect'
import type { AssessmentExplanation } from '../../../../shared/api/premiums'
import { addDays, fiscalYearOf, todayInJapan } from '../../../../shared/domain/dates'
import { newKey, signIn, stepUp } from '../../support/accounts'
import { callRoute } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addLedgerPerson } from '../collection/ledger/ledger-support'

type Cells = Record<string, number | null>
const cellsOf = (body: Record<string, unknown>): Cells =>
  Object.fromEntries(
    (body.tables as { cells: { id: string; value: number | null }[] }[]).flatMap((t) =>
      t.cells.map((c) => [c.id, c.value]),
    ),
  )

/** A 賦課 version written as the assessment stores it: up to two stage intervals ('YYYY-MM' months). */
async function assess(
  db: Db,
  personId: number,
  fiscalYear: number,
  version: number,
  intervals: { stage: number; from: string; to: string }[],
  assessedAt: Date,
) {
  const [i1, i2] = intervals
  await db.insert(premiumAssessments).values({
    personId,
    fiscalYear,
    version,
    reason: version === 1 ? 'initial' : 'incomeCorrection',
    stage1: i1?.stage ?? null,
    stage1From: i1?.from ?? null,
    stage1To: i1?.to ?? null,
    stage1Months: i1 ? 1 : null,
    stage1Amount: i1 ? 1 : null,
    stage2: i2?.stage ?? null,
    stage2From: i2?.from ?? null,
    stage2To: i2?.to ?? null,
    stage2Months: i2 ? 1 : null,
    stage2Amount: i2 ? 1 : null,
    liableMonths: 12,
    annualAmount: 0,
    overpaidAmount: 0,
    tableVersion: 'test',
    taxRecordId: null,
    explanation: {} as AssessmentExplanation,
    assessedOn: assessedAt.toISOString().slice(0, 10),
    assessedAt,
    assessedBy: null,
  })
}

let entrySerial = 0
/** One ledger entry (signed yen: charge +, payment −, writeOff −), recorded at `recordedAt`. */
async function entry(
  db: Db,
  e: {
    personId: number
    fiscalYear: number
    method: 'withholding' | 'direct'
    seq: number
    kind: 'charge' | 'payment' | 'writeOff'
    amount: number
    occurredOn: string
    recordedAt?: Date
  },
) {
  entrySerial++
  const recordedAt = e.recordedAt ?? new Date(`${e.occurredOn}T10:00:00+09:00`)
  await db.execute(sql`insert into collection_entries
    (person_id, fiscal_year, method, installment_seq, kind, amount, occurred_on, channel, source, idempotency_key, recorded_at)
    values (${e.personId}, ${e.fiscalYear}, ${e.method}, ${e.seq}, ${e.kind}, ${e.amount}, ${e.occurredOn}::date,
      ${e.kind === 'charge' ? 'assessment' : e.kind === 'writeOff' ? 'writeOff' : 'bank'}, 'annual report test',
      ${`annual-test-${process.pid}-${entrySerial}`}, ${recordedAt.toISOString()}::timestamptz)`)
}

describe.each(databaseKinds)('事業状況報告 年報 on %s', (kind) => {
  let t: TestServer
  let db: Db
  let supervisor: string
  let year: number
  let cutoff: string
  const ids = { a: 0, b: 0, c: 0 }
  beforeAll(async () => {
    // "Today" is pinned after the 出納閉鎖 of the year reported on, so the default cut-off is its 5月31日.
    t = await startTestServer(kind, 300, { startAt: new Date('2026-12-02T10:00:00+09:00') })
    db = t.database.db as Db
    year = fiscalYearOf(todayInJapan(t.clock.now())) - 1
    cutoff = `${year + 1}-05-31`
    const late = new Date(`${addDays(cutoff, 2)}T10:00:00+09:00`)
    supervisor = await signIn(t, 'kantoku01')
    ids.a = await addLedgerPerson(db)
    ids.b = await addLedgerPerson(db)
    ids.c = await addLedgerPerson(db)
    const start = new Date(`${year}-07-01T09:00:00+09:00`)
    // A: 第5段階 all year; a correction to 第7段階 recorded after the cut-off does not count.
    await assess(db, ids.a, year, 1, [{ stage: 5, from: `${year}-04`, to: `${year + 1}-03` }], start)
    await assess(db, ids.a, year, 2, [{ stage: 7, from: `${year}-04`, to: `${year + 1}-03` }], late)
    // B: 第3段階 until September, 第4段階 from October — counted in 第4段階 (the stage of March).
    await assess(
      db,
      ids.b,
      year,
      1,
      [
        { stage: 3, from: `${year}-04`, to: `${year}-09` },
        { stage: 4, from: `${year}-10`, to: `${year + 1}-03` },
      ],
      start,
    )
    // C: liable April to August only — not insured at the year's end, not counted.
    await assess(db, ids.c, year, 1, [{ stage: 9, from: `${year}-04`, to: `${year}-08` }], start)

    const y = year
    const { a, b, c } = ids
    type Row = [number, number, 'withholding' | 'direct', number, 'charge' | 'payment' | 'writeOff', number, string]
    // person, 年度, 徴収方法, 期, kind, signed yen, occurredOn
    const ledger: Row[] = [
      // 現年度分 普通徴収: A 期1 paid in full, A 期2 overpaid by 2,000, A 期3 paid only after the cut-off, B 期1 unpaid.
      [a, y, 'direct', 1, 'charge', 10_000, `${y}-07-01`],
      [a, y, 'direct', 1, 'payment', -10_000, `${y}-07-31`],
      [a, y, 'direct', 2, 'charge', 10_000, `${y}-07-01`],
      [a, y, 'direct', 2, 'payment', -12_000, `${y}-08-31`],
      [a, y, 'direct', 3, 'charge', 4_000, `${y}-07-01`],
      [b, y, 'direct', 1, 'charge', 5_000, `${y}-07-01`],
      // 現年度分 特別徴収: B 8,000 withheld in full.
      [b, y, 'withholding', 1, 'charge', 8_000, `${y}-04-01`],
      [b, y, 'withholding', 1, 'payment', -8_000, `${y}-04-15`],
      // 滞納繰越分: C's 6,000 of the year before, 1,000 paid in the year, 2,000 written off (時効) in March.
      [c, y - 1, 'direct', 3, 'charge', 6_000, `${y - 1}-07-01`],
      [c, y - 1, 'direct', 3, 'payment', -1_000, `${y}-06-10`],
      [c, y - 1, 'direct', 3, 'writeOff', -2_000, `${y + 1}-03-01`],
    ]
    for (const [personId, fiscalYear, method, seq, kind, amount, occurredOn] of ledger)
      await entry(db, { personId, fiscalYear, method, seq, kind, amount, occurredOn })
    // A 期3's 4,000 arrived in March but was recorded only after the cut-off.
    await entry(db, {
      personId: a,
      fiscalYear: y,
      method: 'direct',
      seq: 3,
      kind: 'payment',
      amount: -4_000,
      occurredOn: `${y + 1}-03-20`,
      recordedAt: late,
    })
  }, 180_000)
  afterAll(async () => {
    await t?.close()
  })

  describe('所得段階別 第1号被保険者数: the latest 賦課 as known at the cut-off, in the stage of the year’s last month', () => {
    it('counts A in 第5段階 (its correction came later), B in 第4段階, and not C (liable only until August)', async () => {
      const r = await callRoute(t, 'statistics.annualReport', { fiscalYear: year, cutoffOn: null }, supervisor)
      expect(r.status).toBe(200)
      expect(r.body.cutoffOn).toBe(cutoff)
      expect(r.body.baseDate).toBe(`${year + 1}-03-31`)
      const cells = cellsOf(r.body)
      expect(cells['stages.5']).toBe(1)
      expect(cells['stages.4']).toBe(1)
      expect(cells['stages.3']).toBe(0)
      expect(cells['stages.7']).toBe(0)
      expect(cells['stages.9']).toBe(0)
      expect(cells['stages.total']).toBe(2)
    })
  })

  describe('保険料収納状況: the ledger up to 3月31日 as known at the cut-off, 収入未済 and 還付未済 apart', () => {
    // Figures by hand from the entries above: 普通徴収 調定 10,000 + 10,000 + 4,000 + 5,000 = 29,000; 収入済
    // 10,000 + 12,000 = 22,000 (A 期3's payment was recorded after the cut-off); 収入未済 4,000 + 5,000; 還付未済
    // 2,000 (A 期2); 収納率 22,000 / 29,000 = 75.86 % (truncated to 0.01 %).
    it('gives every figure to the yen and the rate truncated', async () => {
      const r = await callRoute(t, 'statistics.annualReport', { fiscalYear: year, cutoffOn: null }, supervisor)
      const c = cellsOf(r.body)
      expect([
        c['collection.current.direct.charged'],
        c['collection.current.direct.collected'],
        c['collection.current.direct.writtenOff'],
        c['collection.current.direct.outstanding'],
        c['collection.current.direct.refundOutstanding'],
        c['collection.current.direct.rate'],
      ]).toEqual([29_000, 22_000, 0, 9_000, 2_000, 7_586])
      expect([
        c['collection.current.withholding.charged'],
        c['collection.current.withholding.collected'],
        c['collection.current.withholding.outstanding'],
        c['collection.current.withholding.rate'],
      ]).toEqual([8_000, 8_000, 0, 10_000])
      // 滞納繰越分: 6,000 carried, 1,000 paid, 2,000 不納欠損, 3,000 left; 1,000 / 6,000 = 16.66 %.
      expect([
        c['collection.arrears.all.charged'],
        c['collection.arrears.all.collected'],
        c['collection.arrears.all.writtenOff'],
        c['collection.arrears.all.outstanding'],
        c['collection.arrears.all.rate'],
      ]).toEqual([6_000, 1_000, 2_000, 3_000, 1_666])
      // 合計: 43,000 調定, 31,000 収入済, 31,000 / 43,000 = 72.09 %.
      expect([
        c['collection.total.charged'],
        c['collection.total.collected'],
        c['collection.total.writtenOff'],
        c['collection.total.outstanding'],
        c['collection.total.refundOutstanding'],
        c['collection.total.rate'],
      ]).toEqual([43_000, 31_000, 2_000, 12_000, 2_000, 7_209])
      const checks = r.body.checks as { id: string; ok: boolean; blocking: boolean }[]
      expect(checks.filter((k) => k.blocking && !k.ok)).toEqual([])
    })

    it('counts the late payment once the cut-off includes its recording', async () => {
      const later = addDays(cutoff, 3)
      const r = await callRoute(t, 'statistics.annualReport', { fiscalYear: year, cutoffOn: later }, supervisor)
      const c = cellsOf(r.body)
      expect(c['collection.current.direct.collected']).toBe(26_000)
      expect(c['stages.7']).toBe(1)
      expect(c['stages.5']).toBe(0)
    })
  })

  describe('drill-down, submission and files', () => {
    it('drills from a cell to its persons, audited with every person as target', async () => {
      const stage = await callRoute(
        t,
        'statistics.annualDrillDown',
        { fiscalYear: year, cutoffOn: null, cellId: 'stages.4' },
        supervisor,
      )
      expect(stage.status).toBe(200)
      expect((stage.body.rows as { personId: number }[]).map((r) => r.personId)).toEqual([ids.b])
      const refund = await callRoute(
        t,
        'statistics.annualDrillDown',
        { fiscalYear: year, cutoffOn: null, cellId: 'collection.current.direct.refundOutstanding' },
        supervisor,
      )
      const rows = refund.body.rows as { personId: number; detail: string }[]
      expect(rows).toEqual([expect.objectContaining({ personId: ids.a, detail: '2,000円' })])
      const audits = await db.select().from(auditLog).where(eq(auditLog.action, 'statistics.annualDrillDown'))
      expect(audits.map((a) => [...a.targetIds])).toEqual([[ids.b], [ids.a]])
    })

    it('refuses a year not yet ended with the reason, and a clerk without statistics.read', async () => {
      const today = todayInJapan(t.clock.now())
      const open = await callRoute(
        t,
        'statistics.annualReport',
        { fiscalYear: fiscalYearOf(today), cutoffOn: null },
        supervisor,
      )
      expect(open.status).toBe(400)
      expect(String(open.body.detail ?? open.body.title)).toMatch(/年度はまだ終わっていません/)
      const clerk = await signIn(t, 'shikaku01')
      const refused = await callRoute(t, 'statistics.annualReport', { fiscalYear: year, cutoffOn: null }, clerk)
      expect(refused.status).toBe(403)
    })

    it('is submitted by a 監督者 after step-up, and the file of the version prints its stored cells', async () => {
      const withoutStepUp = await callRoute(
        t,
        'statistics.annualSubmit',
        { idempotencyKey: newKey(), fiscalYear: year, cutoffOn: null },
        supervisor,
      )
      expect(withoutStepUp.code).toBe('stepUpRequired')
      await stepUp(t, 'kantoku01', supervisor)
      const submitted = await callRoute(
        t,
        'statistics.annualSubmit',
        { idempotencyKey: newKey(), fiscalYear: year, cutoffOn: null },
        supervisor,
      )
      expect(submitted.status).toBe(200)
      expect(submitted.body.version).toBe(1)
      const [v] = await db
        .select()
        .from(statisticsReportVersions)
        .where(eq(statisticsReportVersions.period, String(year)))
      expect(v!.kind).toBe('annual')
      expect(v!.cells['collection.total.charged']).toBe(43_000)

      const file = await callRoute(
        t,
        'statistics.annualReportFile',
        { fiscalYear: year, versionId: v!.id, format: 'xlsx' },
        supervisor,
      )
      expect(file.status).toBe(200)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(Buffer.from(String(file.body.contentBase64), 'base64') as unknown as ArrayBuffer)
      const ws = wb.getWorksheet('年報')!
      for (const id of ['stages.total', 'collection.total.charged', 'collection.current.direct.refundOutstanding']) {
        const address = wb.definedNames.getRanges(excelNameOf(id)).ranges[0]!.split('!')[1]!.replace(/\$/g, '')
        expect(ws.getCell(address).value, id).toBe(v!.cells[id])
      }
      const pdf = await callRoute(
        t,
        'statistics.annualReportFile',
        { fiscalYear: year, versionId: v!.id, format: 'pdf' },
        supervisor,
      )
      const dir = mkdtempSync(join(tmpdir(), 'kaigo-nenpo-'))
      writeFileSync(join(dir, 'r.pdf'), Buffer.from(String(pdf.body.contentBase64), 'base64'))
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
      expect(text).toContain('介護保険事業状況報告（年報）')
      expect(text).toContain('43,000')
      expect(text).toContain('第1版')
    })
  })
})
