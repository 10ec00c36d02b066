import { describe, expect, it } from 'vitest'
import { firstPaymentMonth } from '../../../../../../server/src/areas/premiums/pension-withholding/targets'

const row = (noticeCode: string, category: string) => ({ fiscalYear: 2026, noticeCode, category, noticeDate: null })

/**
 * When withholding can start (docs/sources/domain.md §3.6: 特徴開始は4・6・8・10月のいずれか; docs/sources/interfaces.md §2.5: the
 * May capture, the July 依頼, 追加 captures two months apart ⚠️).
 */
describe('the first pension payment a target can be withheld from', () => {
  it('a 前年度継続者 of the May capture continues from April', () => {
    expect(firstPaymentMonth(row('00', '02'), '2026-05-20')).toBe('2026-04')
  })
  it('a 新規者 of the May capture starts with the 本徴収 of October', () => {
    expect(firstPaymentMonth(row('00', '01'), '2026-05-20')).toBe('2026-10')
  })
  it('an 追加候補者 starts with the first even month at least four months after the file (June → October, July → December)', () => {
    expect(firstPaymentMonth(row('30', '01'), '2026-06-10')).toBe('2026-10')
    expect(firstPaymentMonth(row('30', '01'), '2026-07-10')).toBe('2026-12')
  })
  it('crosses the calendar year (November → April of the next year)', () => {
    expect(firstPaymentMonth(row('30', '02'), '2026-11-10')).toBe('2027-04')
  })
})
