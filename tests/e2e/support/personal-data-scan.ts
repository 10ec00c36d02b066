import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { generateDummyWard } from '../../../server/src/demo/generator'
import { DEMO_SEED } from '../../../server/src/demo/seed-if-empty'

/** Every seeded name (漢字 and カナ, with and without the space) and number of the E2E stack (scale 1,000). */
export function seededNeedles(): string[] {
  const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
  const needles = new Set<string>()
  for (const p of ward.persons) {
    needles.add(`${p.familyName} ${p.givenName}`)
    needles.add(`${p.familyName}${p.givenName}`)
    needles.add(`${p.familyNameKana} ${p.givenNameKana}`)
    needles.add(`${p.familyNameKana}${p.givenNameKana}`)
    for (const n of [p.insuredNumber, p.individualNumber, p.phone]) if (n) needles.add(String(n))
  }
  return [...needles]
}

function filesUnder(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    const st = statSync(path)
    if (st.isDirectory()) out.push(...filesUnder(path))
    else if (st.isFile()) out.push(path)
  }
  return out
}

/** The files under `dir` that contain any needle in UTF-8 (or, for numbers, UTF-16LE), with the first hit. */
export function scanForPersonalData(dir: string, needles: readonly string[]) {
  const hits: { file: string; needle: string }[] = []
  const files = filesUnder(dir)
  for (const file of files) {
    const bytes = readFileSync(file)
    const utf8 = bytes.toString('utf8')
    const utf16 = bytes.toString('utf16le')
    const needle = needles.find((n) => utf8.includes(n) || utf16.includes(n))
    if (needle) hits.push({ file, needle })
  }
  return { files, hits }
}
