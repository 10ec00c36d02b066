import { randomUUID } from 'node:crypto'
import { and, count, eq, inArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectionEntries } from '../../../../../server/src/areas/collection/ledger/schema'
import { paymentIntakeFiles } from '../../../../../server/src/areas/collection/payments/schema'
import { persons } from '../../../../../server/src/areas/persons/schema'
import type { PaymentImportResult, PaymentWorkItem } from '../../../../../shared/api/payment-intake'
import { signIn } from '../../../support/accounts'
import { callRoute, terminalClient } from '../../../support/clients'
import { databaseKinds } from '../../../support/databases'
import { startTestServer, type TestServer } from '../../../support/test-server'
import { addHousehold, addMember, residentTaxCsv, taxedRecord } from '../../premiums/household'
import { convenienceFile, slipDigits, transferResultFile } from './payment-files'

/**
 * 消込 through the real server (mutual TLS, session, audit row), docs/interfaces/payments.md.
 *
 * Amounts by hand (as tests/integration/areas/premiums/direct-debit.test.ts): each person 本人課税 with 合計所得
 * 1,000,000 → stage 6, 95,040 a year; 9 普通徴収 納期 July–March in 100-yen units with the remainder in July:
 * 第1期 (July, 納期限 2026-07-31) 11,040, 第2期 (August, 納期限 2026-08-31) 10,500. Every payment below is made on or
 * before its 納期限, so no 延滞金 arises (docs/sources/domain.md §4.1). The 賦課 is made on 2026-07-01 (all 9 納期 ahead).
 */
