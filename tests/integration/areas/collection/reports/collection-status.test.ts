import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendLedgerEntries, collectionStatus, installmentBalances } from '../../../../../server/src/areas/collection'
import { collectionStatusCsv } from '../../../../../server/src/areas/collection/reports'
import type { DatabaseHandle } from '../../../../../server/src/core/db/connect'
import type { LedgerKind } from '../../../../../shared/domain/collection-ledger'
import { databaseKinds, freshDatabase } from '../../../support/databases'
import { addLedgerPerson } from '../ledger/ledger-support'

const now = new Date('2027-04-20T09:00:00+09:00')
let n = 0

/**
 * 収納状況 of FY2026 (基準日 2027-03-31) against a ledger built by hand, every figure counted by hand below
 * (docs/collection.md §5: 滞納繰越分 調定 = 残高 carried into 2026-04-01 + the year's 更正; 収納額 = 収納 − 還付 + 充当;
 * 収納率 = 収納額 ÷ 調定額, 1/100 % truncated).
 *   A 2025 普徴1: 調定 30,000, 収納 10,000 (2025) → carried 20,000; 2026: 収納 5,000, 不納欠損 3,000 → 残 12,000.
 *   B 2025 特徴1: 調定 8,000, 収納 8,000 (2025) → carried 0; 2026: 更正 −2,000, 還付 2,000 → 残 0.
 *   A 2026 普徴1–3: 調定 40,000 + 40,000 + 10,000; 収納 40,000 + 15,000 + 11,000; 充当 1,000 from 期3 to 期2 → 残 24,000.
 *   B 2026 特徴1–2: 調定 12,000 + 12,000; 収納 12,000 → 残 12,000. (A payment of 2027-04-10 is after the 基準日.)
 */
describe.each(databaseKinds)('収納状況 on %s', (kind) => {
  let h: DatabaseHandle
  beforeAll(async () => {
    h = await freshDatabase(kind)
    const a = await addLedgerPerson(h.db)
    const b = await addLedgerPerson(h.db)
    const e = (
      personId: number,
      fiscalYear: number,
      method: 'withholding' | 'direct',
      seq: number,
      kind: LedgerKind,
      amount: number,
      occurredOn: string,
    ) => ({
      personId,
      fiscalYear,
      method,
      seq,
      kind,
      amount,
      occurredOn,
      channel: 'test',
      source: 'hand-built',
      idempotencyKey: `status-${kind}-${++n}`,
      counterpart: kind === 'offset' || kind === 'offsetIn' ? 'hand' : null,
      recordedAt: now,
      recordedBy: null,
    })
    await appendLedgerEntries(h.db, [
      e(a, 2025, 'direct', 1, 'charge', 30_000, '2025-07-01'),
      e(a, 2025, 'direct', 1, 'payment', -10_000, '2025-08-31'),
      e(a, 2025, 'direct', 1, 'payment', -5_000, '2026-05-10'),
      e(a, 2025, 'direct', 1, 'writeOff', -3_000, '2026-06-01'),
      e(b, 2025, 'withholding', 1, 'charge', 8_000, '2025-04-15'),
      e(b, 2025, 'withholding', 1, 'payment', -8_000, '2025-04-15'),
      e(b, 2025, 'withholding', 1, 'charge', -2_000, '2026-05-01'),
      e(b, 2025, 'withholding', 1, 'refund', 2_000, '2026-06-10'),
      e(a, 2026, 'direct', 1, 'charge', 40_000, '2026-07-01'),
      e(a, 2026, 'direct', 1, 'payment', -40_000, '2026-07-31'),
      e(a, 2026, 'direct', 2, 'charge', 40_000, '2026-07-01'),
      e(a, 2026, 'direct', 2, 'payment', -15_000, '2026-08-31'),
      e(a, 2026, 'direct', 2, 'offsetIn', -1_000, '2026-09-01'),
      e(a, 2026, 'direct', 3, 'charge', 10_000, '2026-07-01'),
      e(a, 2026, 'direct', 3, 'payment', -11_000, '2026-08-31'),
      e(a, 2026, 'direct', 3, 'offset', 1_000, '2026-09-01'),
      e(b, 2026, 'withholding', 1, 'charge', 12_000, '2026-04-15'),
      e(b, 2026, 'withholding', 1, 'payment', -12_000, '2026-04-15'),
      e(b, 2026, 'withholding', 2, 'charge', 12_000, '2026-06-15'),
      e(b, 2026, 'withholding', 2, 'payment', -1_000, '2027-04-10'),
      e(a, 2027, 'direct', 1, 'charge', 9_999, '2027-03-31'),
    ])
  })
  afterAll(async () => {
    await h?.close()
  })

  it('counts 現年度分 and 滞納繰越分 by 特徴 / 普徴 as the hand-built ledger gives them', async () => {
    const status = await collectionStatus(h.db, 2026, '2027-03-31')
    const pick = (part: string, method: string) => {
      const r = status.rows.find((x) => x.part === part && x.method === method)!
      return [r.charged, r.paid, r.refunded, r.offset, r.writtenOff, r.balance, r.collected, r.rateBasisPoints]
    }
    expect(pick('current', 'direct')).toEqual([90_000, 66_000, 0, 0, 0, 24_000, 66_000, 7_333])
    expect(pick('current', 'withholding')).toEqual([24_000, 12_000, 0, 0, 0, 12_000, 12_000, 5_000])
    expect(pick('arrears', 'direct')).toEqual([20_000, 5_000, 0, 0, 3_000, 12_000, 5_000, 2_500])
    expect(pick('arrears', 'withholding')).toEqual([-2_000, 0, 2_000, 0, 0, 0, -2_000, 10_000])
    expect(status.total).toEqual({
      charged: 132_000,
      paid: 83_000,
      refunded: 2_000,
      offset: 0,
      writtenOff: 3_000,
      balance: 48_000,
      collected: 81_000,
      rateBasisPoints: 6_136,
    })
  })

  it('reconciles to the ledger to the yen: the report’s 残高 is the ledger’s for the years up to the report year', async () => {
    const status = await collectionStatus(h.db, 2026, '2027-03-31')
    const ledger = await installmentBalances(h.db, { fiscalYears: [2025, 2026], asOf: '2027-03-31' })
    expect(status.total.balance).toBe(ledger.reduce((s, b) => s + b.balance, 0))
    for (const r of status.rows) expect(r.charged - r.paid + r.refunded - r.offset - r.writtenOff).toBe(r.balance)
  })

  it('writes the CSV with a header and plain yen', async () => {
    const csv = collectionStatusCsv(await collectionStatus(h.db, 2026, '2027-03-31'))
    const lines = csv.replace(/^\ufeff/, '').split('\r\n')
    expect(lines[1]).toBe('区分,徴収方法,調定額,収納,還付,充当,不納欠損,収納額,未納額（残高）,収納率')
    expect(lines[2]).toBe('現年度分,特別徴収,24000,12000,0,0,0,12000,12000,50.00%')
    expect(lines[6]).toBe('合計,,132000,83000,2000,0,3000,81000,48000,61.36%')
  })
})
