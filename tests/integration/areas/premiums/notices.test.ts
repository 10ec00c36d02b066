import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, gt } from 'drizzle-orm'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { households, persons } from '../../../../server/src/areas/persons/schema'
import { noticeIssuances } from '../../../../server/src/areas/premiums/notices/schema'
import { premiumAssessments } from '../../../../server/src/areas/premiums/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import { signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addHousehold, addMember, residentTaxCsv, taxedRecord } from './household'

const scratch = mkdtempSync(join(tmpdir(), 'kaigo-notices-'))
const textOf = (base64: string) => {
  const file = join(scratch, `${randomUUID()}.pdf`)
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s/g, '')
}
const pageCount = async (base64: string) => (await PDFDocument.load(Buffer.from(base64, 'base64'))).getPageCount()

let serial = 0
const insuredNumber = () => `9${String(process.pid % 100_000).padStart(5, '0')}${String(++serial).padStart(4, '0')}`

/**
 * 保険料通知書 through the real server: a person's stage 6 year (新宿区 基準額 79,200円 × 1.2 = 95,040円, docs/sources/domain.md
 * §3; nine 普通徴収 納期 July–March), the 決定通知書 addressed to the 送付先 when one is set, the 支援措置 person's
 * notice without an address, a batch as one PDF with a cover page, and the issuance ledger with its audit rows.
 */
