import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  bankAccountRevisions,
  directDebitRequestItems,
  directDebitRequests,
} from '../../../../server/src/areas/premiums/direct-debit/schema'
import { parseTransferFile } from '../../../../server/src/areas/premiums/direct-debit/transfer-file'
import { persons } from '../../../../server/src/areas/persons/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import type { BankAccountRevision, RegisterBankAccountRequest } from '../../../../shared/api/direct-debit'
import { residentTaxColumns } from '../../../../shared/api/premiums'
import { provisionUser, signIn, stepUp } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addHousehold, addMember } from './household'

type Row = Partial<Record<(typeof residentTaxColumns)[number]['name'], string>>
const csv = (rows: Row[]) =>
  Buffer.from(
    [
      residentTaxColumns.map((c) => c.name).join(','),
      ...rows.map((r) => residentTaxColumns.map((col) => r[col.name] ?? '').join(',')),
    ].join('\r\n'),
  ).toString('base64')
const taxed = (atenaNo: string): Row => ({
  atena_no: atenaNo,
  nendo: '2026',
  kazei_kubun: '1',
  gokei_shotoku: '1000000',
  nenkin_shunyu: '0',
  nenkin_shotoku: '0',
  kyuyo_shotoku: '0',
  hikazei_nenkin: '0',
  kosei_kubun: '0',
})

/**
 * 口座振替 through the real server (mutual TLS, session, audit row): a person's 口座 against the 全銀協 master
 * (zengin-code: 0001 みずほ銀行 / 001 東京営業部, 0009 三井住友銀行 / 001 神保町), and the 口座振替依頼 file of a 振替日
 * in the 120-byte format of docs/interfaces/direct-debit.md.
 *
 * Amounts by hand: four members of one household, each 本人課税 with 合計所得 1,000,000 < 1,200,000 → stage 6:
 * 基準額 79,200 × 1.2 = 95,040 a year (SHINJUKU_BASE_PREMIUM 第9期; NATIONAL_STANDARD_STAGES, 施行令38条); 9 納期
 * July–March in 100-yen units, the remainder in July (SHINJUKU_DIRECT_PAYMENT ⚠️): 95,040 ÷ 9 = 10,560 → 10,500,
 * July = 95,040 − 8 × 10,500 = 11,040. The October 納期 (月末 2026-10-31, a Saturday) falls due on Monday 2026-11-02
 * (地方自治法第4条の2第4項).
 */
