import { describe, expect, it } from 'vitest'
import {
  copayReductionKinds,
  copayReductionRefusal,
  overlappingReduction,
  type CopayReductionApplication,
} from '../../../../shared/domain/copay-reduction'

const base: CopayReductionApplication = {
  kind: 'socialWelfareCorp',
  ratePercent: 25,
  appliedOn: '2026-08-05',
  validFrom: '2026-08-01',
  validTo: '2027-07-31',
}
const today = '2026-08-10'

// docs/sources/migration.md §1.3: the seed's record types 57 利用者負担減免, 58 社福軽減, 59 訪問介護減額, 61 離島等軽減
// (60, the 負担限度額認定, is a record of its own).
describe('the kinds of 減免', () => {
  it('are the seed’s four', () => {
    expect([...copayReductionKinds]).toEqual(['userCopay', 'socialWelfareCorp', 'homeHelp', 'remoteIsland'])
  })
})

describe('the application date', () => {
  it('may be today, not tomorrow', () => {
    expect(copayReductionRefusal({ ...base, appliedOn: today }, today)).toBeNull()
    expect(copayReductionRefusal({ ...base, appliedOn: '2026-08-11' }, today)).toBe(
      '申請日（appliedOn）2026-08-11 が本日（2026-08-10）より後です',
    )
  })
})

// docs/sources/domain.md §5.3: the year runs 8/1〜7/31; a 減免 is valid within one year.
describe('the period', () => {
  it('starts on the first day of the application’s month at the earliest', () => {
    expect(copayReductionRefusal({ ...base, validFrom: '2026-08-01' }, today)).toBeNull()
    expect(copayReductionRefusal({ ...base, validFrom: '2026-07-31' }, today)).toContain(
      '申請日の属する月の初日（2026-08-01）以降',
    )
  })
  it('ends on the 7/31 of its year at the latest, and not before it starts', () => {
    expect(copayReductionRefusal({ ...base, validTo: '2027-07-31' }, today)).toBeNull()
    expect(copayReductionRefusal({ ...base, validTo: '2027-08-01' }, today)).toContain('末日（2027-07-31）まで')
    expect(copayReductionRefusal({ ...base, validFrom: '2026-08-02', validTo: '2026-08-02' }, today)).toBeNull()
    expect(copayReductionRefusal({ ...base, validFrom: '2026-08-02', validTo: '2026-08-01' }, today)).toContain(
      'より前です',
    )
  })
  it('of a July application ends on the 7/31 of the same month', () => {
    const july = { ...base, appliedOn: '2026-07-20', validFrom: '2026-07-01' }
    expect(copayReductionRefusal({ ...july, validTo: '2026-07-31' }, today)).toBeNull()
    expect(copayReductionRefusal({ ...july, validTo: '2026-08-01' }, today)).toContain('末日（2026-07-31）まで')
  })
})

// ⚠️ general knowledge (no figure in docs/sources/domain.md): 社会福祉法人等軽減 1/4, 老齢福祉年金受給者 1/2;
// 訪問介護利用者負担額減額 負担なし; 利用者負担減免 and 離島等軽減 the rate of the decision.
describe('the rate', () => {
  it('of 社会福祉法人等軽減 is 25 % or 50 %', () => {
    expect(copayReductionRefusal({ ...base, ratePercent: 50 }, today)).toBeNull()
    expect(copayReductionRefusal({ ...base, ratePercent: 30 }, today)).toBe(
      '社会福祉法人等による利用者負担軽減の減免の割合（ratePercent）は25％・50％のいずれかです',
    )
  })
  it('of 訪問介護利用者負担額減額 is 100 %', () => {
    expect(copayReductionRefusal({ ...base, kind: 'homeHelp', ratePercent: 100 }, today)).toBeNull()
    expect(copayReductionRefusal({ ...base, kind: 'homeHelp', ratePercent: 90 }, today)).toContain('100％')
  })
  it('of 利用者負担減免 is any whole percent 1–100, and always given', () => {
    for (const ratePercent of [1, 100])
      expect(copayReductionRefusal({ ...base, kind: 'userCopay', ratePercent }, today)).toBeNull()
    expect(copayReductionRefusal({ ...base, kind: 'userCopay', ratePercent: 0 }, today)).toBe(
      '減免の割合（ratePercent）は1〜100の整数です',
    )
    expect(copayReductionRefusal({ ...base, kind: 'userCopay', ratePercent: null }, today)).toBe(
      '減免の割合（ratePercent）を入力してください',
    )
  })
})

describe('overlapping periods', () => {
  const existing = [
    { id: 1, kind: 'socialWelfareCorp', validFrom: '2026-08-01', validTo: '2026-12-31', status: 'approved' as const },
    { id: 2, kind: 'userCopay', validFrom: '2026-08-01', validTo: '2027-07-31', status: 'applied' as const },
    { id: 3, kind: 'socialWelfareCorp', validFrom: '2027-01-01', validTo: '2027-07-31', status: 'rejected' as const },
  ]
  it('of the same kind sharing one day clash; the next day does not', () => {
    expect(
      overlappingReduction(existing, { kind: 'socialWelfareCorp', validFrom: '2026-12-31', validTo: '2027-03-31' })?.id,
    ).toBe(1)
    expect(
      overlappingReduction(existing, { kind: 'socialWelfareCorp', validFrom: '2027-01-01', validTo: '2027-03-31' }),
    ).toBeUndefined()
  })
  it('of another kind, or rejected, do not clash', () => {
    expect(
      overlappingReduction(existing, { kind: 'homeHelp', validFrom: '2026-08-01', validTo: '2027-07-31' }),
    ).toBeUndefined()
    expect(
      overlappingReduction(existing, { kind: 'userCopay', validFrom: '2027-07-31', validTo: '2027-07-31' })?.id,
    ).toBe(2)
  })
})
