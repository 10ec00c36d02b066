import { randomUUID } from 'node:crypto'
import { and, count, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectionEntries } from '../../../../../server/src/areas/collection/ledger/schema'
import { persons } from '../../../../../server/src/areas/persons/schema'
import { pensionExchangeFiles, pensionWithholdingResults } from '../../../../../server/src/areas/premiums'
import { premiumAssessments, premiumInstallments } from '../../../../../server/src/areas/premiums/schema'
import { signIn } from '../../../support/accounts'
import { callRoute, terminalClient } from '../../../support/clients'
import { databaseKinds } from '../../../support/databases'
import { startTestServer, type TestServer } from '../../../support/test-server'
import { addHousehold, addMember } from '../../premiums/household'

/**
 * 特別徴収結果の収納計上 through the real server (docs/interfaces/payments.md §5): the withheld amounts of a stored
 * 特別徴収結果 file become 収納 of the 特別徴収 installment of their pension month, through the 消込's matching.
 * Figures by hand: A and B each owe 8,000円 on 2026年度 特別徴収 第4期 (October), 第5期 (December) and 第6期
 * (February) — written here as 賦課 rows, not computed. The insurer withheld 8,000 from A in October (exact), 7,000
 * from B (1,000 short), 5,000 from C (who has no 特別徴収 調定), 6,000 from a pensioner it could not match; it did not
 * withhold from A in December (区分 02 差止).
 */
