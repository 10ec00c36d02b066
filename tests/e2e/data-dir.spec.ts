import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { needlesIn, PAGE_STORAGE_DUMP, scanForPersonalData, seededNeedles } from './support/personal-data-scan'
import { signIn, signOut } from './support/login'
import { chromiumProfileDir, expect, test } from './support/test'

// C-07: personal data lives only on the server, and local state at rest is sealed. This spec runs after every other
// spec (project 'data-dir' depends on 'journeys' in playwright.config.ts): the client data directory then holds what
// all journeys left — the persistent Chromium profile (localStorage, IndexedDB, Cache, cookies), the master cache and
// its data key (profile/), the security log (logs/) and the encrypted exports (exports/) — and none of it may contain
// a seeded name, number or address in any encoding.
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const person = ward.persons.find((p) => p.insuredNumber && !p.isProtected && p.insuredCategory === 1)!
const fullName = `${person.familyName} ${person.givenName}`
const needles = seededNeedles()
const clientDir = () => {
  const dir = process.env.E2E_CLIENT_DATA_DIR
  expect(dir, 'E2E_CLIENT_DATA_DIR (global setup)').toBeTruthy()
  return dir!
}

test('after the journeys the client data directory and the page storage hold no personal data', async ({
  page,
  context,
}) => {
  await signIn(page)
  // The master sync of the sign-in completes (the sealed cache is then on disk in full).
  await expect(page.getByTestId('master-cache-age')).toContainText(/マスタ: (たった今|\d+分前)に同期/, {
    timeout: 30_000,
  })
  await page.getByTestId('search-insured-number').fill(person.insuredNumber!)
  await page.getByTestId('search-insured-number').press('Enter')
  const row = page.getByTestId('search-result-row').filter({ hasText: person.insuredNumber! })
  await expect(row).toHaveCount(1)
  await row.click()
  await expect(page.getByText(fullName).first()).toBeVisible()

  // The page's own storage while the person is on screen, then after logout: no seeded value.
  expect(needlesIn(await page.evaluate(PAGE_STORAGE_DUMP), needles)).toEqual([])
  // A refused IPC request carrying a seeded name: the refusal reaches the (sealed) security log, the name does not.
  const refused = await page.evaluate(async (name) => {
    const r = await fetch('/__bridge/ipc/person.search', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-kaigo-bridge-token': sessionStorage.getItem('kaigo-desk.bridge') ?? '',
      },
      body: JSON.stringify({ name, unknownField: name }),
    })
    return (await r.json()) as { ok: boolean; code?: string }
  }, fullName)
  expect(refused).toMatchObject({ ok: false, code: 'invalidRequest' })
  await page.keyboard.press('Escape')
  await signOut(page)
  expect(needlesIn(await page.evaluate(PAGE_STORAGE_DUMP), needles)).toEqual([])

  // Chromium flushes localStorage and IndexedDB to LevelDB when the profile closes.
  await context.close()

  const dir = clientDir()
  // The scan covers real state: the sealed cache (written by the sync at sign-in), its data key, the security log
  // and the Chromium profile are all there.
  const cacheFile = join(dir, 'profile', 'master-cache.sealed')
  await expect.poll(() => existsSync(cacheFile), { timeout: 30_000 }).toBe(true)
  expect(statSync(cacheFile).size).toBeGreaterThan(100_000)
  expect(existsSync(join(dir, 'profile', 'data-key.json'))).toBe(true)
  expect(statSync(join(dir, 'logs', 'security.log')).size).toBeGreaterThan(0)
  expect(readdirSync(chromiumProfileDir())).toContain('Default')

  const scan = scanForPersonalData(dir, needles)
  test.info().annotations.push({
    type: 'scan',
    description: `${scan.files.length} files, ${(scan.bytesScanned / 1_048_576).toFixed(1)} MiB, ${needles.length} needles, ${scan.ms} ms`,
  })
  console.log(`[data-dir] scanned ${scan.files.length} files (${scan.bytesScanned} bytes) in ${scan.ms} ms`)
  expect(scan.hits.map((h) => ({ file: relative(dir, h.file), needle: h.needle }))).toEqual([])
  expect(scan.files.some((f) => f.includes(join('chromium-profile', 'Default')))).toBe(true)

  // Self-check: the same scan over the same directory finds a seeded value planted in it — a name as UTF-16LE at an
  // odd offset inside binary bytes (as in LevelDB), a 宛名番号 in a JSON file — and then the plants are removed.
  const plantDir = join(chromiumProfileDir(), 'Default', 'scan-self-check')
  mkdirSync(plantDir, { recursive: true })
  const binary = join(plantDir, 'planted.ldb')
  const json = join(plantDir, 'planted.json')
  try {
    writeFileSync(
      binary,
      Buffer.concat([Buffer.from([0x00, 0x01, 0xff]), Buffer.from(fullName, 'utf16le'), Buffer.alloc(7)]),
    )
    writeFileSync(json, JSON.stringify({ id: person.personId }))
    const control = scanForPersonalData(dir, needles)
    expect(
      control.hits
        .map((h) => ({ file: relative(dir, h.file), needle: h.needle }))
        .sort((a, b) => a.file.localeCompare(b.file)),
    ).toEqual([
      { file: relative(dir, json), needle: person.personId },
      { file: relative(dir, binary), needle: fullName },
    ])
  } finally {
    rmSync(plantDir, { recursive: true, force: true })
  }
  expect(existsSync(plantDir)).toBe(false)
})
