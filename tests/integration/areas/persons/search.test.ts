import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toHiragana } from 'wanakana'
import { generateDummyWard } from '../../../../server/src/demo/generator'
import { DEMO_SEED } from '../../../../server/src/demo/seed-if-empty'
import { formatWareki } from '../../../../shared/domain'
import { databaseKinds } from '../../support/databases'
import { terminalClient } from '../../support/clients'
import { startTestServer, type TestServer } from '../../support/test-server'
import { signIn } from '../../support/sign-in'

const SCALE = 1_000
const ward = generateDummyWard({ seed: DEMO_SEED, scale: SCALE })
const householdOf = new Map(ward.households.map((h) => [h.householdId, h]))
const insured = ward.persons.find(
  (p) => p.insuredNumber && !p.isProtected && /[ガギグゲゴザジズゼゾダデドバビブベボ]/.test(p.familyNameKana),
)!
const variant = ward.persons.find((p) => /[髙﨑邊邉齋齊]/.test(p.familyName))!
const protectedPerson = ward.persons.find((p) => p.isProtected && p.phone)!
const withPhone = ward.persons.find((p) => p.phone && !p.isProtected)!

describe.each(databaseKinds)('person search on %s', (kind) => {
  let t: TestServer
  let token: string
  const search = (q: Parameters<ReturnType<typeof terminalClient>['call']>[1]) =>
    terminalClient(t).call('person.search', q as never, token)
  beforeAll(async () => {
    t = await startTestServer(kind, SCALE)
    token = await signIn(t, 'shikaku01')
  })
  afterAll(() => t.close())

  describe('カナ: three scripts, small kana, voiced marks', () => {
    const kana = insured.familyNameKana + insured.givenNameKana
    it.each([
      ['katakana', kana],
      ['hiragana', toHiragana(kana)],
      ['half-width', toHalfWidth(kana)],
    ])('finds the person typed in %s', async (_script, query) => {
      const result = await search({ kana: query })
      expect(result.items.map((i) => i.insuredNumber)).toContain(insured.insuredNumber)
    })
    it('finds the person without voiced marks (ヤマサキ → ヤマザキ), exact spellings first', async () => {
      const plain = kana
        .normalize('NFD')
        .replace(/[\u3099\u309A]/g, '')
        .normalize('NFC')
      const result = await search({ kana: plain, birthDate: insured.birthDate })
      expect(result.items.map((i) => i.insuredNumber)).toContain(insured.insuredNumber)
    })
    it('does not find the person by a different kana', async () => {
      const result = await search({ kana: 'ン' + kana })
      expect(result.items.map((i) => i.insuredNumber)).not.toContain(insured.insuredNumber)
    })
  })

  describe('漢字氏名: 異体字 either way', () => {
    it('finds a 髙/﨑/邊 surname by its common spelling and by the variant itself', async () => {
      const common = variant.familyName
        .replace('髙', '高')
        .replace('﨑', '崎')
        .replace(/[邊邉]/, '辺')
        .replace(/[齋齊]/, '斎')
      for (const name of [common + variant.givenName, variant.familyName + variant.givenName]) {
        const result = await search({ name })
        expect(result.items.map((i) => i.name)).toContain(`${variant.familyName} ${variant.givenName}`)
      }
    })
  })

  describe('生年月日 (Western or era form, parsed by the client) and number', () => {
    it('finds the same person by birth date and 被保険者番号 combined', async () => {
      const result = await search({ birthDate: insured.birthDate, insuredNumber: insured.insuredNumber! })
      expect(result.total).toBe(1)
      expect(formatWareki(result.items[0]!.birthDate)).toBe(formatWareki(insured.birthDate))
    })
    it('combines filters with AND: a right number with a wrong birth date finds nobody', async () => {
      const result = await search({ birthDate: '1900-01-01', insuredNumber: insured.insuredNumber! })
      expect(result.total).toBe(0)
    })
  })

  describe('address fragment and phone', () => {
    it('finds the person by an address fragment typed in the hyphen form', async () => {
      const address = householdOf.get(insured.householdId)!.address
      const m = /新宿区(.+?)([一二三四五六七八九十]+)丁目(\d+)番(\d+)号/.exec(address)
      const fragment = m ? `${m[1]}${kanjiToNumber(m[2]!)}-${m[3]}-${m[4]}` : address.slice(6, 14)
      const result = await search({ address: fragment, kana: insured.familyNameKana })
      expect(result.items.map((i) => i.insuredNumber)).toContain(insured.insuredNumber)
    })
    it('finds the person by the last digits of the phone number', async () => {
      const result = await search({ phone: withPhone.phone!.slice(-9) })
      expect(result.items.map((i) => i.name)).toContain(`${withPhone.familyName} ${withPhone.givenName}`)
    })
    it('never finds a protected person by address or phone (their address is masked)', async () => {
      const address = householdOf.get(protectedPerson.householdId)!.address
      for (const q of [{ address: address.slice(6) }, { phone: protectedPerson.phone! }]) {
        const result = await search(q)
        expect(result.items.some((i) => i.isProtected)).toBe(false)
      }
    })
    it('refuses a phone fragment shorter than 4 digits with a Japanese message', async () => {
      await expect(search({ phone: '03' })).rejects.toMatchObject({ message: '電話番号は4桁以上入力してください' })
    })
  })

  describe('pagination', () => {
    it('pages through the results without overlap and with the same total', async () => {
      const first = await search({ kana: 'ア', pageSize: 5, page: 1 })
      const second = await search({ kana: 'ア', pageSize: 5, page: 2 })
      expect(first.total).toBe(second.total)
      expect(first.total).toBeGreaterThan(10)
      const ids = new Set(first.items.map((i) => i.id))
      expect(second.items.some((i) => ids.has(i.id))).toBe(false)
    })
  })
})

function toHalfWidth(kana: string): string {
  const table: Record<string, string> = {}
  const full =
    'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー'
  const half = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ'
  Array.from(full).forEach((c, i) => (table[c] = half[i]!))
  return Array.from(kana.normalize('NFD'), (c) => (c === '\u3099' ? 'ﾞ' : c === '\u309A' ? 'ﾟ' : (table[c] ?? c))).join(
    '',
  )
}

function kanjiToNumber(k: string): number {
  const d = '〇一二三四五六七八九'
  if (k.includes('十')) {
    const [t, o] = k.split('十')
    return (t ? d.indexOf(t) : 1) * 10 + (o ? d.indexOf(o) : 0)
  }
  return d.indexOf(k)
}