describe.each(databaseKinds)('特別徴収結果: withheld amounts posted to the 収納 ledger on %s', (kind) => {
  let t: TestServer
  let clerk: string
  let fileId: number
  const ids = { A: 0, B: 0, C: 0 }
  const call = terminalClient
  const post = (dryRun: boolean, pensionFileId = fileId) =>
    call(t).call('collection.postWithholdingResults', { pensionFileId, dryRun, idempotencyKey: randomUUID() }, clerk)
  /** 残高 of a 2026年度 特別徴収 installment = Σ its entries (shared/domain/collection-ledger.ts sign convention). */
  const balance = async (personId: number, seq: number) => {
    const [row] = await t.database.db
      .select({ total: sql<string>`coalesce(sum(${collectionEntries.amount}), 0)` })
      .from(collectionEntries)
      .where(
        and(
          eq(collectionEntries.personId, personId),
          eq(collectionEntries.fiscalYear, 2026),
          eq(collectionEntries.method, 'withholding'),
          eq(collectionEntries.installmentSeq, seq),
        ),
      )
    return Number(row!.total)
  }
  const payments = async () =>
    Number(
      (
        await t.database.db.select({ n: count() }).from(collectionEntries).where(eq(collectionEntries.kind, 'payment'))
      )[0]!.n,
    )

  beforeAll(async () => {
    t = await startTestServer(kind, 200, { startAt: new Date('2026-10-20T09:00:00+09:00') })
    clerk = await signIn(t, 'fuka01')
    const household = await addHousehold(t)
    const since = [
      {
        kind: 'acquisition' as const,
        on: '2015-01-01',
        reason: 'reachingAge65' as const,
        recordedAt: '2015-01-01T09:00:00+09:00',
      },
    ]
    let n = 0
    for (const key of ['A', 'B', 'C'] as const) {
      const m = await addMember(t, household, '1950-01-0' + String(++n), since)
      await t.database.db
        .update(persons)
        .set({ insuredNumber: `009700000${n}` })
        .where(eq(persons.id, m.id))
      ids[key] = m.id
    }
    for (const personId of [ids.A, ids.B]) {
      const [row] = await t.database.db
        .insert(premiumAssessments)
        .values({
          personId,
          fiscalYear: 2026,
          version: 1,
          reason: 'initial',
          liableMonths: 12,
          annualAmount: 24_000,
          overpaidAmount: 0,
          tableVersion: 'test',
          explanation: {} as never,
          assessedOn: '2026-07-10',
          assessedAt: new Date('2026-07-10T09:00:00+09:00'),
        })
        .returning({ id: premiumAssessments.id })
      await t.database.db.insert(premiumInstallments).values(
        ['2026-10', '2026-12', '2027-02'].map((period, i) => ({
          assessmentId: row!.id,
          method: 'withholding' as const,
          seq: i + 4,
          period,
          amount: 8_000,
          dueDate: `${period}-15`,
        })),
      )
    }
    const [file] = await t.database.db
      .insert(pensionExchangeFiles)
      .values({
        direction: 'received',
        fileKind: 'results',
        fiscalYear: 2026,
        fileHash: randomUUID().replaceAll('-', ''),
        fileName: 'Z1426010.dta',
        records: 5,
        matched: 4,
        unmatched: 1,
        content: null,
        createdAt: t.clock.now(),
        createdBy: null,
      })
      .returning({ id: pensionExchangeFiles.id })
    fileId = file!.id
    const result = (
      recordNumber: number,
      personId: number | null,
      period: string,
      withheld: boolean,
      amount: number,
      reasonCode = withheld ? '00' : '02',
    ) => ({
      fileId,
      recordNumber,
      personId,
      unmatchedReason: personId === null ? '基礎年金番号が特別徴収対象者にありません' : null,
      fiscalYear: 2026,
      period,
      paidOn: `${period}-15`,
      withholderCode: '001',
      basicPensionNumber: `90000000${String(recordNumber).padStart(2, '0')}`,
      pensionCode: '1150',
      reasonCode,
      resultCode: null,
      withheld,
      amount,
    })
    await t.database.db
      .insert(pensionWithholdingResults)
      .values([
        result(2, ids.A, '2026-10', true, 8_000),
        result(3, ids.B, '2026-10', true, 7_000),
        result(4, ids.C, '2026-10', true, 5_000),
        result(5, null, '2026-10', true, 6_000),
        result(6, ids.A, '2026-12', false, 0),
      ])
  }, 180_000)
  afterAll(async () => {
    await t?.close()
  })

  describe('the list of received 特別徴収結果 files says what each holds and what its posting gave', () => {
    it('lists the file with its four withheld records (8,000 + 7,000 + 5,000 + 6,000 = 26,000円), not yet posted', async () => {
      const { files } = await call(t).call('collection.withholdingResultFiles', { fiscalYear: 2026 }, clerk)
      expect(files.find((f) => f.pensionFileId === fileId)).toMatchObject({
        fileName: 'Z1426010.dta',
        withheldCount: 4,
        withheldAmount: 26_000,
        posted: null,
      })
    })
  })

  describe('a dry run tells what the posting will give and writes nothing', () => {
    it('four withheld records (the 差止 one carries no money): A’s 8,000 applied, 18,000 to the work list — and no payment, no work item, no file row', async () => {
      const before = await payments()
      const aBefore = await balance(ids.A, 4)
      const workBefore = (await call(t).call('collection.paymentWorkList', { status: 'open' }, clerk)).items.length
      const r = await post(true)
      // The same split as the posting below: 8,000 exact; 7,000 + 5,000 + 6,000 to the work list.
      expect(r).toMatchObject({
        status: 'validated',
        fileId: null,
        lines: 4,
        applied: 1,
        appliedAmount: 8_000,
        work: 3,
        workAmount: 18_000,
      })
      expect(await payments()).toBe(before)
      expect(await balance(ids.A, 4)).toBe(aBefore)
      expect((await call(t).call('collection.paymentWorkList', { status: 'open' }, clerk)).items.length).toBe(
        workBefore,
      )
      // Again: the same answer (the first dry run left nothing behind that would make it 'alreadyImported').
      expect(await post(true)).toMatchObject({ status: 'validated', applied: 1, work: 3 })
    })
  })

  describe('the exact amount is applied to the 特別徴収 installment of its pension month, the others go to the work list', () => {
    it('applies A’s 8,000 to 第4期 and lists B (一部納付), C and the unmatched pensioner (該当なし)', async () => {
      const r = await post(false)
      expect(r).toMatchObject({ status: 'applied', lines: 4, applied: 1, appliedAmount: 8_000, work: 3 })
      // 7,000 + 5,000 + 6,000
      expect(r.workAmount).toBe(18_000)
      expect(await balance(ids.A, 4)).toBe(0)
      expect(await balance(ids.A, 5)).toBe(8_000)
      expect(await balance(ids.B, 4)).toBe(8_000)
      const [entry] = await t.database.db
        .select()
        .from(collectionEntries)
        .where(and(eq(collectionEntries.personId, ids.A), eq(collectionEntries.kind, 'payment')))
      expect(entry).toMatchObject({
        method: 'withholding',
        installmentSeq: 4,
        channel: 'pension',
        occurredOn: '2026-10-15',
      })

      const list = await call(t).call('collection.paymentWorkList', { status: 'open' }, clerk)
      const mine = list.items.filter((i) => i.fileName === 'Z1426010.dta')
      expect(mine.map((i) => [i.line, i.reason, i.amount, i.person?.id ?? null])).toEqual([
        [3, 'partial', 7_000, ids.B],
        [4, 'unmatched', 5_000, ids.C],
        [5, 'unmatched', 6_000, null],
      ])
    })

    it('posts the same file once: again, it answers the first counts and writes nothing', async () => {
      const before = await payments()
      expect(await post(false)).toMatchObject({ status: 'alreadyImported', applied: 1, work: 3 })
      expect(await payments()).toBe(before)
      const { files } = await call(t).call('collection.withholdingResultFiles', {}, clerk)
      expect(files.find((f) => f.pensionFileId === fileId)!.posted).toMatchObject({
        applied: 1,
        appliedAmount: 8_000,
        work: 3,
        workAmount: 18_000,
      })
    })

    it('a work item assigned on the list pays the 特別徴収 installment it names (B 第4期: 8,000 − 7,000 = 1,000 left)', async () => {
      const list = await call(t).call('collection.paymentWorkList', { status: 'open' }, clerk)
      const item = list.items.find((i) => i.fileName === 'Z1426010.dta' && i.line === 3)!
      await call(t).call(
        'collection.decidePaymentWork',
        {
          itemId: item.id,
          rowVersion: item.rowVersion,
          action: 'assign',
          note: '年金保険者に確認済み',
          idempotencyKey: randomUUID(),
        },
        clerk,
      )
      expect(await balance(ids.B, 4)).toBe(1_000)
    })
  })

  describe('who may post, and which files', () => {
    it('refuses a file that is not a received 特別徴収結果, and a clerk without collection.intake', async () => {
      const [targets] = await t.database.db
        .insert(pensionExchangeFiles)
        .values({
          direction: 'received',
          fileKind: 'targets',
          fiscalYear: 2026,
          fileHash: randomUUID().replaceAll('-', ''),
          fileName: 'Z1126001.dta',
          records: 0,
          matched: 0,
          unmatched: 0,
          content: null,
          createdAt: t.clock.now(),
          createdBy: null,
        })
        .returning({ id: pensionExchangeFiles.id })
      const notResults = await callRoute(
        t,
        'collection.postWithholdingResults',
        { pensionFileId: targets!.id, dryRun: true, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(notResults.status).toBe(404)
      const eligibilityClerk = await signIn(t, 'shikaku01')
      const refused = await callRoute(
        t,
        'collection.postWithholdingResults',
        { pensionFileId: fileId, dryRun: true, idempotencyKey: randomUUID() },
        eligibilityClerk,
      )
      expect(refused.status).toBe(403)
    })
  })
})
