import { lstatSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateDummyWard } from '../../../server/src/demo/generator'
import { DEMO_SEED } from '../../../server/src/demo/seed-if-empty'

/**
 * Every identifying value of every seeded person of the E2E stack (scale 1,000), from the generator's output — not
 * from the code under test: 氏名 (漢字 and カナ; with no space, a space, an ideographic space), 宛名番号, 世帯番号,
 * 個人番号 (マイナンバー), 被保険者番号, 電話番号 and 住所.
 */
export function seededNeedles(): string[] {
  const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
  const address = new Map(ward.households.map((h) => [h.householdId, h.address]))
  const needles = new Set<string>()
  for (const p of ward.persons) {
    for (const [family, given] of [
      [p.familyName, p.givenName],
      [p.familyNameKana, p.givenNameKana],
    ] as const) {
      needles.add(`${family}${given}`)
      needles.add(`${family} ${given}`)
      needles.add(`${family}\u3000${given}`)
    }
    for (const v of [
      p.personId,
      p.householdId,
      p.individualNumber,
      p.insuredNumber,
      p.phone,
      address.get(p.householdId),
    ]) {
      if (v) needles.add(String(v))
    }
  }
  return [...needles]
}

/** Regular files under `dir` (symlinks and sockets such as Chromium's Singleton* are not followed). */
function filesUnder(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    const st = lstatSync(path)
    if (st.isDirectory()) out.push(...filesUnder(path))
    else if (st.isFile()) out.push(path)
  }
  return out
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39

/**
 * A matcher for many needles in one pass over a text: needles bucketed by their first two UTF-16 code units. A
 * needle of digits only (宛名番号, 個人番号 …) counts only as a whole number — not inside a longer run of digits such
 * as a Chromium timestamp, where a 10-digit number occurs by chance.
 */
function matcher(needles: readonly string[]) {
  const buckets = new Map<number, string[]>()
  for (const n of needles) {
    if (n.length < 2) throw new Error(`needle too short: ${n}`)
    const k = n.charCodeAt(0) * 0x10000 + n.charCodeAt(1)
    const list = buckets.get(k) ?? []
    list.push(n)
    buckets.set(k, list)
  }
  const digitsOnly = new Set(needles.filter((n) => /^\d+$/.test(n)))
  return (text: string): string | null => {
    for (let i = 0; i + 1 < text.length; i++) {
      const list = buckets.get(text.charCodeAt(i) * 0x10000 + text.charCodeAt(i + 1))
      if (!list) continue
      for (const n of list) {
        if (!text.startsWith(n, i)) continue
        if (
          digitsOnly.has(n) &&
          ((i > 0 && isDigit(text.charCodeAt(i - 1))) || isDigit(text.charCodeAt(i + n.length)))
        ) {
          continue
        }
        return n
      }
    }
    return null
  }
}

/**
 * The files under `dir` that contain any needle, with the first hit. Every file is read as bytes and searched as
 * UTF-8 (text, JSON, SQLite and LevelDB keys; ASCII digits in any single-byte form) and as UTF-16LE at both byte
 * alignments (Chromium's two-byte strings in localStorage and IndexedDB). Data stored compressed (Snappy blocks of
 * LevelDB, compressed HTTP cache bodies) is searched as stored.
 */
export function scanForPersonalData(dir: string, needles: readonly string[]) {
  const started = performance.now()
  const find = matcher(needles)
  const hits: { file: string; needle: string }[] = []
  const files = filesUnder(dir)
  let bytesScanned = 0
  for (const file of files) {
    let bytes: Buffer
    try {
      bytes = readFileSync(file)
    } catch {
      continue // removed while scanning (a lock file)
    }
    bytesScanned += bytes.length
    const needle =
      find(bytes.toString('utf8')) ?? find(bytes.toString('utf16le')) ?? find(bytes.subarray(1).toString('utf16le'))
    if (needle) hits.push({ file, needle })
  }
  return { files, hits, bytesScanned, ms: Math.round(performance.now() - started) }
}

/** What the page's own storage holds (localStorage, sessionStorage, every IndexedDB record), as one text. */
export const PAGE_STORAGE_DUMP = async (): Promise<string> => {
  const parts: string[] = []
  for (const store of [localStorage, sessionStorage]) {
    for (let i = 0; i < store.length; i++) {
      const k = store.key(i)!
      parts.push(`${k}=${store.getItem(k) ?? ''}`)
    }
  }
  const dbs = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : []
  for (const info of dbs) {
    if (!info.name) continue
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(info.name!)
      r.onsuccess = () => resolve(r.result)
      r.onerror = () => reject(r.error)
    })
    for (const name of Array.from(db.objectStoreNames)) {
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const r = db.transaction(name, 'readonly').objectStore(name).getAll()
        r.onsuccess = () => resolve(r.result as unknown[])
        r.onerror = () => reject(r.error)
      })
      parts.push(`${info.name}/${name}=${JSON.stringify(all)}`)
    }
    db.close()
  }
  return parts.join('\n')
}

/** The needles found in a text (for the page's storage dump). */
export function needlesIn(text: string, needles: readonly string[]): string[] {
  const find = matcher(needles)
  const found: string[] = []
  let rest = text
  for (let n = find(rest); n !== null; n = find(rest)) {
    found.push(n)
    rest = rest.replaceAll(n, '\u0000')
  }
  return found
}
