import type { PersonSearchQuery } from '../../../../shared/api/person'
import { dateFromText } from '../../lib/date-input'
import { phoneDigits } from '../../../../shared/text/address'
import { isKanaOnly } from '../../../../shared/text/kana'

/** The search form as typed (every field text). */
export interface SearchForm {
  kana: string
  name: string
  birthDate: string
  insuredNumber: string
  address: string
  phone: string
}

export const emptySearchForm: SearchForm = {
  kana: '',
  name: '',
  birthDate: '',
  insuredNumber: '',
  address: '',
  phone: '',
}

export type CriteriaResult = { ok: true; query: PersonSearchQuery } | { ok: false; message: string }

export const PAGE_SIZE = 50

/** Turns the form into a query, with a Japanese message for the first problem found. */
export function toSearchQuery(form: SearchForm, page = 1): CriteriaResult {
  const query: PersonSearchQuery = { page, pageSize: PAGE_SIZE }
  const kana = form.kana.trim()
  const name = form.name.trim()
  const birth = form.birthDate.trim()
  const number = form.insuredNumber.trim().normalize('NFKC')
  const address = form.address.trim()
  const phone = form.phone.trim()
  if (kana) {
    if (!isKanaOnly(kana)) return { ok: false, message: 'カナ氏名にはカナを入力してください' }
    query.kana = kana
  }
  if (name) query.name = name
  if (birth) {
    const birthDate = dateFromText(birth)
    if (!birthDate)
      return { ok: false, message: '生年月日は「S35.4.1」「昭和35年4月1日」「1960-04-01」のように入力してください' }
    query.birthDate = birthDate
  }
  if (number) {
    if (!/^\d{10}$/.test(number)) return { ok: false, message: '被保険者番号は10桁の数字で入力してください' }
    query.insuredNumber = number
  }
  if (address) query.address = address
  if (phone) {
    if (!/^[\d\-()\s]+$/.test(phone.normalize('NFKC')))
      return { ok: false, message: '電話番号は数字とハイフンで入力してください' }
    if (phoneDigits(phone).length < 4) return { ok: false, message: '電話番号は4桁以上入力してください' }
    query.phone = phoneDigits(phone)
  }
  if (!query.kana && !query.name && !query.birthDate && !query.insuredNumber && !query.address && !query.phone) {
    return { ok: false, message: '検索条件を1つ以上入力してください' }
  }
  return { ok: true, query }
}

/**
 * Whether typed criteria are complete enough to search as you type (Enter searches whatever is valid): 2 characters
 * of カナ, 氏名 or 住所, 4 digits of a phone number, the whole 被保険者番号, or a complete birth date.
 */
export function typedEnough(form: SearchForm): boolean {
  const atLeast = (text: string, n: number) => Array.from(text.trim()).length >= n
  if (atLeast(form.kana, 2) || atLeast(form.name, 2) || atLeast(form.address, 2)) return true
  if (phoneDigits(form.phone).length >= 4) return true
  if (/^\d{10}$/.test(form.insuredNumber.trim().normalize('NFKC'))) return true
  return dateFromText(form.birthDate) !== null
}
