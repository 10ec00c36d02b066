import { describe, expect, it } from 'vitest'
import {
  gs1CheckDigit,
  matchPayments,
  mod97CheckPair,
  readSlipBarcode,
  targetKey,
} from '../../../../shared/domain/payment-matching'

const target = (seq: number) => ({ personId: 7, fiscalYear: 2026, method: 'direct' as const, seq })

describe('matchPayments: only a payment equal to the balance is applied automatically', () => {
  const balances = new Map([
    [targetKey(target(1)), 11_040],
    [targetKey(target(2)), 10_500],
    [targetKey(target(3)), 0],
  ])
  it('applies an amount equal to the balance, refuses one yen less and one yen more', () => {
    const m = matchPayments(
      [
        { line: 2, amount: 11_040, target: target(1) },
        { line: 3, amount: 10_499, target: target(2) },
      ],
      balances,
    )
    expect(m[0]).toEqual({ line: 2, outcome: 'apply' })
    expect(m[1]).toMatchObject({ outcome: 'work', reason: 'partial' })
    // 10,500 − 10,499 = 1 yen short
    expect(m[1]).toMatchObject({ message: '納付額 10,499円 が未納額 10,500円 に足りません（一部納付 不足 1円）' })
    const over = matchPayments([{ line: 4, amount: 10_501, target: target(2) }], balances)[0]
    expect(over).toMatchObject({
      reason: 'over',
      message: '納付額 10,501円 が未納額 10,500円 を超えています（過納 1円）',
    })
  })
  it('sends a payment for an installment already paid to the work list as a double payment', () => {
    expect(matchPayments([{ line: 2, amount: 100, target: target(3) }], balances)[0]).toMatchObject({
      reason: 'duplicate',
    })
  })
  it('counts earlier lines of the same file: the second exact payment of one installment is a double payment', () => {
    const m = matchPayments(
      [
        { line: 2, amount: 11_040, target: target(1) },
        { line: 3, amount: 11_040, target: target(1) },
      ],
      balances,
    )
    expect(m.map((x) => (x.outcome === 'work' ? x.reason : x.outcome))).toEqual(['apply', 'duplicate'])
  })
  it('never applies a payment to an installment time-barred on its 納付日, even an exact one', () => {
    const m = matchPayments([{ line: 2, amount: 11_040, target: target(1), timeBarred: '時効により消滅' }], balances)
    expect(m[0]).toEqual({
      line: 2,
      outcome: 'work',
      reason: 'timeBarred',
      message: '時効により消滅（還付または保留）',
    })
  })
  it('sends an unknown person or an installment without 調定 to the work list as unmatched', () => {
    const m = matchPayments(
      [
        { line: 2, amount: 1_000, target: null },
        { line: 3, amount: 1_000, target: target(9) },
      ],
      balances,
    )
    expect(m.map((x) => (x.outcome === 'work' ? x.reason : x.outcome))).toEqual(['unmatched', 'unmatched'])
  })
})

describe('readSlipBarcode: the 44 digits of a 納付書 (docs/interfaces/notices.md) and their checks', () => {
  // Built by hand: 91 | 999999 | 2026 0098000001 01 | 01 + MOD 97-10 pair | 0 | 0 | 260731 | 0 | 011040 | check.
  const paymentNumber = '2026009800000101'
  const pair = mod97CheckPair(`${paymentNumber}01011040`)
  const body = `91999999${paymentNumber}01${pair}00260731` + `0011040`
  const digits = body + String(gs1CheckDigit(body))

  it('checks the GS1 mod 10 digit with the known JAN example 490123456789 → 4', () => {
    // JAN 4901234567894: weights 3·1 from the right over the 12 digits give 4.
    expect(gs1CheckDigit('490123456789')).toBe(4)
  })
  it('checks the ISO 7064 MOD 97-10 pair with the IBAN example (GB82 WEST 1234 5698 7654 32)', () => {
    // WEST12345698765432 GB → 3214282912345698765432 161100: 98 − (n·100 mod 97) = 82.
    expect(mod97CheckPair('3214282912345698765432161100'.slice(0, -2))).toBe('82')
  })
  it('reads person, year, installment, version and amount', () => {
    expect(body.length).toBe(43)
    expect(readSlipBarcode(digits)).toEqual({
      ok: true,
      data: {
        billerCode: '999999',
        fiscalYear: 2026,
        insuredNumber: '0098000001',
        seq: 1,
        version: 1,
        amount: 11_040,
        deadline: '2026-07-31',
      },
    })
  })
  it('refuses a wrong check digit, a wrong 確認番号 and a wrong length', () => {
    const wrongCheck = digits.slice(0, 43) + String((Number(digits[43]) + 1) % 10)
    expect(readSlipBarcode(wrongCheck)).toEqual({ ok: false, reason: 'チェックデジットが一致しません' })
    const otherAmount = `91999999${paymentNumber}01${pair}00260731` + `0011041`
    expect(readSlipBarcode(otherAmount + String(gs1CheckDigit(otherAmount)))).toEqual({
      ok: false,
      reason: '確認番号が納付番号・金額と一致しません',
    })
    expect(readSlipBarcode(digits.slice(1))).toEqual({ ok: false, reason: 'バーコードは44桁の数字です' })
  })
})
