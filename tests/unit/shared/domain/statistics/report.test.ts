import { describe, expect, it } from 'vitest'
import {
  benefitPlacement,
  cellDifferences,
  defaultCutoff,
  extractDefinitionProblem,
  isClosedMonth,
  maskedItems,
  monthBaseDate,
  monthlyChecks,
  movementOf,
  previousBaseDate,
  recipientKindOf,
  shiftMonth,
  shownValue,
  submissionProblem,
  suppressSmallCells,
} from '../../../../../shared/domain/statistics'
import { monthlyRulesFor } from '../../../../../shared/domain/statistics'

// The report's rules: docs/sources/migration.md §3.2, §3.3 (all [verify]); figures below counted by hand.
describe('基準日 and the months of a 月報', () => {
  it('the 基準日 is the month end, 前月末 the day before the month starts (leap February included)', () => {
    expect(monthBaseDate('2027-02')).toBe('2027-02-28')
    expect(monthBaseDate('2028-02')).toBe('2028-02-29')
    expect(previousBaseDate('2027-01')).toBe('2026-12-31')
  })
  it('shifts months across years both ways', () => {
    expect(shiftMonth('2027-01', -1)).toBe('2026-12')
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(shiftMonth('2027-03', -14)).toBe('2026-01')
  })
  it('a month is closed the day after its 基準日, not on it', () => {
    expect(isClosedMonth('2026-11', '2026-11-30')).toBe(false)
    expect(isClosedMonth('2026-11', '2026-12-01')).toBe(true)
  })
  it('the default cut-off is the 基準日 plus the ward’s 10 days (⚠️ parameter)', () => {
    expect(defaultCutoff('2026-11')).toBe('2026-12-10')
  })
})

describe('benefit placement (現物 by service month two months before, 償還 by decision month one before)', () => {
  it('places the claims of the January report in November service and December decisions', () => {
    expect(benefitPlacement('2027-01')).toEqual({
      inKindServiceMonth: '2026-11',
      reimbursementDecisionMonth: '2026-12',
    })
  })
  it('follows a changed lag as a parameter', () => {
    const rules = { ...monthlyRulesFor('2027-01'), inKindServiceMonthLag: 1 }
    expect(benefitPlacement('2027-01', rules).inKindServiceMonth).toBe('2026-12')
  })
})

describe('当月中増・減 of 第1号被保険者', () => {
  const acq = (reason: string, category = 1) => ({ kind: 'acquisition', reason, category, effectiveOn: '2026-11-10' })
  it('65歳到達 (also 第2号 → 第1号) and 転入 are increases with their reason', () => {
    expect(movementOf(false, true, [acq('reachingAge65')])).toEqual({ kind: 'increase', reason: 'reachingAge65' })
    expect(
      movementOf(false, true, [
        { kind: 'categoryChange', reason: 'reachingAge65', category: 1, effectiveOn: '2026-11-03' },
      ]),
    ).toEqual({ kind: 'increase', reason: 'reachingAge65' })
    expect(movementOf(false, true, [acq('moveIn')])).toEqual({ kind: 'increase', reason: 'moveIn' })
  })
  it('death and 転出 are decreases; an unknown reason is その他', () => {
    const loss = (reason: string) => ({ kind: 'loss', reason, category: null, effectiveOn: '2026-11-20' })
    expect(movementOf(true, false, [loss('death')])).toEqual({ kind: 'decrease', reason: 'death' })
    expect(movementOf(true, false, [loss('moveOut')])).toEqual({ kind: 'decrease', reason: 'moveOut' })
    expect(movementOf(true, false, [loss('correction')])).toEqual({ kind: 'decrease', reason: 'other' })
  })
  it('a person who came and went within the month counts in neither (前月末 + 増 − 減 = 当月末)', () => {
    expect(movementOf(false, false, [acq('moveIn')])).toBeNull()
    expect(movementOf(true, true, [])).toBeNull()
  })
})

