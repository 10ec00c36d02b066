import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDummyWard } from '../../../../server/src/demo/generator'
import { DEMO_SEED } from '../../../../server/src/demo/seed-if-empty'
import { signIn } from '../../support/accounts'
import { startTestServer, type TestServer } from '../../support/test-server'
import { CACHE_FILE_NAME, CACHE_SEAL_PURPOSE } from '../../../../electron/main/services/master-cache/cache-db'
import { terminal } from './terminal'

const SCALE = 1_000

/**
 * Every identifying value of every person of the seeded dummy ward: 氏名 (漢字・カナ, with and without the space),
 * 宛名番号, 世帯番号, 個人番号, 被保険者番号, 電話番号 and 住所. (Birth dates alone are not identifying and do collide
 * with effective dates, so they are not searched.)
 */
function identifiers(): string[] {
  const ward = generateDummyWard({ seed: DEMO_SEED, scale: SCALE })
  const address = new Map(ward.households.map((h) => [h.householdId, h.address]))
  const out = new Set<string>()
  for (const p of ward.persons) {
    for (const [family, given] of [
      [p.familyName, p.givenName],
      [p.familyNameKana, p.givenNameKana],
    ] as const) {
      out.add(`${family}${given}`)
      out.add(`${family} ${given}`)
      out.add(`${family}\u3000${given}`)
    }
    for (const v of [
      p.personId,
      p.householdId,
      p.individualNumber,
      p.insuredNumber,
      p.phone,
      address.get(p.householdId),
    ]) {
      if (v) out.add(v)
    }
  }
  return [...out]
}

/** The identifiers found in `text`: one pass over the text with the identifiers bucketed by their first 2 characters. */
function occurrences(text: string, needles: readonly string[]): string[] {
  const buckets = new Map<string, string[]>()
  for (const n of needles) buckets.set(n.slice(0, 2), [...(buckets.get(n.slice(0, 2)) ?? []), n])
  const found = new Set<string>()
  for (let i = 0; i < text.length - 1; i++) {
    const bucket = buckets.get(text.slice(i, i + 2))
    if (bucket) for (const n of bucket) if (text.startsWith(n, i)) found.add(n)
  }
  return [...found]
}

describe('no personal data in the terminal cache', () => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer('pglite', SCALE)
  })
  afterAll(() => t.close())

  it('the synced cache file holds none of the identifying values of any seeded person', async () => {
    const { masters, dir, key } = terminal(t, await signIn(t, 'shikaku01'))
    await masters.syncNow()
    expect(masters.status().datasets.reduce((n, d) => n + d.rowCount, 0)).toBeGreaterThan(30_000)
    masters.close()
    const files = readdirSync(dir)
    expect(files).toContain(CACHE_FILE_NAME)
    const needles = identifiers()
    expect(needles.length).toBeGreaterThan(5_000)
    // The scanner finds a planted value (so an empty result means something).
    expect(occurrences(`…${needles[123]}…`, needles)).toContain(needles[123])
    for (const file of files) {
      // The cache is sealed at rest (C-07): its content is what the data key opens, the database image itself.
      const raw = readFileSync(join(dir, file))
      const bytes = file === CACHE_FILE_NAME ? key.open(raw, CACHE_SEAL_PURPOSE) : raw
      // UTF-8 text of the file (payloads, keys, search text) and its Latin-1 reading for digits in any encoding.
      expect(occurrences(bytes.toString('utf8'), needles), file).toEqual([])
      expect(occurrences(bytes.toString('latin1'), needles), file).toEqual([])
    }
  })
})
