import { describe, expect, it } from 'vitest'
import { careAreaOfTown, careAreas } from '../../../../../server/src/areas/persons/care-areas'
import { chomeName } from '../../../../../server/src/demo/generator/addresses'
import { SHINJUKU_TOWNS } from '../../../../../server/src/demo/generator/data/towns'

// 相談センター職員 see only persons of their own 日常生活圏域, derived from the 町丁目.
describe('日常生活圏域 by 町丁目', () => {
  it('places every 町丁目 the dummy ward can generate in an area', () => {
    for (const town of SHINJUKU_TOWNS) {
      const names =
        town.chome === 0 ? [town.name] : Array.from({ length: town.chome }, (_, i) => town.name + chomeName(i + 1))
      for (const name of names) expect(careAreaOfTown(name), name).not.toBeNull()
    }
  })

  it('splits a town between areas by 丁目 where the ward does (中落合二丁目 | 三丁目, 新宿五丁目 | 六丁目)', () => {
    expect(careAreaOfTown('中落合二丁目')).toBe('ochiai1')
    expect(careAreaOfTown('中落合三丁目')).toBe('ochiai2')
    expect(careAreaOfTown('新宿五丁目')).toBe('tsunohazu')
    expect(careAreaOfTown('新宿六丁目')).toBe('okubo')
  })

  it('has no area outside the ward (住所地特例 facilities)', () => {
    expect(careAreaOfTown('所沢市北野')).toBeNull()
  })

  it('uses ten areas, each with at least one town', () => {
    const used = new Set(SHINJUKU_TOWNS.flatMap((t) => [careAreaOfTown(t.name), careAreaOfTown(t.name + '一丁目')]))
    expect(Object.keys(careAreas).filter((a) => used.has(a as never))).toHaveLength(10)
  })
})