describe('受給者 kind of a サービス種類コード', () => {
  const rule = monthlyRulesFor('2027-01').recipientKinds
  it('51/52/53/55 are 施設, 54 and 7x 地域密着型, the rest and none 居宅', () => {
    expect(recipientKindOf('51', rule)).toBe('facility')
    expect(recipientKindOf('55', rule)).toBe('facility')
    expect(recipientKindOf('54', rule)).toBe('communityBased')
    expect(recipientKindOf('78', rule)).toBe('communityBased')
    expect(recipientKindOf('11', rule)).toBe('home')
    expect(recipientKindOf(null, rule)).toBe('home')
  })
})

describe('checks before submission', () => {
  const cells = {
    'insured.previousEnd': 100,
    'insured.increase.total': 3,
    'insured.decrease.total': 2,
    'insured.currentEnd': 101,
    'certified.total.c1': 20,
    'certified.total.c2': 1,
    'recipients.home.c1': 10,
    'recipients.communityBased.c1': 5,
    'recipients.facility.c1': 5,
    'recipients.home.c2': null,
    'recipients.communityBased.c2': null,
    'recipients.facility.c2': null,
  }
  it('pass when 100 + 3 − 2 = 101, 受給者 20 ≤ 認定者 20, and 前月報告 said 100', () => {
    const checks = monthlyChecks(cells, 100)
    expect(checks.every((c) => c.ok)).toBe(true)
    expect(submissionProblem(checks, null)).toBeNull()
  })
  it('受給者 21 > 認定者 20 blocks', () => {
    const checks = monthlyChecks({ ...cells, 'recipients.home.c1': 11 }, 100)
    expect(submissionProblem(checks, 'x')).toMatch(/受給者数 ≤ 認定者数（第1号）/)
  })
  it('a balance that does not add up blocks', () => {
    expect(submissionProblem(monthlyChecks({ ...cells, 'insured.currentEnd': 102 }, 100), null)).toMatch(/当月末/)
  })
  it('a continuity gap (前月報告 99) needs a note, and passes with one', () => {
    const checks = monthlyChecks(cells, 99)
    expect(checks.find((c) => c.id === 'continuity')!.ok).toBe(false)
    expect(submissionProblem(checks, ' ')).toMatch(/差異の理由/)
    expect(submissionProblem(checks, '死亡届の遅れによる訂正')).toBeNull()
  })
})

describe('small-cell suppression and differences', () => {
  it('suppresses person counts 1 … threshold−1, keeps 0 and the threshold itself', () => {
    const { cells, suppressed } = suppressSmallCells({ a: 0, b: 1, c: 9, d: 10, e: 12_345 }, (id) => id !== 'e', 10)
    expect(cells).toEqual({ a: 0, b: null, c: null, d: 10, e: 12_345 })
    expect(suppressed).toEqual(['b', 'c'])
  })
  it('lists only the cells that changed', () => {
    expect(cellDifferences({ a: 1, b: 2, c: null }, { a: 1, b: 3, c: null })).toEqual([
      { id: 'b', submitted: 2, recomputed: 3 },
    ])
  })
})

describe('EUC extract masking', () => {
  it('masks every identifying item unless a reason of 4+ characters is given', () => {
    expect(maskedItems(['name', 'age', 'address'], null)).toEqual(['name', 'address'])
    expect(maskedItems(['name', 'age', 'address'], 'abc')).toEqual(['name', 'address'])
    expect(maskedItems(['name', 'age', 'address'], '訪問調整のため')).toEqual([])
    expect(shownValue('name', '検証 太郎', ['name'])).toBe('＊＊＊＊')
    expect(shownValue('age', 80, ['name'])).toBe('80')
  })
  it('refuses マイナンバー and grouping by an identifying item', () => {
    expect(extractDefinitionProblem(['individualNumber'], [])).toMatch(/抽出できません/)
    expect(extractDefinitionProblem(['age'], ['name'])).toMatch(/集計できません/)
    expect(extractDefinitionProblem(['age'], ['careLevel'])).toBeNull()
    expect(extractDefinitionProblem([], [])).toMatch(/1つ以上/)
  })
})
