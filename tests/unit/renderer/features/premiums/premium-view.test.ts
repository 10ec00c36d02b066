import { describe, expect, it } from 'vitest'
import {
  fiscalYearLabel,
  fiscalYearsOf,
  installmentsTotal,
  monthLabel,
  orderedInstallments,
  roundingLabel,
  signedYen,
  stagesLabel,
  taxStatusLabel,
  versionsOfYear,
  yen,
} from '../../../../../renderer/src/features/premiums/premium-view'

describe('amounts are integer yen with thousands separators', () => {
  it('writes yen as staff read it', () => {
    expect(yen(0)).toBe('0円')
    expect(yen(73_680)).toBe('73,680円')
    expect(yen(1_234_567)).toBe('1,234,567円')
  })
  it('signs a difference, and writes no difference as ±0', () => {
    expect(signedYen(1_200)).toBe('+1,200円')
    expect(signedYen(-300)).toBe('-300円')
    expect(signedYen(0)).toBe('±0円')
  })
})

describe('fiscal years and months in 和暦', () => {
  it('names the fiscal year by the era of its 4/1, on both sides of the 令和 change (2019-05-01)', () => {
    expect(fiscalYearLabel(2026)).toBe('令和8年度（2026年度）')
    // FY2019 starts on 2019-04-01, still 平成31年.
    expect(fiscalYearLabel(2019)).toBe('平成31年度（2019年度）')
    expect(fiscalYearLabel(2020)).toBe('令和2年度（2020年度）')
  })
  it('writes a month YYYY-MM in 和暦 and anything else as it is', () => {
    expect(monthLabel('2026-07')).toBe('令和8年7月')
    expect(monthLabel('2027-03')).toBe('令和9年3月')
    expect(monthLabel('2026-13')).toBe('2026-13')
    expect(monthLabel('第1期')).toBe('第1期')
  })
})

describe('years and versions: newest first', () => {
  const v = (fiscalYear: number, version: number) => ({ fiscalYear, version })
  it('lists each fiscal year once, newest first', () => {
    expect(fiscalYearsOf([v(2025, 1), v(2026, 1), v(2026, 2), v(2024, 3)])).toEqual([2026, 2025, 2024])
    expect(fiscalYearsOf([])).toEqual([])
  })
  it('lists the versions of one year, newest (the one in force) first', () => {
    expect(versionsOfYear([v(2026, 1), v(2025, 4), v(2026, 3), v(2026, 2)], 2026)).toEqual([
      v(2026, 3),
      v(2026, 2),
      v(2026, 1),
    ])
  })
})

describe('stages: one or two intervals within the year', () => {
  it('names a single stage', () => {
    expect(stagesLabel([{ stage: 6, fromMonth: '2026-04', toMonth: '2027-03', months: 12, amount: 1 }])).toBe('第6段階')
  })
  it('names both intervals of a year whose stage changed, with their months', () => {
    expect(
      stagesLabel([
        { stage: 6, fromMonth: '2026-04', toMonth: '2026-12', months: 9, amount: 1 },
        { stage: 8, fromMonth: '2027-01', toMonth: '2027-03', months: 3, amount: 1 },
      ]),
    ).toBe('第6段階（令和8年4月〜令和8年12月） → 第8段階（令和9年1月〜令和9年3月）')
  })
  it('shows a dash for a year with no liable month', () => {
    expect(stagesLabel([])).toBe('—')
  })
})

describe('installments: 特別徴収 first, then 普通徴収, each by 期; their sum', () => {
  it('orders the installments for payment', () => {
    const list = [
      { method: 'direct' as const, seq: 2, amount: 100 },
      { method: 'withholding' as const, seq: 4, amount: 10 },
      { method: 'direct' as const, seq: 1, amount: 100 },
      { method: 'withholding' as const, seq: 1, amount: 10 },
    ]
    expect(orderedInstallments(list).map((i) => `${i.method}${i.seq}`)).toEqual([
      'withholding1',
      'withholding4',
      'direct1',
      'direct2',
    ])
    expect(installmentsTotal(list)).toBe(220)
    expect(installmentsTotal([])).toBe(0)
  })
})

describe('the why panel’s words for rounding rules and tax status', () => {
  it('names every rounding rule of the stage table (shared/domain/premium.ts RoundingRule)', () => {
    expect(roundingLabel('none')).toBe('1円未満切捨て')
    expect(roundingLabel('floor10')).toBe('10円未満切捨て')
    expect(roundingLabel('floor100')).toBe('100円未満切捨て')
    expect(roundingLabel('monthlyCeil10')).toBe('月額を10円単位に切上げて12倍')
    expect(roundingLabel('unknownRule')).toBe('unknownRule')
  })
  it('says that a member without a tax record counts as 非課税', () => {
    expect(taxStatusLabel(true)).toBe('課税')
    expect(taxStatusLabel(false)).toBe('非課税')
    expect(taxStatusLabel(null)).toBe('課税情報なし（非課税として扱う）')
  })
})
