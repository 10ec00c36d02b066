import { describe, expect, it } from 'vitest'
import { addressSearchFragment, phoneDigits } from '../../../../shared/text/address'
import { foldKanjiVariants, KANJI_VARIANT_FOLDING } from '../../../../shared/text/kanji-variants'
import { normalizeKanjiName } from '../../../../shared/text/name'

describe('normalizeKanjiName: 異体字 fold to the common form on both sides', () => {
  it.each([
    ['髙橋', '高橋'],
    ['山﨑', '山崎'],
    ['渡邊', '渡辺'],
    ['渡邉', '渡辺'],
    ['齋藤', '斎藤'],
    ['齊藤', '斎藤'],
    ['宮﨑', '宮崎'],
    ['𠮷田', '吉田'],
  ])('%s → %s', (variant, common) => {
    expect(normalizeKanjiName(variant)).toBe(normalizeKanjiName(common))
    expect(normalizeKanjiName(common)).toBe(common)
  })
  it('drops spaces of both widths and ideographic variation selectors', () => {
    expect(normalizeKanjiName('山田　太郎')).toBe('山田太郎')
    expect(normalizeKanjiName('葛\u{E0100}飾')).toBe('葛飾')
  })
  it('applies NFKC (compatibility ideographs, full-width latin)', () => {
    expect(normalizeKanjiName('\uFA10')).toBe('塚')
    expect(normalizeKanjiName('ＳＭＩＴＨ')).toBe('SMITH')
  })
  it('never maps a common form to something else (the table is idempotent)', () => {
    for (const common of KANJI_VARIANT_FOLDING.values()) expect(foldKanjiVariants(common)).toBe(common)
  })
})

describe('addressSearchFragment: the address as typed → the stored form', () => {
  it('writes 丁目 in kanji numerals', () => {
    expect(addressSearchFragment('西新宿2丁目')).toBe('西新宿二丁目')
    expect(addressSearchFragment('西新宿１０丁目')).toBe('西新宿十丁目')
    expect(addressSearchFragment('11丁目')).toBe('十一丁目')
    expect(addressSearchFragment('20丁目')).toBe('二十丁目')
  })
  it('turns the hyphen form after a town name into 丁目・番・号', () => {
    expect(addressSearchFragment('西新宿2-8-1')).toBe('西新宿二丁目8番1号')
    expect(addressSearchFragment('西新宿２－８')).toBe('西新宿二丁目8番')
    expect(addressSearchFragment('西新宿2ー8ー1')).toBe('西新宿二丁目8番1号')
  })
  it('leaves a fragment without a town before the digits alone', () => {
    expect(addressSearchFragment('12番3号')).toBe('12番3号')
    expect(addressSearchFragment('2-8-1')).toBe('2-8-1')
  })
  it('drops spaces', () => {
    expect(addressSearchFragment(' 新宿 三丁目 ')).toBe('新宿三丁目')
  })
})

describe('phoneDigits', () => {
  it('keeps only the digits, any width', () => {
    expect(phoneDigits('03-0123-4567')).toBe('0301234567')
    expect(phoneDigits('０３（０１２３）４５６７')).toBe('0301234567')
    expect(phoneDigits('')).toBe('')
  })
})
