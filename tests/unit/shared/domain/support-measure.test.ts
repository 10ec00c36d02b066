import { describe, expect, it } from 'vitest'
import { isAddressProtected, supportMeasureAddressKey, type SupportMeasureResident } from '../../../../shared/domain'

// 支援措置 (docs/security.md): the address is protected when the person, a member of the household, or someone at the
// same current address is protected. Dummy addresses in the generator's form (東京都新宿区{町丁目}{番}番{号}号\u3000{building}).
const AT = '東京都新宿区西新宿二丁目8番1号\u3000メゾン西新宿101号室'
const resident = (householdId: number | string, address: string, isProtected: boolean): SupportMeasureResident => ({
  householdId,
  address,
  isProtected,
})

describe('an address is protected when the person is protected', () => {
  it('alone, with nobody else known', () => {
    expect(isAddressProtected(resident(1, AT, true), [])).toBe(true)
  })
  it('is not protected for an unprotected person with nobody else known', () => {
    expect(isAddressProtected(resident(1, AT, false), [])).toBe(false)
  })
})

describe('an address is protected when a protected person is in the same household', () => {
  it('a newborn of a protected mother (same household, same address)', () => {
    expect(isAddressProtected(resident(1, AT, false), [resident(1, AT, true)])).toBe(true)
  })
  it('the same household counts even when the addresses given differ (the household is the unit)', () => {
    expect(isAddressProtected(resident(1, AT, false), [resident(1, '東京都新宿区榎町1番1号', true)])).toBe(true)
  })
  it('an unprotected member of the household does not protect (only protected persons count)', () => {
    expect(isAddressProtected(resident(1, AT, false), [resident(1, AT, false), resident(1, AT, false)])).toBe(false)
  })
  it('household identities are compared exactly: 1 is not "1"', () => {
    expect(isAddressProtected(resident(1, '東京都新宿区榎町1番1号', false), [resident('1', AT, true)])).toBe(false)
  })
})

describe('an address is protected when a protected person lives at the same address in another household', () => {
  it('世帯分離 at the same dwelling', () => {
    expect(isAddressProtected(resident(2, AT, false), [resident(1, AT, true)])).toBe(true)
  })
  it('the same address written with 全角数字 and without the 全角空白 is the same dwelling', () => {
    const written = '東京都新宿区西新宿二丁目８番１号メゾン西新宿１０１号室'
    expect(isAddressProtected(resident(2, written, false), [resident(1, AT, true)])).toBe(true)
    expect(supportMeasureAddressKey(written)).toBe(supportMeasureAddressKey(AT))
  })
  it('another room of the same building is another dwelling (102号室)', () => {
    const nextDoor = '東京都新宿区西新宿二丁目8番1号\u3000メゾン西新宿102号室'
    expect(isAddressProtected(resident(2, nextDoor, false), [resident(1, AT, true)])).toBe(false)
  })
  it('the building without the room is another address (a prefix is not the same address)', () => {
    expect(isAddressProtected(resident(2, '東京都新宿区西新宿二丁目8番1号', false), [resident(1, AT, true)])).toBe(
      false,
    )
  })
  it('another 号 of the same 番 is another address', () => {
    expect(
      isAddressProtected(resident(2, '東京都新宿区西新宿二丁目8番2号\u3000メゾン西新宿101号室', false), [
        resident(1, AT, true),
      ]),
    ).toBe(false)
  })
  it('an unprotected neighbour at the same address does not protect', () => {
    expect(isAddressProtected(resident(2, AT, false), [resident(1, AT, false)])).toBe(false)
  })
})

describe('the address key', () => {
  it('is NFKC without white space of any width', () => {
    expect(supportMeasureAddressKey('東京都新宿区 榎町１番１号\u3000２０１号室\t')).toBe(
      '東京都新宿区榎町1番1号201号室',
    )
  })
})
