import { describe, expect, it } from 'vitest'
import { checkDigit } from '../../../../../shared/domain'
import { parseMasterPayload } from '../../../../../shared/masters/datasets'
import { dummyProviderDrafts, providerNumber } from '../../../../../server/src/demo/generator/providers'
import { demoShippedSources } from '../../../../../server/src/demo/shipped-sources'

describe('dummy 事業所 (the shipped ref.providers rows)', () => {
  it('are deterministic, 10-digit numbers 13 7 04 xxxx + check digit, with formats no dummy resident uses', () => {
    const a = dummyProviderDrafts()
    expect(dummyProviderDrafts()).toEqual(a)
    expect(dummyProviderDrafts(1)).not.toEqual(a)
    expect(a).toHaveLength(560)
    for (const p of a) {
      const v = parseMasterPayload('ref.providers', JSON.stringify(p.payload))
      expect(v.providerNumber).toMatch(/^13704\d{5}$/)
      expect(Number(v.providerNumber[9])).toBe(checkDigit(v.providerNumber.slice(0, 9)))
      // Address and phone formats no dummy resident uses (番地-号, 050-0xxx).
      expect(v.address).toMatch(/^東京都新宿区\S+\d+-\d+$/)
      expect(v.phone).toMatch(/^050-0\d{3}-\d{4}$/)
    }
    expect(providerNumber(1)).toBe(`137040001${checkDigit('137040001')}`)
  })

  it('the demo hands the masters area the default ones, made once per process', () => {
    expect(demoShippedSources().providers).toEqual(dummyProviderDrafts())
    expect(demoShippedSources()).toBe(demoShippedSources())
  })
})