describe.each(databaseKinds)('消込: payment files applied exactly as documented on %s', (kind) => {
  let t: TestServer
  let clerk: string
  const call = terminalClient
  const ids: number[] = []
  const insured = (i: number) => `00980000${String(i + 1).padStart(2, '0')}`
  const [A, B, C] = [0, 1, 2]
  const UNKNOWN = '0098999999'

  const importFile = (kindOf: 'directDebitResult' | 'convenience', fileName: string, bytes: Buffer, dryRun = false) =>
    call(t).call(
      'collection.importPayments',
      { kind: kindOf, fileName, contentBase64: bytes.toString('base64'), dryRun, idempotencyKey: randomUUID() },
      clerk,
    )
  /** 残高 of an installment = Σ premium entries (shared/domain/collection-ledger.ts sign convention). */
  const balance = async (person: number, seq: number) => {
    const [row] = await t.database.db
      .select({ total: sql<string>`coalesce(sum(${collectionEntries.amount}), 0)` })
      .from(collectionEntries)
      .where(
        and(
          eq(collectionEntries.personId, ids[person]!),
          eq(collectionEntries.fiscalYear, 2026),
          eq(collectionEntries.method, 'direct'),
          eq(collectionEntries.installmentSeq, seq),
          inArray(collectionEntries.kind, ['charge', 'payment', 'refund', 'offset', 'offsetIn', 'writeOff']),
        ),
      )
    return Number(row!.total)
  }
  const entryCount = async () => Number((await t.database.db.select({ n: count() }).from(collectionEntries))[0]!.n)
  const balances = async () => ({
    A1: await balance(A, 1),
    A2: await balance(A, 2),
    B1: await balance(B, 1),
    B2: await balance(B, 2),
    C1: await balance(C, 1),
  })
  const workList = (status: 'open' | 'all' = 'open') => call(t).call('collection.paymentWorkList', { status }, clerk)

  const bankFile = transferResultFile('0731', [
    { insuredNumber: insured(A), fiscalYear: 2026, seq: 1, amount: 11_040, code: '0' },
    { insuredNumber: insured(B), fiscalYear: 2026, seq: 1, amount: 11_040, code: '1' },
    { insuredNumber: insured(C), fiscalYear: 2026, seq: 1, amount: 11_040, code: '0' },
  ])
  const storeLines = (k: '1' | '2') =>
    [
      { receiptId: 'R0001', person: A, seq: 2, amount: 5_000 }, // partial: 10,500 owed
      { receiptId: 'R0002', person: B, seq: 1, amount: 12_000 }, // over: 11,040 owed (B's bank debit failed)
      { receiptId: 'R0003', person: C, seq: 1, amount: 11_040 }, // duplicate: paid by the bank already
      { receiptId: 'R0004', person: -1, seq: 1, amount: 10_500 }, // unknown 被保険者番号
      { receiptId: 'R0005', person: B, seq: 2, amount: 10_500 }, // exact
    ].map((l) => ({
      kind: k,
      receiptId: l.receiptId,
      paidOn: '2026-07-30',
      insuredNumber: l.person < 0 ? UNKNOWN : insured(l.person),
      fiscalYear: 2026,
      seq: l.seq,
      amount: l.amount,
    }))
  let preliminary: PaymentImportResult

  beforeAll(async () => {
    t = await startTestServer(kind, 200, { startAt: new Date('2026-07-01T09:00:00+09:00') })
    clerk = await signIn(t, 'fuka01')
    const household = await addHousehold(t)
    const members: { id: number; residentCode: string }[] = []
    for (let i = 0; i < 3; i++) {
      const m = await addMember(t, household, '1950-05-05', [
        { kind: 'acquisition', on: '2015-05-04', reason: 'reachingAge65', recordedAt: '2015-05-04T09:00:00+09:00' },
      ])
      await t.database.db
        .update(persons)
        .set({ insuredNumber: insured(i) })
        .where(eq(persons.id, m.id))
      members.push(m)
      ids.push(m.id)
    }
    await call(t).call(
      'premiums.importResidentTax',
      {
        fileName: 'KAZEI_2026.csv',
        contentBase64: residentTaxCsv(members.map((m) => taxedRecord(m.residentCode, '1000000'))),
        idempotencyKey: randomUUID(),
      },
      clerk,
    )
    for (const id of ids) {
      const { assessment } = await call(t).call(
        'premiums.assess',
        { personId: id, fiscalYear: 2026, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(assessment.annualAmount).toBe(95_040)
    }
    // The files arrive after the July 納期限: 2026-08-10 (40 days on).
    t.clock.advance(40 * 86_400)
    clerk = await signIn(t, 'fuka01')
  })
  afterAll(() => t.close())

  describe('a malformed file names its line and field and applies nothing', () => {
    it('refuses a convenience file whose barcode check digit is wrong, writing no entry and no file', async () => {
      const good = slipDigits({ insuredNumber: insured(A), fiscalYear: 2026, seq: 1, amount: 11_040 })
      const bad = good.slice(0, 43) + String((Number(good[43]) + 1) % 10)
      const lines = storeLines('1')
      const file = convenienceFile([lines[0]!, { ...lines[4]!, barcode: bad }])
      const before = await entryCount()
      const result = await importFile('convenience', 'CVS_BAD.csv', file)
      expect(result.status).toBe('rejected')
      expect(result.problems).toEqual([
        {
          line: 3,
          field: 'バーコード（barcode）',
          message: `3行目 バーコード（barcode）: チェックデジットが一致しません（${bad}）`,
        },
      ])
      expect(await entryCount()).toBe(before)
      expect(await t.database.db.select().from(paymentIntakeFiles)).toEqual([])
    })

    it('refuses a bank result whose trailer does not add up, naming the trailer record and its bytes', async () => {
      const file = Buffer.from(bankFile)
      // 振替済金額 (bytes 26–37 of the trailer, record 5 of 6): 22,080 → 22,081.
      const at = 4 * 122 + 25
      file.write('000000022081', at, 'latin1')
      const result = await importFile('directDebitResult', 'FURIKAE_BAD.txt', file)
      expect(result).toMatchObject({ status: 'rejected', problemCount: 1 })
      expect(result.problems[0]).toEqual({
        line: 5,
        field: '26〜37バイト「振替済金額」',
        message: '5行目 26〜37バイト「振替済金額」: 22081がデータレコードの集計（22080）と一致しません',
      })
    })
  })

  describe('exact payments are applied, the others go to the work list with their reason', () => {
    it('checks the file and writes nothing when 検証のみ', async () => {
      const before = await entryCount()
      const checked = await importFile('directDebitResult', 'FURIKAE_0731.txt', bankFile, true)
      expect(checked).toMatchObject({ status: 'validated', lines: 3, applied: 0, work: 0, fileId: null })
      expect(await entryCount()).toBe(before)
      expect(await t.database.db.select().from(paymentIntakeFiles)).toEqual([])
    })

    it('applies the 振替済 debits and skips the 資金不足 one', async () => {
      const result = await importFile('directDebitResult', 'FURIKAE_0731.txt', bankFile)
      // 2 × 11,040 = 22,080 applied; B's 資金不足 is no payment.
      expect(result).toMatchObject({
        status: 'applied',
        lines: 3,
        applied: 2,
        appliedAmount: 22_080,
        work: 0,
        notTransferred: 1,
        alreadyCounted: 0,
      })
      expect(await balances()).toEqual({ A1: 0, A2: 10_500, B1: 11_040, B2: 10_500, C1: 0 })
    })

    it('sorts the convenience 速報 into exact, partial, over, duplicate and unknown', async () => {
      preliminary = await importFile('convenience', 'CVS_SOKUHO_0730.csv', convenienceFile(storeLines('1')))
      // applied: R0005 10,500; work: 5,000 + 12,000 + 11,040 + 10,500 = 38,540.
      expect(preliminary).toMatchObject({
        status: 'applied',
        lines: 5,
        applied: 1,
        appliedAmount: 10_500,
        work: 4,
        workAmount: 38_540,
        notTransferred: 0,
        alreadyCounted: 0,
      })
      expect(await balances()).toEqual({ A1: 0, A2: 10_500, B1: 11_040, B2: 0, C1: 0 })
      const list = await workList()
      expect(list.openCount).toBe(4)
      expect(list.items.map((i) => [i.line, i.reason, i.message])).toEqual([
        [2, 'partial', '納付額 5,000円 が未納額 10,500円 に足りません（一部納付 不足 5,500円）'],
        [3, 'over', '納付額 12,000円 が未納額 11,040円 を超えています（過納 960円）'],
        [4, 'duplicate', 'この期別は納付済みです（二重納付の疑い 11,040円）'],
        [5, 'unmatched', '納付番号（顧客番号）に該当する被保険者・年度・期別がありません'],
      ])
      expect(list.items[3]!.person).toBeNull()
      expect(list.items[0]!.person?.id).toBe(ids[A])
      expect(list.items[0]!.balance).toBe(10_500)
    })
  })

  describe('a file or a payment is counted once', () => {
    it('answers the same file again with its first counts and changes nothing', async () => {
      const before = await entryCount()
      const again = await importFile('convenience', 'CVS_SOKUHO_0730_copy.csv', convenienceFile(storeLines('1')))
      expect(again).toMatchObject({ ...preliminary, status: 'alreadyImported' })
      expect(await entryCount()).toBe(before)
      expect((await workList()).openCount).toBe(4)
    })

    it('counts the 確報 of payments that came as 速報 once', async () => {
      const before = await entryCount()
      const final = await importFile('convenience', 'CVS_KAKUHO_0810.csv', convenienceFile(storeLines('2')))
      expect(final).toMatchObject({ status: 'applied', lines: 5, applied: 0, work: 0, alreadyCounted: 5 })
      expect(await entryCount()).toBe(before)
      expect(await balances()).toEqual({ A1: 0, A2: 10_500, B1: 11_040, B2: 0, C1: 0 })
      expect((await workList()).openCount).toBe(4)
    })
  })

  describe('the work list: assign, refund or hold, each decided once', () => {
    let items: PaymentWorkItem[]
    const decide = (item: PaymentWorkItem, action: 'assign' | 'refund' | 'hold', extra: object = {}) =>
      call(t).call(
        'collection.decidePaymentWork',
        {
          itemId: item.id,
          rowVersion: item.rowVersion,
          action,
          note: '窓口で確認',
          idempotencyKey: randomUUID(),
          ...extra,
        },
        clerk,
      )

    beforeAll(async () => {
      items = (await workList()).items
    })

    it('assigns a partial payment to its installment: 10,500 − 5,000 = 5,500 left', async () => {
      const done = await decide(items[0]!, 'assign')
      expect(done).toMatchObject({ status: 'assigned', rowVersion: 2, balance: 5_500 })
      expect(await balance(A, 2)).toBe(5_500)
    })

    it('assigns an overpayment: the installment is paid and 960 yen stay as 過誤納 (11,040 − 12,000)', async () => {
      await decide(items[1]!, 'assign')
      expect(await balance(B, 1)).toBe(-960)
    })

    it('marks a double payment for refund without touching the ledger', async () => {
      const before = await entryCount()
      expect(await decide(items[2]!, 'refund')).toMatchObject({ status: 'refund' })
      expect(await entryCount()).toBe(before)
      expect(await balance(C, 1)).toBe(0)
    })

    it('refuses a stale row version and a second decision on a decided item', async () => {
      const stale = await callRoute(
        t,
        'collection.decidePaymentWork',
        { itemId: items[0]!.id, rowVersion: 1, action: 'hold', note: '再確認', idempotencyKey: randomUUID() },
        clerk,
      )
      expect(stale.status).toBe(409)
      const decided = await callRoute(
        t,
        'collection.decidePaymentWork',
        { itemId: items[0]!.id, rowVersion: 2, action: 'hold', note: '再確認', idempotencyKey: randomUUID() },
        clerk,
      )
      expect(decided).toMatchObject({ status: 409, body: { title: 'この入金は処理済みです（充当済（消込））' } })
    })

    it('holds an unknown payment, then assigns it to the installment the clerk names', async () => {
      const held = await decide(items[3]!, 'hold')
      expect(held).toMatchObject({ status: 'held', rowVersion: 2 })
      expect((await workList()).openCount).toBe(0)
      const assignedLater = await decide(held, 'assign', {
        target: { personId: ids[A], fiscalYear: 2026, method: 'direct', seq: 2 },
      })
      expect(assignedLater).toMatchObject({ status: 'assigned', assignedTo: { personId: ids[A], seq: 2 } })
      // 5,500 − 10,500 = −5,000 (過誤納 on 第2期)
      expect(await balance(A, 2)).toBe(-5_000)
      expect((await workList('all')).items.every((i) => i.status !== 'open' && i.status !== 'held')).toBe(true)
    })
  })
})
