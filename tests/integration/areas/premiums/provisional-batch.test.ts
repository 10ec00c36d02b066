import { randomUUID } from 'node:crypto'
import { and, desc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  parsePensionWithholdingFile,
  pensionWithholdingRequests,
  type DataRecord,
} from '../../../../server/src/areas/premiums'
import { pensionExchangeApprovals } from '../../../../server/src/areas/premiums/pension-withholding/schema'
import { premiumAssessments } from '../../../../server/src/areas/premiums/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import type { BatchRunDetail } from '../../../../shared/api/premium-batches'
import type { PensionRequestsExportResult } from '../../../../shared/api/pension-withholding'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { sqlError } from '../../support/sql-error'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addInsuredWard } from './batches-support'
import { addHousehold, addMember, addPreviousYearWithholding, addTaxRecord, addWithholdingTarget } from './household'

/** Persons of the test's own small ward: each alone in a household, 非課税, no pension record → 普通徴収. */
const WARD = 30

/**
 * The 仮算定 (April) as a batch through the real server — dry run, a different 監督者's sign-off, commit — then the
 * 本算定 (July) whose 平準化 changes the August 仮徴収, the 仮徴収額変更 (Z1A, notice 61) generated from it, and the
 * 監督者's sign-off before any 依頼 / 異動 file may leave for the pension insurers.
 *
 * Figures by hand: 仮徴収 = the previous year's February 特別徴収 in April, June and August (介護保険法第140条第1項;
 * docs/sources/domain.md §3.6); 特別徴収 from a pension of 180,000円 a year (以上; 施行令第41条); a 仮徴収 above one
 * payment of the pension (年金額 ÷ 6) is not withheld (shared/domain/special-withholding.ts); 普通徴収 starts in July
 * with the 本算定 (新宿区: 9 納期 July–March, docs/sources/domain.md §3.6), so the 仮算定 gives a 普通徴収 person no
 * installment at all. 本算定: 基準額 79,200円 (SHINJUKU_BASE_PREMIUM [S22]) × 1.2 (stage 6, 合計所得 1,000,000 課税;
 * 施行令38条) = 95,040; 平準化 from a 1,000円 difference: August = (年額 − April − June) ÷ 4 in 100-yen units
 * (SHINJUKU_WITHHOLDING ⚠️, [S33]). The 61 record carries April, June, August as 各種金額 1–3 ⚠️
 * (docs/sources/interfaces.md §2.3).
 */
