import { describe, expect, it } from 'vitest'
import { parseMasterPayload } from '../../../../../shared/masters/datasets'
import { SERVICE_TYPES } from '../../../../../server/src/areas/masters/reference/services'
import { shippedDatasets } from '../../../../../server/src/areas/masters/shipped'
import { demoShippedSources } from '../../../../../server/src/demo/shipped-sources'

const sources = demoShippedSources()
const shipped = new Map(shippedDatasets(sources).map((d) => [d.dataset, d]))

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

  it('事業所 are the rows handed in by the composition root, in key order, flagged as sample', () => {
    const providers = shipped.get('ref.providers')!
    expect(providers.rows.map((r) => r.key)).toEqual(sources.providers.map((p) => p.key).sort())
    expect(providers.meta.sample).toBe(true)
  })

  it('サービス種類 carry the 人件費割合 of docs/sources/domain.md §5.2 (⚠️ codes unverified); サービスコード are marked sample', () => {
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
