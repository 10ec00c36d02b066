import { expect, test } from './support/test'
import { bridgeIpc as ipc, taxedResidentCsv } from './support/bridge-ipc'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { signIn } from './support/login'

// The E2E stack is seeded with the demo seed at scale 1,000; regenerating it tells us who exists. A 第1号 person
// insured all year, outside any facility, not on public assistance, and far from the other journeys' persons.
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const person = ward.persons.filter(
  (p) =>
    p.insuredCategory === 1 &&
    p.insuredNumber &&
    !p.isProtected &&
    p.acquiredOn !== null &&
    p.acquiredOn < '2026-04-01' &&
    !p.residenceException &&
    !p.excludedFacility &&
    !p.onPublicAssistance,
)[61]!

// The person's 収納 panel in Chromium: 賦課収納担当 fuka01 gives the person a 2026 賦課 (第6段階 95,040円 —
// docs/sources/domain.md §3.3, §3.6), opens the person, sees the 調定 of the first remaining 納期, takes it at the
// counter (F9, the amount, Enter quotes with its 延滞金 — none before the 納期限 —, Enter takes it) and sees 残高 0円.
test('collection ledger: a 収納担当 takes a 窓口 payment on the person’s 収納 panel', async ({ page }) => {
  await signIn(page, 'fuka01')
  await ipc(page, 'premiums.importResidentTax', {
    fileName: 'KAZEI_E2E_LEDGER.csv',
    contentBase64: taxedResidentCsv(person.personId),
    encoding: 'utf-8',
    dryRun: false,
    idempotencyKey: crypto.randomUUID(),
  })
  const found = await ipc<{ items: { id: number }[] }>(page, 'person.search', { insuredNumber: person.insuredNumber })
  const assessed = await ipc<{ assessment: { installments: { method: string; seq: number; amount: number }[] } }>(
    page,
    'premiums.assess',
    { personId: found.items[0]!.id, fiscalYear: 2026, idempotencyKey: crypto.randomUUID() },
  )
  const first = assessed.assessment.installments.find((i) => i.amount > 0)!
  const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

  await page.getByTestId('search-insured-number').fill(person.insuredNumber!)
  await page.keyboard.press('Enter')
  await page.getByTestId('search-result-row').first().click()
  await expect(page.getByTestId('person-name')).toHaveText(`${person.familyName} ${person.givenName}`)
  const panel = page.getByTestId('person-collection')
  const key = `2026:${first.method}:${first.seq}`
  await expect(panel.getByTestId(`collection-row-${key}`)).toContainText(yen(first.amount))
  await expect(panel.getByTestId(`collection-balance-${key}`)).toHaveText(yen(first.amount))

  await page.keyboard.press('F9')
  await expect(panel.getByTestId('collection-counter-amount')).toBeFocused()
  await page.keyboard.type(String(first.amount))
  await page.keyboard.press('Enter')
  await expect(panel.getByTestId('collection-counter-quote')).toContainText(`保険料 ${yen(first.amount)}・延滞金 0円`)
  await page.keyboard.press('Enter')
  await expect(panel.getByTestId('collection-message')).toContainText(`${yen(first.amount)}を収納しました`)
  await expect(panel.getByTestId(`collection-balance-${key}`)).toHaveText('0円')
})
