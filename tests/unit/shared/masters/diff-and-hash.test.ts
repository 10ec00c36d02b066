import { describe, expect, it } from 'vitest'
import { diffWardParameters } from '../../../../shared/masters/diff'
import { canonicalJson, contentHash, rowHash } from '../../../../shared/masters/hash'
import { shinjukuDefaultWardVersions } from '../../../../shared/masters/ward-parameters'
import { sha256 } from '../../electron/main/services/master-cache/fixtures/fake-master-server'

const before = shinjukuDefaultWardVersions()[0]!.payload.value

describe('side-by-side diff of two ward parameter versions', () => {
  it('lists every field with Japanese labels and marks only the changes', () => {
    const after = structuredClone(before)
    after.basePremium = 84_000
    after.stageTable.rates[12] = { stage: 13, rateBp: 25_000 }
    after.rounding = 'floor100'
    const diff = diffWardParameters(before, after)
    expect(diff.filter((d) => d.changed)).toEqual([
      expect.objectContaining({ label: '第13段階 料率', before: '2.4', after: '2.5' }),
      expect.objectContaining({ label: '基準額（年額）', before: '79,200円', after: '84,000円' }),
      expect.objectContaining({ label: '年額の端数処理', before: '10円未満切捨て', after: '100円未満切捨て' }),
    ])
    expect(diff.length).toBeGreaterThan(80)
    expect(diff.find((d) => d.path === 'stageTable.householdExemptBands.0.upTo')).toMatchObject({
      label: '世帯非課税 第1段階 年金収入等の上限（以下）',
      before: '境界額L',
      changed: false,
    })
  })

  it('shows added and removed stages with an empty side', () => {
    const after = structuredClone(before)
    after.stageTable.rates.push({ stage: 14, rateBp: 26_000 })
    const added = diffWardParameters(before, after).find((d) => d.path === 'stageTable.rates.13.rateBp')
    expect(added).toMatchObject({ label: '第14段階 料率', before: null, after: '2.6', changed: true })
    const removed = diffWardParameters(after, before).find((d) => d.path === 'stageTable.rates.13.rateBp')
    expect(removed).toMatchObject({ before: '2.6', after: null, changed: true })
  })
})

describe('integrity hashes', () => {
  it('canonical JSON sorts keys at every level, so equal content hashes equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    )
  })

  it('a row hash covers key, dates and payload; a dataset hash needs rows in key order', () => {
    const row = { key: 'a', validFrom: '2026-04-01', validTo: null, payload: '{"x":1}' }
    const h = rowHash(row, sha256)
    expect(rowHash({ ...row, validTo: '2027-03-31' }, sha256)).not.toBe(h)
    expect(rowHash({ ...row, payload: '{"x":2}' }, sha256)).not.toBe(h)
    const lines = [
      { key: 'a', rowHash: h },
      { key: 'b', rowHash: h },
    ]
    expect(contentHash('ds', lines, sha256)).toMatch(/^[0-9a-f]{64}$/)
    expect(() => contentHash('ds', [...lines].reverse(), sha256)).toThrow('not in key order')
  })
})
