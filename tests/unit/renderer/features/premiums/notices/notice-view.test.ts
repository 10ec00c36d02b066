import { describe, expect, it } from 'vitest'
import {
  batchCountsText,
  batchPrintRequests,
  directInstallments,
  issuanceLabel,
  newestFirst,
  noticeButtonLabel,
  noticeKindOf,
} from '../../../../../../renderer/src/features/premiums/notices/notice-view'
import { version } from '../fixtures'

const installment = (method: 'withholding' | 'direct', seq: number, amount: number) => ({
  method,
  seq,
  period: '2026-07',
  amount,
  dueDate: '2026-07-31',
})

// docs/interfaces/notices.md "Which notice": version 1 of a person's year → 決定通知書, a later version → 変更通知書.
describe('the notice of a version follows from its number: 1 → 決定, later → 変更', () => {
  it('version 1 is the 決定通知書', () => {
    expect(noticeKindOf({ version: 1 })).toBe('decision')
    expect(noticeButtonLabel({ version: 1 })).toBe('決定通知書を発行')
  })
  it('version 2 (the first 更正) and later are the 変更通知書', () => {
    expect(noticeKindOf({ version: 2 })).toBe('change')
    expect(noticeButtonLabel({ version: 2 })).toBe('変更通知書を発行')
    expect(noticeButtonLabel({ version: 7 })).toBe('変更通知書を発行')
  })
})

// docs/interfaces/notices.md "Pages": one 納付書 per 普通徴収 installment with an amount above 0.
describe('the 納付書 are the 普通徴収 期 with an amount above 0, in 期 order', () => {
  it('leaves out 特別徴収 and a 期 of 0 yen, keeps 1 yen', () => {
    const v = version(3, 2026, 1, 95_040, {
      installments: [
        installment('direct', 3, 10_560),
        installment('withholding', 1, 15_840),
        installment('direct', 2, 0),
        installment('direct', 1, 1),
      ],
    })
    expect(directInstallments(v).map((i) => i.seq)).toEqual([1, 3])
  })
  it('has none when the year is all 特別徴収', () => {
    const v = version(3, 2026, 1, 95_040, { installments: [installment('withholding', 1, 15_840)] })
    expect(directInstallments(v)).toEqual([])
  })
})

describe('the history names the 帳票 (a 納付書 with its 期), newest first', () => {
  it('labels each kind', () => {
    expect(issuanceLabel({ kind: 'decision', installmentSeq: null })).toBe('介護保険料額決定通知書')
    expect(issuanceLabel({ kind: 'change', installmentSeq: null })).toBe('介護保険料額変更通知書')
    expect(issuanceLabel({ kind: 'paymentSlip', installmentSeq: 4 })).toBe('納付書（第4期）')
  })
  it('orders by the instant, the ledger id breaking a tie', () => {
    const row = (id: number, issuedAt: string) => ({ id, issuedAt }) as never
    const sorted = newestFirst([
      row(1, '2026-07-15T01:00:00.000Z'),
      row(3, '2026-08-01T01:00:00.000Z'),
      row(2, '2026-07-15T01:00:00.000Z'),
    ])
    expect(sorted.map((r: { id: number }) => r.id)).toEqual([3, 2, 1])
  })
})

// NOTICE_BATCH_LIMIT = 100 versions per print request (shared/api/notices.ts, docs/interfaces/notices.md "Limit").
describe('a run is printed in requests of 100 versions', () => {
  it.each([
    [0, 0, 0],
    [1, 0, 1],
    [99, 1, 1],
    [100, 0, 1],
    [100, 1, 2],
    [150, 50, 2],
    [150, 51, 3],
  ])('%i 決定 + %i 変更 → %i requests', (decision, change, requests) => {
    expect(batchPrintRequests({ decision, change })).toBe(requests)
  })
  it('says the dry run in one sentence with separators', () => {
    expect(
      batchCountsText({
        persons: 12_345,
        decision: 12_000,
        change: 345,
        paymentSlip: 98_760,
        toMailingAddress: 210,
        withheld: 3,
      }),
    ).toBe('対象 12,345人: 決定通知書 12,000件・変更通知書 345件・納付書 98,760枚（送付先あて 210件・窓口で交付 3件）')
  })
})