describe.each(databaseKinds)('口座振替: 口座 and the 全銀協 transfer-request file on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let supervisor: string
  const call = terminalClient
  const members: { id: number; residentCode: string }[] = []
  let yamada: BankAccountRevision
  let suzuki: BankAccountRevision
  const insured = (i: number) => `00990000${String(i + 1).padStart(2, '0')}`
  const account = (
    personId: number,
    overrides: Partial<RegisterBankAccountRequest> = {},
  ): RegisterBankAccountRequest => ({
    personId,
    validFrom: '2026-07-01',
    bankCode: '0001',
    branchCode: '001',
    accountType: '1',
    accountNumber: '1234567',
    holderKana: 'やまだ たろう',
    reason: '口座振替依頼書の受付',
    idempotencyKey: randomUUID(),
    ...overrides,
  })
  /** Prepared by the clerk, approved by the 監督者, downloaded by the clerk. */
  const approvedFile = async (transferDate: string) => {
    const prepared = await call(t).call(
      'premiums.directDebitFile',
      { transferDate, idempotencyKey: randomUUID() },
      clerk,
    )
    await call(t).call(
      'premiums.directDebitApprove',
      { requestId: prepared.requestId, idempotencyKey: randomUUID() },
      supervisor,
    )
    return call(t).call('premiums.directDebitDownload', { requestId: prepared.requestId }, clerk)
  }
  const decode = (base64: string) => {
    const parsed = parseTransferFile(Buffer.from(base64, 'base64'))
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join(' / '))
    return parsed.file
  }

  beforeAll(async () => {
    t = await startTestServer(kind, 200, { startAt: new Date('2026-07-01T09:00:00+09:00') })
    clerk = await signIn(t, 'fuka01')
    supervisor = await signIn(t, 'kantoku01')
    await stepUp(t, 'kantoku01', supervisor)
    const household = await addHousehold(t)
    for (let i = 0; i < 4; i++) {
      const m = await addMember(t, household, '1950-05-05', [
        { kind: 'acquisition', on: '2015-05-04', reason: 'reachingAge65', recordedAt: '2015-05-04T09:00:00+09:00' },
      ])
      await t.database.db
        .update(persons)
        .set({ insuredNumber: insured(i) })
        .where(eq(persons.id, m.id))
      members.push(m)
    }
    const imported = await call(t).call(
      'premiums.importResidentTax',
      {
        fileName: 'KAZEI_2026.csv',
        contentBase64: csv(members.map((m) => taxed(m.residentCode))),
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    expect(imported).toMatchObject({ status: 'applied', applied: 4 })
    for (const m of members) {
      const { assessment } = await call(t).call(
        'premiums.assess',
        { personId: m.id, fiscalYear: 2026, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(assessment.annualAmount).toBe(95_040)
    }
  })
  afterAll(() => t.close())

  describe('a person’s 口座: bank and branch from the 全銀協 master, the holder in 全銀 half-width kana', () => {
    it('registers the start of 口座振替 with its validity and reason', async () => {
      yamada = await call(t).call('premiums.registerBankAccount', account(members[0]!.id), clerk)
      expect(yamada).toMatchObject({
        revision: 1,
        validFrom: '2026-07-01',
        validTo: null,
        bankCode: '0001',
        bankName: 'みずほ',
        branchCode: '001',
        branchName: '東京営業部',
        accountType: '1',
        accountNumber: '1234567',
        holderKana: 'ﾔﾏﾀﾞ ﾀﾛｳ',
        action: 'register',
        reason: '口座振替依頼書の受付',
      })
    })

    it('refuses a branch the bank does not have, naming the field in Japanese, and writes nothing', async () => {
      const before = (await t.database.db.select().from(bankAccountRevisions)).length
      const res = await callRoute(
        t,
        'premiums.registerBankAccount',
        account(members[1]!.id, { branchCode: '999' }),
        clerk,
      )
      expect(res.status).toBe(422)
      expect(res.body.title).toContain('支店コード（branchCode）')
      expect(res.body.title).toContain('999')
      const bank = await callRoute(
        t,
        'premiums.registerBankAccount',
        account(members[1]!.id, { bankCode: '0002' }),
        clerk,
      )
      expect(bank.status).toBe(422)
      expect(bank.body.title).toContain('金融機関コード（bankCode）')
      expect((await t.database.db.select().from(bankAccountRevisions)).length).toBe(before)
    })

    it('refuses a holder name that 全銀 cannot carry (漢字), and a malformed code before the master is asked', async () => {
      const kanji = await callRoute(
        t,
        'premiums.registerBankAccount',
        account(members[1]!.id, { holderKana: '鈴木' }),
        clerk,
      )
      expect(kanji.status).toBe(422)
      expect(kanji.body.title).toContain('口座名義人（カナ）（holderKana）')
      const shape = await callRoute(
        t,
        'premiums.registerBankAccount',
        account(members[1]!.id, { branchCode: '12' }),
        clerk,
      )
      expect(shape.status).toBe(400)
      expect(JSON.stringify(shape.body)).toContain('支店コード')
    })

    it('refuses a second account whose period overlaps the one debited (stop it first)', async () => {
      const res = await callRoute(
        t,
        'premiums.registerBankAccount',
        account(members[0]!.id, { validFrom: '2026-09-01', bankCode: '0009' }),
        clerk,
      )
      expect(res.status).toBe(409)
      expect(res.body.title).toContain('期間が重なります')
    })

    it('stops 口座振替 as the next revision; the history keeps both; reading it is audited', async () => {
      suzuki = await call(t).call(
        'premiums.registerBankAccount',
        account(members[1]!.id, { bankCode: '0009', accountNumber: '7654321', holderKana: 'スズキ ハナコ' }),
        clerk,
      )
      expect(suzuki).toMatchObject({ bankName: '三井住友', branchName: '神保町', holderKana: 'ｽｽﾞｷ ﾊﾅｺ' })
      const stopped = await call(t).call(
        'premiums.registerBankAccount',
        account(members[3]!.id, { holderKana: 'ｻﾄｳ ｲﾁﾛｳ' }),
        clerk,
      )
      const stop = await call(t).call(
        'premiums.stopDirectDebit',
        { accountId: stopped.accountId, rowVersion: 1, stopOn: '2026-07-30', reason: '口座解約の届出' },
        clerk,
      )
      expect(stop).toMatchObject({ revision: 2, validTo: '2026-07-30', action: 'stop', reason: '口座解約の届出' })
      const stale = await callRoute(
        t,
        'premiums.stopDirectDebit',
        { accountId: stopped.accountId, rowVersion: 1, stopOn: '2026-07-29', reason: '再度' },
        clerk,
      )
      expect(stale.status).toBe(409)

      const read = await call(t).call('premiums.bankAccounts', { personId: members[3]!.id }, clerk)
      expect(read.accounts).toHaveLength(1)
      expect(read.accounts[0]).toMatchObject({ revision: 2, validTo: '2026-07-30' })
      expect(read.history.map((h) => h.action)).toEqual(['register', 'stop'])
      const rows = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'premiums.bankAccounts'), eq(auditLog.outcome, 'ok')))
      expect(rows.some((r) => r.targetIds.includes(members[3]!.id))).toBe(true)
    })

    it('the demo ward has dummy accounts, each at a branch of the master, read like any other', async () => {
      const demo = await t.database.db
        .select()
        .from(bankAccountRevisions)
        .where(eq(bankAccountRevisions.reason, 'デモ用のダミー口座'))
      expect(demo.length).toBeGreaterThan(0)
      const read = await call(t).call('premiums.bankAccounts', { personId: demo[0]!.personId }, clerk)
      expect(read.accounts[0]!.branchName).not.toBe('')
      expect(read.accounts[0]!.holderKana).toMatch(/^[\uFF61-\uFF9F A-Z0-9().\-/]+$/)
    })

    it('keeps the revisions append-only: UPDATE is refused by the database', async () => {
      await expect(
        t.database.db
          .update(bankAccountRevisions)
          .set({ accountNumber: '0000000' })
          .where(eq(bankAccountRevisions.personId, members[0]!.id)),
      ).rejects.toThrow()
    })
  })

  describe('the 口座振替依頼 file of one 振替日', () => {
    it('the dry run counts the installments due with an active 口座振替 and totals them, writing nothing', async () => {
      const dry = await call(t).call('premiums.directDebitDryRun', { transferDate: '2026-07-31' }, clerk)
      // yamada and suzuki: 11,040 each; the third member has no account, the fourth stopped on 2026-07-30.
      expect(dry).toEqual({ transferDate: '2026-07-31', count: 2, total: 22_080, withoutAccount: 2, issued: null })
      expect(await t.database.db.select().from(directDebitRequests)).toHaveLength(0)
    })

    it('prepares and records the file, which is handed out only after a 監督者 (a second person) approved it', async () => {
      const prepared = await call(t).call(
        'premiums.directDebitFile',
        { transferDate: '2026-07-31', idempotencyKey: randomUUID() },
        clerk,
      )
      expect(prepared).toMatchObject({ issue: 1, count: 2, total: 22_080, status: 'awaitingApproval' })
      const early = await callRoute(t, 'premiums.directDebitDownload', { requestId: prepared.requestId }, clerk)
      expect(early.status).toBe(409)
      expect(early.body.title).toContain('承認前')
      const byClerk = await callRoute(
        t,
        'premiums.directDebitApprove',
        { requestId: prepared.requestId, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(byClerk.status).toBe(403)
      const approved = await call(t).call(
        'premiums.directDebitApprove',
        { requestId: prepared.requestId, idempotencyKey: randomUUID() },
        supervisor,
      )
      expect(approved).toMatchObject({ requestId: prepared.requestId, status: 'approved' })
      const twice = await callRoute(
        t,
        'premiums.directDebitApprove',
        { requestId: prepared.requestId, idempotencyKey: randomUUID() },
        supervisor,
      )
      expect(twice.status).toBe(409)
    })

    it('refuses the sign-off to the person who prepared the file, even with both roles', async () => {
      const both = await provisionUser(t, { roles: ['premiumClerk', 'supervisor'] })
      const token = await signIn(t, both.loginId)
      await stepUp(t, both.loginId, token)
      const own = await call(t).call(
        'premiums.directDebitFile',
        { transferDate: '2026-11-02', idempotencyKey: randomUUID() },
        token,
      )
      const refused = await callRoute(
        t,
        'premiums.directDebitApprove',
        { requestId: own.requestId, idempotencyKey: randomUUID() },
        token,
      )
      expect(refused.status).toBe(403)
      expect(refused.body.title).toContain('作成した職員は承認できません')
    })

    it('the approved file: header, two data records (bank order), trailer with count and total, end', async () => {
      const dry = await call(t).call('premiums.directDebitDryRun', { transferDate: '2026-07-31' }, clerk)
      const file = await call(t).call('premiums.directDebitDownload', { requestId: dry.issued!.requestId }, clerk)
      expect(file).toMatchObject({ transferDate: '2026-07-31', issue: 1, count: 2, total: 22_080 })
      expect(file.fileName).toBe('KOFURI_20260731_1.txt')
      const bytes = Buffer.from(file.contentBase64, 'base64')
      expect(bytes.length).toBe(5 * 122) // 5 records of 120 bytes, each followed by CR LF (recordSeparator 'crlf')
      const parsed = decode(file.contentBase64)
      expect(parsed.header).toMatchObject({
        dataKind: '1',
        typeCode: '91',
        codeDivision: '0',
        consignorCode: '0000000001',
        consignorName: 'ｼﾝｼﾞﾕｸｸ',
        transferDate: '0731',
        bankCode: '0001',
        bankName: 'ﾐｽﾞﾎ',
        branchCode: '001',
      })
      expect(parsed.data.map((d) => [d.bankCode, d.branchCode, d.accountNumber, d.holderKana, d.amount])).toEqual([
        ['0001', '001', '1234567', 'ﾔﾏﾀﾞ ﾀﾛｳ', '0000011040'],
        ['0009', '001', '7654321', 'ｽｽﾞｷ ﾊﾅｺ', '0000011040'],
      ])
      // 顧客番号: 被保険者番号 + 年度 + 期, in 20 digits; 新規コード 1 (the first request to the account)
      expect(parsed.data[0]).toMatchObject({ customerNumber: `0000${insured(0)}202601`, newCode: '1', resultCode: '0' })
      expect(parsed.trailer).toMatchObject({ count: '000002', total: '000000022080' })
      const items = await t.database.db
        .select()
        .from(directDebitRequestItems)
        .where(eq(directDebitRequestItems.requestId, file.requestId))
      expect(items.map((i) => i.personId).sort()).toEqual([members[0]!.id, members[1]!.id].sort())
    })

    it('refuses a second request for the same date, and re-issues only when asked, with the reason', async () => {
      const again = await callRoute(
        t,
        'premiums.directDebitFile',
        { transferDate: '2026-07-31', idempotencyKey: randomUUID() },
        clerk,
      )
      expect(again.status).toBe(409)
      expect(again.body.title).toContain('作成済み')
      const dry = await call(t).call('premiums.directDebitDryRun', { transferDate: '2026-07-31' }, clerk)
      expect(dry.issued).toMatchObject({ issue: 1, records: 2, total: 22_080, approved: true })
      const reissued = await call(t).call(
        'premiums.directDebitFile',
        { transferDate: '2026-07-31', reissue: { reason: '金融機関からの再送依頼' }, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(reissued).toMatchObject({
        issue: 2,
        count: 2,
        total: 22_080,
        fileName: 'KOFURI_20260731_2.txt',
        status: 'awaitingApproval',
      })
      // The first issue is replaced: it is no longer handed out.
      const old = await callRoute(t, 'premiums.directDebitDownload', { requestId: dry.issued!.requestId }, clerk)
      expect(old.status).toBe(409)
      expect(old.body.title).toContain('作り直されています')
      const requests = await t.database.db
        .select()
        .from(directDebitRequests)
        .where(eq(directDebitRequests.transferDate, '2026-07-31'))
        .orderBy(directDebitRequests.issue)
      expect(requests.map((r) => [r.issue, r.reissueReason])).toEqual([
        [1, null],
        [2, '金融機関からの再送依頼'],
      ])
    })

    it('the October 納期 falls due on 2026-11-02 (10/31 is a Saturday); a bank holiday is no 振替日', async () => {
      const saturday = await callRoute(t, 'premiums.directDebitDryRun', { transferDate: '2026-10-31' }, clerk)
      expect(saturday.status).toBe(422)
      expect(saturday.body.title).toContain('金融機関の休業日')
      const monday = await call(t).call('premiums.directDebitDryRun', { transferDate: '2026-11-02' }, clerk)
      expect(monday).toMatchObject({ count: 2, total: 21_000 })
    })

    it('新規コード: 0 for an account already requested, 2 once its bank details changed', async () => {
      const august = decode((await approvedFile('2026-08-31')).contentBase64)
      expect(august.data.map((d) => [d.amount, d.newCode])).toEqual([
        ['0000010500', '0'],
        ['0000010500', '0'],
      ])
      const changed = await call(t).call(
        'premiums.changeBankAccount',
        {
          accountId: yamada.accountId,
          rowVersion: 1,
          validFrom: '2026-07-01',
          validTo: null,
          bankCode: '0001',
          branchCode: '001',
          accountType: '1',
          accountNumber: '2345678',
          holderKana: 'ヤマダ タロウ',
          reason: '口座番号の変更届',
        },
        clerk,
      )
      expect(changed).toMatchObject({ revision: 2, action: 'change', accountNumber: '2345678' })
      const september = decode((await approvedFile('2026-09-30')).contentBase64)
      expect(september.data.map((d) => [d.accountNumber, d.newCode])).toEqual([
        ['2345678', '2'],
        ['7654321', '0'],
      ])
    })

    it('a date with nothing due is refused, and nothing is recorded', async () => {
      const before = (await t.database.db.select().from(directDebitRequests)).length
      const res = await callRoute(
        t,
        'premiums.directDebitFile',
        { transferDate: '2026-12-01', idempotencyKey: randomUUID() },
        clerk,
      )
      expect(res.status).toBe(422)
      expect((await t.database.db.select().from(directDebitRequests)).length).toBe(before)
    })
  })
})
