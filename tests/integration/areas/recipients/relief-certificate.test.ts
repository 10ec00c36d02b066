import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { households, persons } from '../../../../server/src/areas/persons/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import { provisionUser, signIn } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addHousehold, addMember, addTaxRecord } from '../premiums/household'

const scratch = mkdtempSync(join(tmpdir(), 'kaigo-relief-'))
const pdfText = (base64: string) => {
  const file = join(scratch, `${randomUUID()}.pdf`)
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

/**
 * 負担限度額認定証 and the renewal list through the real server. Today is 2026-07-01 (JST). Figures by hand from
 * docs/sources/domain.md §5.5:
 * - Person A, single, household untaxed, 年金収入等 1,300,000 (> 1,200,000) and savings 5,000,000 (第3段階② limit
 *   5,000,000, 以下) → 第3段階②. Its certificate 2026-07-01〜2026-07-31 prints the limits in force until 2026-07-31:
 *   食費 1,360, 食費（ショート）1,300, 多床室（特養等）430, 多床室（老健 室料徴収）430, 多床室（室料なし）430, 従来型個室
 *   （特養等）880, 従来型個室（老健・医療院等）1,370, ユニット型個室的多床室 1,370, ユニット型個室 1,370.
 * - Its renewal 2026-08-01〜2027-07-31 prints those from 2026-08-01 (令和8年厚労省告示第88号): 食費 1,420, ショート
 *   1,360, 多床室 特養等 530 / 老健室料徴収 530 / 室料なし 430 (据置), 従来型個室 特養 980 / 老健 1,470, 個室的多床室
 *   1,470, ユニット個室 1,470.
 * - Person B, 年金収入等 800,000 (≤ 809,000) → 第2段階, expiring 2026-07-31 with no renewal.
 */
describe.each(databaseKinds)('負担限度額認定証 on %s', (kind) => {
  let t: TestServer
  let clerk: string
  /** A second 給付担当: the one who took an application does not decide it. */
  let decider: string
  let serial = 0

  const newPerson = async (pension: number, options: { address?: string; isProtected?: boolean } = {}) => {
    const household = await addHousehold(t)
    if (options.address)
      await t.database.db.update(households).set({ address: options.address }).where(eq(households.id, household.id))
    const { id } = await addMember(t, household, '1944-09-09', [
      { kind: 'acquisition', on: '2009-09-08', reason: 'reachingAge65', recordedAt: '2009-09-08T09:00:00+09:00' },
    ])
    serial++
    const insuredNumber = `99${String(process.pid % 10_000).padStart(4, '0')}${String(serial).padStart(4, '0')}`
    await t.database.db
      .update(persons)
      .set({ insuredCategory: 1, insuredNumber, isProtected: options.isProtected ?? false })
      .where(eq(persons.id, id))
    for (const fiscalYear of [2025, 2026])
      await addTaxRecord(t, id, fiscalYear, {
        taxable: false,
        totalIncome: 0,
        publicPensionIncome: pension,
        pensionMiscIncome: 0,
      })
    return { id, insuredNumber }
  }
  const apply = (personId: number, appliedOn: string, savings: number, forNextYear?: boolean) =>
    terminalClient(t).call(
      'recipients.reliefApply',
      {
        personId,
        appliedOn,
        savings,
        married: false,
        spouseTaxable: false,
        ...(forNextYear ? { forNextYear } : {}),
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
  const certify = async (personId: number, appliedOn: string, savings: number, approve = true, forNextYear = false) => {
    const applied = await apply(personId, appliedOn, savings, forNextYear)
    if (!approve) return applied
    return terminalClient(t).call(
      'recipients.reliefDecide',
      {
        recordId: applied.id,
        approve: true,
        rowVersion: applied.rowVersion,
        reason: '要件確認済み',
        idempotencyKey: randomUUID(),
      },
      decider,
    )
  }
  const certificate = (recordId: number) =>
    terminalClient(t).call('recipients.reliefCertificate', { recordId, idempotencyKey: randomUUID() }, clerk)

  let a: { id: number; insuredNumber: string }
  let b: { id: number; insuredNumber: string }
  let aNow: { id: number; stage: string | null }
  let aNext: { id: number; stage: string | null }
  let bNow: { id: number }

  beforeAll(async () => {
    t = await startTestServer(kind, 200, { startAt: new Date('2026-07-01T09:00:00+09:00') })
    clerk = await signIn(t, (await provisionUser(t, { roles: ['benefitClerk'] })).loginId)
    decider = await signIn(t, (await provisionUser(t, { roles: ['benefitClerk'] })).loginId)
    a = await newPerson(1_300_000)
    b = await newPerson(800_000)
    aNow = await certify(a.id, '2026-07-01', 5_000_000)
    // The renewal, received in July for the following year: valid from 2026-08-01 to 2027-07-31.
    aNext = await certify(a.id, '2026-07-01', 5_000_000, true, true)
    bNow = await certify(b.id, '2026-07-01', 6_500_000)
  }, 240_000)
  afterAll(async () => t?.close())

  describe('the certificate of an approved 認定', () => {
    it('prints the stage, the validity, the issue date and the daily limits in force until 2026-07-31', async () => {
      expect(aNow.stage).toBe('3-2')
      const pdf = await certificate(aNow.id)
      expect(pdf.pages).toBe(1)
      const text = pdfText(pdf.pdfBase64)
      for (const s of [
        '介護保険負担限度額認定証',
        a.insuredNumber,
        '検証 賦課',
        '第3段階②',
        '交付年月日',
        '令和8年7月1日', // issued today; valid from 2026-07-01 (the 1st of the application's month)
        '令和8年7月31日',
        '東京都新宿区新宿一丁目1番1号（検証）',
      ])
        expect(text).toContain(s)
      // The old and the new figures differ on every 第3段階② row but 室料なし: only the old ones are printed.
      for (const figure of ['1,360円', '1,300円', '430円', '880円', '1,370円']) expect(text).toContain(figure)
      for (const absent of ['1,420円', '530円', '980円', '1,470円']) expect(text).not.toContain(absent)
      for (const label of ['食費の負担限度額（日額）', '居住費 ユニット型個室', '居住費 多床室（特養等）'])
        expect(text).toContain(label)
    }, 240_000)

    it('prints the limits from 2026-08-01 on the renewal valid 2026-08-01〜2027-07-31', async () => {
      expect(aNext.stage).toBe('3-2')
      const text = pdfText((await certificate(aNext.id)).pdfBase64)
      for (const s of ['令和8年8月1日', '令和9年7月31日', '1,420円', '1,360円', '530円', '430円', '980円', '1,470円'])
        expect(text).toContain(s)
      for (const absent of ['1,370円', '880円', '1,300円']) expect(text).not.toContain(absent)
    }, 240_000)

    it('prints the 第2段階 limits (食費 390, ショート 600, 多床室 430, 従来型個室 特養 480 / 老健 550, ユニット 880)', async () => {
      const text = pdfText((await certificate(bNow.id)).pdfBase64)
      for (const s of ['第2段階', '390円', '600円', '430円', '480円', '550円', '880円']) expect(text).toContain(s)
    }, 240_000)

    it('is refused for an application not yet approved', async () => {
      const c = await newPerson(800_000)
      const pending = await certify(c.id, '2026-07-01', 1_000_000, false)
      const refused = await callRoute(
        t,
        'recipients.reliefCertificate',
        { recordId: pending.id, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(refused).toMatchObject({
        status: 409,
        body: { title: '承認された負担限度額認定にのみ認定証を交付できます' },
      })
    }, 240_000)

    it('never prints the address of a protected person (支援措置), and audits the issue with the person', async () => {
      const address = '東京都新宿区大久保九丁目9番9号（保護検証）'
      const p = await newPerson(800_000, { address, isProtected: true })
      const approved = await certify(p.id, '2026-07-01', 1_000_000)
      const text = pdfText((await certificate(approved.id)).pdfBase64)
      expect(text).toContain('（窓口で記入）')
      expect(text).not.toContain(address)
      expect(text).not.toContain('大久保九丁目')
      const [row] = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'recipients.reliefCertificate'))
        .orderBy(desc(auditLog.seq))
        .limit(1)
      expect(row).toMatchObject({ outcome: 'ok', targetIds: [p.id] })
    }, 240_000)
  })

  describe('four eyes: the one who took the application does not decide it', () => {
    it("refuses the decision of the clerk who applied (403), and takes a second clerk's", async () => {
      const c = await newPerson(800_000)
      const applied = await apply(c.id, '2026-07-01', 1_000_000)
      const decide = (token: string) =>
        callRoute(
          t,
          'recipients.reliefDecide',
          {
            recordId: applied.id,
            approve: true,
            rowVersion: applied.rowVersion,
            reason: '確認',
            idempotencyKey: randomUUID(),
          },
          token,
        )
      const own = await decide(clerk)
      expect([own.status, own.body.title]).toEqual([
        403,
        '申請を受け付けた職員は決定できません。別の職員が決定してください',
      ])
      const other = await decide(decider)
      expect([other.status, other.body.status]).toEqual([200, 'approved'])
    }, 240_000)
  })

  describe('a renewal for the coming year (8/1〜7/31, docs/sources/domain.md §5.5)', () => {
    it('received on 6/1 or 7/31 is valid from the next 8/1 to the 7/31 after it', async () => {
      const c = await newPerson(800_000)
      for (const appliedOn of ['2026-06-01', '2026-07-31'])
        expect(await apply(c.id, appliedOn, 1_000_000, true)).toMatchObject({
          validFrom: '2026-08-01',
          validTo: '2027-07-31',
          stage: '2',
        })
    }, 240_000)

    it('received on 5/31 or 8/1 is refused, naming the field', async () => {
      const c = await newPerson(800_000)
      for (const appliedOn of ['2026-05-31', '2026-08-01']) {
        const res = await callRoute(
          t,
          'recipients.reliefApply',
          {
            personId: c.id,
            appliedOn,
            savings: 1_000_000,
            married: false,
            spouseTaxable: false,
            forNextYear: true,
            idempotencyKey: randomUUID(),
          },
          clerk,
        )
        expect([res.status, res.body.title]).toEqual([
          422,
          '翌年度分の更新申請（forNextYear）: 6月・7月に受け付けます。申請日（appliedOn）を確認してください',
        ])
      }
    }, 240_000)
  })

  describe('the renewal list', () => {
    it('lists the approved certifications expiring on the coming 7/31, and whether the renewal is in', async () => {
      const list = await terminalClient(t).call('recipients.reliefRenewalList', {}, clerk)
      expect(list.expiresOn).toBe('2026-07-31')
      const mine = list.rows.filter((r) => r.personId === a.id || r.personId === b.id)
      expect(mine.map((r) => [r.personId, r.certificationId, r.stage, r.validTo, r.renewalApplied]).sort()).toEqual(
        [
          [a.id, aNow.id, '3-2', '2026-07-31', true],
          [b.id, bNow.id, '2', '2026-07-31', false],
        ].sort(),
      )
      expect(list.rows.every((r) => r.validTo === '2026-07-31')).toBe(true)
    }, 240_000)

    it('lists the following year by its 判定年度, and leaves out applications not approved', async () => {
      const list = await terminalClient(t).call('recipients.reliefRenewalList', { copayYear: 2026 }, clerk)
      expect(list.expiresOn).toBe('2027-07-31')
      expect(list.rows.map((r) => r.certificationId)).toEqual([aNext.id])
    }, 240_000)
  })
})
