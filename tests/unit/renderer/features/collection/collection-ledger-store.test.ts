import { describe, expect, it, vi } from 'vitest'

vi.mock('../../../../../renderer/src/platform/bridge', () => ({ api: {} }))
const { counterRequest, targetOf } =
  await import('../../../../../renderer/src/features/collection/collection-ledger-store')

describe('the 窓口 form is checked before any call', () => {
  it('takes yen typed with commas, 円 or full-width digits; refuses 0 and fractions naming the field', () => {
    expect(counterRequest({ target: '', amount: '10,500円', paidOn: '2026-12-10' })).toEqual({
      ok: true,
      amount: 10_500,
      paidOn: '2026-12-10',
      target: null,
    })
    expect(counterRequest({ target: '', amount: '１２３', paidOn: '2026-12-10' })).toMatchObject({ amount: 123 })
    expect(counterRequest({ target: '', amount: '0', paidOn: '2026-12-10' })).toEqual({
      ok: false,
      message: '金額（amount）: 1円以上の整数で入力してください',
    })
    expect(counterRequest({ target: '', amount: '1.5', paidOn: '2026-12-10' }).ok).toBe(false)
    expect(counterRequest({ target: '', amount: '1', paidOn: '' })).toEqual({
      ok: false,
      message: '納付日（paidOn）: 日付を入力してください',
    })
  })

  it('reads the installment of the select, or the oldest due first', () => {
    expect(targetOf('2026:direct:3')).toEqual({ fiscalYear: 2026, method: 'direct', seq: 3 })
    expect(targetOf('')).toBeNull()
  })
})
