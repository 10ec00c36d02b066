import { describe, expect, it } from 'vitest'
import { toSearchQuery } from '../../../../../renderer/src/features/persons/search-criteria'

const empty = { kana: '', name: '', birthDate: '', insuredNumber: '', address: '', phone: '' }

describe('toSearchQuery: the search form → the query, with Japanese messages', () => {
  it('reads 生年月日 in era and Western forms to the same date', () => {
    for (const birthDate of ['S35.4.1', '昭和35年4月1日', '1960-04-01', 'Ｓ３５．４．１']) {
      const r = toSearchQuery({ ...empty, birthDate })
      expect(r).toMatchObject({ ok: true, query: { birthDate: '1960-04-01' } })
    }
  })
  it('refuses an impossible era date', () => {
    expect(toSearchQuery({ ...empty, birthDate: '平成32年1月1日' })).toMatchObject({ ok: false })
  })
  it('takes 10 digits (full-width too) as 被保険者番号 and refuses 9 or 11', () => {
    expect(toSearchQuery({ ...empty, insuredNumber: '０１２３４５６７８９' })).toMatchObject({
      ok: true,
      query: { insuredNumber: '0123456789' },
    })
    for (const insuredNumber of ['012345678', '01234567890'])
      expect(toSearchQuery({ ...empty, insuredNumber })).toEqual({
        ok: false,
        message: '被保険者番号は10桁の数字で入力してください',
      })
  })
  it('sends the digits of a phone number and refuses fewer than 4 digits', () => {
    expect(toSearchQuery({ ...empty, phone: '03-0123' })).toMatchObject({ ok: true, query: { phone: '030123' } })
    expect(toSearchQuery({ ...empty, phone: '030' })).toEqual({
      ok: false,
      message: '電話番号は4桁以上入力してください',
    })
  })
  it('refuses kanji in the カナ field and an empty form', () => {
    expect(toSearchQuery({ ...empty, kana: '山田' })).toMatchObject({ ok: false })
    expect(toSearchQuery(empty)).toEqual({ ok: false, message: '検索条件を1つ以上入力してください' })
  })
  it('combines criteria and pages', () => {
    expect(toSearchQuery({ ...empty, kana: 'やまだ', address: '西新宿' }, 3)).toMatchObject({
      ok: true,
      query: { kana: 'やまだ', address: '西新宿', page: 3, pageSize: 50 },
    })
  })
})