describe.each(databaseKinds)('保険料通知書 on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let eligibilityClerk: string
  const people: { id: number; residentCode: string; assessmentId: number }[] = []
  let protectedPerson: { id: number; assessmentId: number }

  const call = (name: Parameters<typeof callRoute>[1], input: unknown, token = clerk) =>
    callRoute(t, name, input, token)

  beforeAll(async () => {
    t = await startTestServer(kind, 200, { startAt: new Date('2026-07-01T09:00:00+09:00') })
    clerk = await signIn(t, 'fuka01')
    eligibilityClerk = await signIn(t, 'shikaku01')
    const members = []
    for (let i = 0; i < 3; i++) {
      const household = await addHousehold(t)
      const m = await addMember(t, household, '1950-05-05', [
        { kind: 'acquisition', on: '2015-05-04', reason: 'reachingAge65', recordedAt: '2015-05-04T09:00:00+09:00' },
      ])
      await t.database.db.update(persons).set({ insuredNumber: insuredNumber() }).where(eq(persons.id, m.id))
      members.push(m)
    }
    // 合計所得 1,000,000 < 1,200,000 → stage 6 (本人課税, docs/sources/domain.md §3)
    const imported = await terminalClient(t).call(
      'premiums.importResidentTax',
      {
        fileName: 'KAZEI_2026.csv',
        contentBase64: residentTaxCsv(members.map((m) => taxedRecord(m.residentCode, '1000000'))),
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    expect(imported.status).toBe('applied')
    for (const m of members) {
      const { assessment } = await terminalClient(t).call(
        'premiums.assess',
        { personId: m.id, fiscalYear: 2026, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(assessment.annualAmount).toBe(95_040)
      people.push({ ...m, assessmentId: assessment.id })
    }
    const last = people.pop()!
    // 支援措置 protects everyone at the same address: the protected person lives elsewhere than the others.
    const [{ householdId } = { householdId: 0 }] = await t.database.db
      .update(persons)
      .set({ isProtected: true })
      .where(eq(persons.id, last.id))
      .returning({ householdId: persons.householdId })
    await t.database.db
      .update(households)
      .set({ address: '東京都新宿区西新宿九丁目9番9号（検証・支援措置）' })
      .where(eq(households.id, householdId))
    protectedPerson = last
  })
  afterAll(() => t.close())

  describe('決定通知書 for one person', () => {
    it('goes to the 住民票 address without a 送付先, with the stage, the amount and the 和暦 due dates', async () => {
      const res = await call('premiums.issueNotice', {
        assessmentId: people[0]!.assessmentId,
        withSlips: false,
        idempotencyKey: randomUUID(),
      })
      expect(res.status).toBe(200)
      const body = res.body as { issuances: { kind: string; addressSource: string }[]; pdfBase64: string }
      expect(body.issuances).toMatchObject([{ kind: 'decision', addressSource: 'residence' }])
      const text = textOf(body.pdfBase64)
      for (const expected of ['介護保険料額決定通知書', '第6段階', '95,040円', '令和8年7月31日', '新宿一丁目1番1号'])
        expect(text).toContain(expected)
    })

    it('goes to the 送付先 once one is set, and the ledger names the 送付先 used', async () => {
      const registered = await call(
        'person.recordMailingAddress',
        {
          personId: people[0]!.id,
          recipientName: '成年後見人　検証太郎',
          postalCode: '1690075',
          mailingAddress: '東京都新宿区高田馬場一丁目2番3号',
          reason: 'guardian',
          validFrom: '2026-06-01',
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(registered.status).toBe(200)
      const res = await call('premiums.issueNotice', {
        assessmentId: people[0]!.assessmentId,
        idempotencyKey: randomUUID(),
      })
      expect(res.status).toBe(200)
      const body = res.body as {
        issuances: { kind: string; addressSource: string; mailingAddressId: number | null; recipientName: string }[]
        pdfBase64: string
        pages: number
      }
      // the 決定通知書 and nine 納付書
      expect(body.pages).toBe(10)
      expect(await pageCount(body.pdfBase64)).toBe(10)
      expect(body.issuances.map((i) => i.kind)).toEqual(['decision', ...Array(9).fill('paymentSlip')])
      for (const i of body.issuances)
        expect(i).toMatchObject({
          addressSource: 'mailingAddress',
          mailingAddressId: registered.body.id,
          recipientName: '成年後見人　検証太郎',
        })
      const text = textOf(body.pdfBase64)
      expect(text).toContain('成年後見人検証太郎')
      expect(text).toContain('〒169-0075')
      expect(text).not.toContain('新宿一丁目1番1号')
    })

    it('prints a 支援措置 person’s notice without any address for a role without the protection permission', async () => {
      const res = await call('premiums.issueNotice', {
        assessmentId: protectedPerson.assessmentId,
        withSlips: false,
        idempotencyKey: randomUUID(),
      })
      expect(res.status).toBe(200)
      const body = res.body as { issuances: { addressSource: string; address: string | null }[]; pdfBase64: string }
      expect(body.issuances).toMatchObject([{ addressSource: 'withheld', address: null }])
      const text = textOf(body.pdfBase64)
      expect(text).toContain('（窓口で交付）')
      expect(text).not.toContain('西新宿九丁目')
    })

    it('is refused to a role without premiums.issueNotice', async () => {
      const res = await call(
        'premiums.issueNotice',
        { assessmentId: people[1]!.assessmentId, idempotencyKey: randomUUID() },
        eligibilityClerk,
      )
      expect(res.status).toBe(403)
    })
  })

  describe('batch print: one PDF with a cover page that counts the notices', () => {
    it('counts in a dry run and records nothing', async () => {
      const before = await t.database.db.select().from(noticeIssuances)
      const res = await call('premiums.issueNoticeBatch', {
        assessmentIds: people.map((p) => p.assessmentId),
        dryRun: true,
        idempotencyKey: randomUUID(),
      })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({
        dryRun: true,
        pdfBase64: null,
        counts: { persons: 2, decision: 2, change: 0, paymentSlip: 18, toMailingAddress: 10 },
      })
      expect(await t.database.db.select().from(noticeIssuances)).toHaveLength(before.length)
    })

    it('prints cover + 2 notices + 18 納付書 = 21 pages and records 20 issuances under one batch id', async () => {
      const res = await call('premiums.issueNoticeBatch', {
        assessmentIds: people.map((p) => p.assessmentId),
        idempotencyKey: randomUUID(),
      })
      expect(res.status).toBe(200)
      const body = res.body as { batchId: string; pages: number; pdfBase64: string }
      expect(body.pages).toBe(21)
      expect(await pageCount(body.pdfBase64)).toBe(21)
      const text = textOf(body.pdfBase64)
      expect(text).toContain('一括印刷表紙')
      expect(text).toContain('介護保険料額決定通知書2通')
      expect(text).toContain('納付書18枚')
      const rows = await t.database.db.select().from(noticeIssuances).where(eq(noticeIssuances.batchId, body.batchId))
      expect(rows).toHaveLength(20)
      // the second print of the same 納付書 counts as a 再発行 (barcode 再発行区分 1)
      expect(text).toContain('-1-')
    })

    it('refuses the whole batch when one assessment does not exist', async () => {
      const res = await call('premiums.issueNoticeBatch', {
        assessmentIds: [people[0]!.assessmentId, 2_000_000_000],
        idempotencyKey: randomUUID(),
      })
      expect(res.status).toBe(404)
    })
  })

  describe('batch print of a committed 賦課バッチ', () => {
    it('prints every version the run wrote, and refuses a run not yet committed', async () => {
      // a person assessed by nobody yet: the 本算定 run writes their first version
      const household = await addHousehold(t)
      const fresh = await addMember(t, household, '1950-05-05', [
        { kind: 'acquisition', on: '2015-05-04', reason: 'reachingAge65', recordedAt: '2015-05-04T09:00:00+09:00' },
      ])
      await t.database.db.update(persons).set({ insuredNumber: insuredNumber() }).where(eq(persons.id, fresh.id))
      await terminalClient(t).call(
        'premiums.importResidentTax',
        {
          fileName: 'KAZEI_2026_FRESH.csv',
          contentBase64: residentTaxCsv([taxedRecord(fresh.residentCode, '1000000')]),
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      const dry = await call('premiums.batchDryRun', { kind: 'final', fiscalYear: 2026, idempotencyKey: randomUUID() })
      expect(dry.status, JSON.stringify(dry.body)).toBe(200)
      const runId = (dry.body as { summary: { id: number } }).summary.id
      const early = await call('premiums.issueNoticeBatch', { runId, dryRun: true, idempotencyKey: randomUUID() })
      expect(early.status).toBe(409)
      const supervisor = await signIn(t, 'kantoku01')
      await stepUp(t, 'kantoku01', supervisor)
      const approved = await call('premiums.batchApprove', { runId, idempotencyKey: randomUUID() }, supervisor)
      expect(approved.status, JSON.stringify(approved.body)).toBe(200)
      for (let i = 0; i < 20; i++) {
        const commit = await call('premiums.batchCommit', { runId, idempotencyKey: randomUUID() })
        expect(commit.status, JSON.stringify(commit.body)).toBe(200)
        if ((commit.body as { status: string }).status === 'committed') break
      }
      const res = await call('premiums.issueNoticeBatch', { runId, withSlips: false, idempotencyKey: randomUUID() })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      const body = res.body as { counts: { decision: number }; pages: number; nextPage: number | null }
      const written = await t.database.db
        .select()
        .from(premiumAssessments)
        .where(eq(premiumAssessments.personId, fresh.id))
      expect(written).toHaveLength(1)
      expect(body.counts.decision).toBeGreaterThanOrEqual(1)
      expect(body.pages).toBe(body.counts.decision + 1)
      expect(body.nextPage).toBeNull()
      const ledger = await t.database.db.select().from(noticeIssuances).where(eq(noticeIssuances.personId, fresh.id))
      expect(ledger).toMatchObject([{ assessmentId: written[0]!.id, kind: 'decision' }])
    }, 120_000)
  })

  describe('the issuance ledger', () => {
    it('lists a person’s issuances and audits the read with the person', async () => {
      const since = (await t.database.db.select().from(auditLog)).length
      const res = await call('premiums.noticeIssuances', { personId: people[0]!.id })
      expect(res.status).toBe(200)
      const issuances = (res.body as { issuances: { kind: string; batchId: string | null }[] }).issuances
      // 1 decision alone, 1 decision + 9 slips, then the batch's 1 + 9
      expect(issuances).toHaveLength(21)
      expect(issuances.filter((i) => i.batchId !== null)).toHaveLength(10)
      const rows = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'premiums.noticeIssuances'), gt(auditLog.seq, since - 1)))
      expect(rows.at(-1)).toMatchObject({ outcome: 'ok', targetIds: [people[0]!.id] })
    })

    it('audits every issuance with the person and the notice kind', async () => {
      const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'premiums.issueNotice'))
      const ok = rows.filter((r) => r.outcome === 'ok')
      expect(ok.length).toBeGreaterThanOrEqual(3)
      expect(ok.some((r) => r.purpose?.includes('介護保険料額決定通知書・納付書'))).toBe(true)
      const batch = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'premiums.issueNoticeBatch'))
      expect(batch.some((r) => r.outcome === 'ok' && people.every((p) => (r.targetIds ?? []).includes(p.id)))).toBe(
        true,
      )
    })

    it('keeps the ledger append-only: UPDATE and DELETE are refused by the database', async () => {
      await expect(
        t.database.db
          .update(noticeIssuances)
          .set({ recipientName: 'x' })
          .where(eq(noticeIssuances.personId, people[0]!.id)),
      ).rejects.toThrow()
      await expect(
        t.database.db.delete(noticeIssuances).where(eq(noticeIssuances.personId, people[0]!.id)),
      ).rejects.toThrow()
    })
  })

  describe('変更通知書 for a later version', () => {
    it('prints the old and the new annual amount after an income correction (stage 6 → 8)', async () => {
      // 合計所得 2,500,000: 2,100,000 ≤ … < 3,200,000 → stage 8 = 79,200 × 1.5 = 118,800 (docs/sources/domain.md §3)
      const corrected = await terminalClient(t).call(
        'premiums.importResidentTax',
        {
          fileName: 'KAZEI_KOSEI_20260701.csv',
          contentBase64: residentTaxCsv([
            { ...taxedRecord(people[1]!.residentCode, '2500000'), kosei_kubun: '1', kosei_date: '20260701' },
          ]),
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(corrected.status).toBe('applied')
      const { assessment } = await terminalClient(t).call(
        'premiums.assess',
        { personId: people[1]!.id, fiscalYear: 2026, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(assessment).toMatchObject({ version: 2, annualAmount: 118_800 })
      const res = await call('premiums.issueNotice', {
        assessmentId: assessment.id,
        withSlips: false,
        idempotencyKey: randomUUID(),
      })
      expect(res.status).toBe(200)
      const body = res.body as { issuances: { kind: string; version: number }[]; pdfBase64: string }
      expect(body.issuances).toMatchObject([{ kind: 'change', version: 2 }])
      const text = textOf(body.pdfBase64)
      for (const expected of ['介護保険料額変更通知書', '所得更正', '95,040円', '118,800円', '23,760円', '第8段階'])
        expect(text).toContain(expected)
    })
  })
})
