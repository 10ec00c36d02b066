import { describe, expect, it } from 'vitest'
import { searchForms } from '../../../../../../electron/main/services/master-cache/cache-db'
import { katakanaForm, normalizeKana } from '../../../../../../shared/text/kana'

describe('the master cache looks a query up in the forms of shared/text/kana', () => {
  it('searches the typed text as katakana and as the folded kana key', () => {
    expect(searchForms('きょう')).toEqual(['キョウ', 'キヨウ'])
    expect(searchForms('ｷｮｳ')).toEqual([katakanaForm('ｷｮｳ'), normalizeKana('ｷｮｳ')])
  })

  it('drops spaces and the middle dot, folds ヂ/ヅ to ジ/ズ in the second form', () => {
    expect(searchForms('ミヅホ　ギンコウ')).toEqual(['ミヅホギンコウ', 'ミズホギンコウ'])
    expect(searchForms('新宿・区')).toEqual(['新宿区'])
  })

  it('gives one form when folding changes nothing', () => {
    expect(searchForms('しんじく')).toEqual(['シンジク'])
  })
})