describe.each(databaseKinds)('仮算定 batch, 仮徴収額変更 and the sign-off of the 依頼 file on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let supervisor: string
  /** 年金 600,000, February 8,000 → 仮徴収 8,000 × 3. */
  let a: { id: number }
  /** 年金 180,000 (the threshold, 以上), February 7,500 → 仮徴収 7,500 × 3. */
  let b: { id: number }
  /** 年金 179,999 (below the threshold), February 8,000 → 普通徴収, no 仮徴収. */
  let c: { id: number }
  /** 年金 180,000, February 30,000 = one payment (180,000 ÷ 6) → withheld: 30,000 × 3. */
  let f: { id: number }
  /** 年金 180,000, February 30,010 > one payment 30,000 → not withheld. */
  let e: { id: number }
  const advanceTo = (iso: string) => t.clock.advance((Date.parse(iso) - t.clock.now().getTime()) / 1000)
  const keyed = new Set([
    'premiums.batchDryRun',
    'premiums.batchApprove',
    'premiums.batchCommit',
    'premiums.exportWithholdingRequests',
    'premiums.withholdingFileApprove',
  ])
  const call = (name: Parameters<typeof callRoute>[1], input: Record<string, unknown>, token: string) =>
    callRoute(t, name, keyed.has(name) ? { idempotencyKey: randomUUID(), ...input } : input, token)
  const dryRun = async (batch: 'provisional' | 'final') => {
    const answer = await call('premiums.batchDryRun', { kind: batch, fiscalYear: 2026 }, clerk)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return answer.body as unknown as BatchRunDetail
  }
  const approveRun = async (runId: number) => {
    await stepUp(t, 'kantoku01', supervisor)
    return call('premiums.batchApprove', { runId }, supervisor)
  }
  const commitAll = async (runId: number) => {
    for (let i = 0; i < 20; i++) {
      const answer = await call('premiums.batchCommit', { runId }, clerk)
      expect(answer.status, JSON.stringify(answer.body)).toBe(200)
      if ((answer.body as { status: string }).status === 'committed') return
    }
    throw new Error('the commit never finished')
  }
  const withholding = async (personId: number) =>
    (
      (await t.database.db.execute(sql`
        select i.period, i.amount, i.method, a.reason from premium_installments i
        join premium_assessments a on a.id = i.assessment_id
        where a.person_id = ${personId} and a.fiscal_year = 2026
          and a.version = (select max(version) from premium_assessments x where x.person_id = a.person_id and x.fiscal_year = 2026)
        order by i.seq, i.method`)) as unknown as {
        rows: { period: string; amount: number; method: string; reason: string }[]
      }
    ).rows.map((r) => [r.reason, r.method, r.period, Number(r.amount)])
  const versionsOf = async (personId: number) =>
    t.database.db
      .select({ version: premiumAssessments.version })
      .from(premiumAssessments)
      .where(and(eq(premiumAssessments.personId, personId), eq(premiumAssessments.fiscalYear, 2026)))
  const exportFile = async (
    exportKind: 'requests' | 'changes' | 'provisionalChanges',
    dryRun = false,
    token = clerk,
  ) => {
    const answer = await call(
      'premiums.exportWithholdingRequests',
      { fiscalYear: 2026, kind: exportKind, dryRun },
      token,
    )
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return answer.body as unknown as PensionRequestsExportResult
  }

  beforeAll(async () => {
    t = await startTestServer(kind, 100, { startAt: new Date('2026-04-10T09:00:00+09:00') })
    await addInsuredWard(t.database.db, { count: WARD, prefix: '63', fiscalYear: 2026 })
    const insured = async () =>
      addMember(t, await addHousehold(t), '1950-05-05', [
        { kind: 'acquisition', on: '2015-05-04', reason: 'reachingAge65', recordedAt: '2015-05-04T09:00:00+09:00' },
      ])
    a = await insured()
    b = await insured()
    c = await insured()
    e = await insured()
    f = await insured()
    await addWithholdingTarget(t, a.id, 2026, { pensionAmount: 600_000, category: '02' })
    await addWithholdingTarget(t, b.id, 2026, { pensionAmount: 180_000, category: '02' })
    await addWithholdingTarget(t, c.id, 2026, { pensionAmount: 179_999, category: '02' })
    await addWithholdingTarget(t, e.id, 2026, { pensionAmount: 180_000, category: '02' })
    await addWithholdingTarget(t, f.id, 2026, { pensionAmount: 180_000, category: '02' })
    await addPreviousYearWithholding(t, a.id, 2025, 8_000)
    await addPreviousYearWithholding(t, b.id, 2025, 7_500)
    await addPreviousYearWithholding(t, c.id, 2025, 8_000)
    await addPreviousYearWithholding(t, e.id, 2025, 30_010)
    await addPreviousYearWithholding(t, f.id, 2025, 30_000)
    clerk = await signIn(t, 'fuka01')
    supervisor = await signIn(t, 'kantoku01')
  }, 240_000)
  afterAll(() => t.close())

  describe('仮算定 batch: 仮徴収 = the previous February for 特別徴収 persons, nothing for 普通徴収 persons', () => {
    let runId = 0
    it('the dry run stages a version for the three withheld persons only and writes no assessment', async () => {
      const run = await dryRun('provisional')
      runId = run.summary.id
      // a 8,000 × 3 + b 7,500 × 3 + f 30,000 × 3 = 24,000 + 22,500 + 90,000 = 136,500
      expect(run.summary).toMatchObject({
        kind: 'provisional',
        status: 'awaitingApproval',
        asOf: '2026-04-10',
        persons: 3,
        newVersions: 3,
        changed: 3,
        refused: 0,
        totalAmount: 136_500,
        totalChunks: 1,
      })
      expect(run.diff.rows.map((r) => [r.personId, r.oldAnnual, r.newAnnual, r.newStage]).sort()).toEqual(
        [
          [a.id, null, 24_000, null],
          [b.id, null, 22_500, null],
          [f.id, null, 90_000, null],
        ].sort(),
      )
      expect(Number((await t.database.db.select({ n: sql<number>`count(*)` }).from(premiumAssessments))[0]!.n)).toBe(
        5, // the five previous-year (2025) versions of the set-up only
      )
    })

    it('the preparer cannot sign it off; a different 監督者 after a step-up can', async () => {
      expect((await call('premiums.batchApprove', { runId }, clerk)).status).toBe(403)
      const approved = await approveRun(runId)
      expect(approved.status, JSON.stringify(approved.body)).toBe(200)
      expect(approved.body).toMatchObject({ status: 'approved', approvedBy: '検証 四季' })
    })

    it('the commit writes 仮徴収 of April, June and August equal to the previous February', async () => {
      await commitAll(runId)
      expect(await withholding(a.id)).toEqual([
        ['provisional', 'withholding', '2026-04', 8_000],
        ['provisional', 'withholding', '2026-06', 8_000],
        ['provisional', 'withholding', '2026-08', 8_000],
      ])
      expect(await withholding(b.id)).toEqual([
        ['provisional', 'withholding', '2026-04', 7_500],
        ['provisional', 'withholding', '2026-06', 7_500],
        ['provisional', 'withholding', '2026-08', 7_500],
      ])
      expect(await withholding(f.id)).toEqual([
        ['provisional', 'withholding', '2026-04', 30_000],
        ['provisional', 'withholding', '2026-06', 30_000],
        ['provisional', 'withholding', '2026-08', 30_000],
      ])
    })

    it('a pension of 179,999, a February above one payment and the ward’s 普通徴収 persons get no 2026 version', async () => {
      expect(await versionsOf(c.id)).toEqual([])
      expect(await versionsOf(e.id)).toEqual([])
      const ward = (await t.database.db.execute(sql`
        select count(*) as n from premium_assessments a join persons p on p.id = a.person_id
        where p.resident_code like '63%' and length(p.resident_code) = 10`)) as unknown as { rows: { n: number }[] }
      expect(Number(ward.rows[0]!.n)).toBe(0)
    })

    it('a second 仮算定 finds nothing to change', async () => {
      const again = await dryRun('provisional')
      expect(again.summary).toMatchObject({ newVersions: 0, unchanged: 3, totalChunks: 0 })
    })
  })

  describe('仮徴収額変更 (Z1A, 61): from the 本算定 whose 平準化 changed August', () => {
    let fileId = 0
    it(
      'the 本算定 batch levels August for a and b; f has no tax record and keeps its 仮算定',
      { timeout: 120_000 },
      async () => {
        advanceTo('2026-07-10T09:00:00+09:00')
        clerk = await signIn(t, 'fuka01')
        supervisor = await signIn(t, 'kantoku01')
        // e and f have no tax record of 2026: the 本算定 refuses them and f keeps its 仮算定.
        for (const p of [a, b, c]) await addTaxRecord(t, p.id, 2026, { taxable: true, totalIncome: 1_000_000 })
        const run = await dryRun('final')
        expect((await approveRun(run.summary.id)).status).toBe(200)
        await commitAll(run.summary.id)
        // a: 95,040; August = (95,040 − 8,000 − 8,000) ÷ 4 = 19,760 → 19,700
        expect((await withholding(a.id)).filter(([, m, p]) => m === 'withholding' && p <= '2026-08')).toEqual([
          ['initial', 'withholding', '2026-04', 8_000],
          ['initial', 'withholding', '2026-06', 8_000],
          ['initial', 'withholding', '2026-08', 19_700],
        ])
        // b: August = (95,040 − 7,500 − 7,500) ÷ 4 = 20,010 → 20,000
        expect((await withholding(b.id)).filter(([, m, p]) => m === 'withholding' && p <= '2026-08')).toEqual([
          ['initial', 'withholding', '2026-04', 7_500],
          ['initial', 'withholding', '2026-06', 7_500],
          ['initial', 'withholding', '2026-08', 20_000],
        ])
        expect((await withholding(f.id))[0]![0]).toBe('provisional')
      },
    )

    it('the dry run lists a 61 for each person whose 仮徴収 changed, with the amounts the insurer has', async () => {
      const dry = await exportFile('provisionalChanges', true)
      expect(dry).toMatchObject({ status: 'dryRun', records: 2, totalAmount: 35_700 + 35_000, contentBase64: null })
      expect(dry.lines).toEqual([
        {
          personId: a.id,
          noticeCode: '61',
          category: '00',
          amounts: [8_000, 8_000, 19_700],
          previousAmounts: [8_000, 8_000, 8_000],
        },
        {
          personId: b.id,
          noticeCode: '61',
          category: '00',
          amounts: [7_500, 7_500, 20_000],
          previousAmounts: [7_500, 7_500, 7_500],
        },
      ])
      expect(dry.skipped).toEqual([])
    })

    it('the export records what it asks per person and month, and holds the file back for the sign-off', async () => {
      const result = await exportFile('provisionalChanges')
      expect(result).toMatchObject({ status: 'awaitingApproval', records: 2, fileName: 'Z1A26001.dta' })
      expect(result.contentBase64).toBeNull()
      fileId = result.fileId!
      const sent = await t.database.db
        .select()
        .from(pensionWithholdingRequests)
        .where(eq(pensionWithholdingRequests.personId, a.id))
      expect(sent.map((s) => [s.noticeCode, s.category, s.period, s.amount])).toEqual([
        ['61', '00', '2026-04', 8_000],
        ['61', '00', '2026-06', 8_000],
        ['61', '00', '2026-08', 19_700],
      ])
      expect(await exportFile('provisionalChanges')).toMatchObject({ status: 'nothingToSend', records: 0 })
    })

    it('the download before the sign-off is refused with the reason', async () => {
      const refused = await call('premiums.withholdingFileDownload', { fileId }, clerk)
      expect(refused).toMatchObject({ status: 409, code: 'awaitingApproval' })
      expect(refused.body.title).toBe('この特別徴収の送付ファイルは監督者の承認前です。承認後に取り出せます')
    })

    it('the sign-off: not the clerk, not without a step-up; then the file round-trips to the recorded amounts', async () => {
      expect((await call('premiums.withholdingFileApprove', { fileId }, clerk)).status).toBe(403)
      supervisor = await signIn(t, 'kantoku01')
      expect(await call('premiums.withholdingFileApprove', { fileId }, supervisor)).toMatchObject({
        status: 403,
        code: 'stepUpRequired',
      })
      await stepUp(t, 'kantoku01', supervisor)
      const approved = await call('premiums.withholdingFileApprove', { fileId }, supervisor)
      expect(approved.status, JSON.stringify(approved.body)).toBe(200)
      expect(approved.body).toMatchObject({ fileId, fileName: 'Z1A26001.dta', status: 'approved', records: 2 })
      expect((await call('premiums.withholdingFileApprove', { fileId }, supervisor)).status).toBe(409)

      const download = await call('premiums.withholdingFileDownload', { fileId }, clerk)
      expect(download.status).toBe(200)
      const parsed = parsePensionWithholdingFile(Buffer.from(String(download.body.contentBase64), 'base64'), {
        fileKind: 'changes',
      })
      expect(parsed.ok).toBe(true)
      const data = parsed.ok ? parsed.records.filter((r): r is DataRecord => r.kind === 'data') : []
      // addWithholdingTarget: 基礎年金番号 = the last ten digits of 1,000,000,000 + personId
      const pensionNumber = (id: number) => String(1_000_000_000 + id).slice(-10)
      expect(
        data.map((r) => [r.basicPensionNumber, r.noticeCode, r.category, r.amount1, r.amount2, r.amount3]),
      ).toEqual([
        [pensionNumber(a.id), '61', '00', 8_000, 8_000, 19_700],
        [pensionNumber(b.id), '61', '00', 7_500, 7_500, 20_000],
      ])
      const trailer = parsed.ok ? parsed.records.find((r) => r.kind === 'trailer') : undefined
      expect(trailer).toMatchObject({ dataCount: 2, totalAmount1: 15_500, totalAmount2: 15_500, totalAmount3: 39_700 })
      const [audit] = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'premiums.withholdingFileApprove'), eq(auditLog.outcome, 'ok')))
        .orderBy(desc(auditLog.seq))
        .limit(1)
      expect([...(audit!.targetIds as number[])].sort()).toEqual([a.id, b.id].sort())
    })

    it('the sign-off is append-only', async () => {
      expect(await sqlError(t.database.db.delete(pensionExchangeApprovals))).toContain(
        'pension_exchange_approvals is append-only (DELETE refused)',
      )
    })

    it('the 仮徴収額変更 sent does not count as a 依頼: the 本徴収 依頼 still names a and b', async () => {
      const dry = await exportFile('requests', true)
      const ours = new Set([a.id, b.id, c.id, e.id, f.id])
      expect(
        dry.lines
          .filter((l) => ours.has(l.personId))
          .map((l) => [l.personId, l.noticeCode])
          .sort(),
      ).toEqual(
        [
          [a.id, '01'],
          [b.id, '01'],
        ].sort(),
      )
    })

    it('a preparer holding both roles cannot sign off their own 依頼 file', async () => {
      const both = await provisionUser(t, { roles: ['premiumClerk', 'supervisor'] })
      const token = await signIn(t, both.loginId)
      const own = await exportFile('requests', false, token)
      expect(own.status).toBe('awaitingApproval')
      await stepUp(t, both.loginId, token)
      const refused = await call('premiums.withholdingFileApprove', { fileId: own.fileId }, token)
      expect(refused).toMatchObject({ status: 403, code: 'fourEyes' })
      expect(refused.body.title).toBe('送付ファイルを作成した職員は承認できません（別の監督者が承認してください）')
    })
  })
})
