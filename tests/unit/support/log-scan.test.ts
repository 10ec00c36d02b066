import { describe, expect, it } from 'vitest'
import { formatWareki } from '../../../shared/domain/wareki'
import {
  assertNoPersonalData,
  findJapaneseText,
  findPersonalData,
  personalValues,
  seededWard,
} from '../../integration/support/log-scan'

// Control C-27: the scan every integration server runs on its whole log when it stops
// (tests/integration/support/test-server.ts). These positive controls show that it would find a leak.
const SCALE = 100
const ward = seededWard(SCALE)
const person = ward.persons.find((p) => p.insuredNumber && p.phone)!
const household = ward.households.find((h) => h.householdId === person.householdId)!
const line = (extra: Record<string, unknown>) =>
  JSON.stringify({ level: 30, time: 1_764_115_200_123, pid: 4242, msg: 'request', ...extra }) + '\n'
const clean = [
  line({ method: 'POST', route: '/api/v1/persons/search', status: 200, ms: 12, terminal: 'KD-TEST-0001' }),
  line({ event: 'rateLimited', key: 'user:17' }),
  line({ event: 'idempotentReplay', route: 'user.unlock' }),
]

describe('the log scan for personal data', () => {
  it('takes every seeded person into account', () => {
    const values = new Set(personalValues(SCALE))
    for (const p of ward.persons) {
      expect(values.has(p.individualNumber)).toBe(true)
      expect(values.has(`${p.familyNameKana} ${p.givenNameKana}`)).toBe(true)
      expect(values.has(p.birthDate)).toBe(true)
    }
    for (const h of ward.households) expect(values.has(h.address)).toBe(true)
  })

  it('finds nothing in ordinary request lines (timestamps, pids and durations are not numbers of persons)', () => {
    expect(findPersonalData(clean, SCALE)).toEqual([])
    expect(findJapaneseText(clean)).toEqual([])
    expect(() => assertNoPersonalData(clean, SCALE)).not.toThrow()
  })

  it.each([
    ['漢字氏名', `${person.familyName} ${person.givenName}`],
    ['漢字氏名（空白なし）', person.familyName + person.givenName],
    ['カナ氏名', person.familyNameKana + person.givenNameKana],
    ['個人番号', person.individualNumber],
    ['個人番号（4桁区切り）', person.individualNumber.replace(/^(\d{4})(\d{4})(\d{4})$/, '$1 $2 $3')],
    ['被保険者番号', person.insuredNumber!],
    ['宛名番号', person.personId],
    ['生年月日', person.birthDate],
    ['生年月日（8桁）', person.birthDate.replaceAll('-', '')],
    ['生年月日（スラッシュ）', person.birthDate.replaceAll('-', '/')],
    ['生年月日（和暦）', formatWareki(person.birthDate)],
    ['電話番号', person.phone!],
    ['住所', household.address],
    ['住所（都なし）', household.address.replace(/^東京都/, '')],
  ])('finds a leaked %s in a log line', (_label, value) => {
    const leaked = [...clean, line({ msg: 'oops', detail: `value ${value} here` })]
    expect(findPersonalData(leaked, SCALE)).toContain(value)
    expect(() => assertNoPersonalData(leaked, SCALE)).toThrow(/C-27/)
  })

  it('treats any Japanese text in the log as a leak, whatever its form', () => {
    const leaked = [...clean, line({ reason: '窓口で本人確認' })]
    expect(findJapaneseText(leaked)).toEqual(['窓口で本人確認'])
    expect(() => assertNoPersonalData(leaked, [])).toThrow(/Japanese text/)
  })
})
