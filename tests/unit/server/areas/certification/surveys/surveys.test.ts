import { describe, expect, it } from 'vitest'
import { draftWarnings, surveyFee } from '../../../../../../server/src/areas/certification/surveys/surveys'

/**
 * The linter as the survey entry shows it (draftWarnings over shared/domain/certification-survey-lint.ts), on drafts:
 * contradictory pairs taken from the warning-code table of docs/sources/certification.md §2, and a consistent draft.
 */
describe('the linter flags each contradictory entry of the warning-code table while a draft is entered', () => {
  it.each([
    ['01', { '1-3': 3, '1-10': 1 }], // 寝返り できない × 洗身 介助されていない
    ['13', { '1-7': 1, '2-1': 4 }], // 歩行 つかまらないでできる × 移乗 全介助
    ['17', { '2-3': 3, '2-4': 1 }], // えん下 できない × 食事摂取 介助されていない
    ['47', { '1-3': 3, '1-4': 1 }], // 寝返り できない × 起き上がり つかまらないでできる
    ['57', { '2-10': 4, '2-11': 1 }], // 上衣の着脱 全介助 × ズボン等の着脱 介助されていない
  ])('code %s', (code, items) => {
    const codes = draftWarnings({ items }).map((w) => w.code)
    expect(codes).toEqual([code])
  })
  it('names the items in the message', () => {
    const [w] = draftWarnings({ items: { '1-3': 3, '1-10': 1 } })
    expect(w!.items).toEqual(['1-3', '1-10'])
    expect(w!.message).toContain('1-3')
  })
})

describe('a consistent draft and an empty draft trigger nothing', () => {
  it('an independent person: can turn over, walks, eats and washes without help', () => {
    expect(draftWarnings({ items: { '1-3': 1, '1-4': 1, '1-7': 1, '1-10': 1, '2-1': 1, '2-3': 1, '2-4': 1 } })).toEqual(
      [],
    )
  })
  it('nothing answered yet', () => {
    expect(draftWarnings({})).toEqual([])
  })
})

describe('the item-vs-特記事項 check flags a BPSD item answered ある without a note, not once the note is written', () => {
  it('4-1 = 3 without a note → T1; with a note → none', () => {
    expect(draftWarnings({ items: { '4-1': 3 } }).map((w) => w.code)).toEqual(['T1'])
    expect(draftWarnings({ items: { '4-1': 3 }, specialNotes: [{ itemCode: '4-1', text: '週2、3回' }] })).toEqual([])
  })
})

/** 調査委託料: the ward's placeholder unit prices (shared/domain/parameters/certification-fees.ts ⚠️): 在宅 4,400, 施設 3,300円. */
describe('the survey fee is paid for a contracted survey only, by the ward unit price of the visit date', () => {
  it('直営 → no fee', () => expect(surveyFee('direct', '2026-12-01', 'home', true)).toBeNull())
  it('委託 在宅 → 4,400円; 施設 → 3,300円', () => {
    expect(surveyFee('contracted', '2026-12-01', 'home', true)).toBe(4400)
    expect(surveyFee('contracted', '2026-12-01', 'facility', false)).toBe(3300)
  })
})
