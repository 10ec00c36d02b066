import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { scanForPersonalData, seededNeedles } from './support/personal-data-scan'
import { signIn, signOut } from './support/login'

// C-07: personal data lives only on the server. After a complete session (login, search, person view,
// logout) the client's data directory holds none of the seeded names or numbers — export files included, which
// are AES-256 encrypted.
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const person = ward.persons.find((p) => p.insuredNumber && !p.isProtected && p.insuredCategory === 1)!
const needles = seededNeedles()

test('the scanner finds a seeded name or number when one is there (positive control)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kaigo-scan-control-'))
  writeFileSync(join(dir, 'leak.json'), JSON.stringify({ name: `${person.familyName} ${person.givenName}` }))
  writeFileSync(join(dir, 'leak16.txt'), Buffer.from(person.insuredNumber!, 'utf16le'))
  const { hits } = scanForPersonalData(dir, needles)
  expect(hits.map((h) => h.file.split('/').pop()).sort()).toEqual(['leak.json', 'leak16.txt'])
})

test('after a complete session the client data directory holds no personal data', async ({ page }) => {
  await signIn(page)
  await page.getByTestId('search-insured-number').fill(person.insuredNumber!)
  await page.getByTestId('search-insured-number').press('Enter')
  const row = page.getByTestId('search-result-row').filter({ hasText: person.insuredNumber! })
  await expect(row).toHaveCount(1)
  await row.click()
  await expect(page.getByText(`${person.familyName} ${person.givenName}`).first()).toBeVisible()
  await page.keyboard.press('Escape')
  await signOut(page)

  const dir = process.env.E2E_CLIENT_DATA_DIR!
  expect(dir).toBeTruthy()
  const { hits } = scanForPersonalData(dir, needles)
  expect(hits).toEqual([])
})
