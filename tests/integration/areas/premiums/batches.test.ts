import { randomUUID } from 'node:crypto'
import { and, desc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { premiumBatchChunks } from '../../../../server/src/areas/premiums/batches/schema'
import { premiumAssessments } from '../../../../server/src/areas/premiums/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import type { BatchRunDetail } from '../../../../shared/api/premium-batches'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addInsuredWard, seedResidentTaxFromPersons } from './batches-support'
import { addHousehold, addMember, residentTaxCsv, taxedRecord, type ResidentTaxRow } from './household'

/** Persons of the test's own ward (each alone in a household, 非課税, no income): more than one chunk of 1,000. */
const WARD = 1_200

/**
 * 賦課バッチ through the real server: the 本算定 dry run with its diff, the 監督者's sign-off by a second person
 * (never the preparer, only after a step-up, refused when an input changed since the dry run), the commit in chunks
 * of 1,000 persons, the re-run that changes nothing, the rejection, and the 異動賦課 that reassesses only the persons
 * with a change. Expected yen by hand from the dated tables: 新宿区 基準額 79,200円 (SHINJUKU_BASE_PREMIUM [S22]) ×
 * the national standard rates (施行令38条: stage 1 = 0.285, stage 6 = 1.2, stage 8 = 1.5), truncated below 10 yen
 * (SHINJUKU_PREMIUM_ROUNDING floor10 ⚠️); 普通徴収 9 納期 July–March in 100-yen units with the remainder in the first
 * (SHINJUKU_DIRECT_PAYMENT ⚠️) — docs/sources/domain.md §3.3–§3.6.
 */
describe.each(databaseKinds)('賦課バッチ: dry run, sign-off, commit on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let supervisor: string
  let known: { id: number; residentCode: string }
  const advanceTo = (iso: string) => t.clock.advance((Date.parse(iso) - t.clock.now().getTime()) / 1000)
  const withKey = new Set([
    'premiums.batchDryRun',
    'premiums.batchApprove',
    'premiums.batchReject',
    'premiums.batchCommit',
  ])
  const call = (name: Parameters<typeof callRoute>[1], input: Record<string, unknown>, token: string) =>
    callRoute(t, name, withKey.has(name) ? { idempotencyKey: randomUUID(), ...input } : input, token)
  const dryRun = async (kind: 'final' | 'change', token = clerk) => {
    const answer = await call('premiums.batchDryRun', { kind, fiscalYear: 2026 }, token)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    return answer.body as unknown as BatchRunDetail
  }
  const approve = async (runId: number) => {
    await stepUp(t, 'kantoku01', supervisor)
    return call('premiums.batchApprove', { runId }, supervisor)
  }
  const commitAll = async (runId: number) => {
    const progress: { status: string; committedChunks: number; written: number }[] = []
    for (let i = 0; i < 100; i++) {
      const answer = await call('premiums.batchCommit', { runId }, clerk)
      expect(answer.status, JSON.stringify(answer.body)).toBe(200)
      const body = answer.body as { status: string; committedChunks: number; written: number }
      progress.push({ status: body.status, committedChunks: body.committedChunks, written: body.written })
      if (body.status === 'committed') return progress
    }
    throw new Error('the commit never finished')
  }
  const importFile = (rows: ResidentTaxRow[], fileName: string) =>
    terminalClient(t).call(
      'premiums.importResidentTax',
      { fileName, contentBase64: residentTaxCsv(rows), dryRun: false, idempotencyKey: randomUUID() },
      clerk,
    )
  const versions = async () =>
    Number((await t.database.db.select({ n: sql<number>`count(*)` }).from(premiumAssessments))[0]!.n)
  const diffRowOf = async (runId: number, personId: number, total: number) => {
    for (let offset = 0; offset < total; offset += 1_000) {
      const page = await call('premiums.batchRun', { runId, offset, limit: 1_000 }, clerk)
      const row = (page.body as unknown as BatchRunDetail).diff.rows.find((r) => r.personId === personId)
      if (row) return row
    }
    return undefined
  }

  beforeAll(async () => {
    t = await startTestServer(kind, 200, { startAt: new Date('2026-07-10T09:00:00+09:00') })
    await seedResidentTaxFromPersons(t.database.db, 2026)
    await addInsuredWard(t.database.db, { count: WARD, prefix: '61', fiscalYear: 2026 })
    const household = await addHousehold(t)
    known = await addMember(t, household, '1950-05-05', [
      { kind: 'acquisition', on: '2015-05-04', reason: 'reachingAge65', recordedAt: '2015-05-04T09:00:00+09:00' },
    ])
    clerk = await signIn(t, 'fuka01')
    supervisor = await signIn(t, 'kantoku01')
    // 合計所得 1,000,000 (課税): < 1,200,000 → stage 6
    expect(await importFile([taxedRecord(known.residentCode, '1000000')], 'KAZEI_2026_KNOWN.csv')).toMatchObject({
      status: 'applied',
      applied: 1,
    })
  }, 240_000)
  afterAll(() => t.close())

  let runId = 0

  describe('the dry run stores what the commit would write and writes no assessment', () => {
    it('counts every category-1 person, lists each new version with old and new figures', async () => {
      const run = await dryRun('final')
      runId = run.summary.id
      expect(run.summary).toMatchObject({
        kind: 'final',
        fiscalYear: 2026,
        status: 'awaitingApproval',
        asOf: '2026-07-10',
      })
      expect(run.summary.persons).toBeGreaterThan(WARD)
      // Nobody has a version yet: every person assessed is a new version and a change from "none".
      expect(run.summary).toMatchObject({
        newVersions: run.summary.persons,
        unchanged: 0,
        changed: run.summary.persons,
      })
      expect(run.summary.totalChunks).toBe(Math.ceil(run.summary.persons / 1_000))
      expect(run.summary.committedChunks).toBe(0)
      expect(run.summary.differenceAmount).toBe(run.summary.totalAmount)
      expect(run.byStage.reduce((s, x) => s + x.amount, 0)).toBe(run.summary.totalAmount)
      expect(run.diff).toMatchObject({ offset: 0, limit: 100, total: run.summary.persons })
      expect(run.diff.rows).toHaveLength(100)
      expect(await versions()).toBe(0)

      // stage 6: 79,200 × 1.2 = 95,040 — 9 納期: 95,040 ÷ 9 = 10,560 → 10,500; July 95,040 − 8 × 10,500 = 11,040.
      expect(await diffRowOf(runId, known.id, run.diff.total)).toEqual({
        personId: known.id,
        name: '検証 賦課',
        oldAnnual: null,
        newAnnual: 95_040,
        oldStage: null,
        newStage: 6,
        oldInstallmentsTotal: null,
        newInstallmentsTotal: 95_040,
      })
      // 非課税, no income, nobody taxed in the household → stage 1: 79,200 × 0.285 = 22,572 → 22,570.
      const ward = run.byStage.find((s) => s.stage === 1)!
      expect(ward.persons).toBeGreaterThanOrEqual(WARD)
    })

    it('audits the dry run with the persons of the page it answered', async () => {
      const [row] = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'premiums.batchDryRun'))
        .orderBy(desc(auditLog.seq))
        .limit(1)
      const page = await call('premiums.batchRun', { runId, offset: 0, limit: 100 }, clerk)
      const detail = page.body as unknown as BatchRunDetail
      expect(new Set(row!.targetIds)).toEqual(
        new Set([...detail.diff.rows.map((r) => r.personId), ...detail.refused.map((r) => r.personId)]),
      )
      expect(row!.purpose).toContain(`賦課バッチ 第${runId}号（2026年度 本算定） 試算`)
    })
  })

  describe('the 監督者’s sign-off: a second person, after a step-up, on unchanged inputs', () => {
    it('refuses the sign-off to the 賦課収納担当 (no permission) and to a 監督者 without a step-up', async () => {
      expect((await call('premiums.batchApprove', { runId }, clerk)).status).toBe(403)
      const noStepUp = await call('premiums.batchApprove', { runId }, supervisor)
      expect(noStepUp).toMatchObject({ status: 403, code: 'stepUpRequired' })
    })

    it('refuses the sign-off to the person who prepared the run, even with both roles', async () => {
      const both = await provisionUser(t, { roles: ['premiumClerk', 'supervisor'] })
      const token = await signIn(t, both.loginId)
      const own = await dryRun('final', token)
      await stepUp(t, both.loginId, token)
      const refused = await call('premiums.batchApprove', { runId: own.summary.id }, token)
      expect(refused.status).toBe(403)
      expect(refused.body.title).toBe('自分が試算した賦課バッチは承認できません。別の監督者に承認を依頼してください')
      // The clerk's new dry run replaces the waiting one of the same kind and year.
      runId = (await dryRun('final')).summary.id
      const list = await call('premiums.batchRuns', { fiscalYear: 2026 }, clerk)
      const runs = (list.body as { runs: { id: number; status: string }[] }).runs
      expect(runs.find((r) => r.id === own.summary.id)?.status).toBe('superseded')
      expect(runs[0]).toMatchObject({ id: runId, status: 'awaitingApproval' })
    })

    it('refuses the sign-off once an input changed since the dry run', async () => {
      const other = await addMember(t, await addHousehold(t), '1951-01-01', [
        { kind: 'acquisition', on: '2016-01-01', reason: 'reachingAge65', recordedAt: '2016-01-01T09:00:00+09:00' },
      ])
      expect(other.id).toBeGreaterThan(0)
      const refused = await approve(runId)
      expect(refused.status).toBe(409)
      expect(refused.body.title).toBe('試算後に入力が変わりました。試算をやり直してください')
      runId = (await dryRun('final')).summary.id
    })

    it('signs off a run prepared by someone else', async () => {
      const approved = await approve(runId)
      expect(approved.status, JSON.stringify(approved.body)).toBe(200)
      expect(approved.body).toMatchObject({ id: runId, status: 'approved', approvedBy: '検証 四季' })
      // Signed off once: a second sign-off is refused.
      expect((await approve(runId)).status).toBe(409)
    })
  })

  describe('the commit: chunks of 1,000 persons, each with its versions, never redone', () => {
    let persons = 0
    it('writes every staged version with its 期割, chunk by chunk, showing the progress', async () => {
      const run = (await call('premiums.batchRun', { runId, offset: 0, limit: 1 }, clerk))
        .body as unknown as BatchRunDetail
      persons = run.summary.newVersions
      const progress = await commitAll(runId)
      expect(progress.map((p) => p.committedChunks)).toEqual(
        Array.from({ length: run.summary.totalChunks }, (_, i) => i + 1),
      )
      expect(progress.at(-1)!.status).toBe('committed')
      expect(progress.reduce((s, p) => s + p.written, 0)).toBe(persons)
      expect(await versions()).toBe(persons)
      const chunks = await t.database.db.select().from(premiumBatchChunks).where(eq(premiumBatchChunks.runId, runId))
      expect(chunks).toHaveLength(run.summary.totalChunks)
      expect(chunks.every((c) => c.skipped === 0)).toBe(true)
      const after = (await call('premiums.batchRun', { runId, offset: 0, limit: 1 }, clerk))
        .body as unknown as BatchRunDetail
      expect(after.summary).toMatchObject({ status: 'committed', committedChunks: run.summary.totalChunks })
    })

    it('leaves the sum of the 期割 equal to the annual amount for every person', async () => {
      const mismatched = (await t.database.db.execute(sql`
        select a.person_id from premium_assessments a
        where a.annual_amount <> coalesce((select sum(i.amount) from premium_installments i where i.assessment_id = a.id), 0)`)) as unknown as {
        rows: unknown[]
      }
      expect(mismatched.rows).toEqual([])
      const [v] = await t.database.db
        .select()
        .from(premiumAssessments)
        .where(and(eq(premiumAssessments.personId, known.id), eq(premiumAssessments.fiscalYear, 2026)))
      expect(v).toMatchObject({ version: 1, reason: 'initial', annualAmount: 95_040, stage1: 6, liableMonths: 12 })
    })

    it('writes nothing when a committed run is committed again', async () => {
      const again = await call('premiums.batchCommit', { runId }, clerk)
      expect(again.body).toMatchObject({ status: 'committed', written: 0 })
      expect(await versions()).toBe(persons)
    })

    it('a new dry run of the committed year shows no change, and its commit writes nothing', async () => {
      const rerun = await dryRun('final')
      expect(rerun.summary).toMatchObject({ newVersions: 0, changed: 0, unchanged: persons, totalChunks: 0 })
      expect(rerun.diff.rows).toEqual([])
      expect((await approve(rerun.summary.id)).status).toBe(200)
      const progress = await commitAll(rerun.summary.id)
      expect(progress).toEqual([{ status: 'committed', committedChunks: 0, written: 0 }])
      expect(await versions()).toBe(persons)
    })
  })

  describe('the rejection', () => {
    it('sends a run back with the reason; it cannot be committed', async () => {
      const run = await dryRun('final')
      const rejected = await call(
        'premiums.batchReject',
        { runId: run.summary.id, reason: '課税情報の取込待ち' },
        supervisor,
      )
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '課税情報の取込待ち' })
      expect((await call('premiums.batchCommit', { runId: run.summary.id }, clerk)).status).toBe(409)
    })
  })

  describe('異動賦課: only the persons with a change since the last committed run', () => {
    it('a January income correction reassesses one person and spreads the difference over January–March', async () => {
      advanceTo('2027-01-15T09:00:00+09:00')
      clerk = await signIn(t, 'fuka01')
      supervisor = await signIn(t, 'kantoku01')
      expect(
        await importFile(
          // 合計所得 2,500,000: 2,100,000 ≤ … < 3,200,000 → stage 8
          [{ ...taxedRecord(known.residentCode, '2500000'), kosei_kubun: '1', kosei_date: '20270114' }],
          'KAZEI_KOSEI_20270114.csv',
        ),
      ).toMatchObject({ status: 'applied', corrections: 1 })
      const run = await dryRun('change')
      // Only the corrected person: everyone else is as the last committed run saw them.
      expect(run.summary).toMatchObject({ kind: 'change', newVersions: 1, changed: 1 })
      // stage 8: 79,200 × 1.5 = 118,800; difference 118,800 − 95,040 = 23,760.
      expect(run.summary.differenceAmount).toBe(23_760)
      expect(run.diff.rows).toEqual([
        {
          personId: known.id,
          name: '検証 賦課',
          oldAnnual: 95_040,
          newAnnual: 118_800,
          oldStage: 6,
          newStage: 8,
          oldInstallmentsTotal: 95_040,
          newInstallmentsTotal: 118_800,
        },
      ])
      expect((await approve(run.summary.id)).status).toBe(200)
      await commitAll(run.summary.id)
      // July–December stay: 11,040 + 5 × 10,500 = 63,540; 118,800 − 63,540 = 55,260 ÷ 3 = 18,420 → 18,400;
      // January = 55,260 − 2 × 18,400 = 18,460.
      const installments = (await t.database.db.execute(sql`
        select i.amount from premium_installments i join premium_assessments a on a.id = i.assessment_id
        where a.person_id = ${known.id} and a.version = 2 order by i.seq`)) as unknown as { rows: { amount: number }[] }
      expect(installments.rows.map((r) => Number(r.amount))).toEqual([
        11_040, 10_500, 10_500, 10_500, 10_500, 10_500, 18_460, 18_400, 18_400,
      ])
    })
  })

  describe('permissions (deny by default)', () => {
    it('refuses the dry run to a 資格担当', async () => {
      const other = await signIn(t, 'shikaku01')
      expect((await call('premiums.batchDryRun', { kind: 'final', fiscalYear: 2026 }, other)).status).toBe(403)
    })
  })
})
