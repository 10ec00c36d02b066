import { describe, expect, it } from 'vitest'
import { checkDigit } from '../../../../../shared/domain'
import { parseMasterPayload } from '../../../../../shared/masters/datasets'
import { dummyProviderDrafts, providerNumber } from '../../../../../server/src/areas/masters/reference/providers'
import { SERVICE_TYPES } from '../../../../../server/src/areas/masters/reference/services'
import { shippedDatasets } from '../../../../../server/src/areas/masters/shipped'

const shipped = new Map(shippedDatasets().map((d) => [d.dataset, d]))

describe('reference masters', () => {
  it('banks and branches come from the zengin-code package (all of them, keyed by code)', () => {
    const banks = shipped.get('ref.banks')!
    const branches = shipped.get('ref.bankBranches')!
    expect(banks.rows.length).toBeGreaterThan(1_000)
    expect(branches.rows.length).toBeGreaterThan(25_000)
    expect(banks.meta.source).toMatch(/^zengin-code 1\.0\.0-p\d{8}/)
    expect(parseMasterPayload('ref.banks', banks.rows.find((r) => r.key === '0001')!.payload)).toEqual({
      code: '0001',
      name: 'みずほ',
      kana: 'ミズホ',
    })
    expect(branches.rows.every((r) => /^\d{4}-\d{3}$/.test(r.key))).toBe(true)
  })

  it('事業所 are generated dummies: deterministic, 10-digit numbers 13 7 04 xxxx + check digit, flagged as sample', () => {
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
    expect(shipped.get('ref.providers')!.meta.sample).toBe(true)
  })

  it('サービス種類 carry the 人件費割合 of domain.md §5.2 (⚠️ codes unverified); サービスコード are marked sample', () => {
    const types = new Map(SERVICE_TYPES.map((t) => [t.code, t.personnelRatio]))
    expect([types.get('11'), types.get('14'), types.get('15'), types.get('17')]).toEqual([70, 55, 45, 0])
    expect(shipped.get('ref.serviceTypes')!.meta.unverified).toBe(true)
    const codes = shipped.get('ref.serviceCodes')!
    expect(codes.meta.sample).toBe(true)
    expect(
      codes.rows.every((r) => parseMasterPayload('ref.serviceCodes', r.payload).name.startsWith('（サンプル）')),
    ).toBe(true)
  })

  it('文言 declare exactly the placeholders their text uses', () => {
    for (const row of shipped.get('ref.noticeTexts')!.rows) {
      const t = parseMasterPayload('ref.noticeTexts', row.payload)
      const used = [...t.body.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1])
      expect(new Set(used)).toEqual(new Set(t.placeholders))
      expect(row.key).toBe(`${t.id}@${row.validFrom}`)
    }
  })
})
