import { describe, expect, it } from 'vitest'
import { householdTaxStatus } from '../../../../shared/domain'

// The 賦課期日's household status is derived from the members' resident-tax records (docs/sources/domain.md §3.1, §3.2).
describe('household tax status from the members’ records', () => {
  it('is 世帯全員非課税 when nobody is taxed', () => {
    const s = householdTaxStatus(1, [
      { personId: 1, taxable: false },
      { personId: 2, taxable: false },
    ])
    expect(s).toMatchObject({ selfTaxable: false, householdTaxable: false, taxableMembers: [] })
  })

  it('is 本人非課税・世帯課税 when another member is taxed', () => {
    const s = householdTaxStatus(1, [
      { personId: 1, taxable: false },
      { personId: 2, taxable: true },
    ])
    expect(s).toMatchObject({ selfTaxable: false, householdTaxable: true, taxableMembers: [2] })
  })

  it('is 本人課税 (and so 世帯課税) when the person is taxed', () => {
    const s = householdTaxStatus(1, [{ personId: 1, taxable: true }])
    expect(s).toMatchObject({ selfTaxable: true, householdTaxable: true, taxableMembers: [1] })
  })

  it('counts a member without a record as untaxed and names them', () => {
    const s = householdTaxStatus(1, [
      { personId: 1, taxable: false },
      { personId: 3, taxable: null },
    ])
    expect(s).toMatchObject({ householdTaxable: false, membersWithoutRecord: [3] })
  })

  it('refuses a person without a record of their own, or not in the household', () => {
    expect(() => householdTaxStatus(1, [{ personId: 1, taxable: null }])).toThrow(/no resident-tax record/)
    expect(() => householdTaxStatus(9, [{ personId: 1, taxable: false }])).toThrow(/not a member/)
  })
})
