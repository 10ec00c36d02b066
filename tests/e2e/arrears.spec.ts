import { expect, test } from './support/test'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { bridgeIpc as ipc, taxedResidentCsv } from './support/bridge-ipc'
import { signIn, signOut } from './support/login'

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
)[53]!

// 滞納管理 in Chromium: 賦課収納担当 fuka01 gives the person a 2026 賦課 with nothing paid (本人課税, 合計所得 1,000,000 →
// 第6段階 95,040円: 第1期 11,040円 due 2026-07-31, then 10,500円 a 期 — docs/sources/domain.md §3.3, §3.6); 滞納担当
// tainou01 opens the case by 被保険者番号, records a phone call and a 分納誓約 in 3 monthly instalments from 2027-01-31
// over the year's unpaid 納期; the plan shows as 履行中.
test('arrears: a 滞納担当 records a 分納誓約 for a person in arrears', async ({ page }) => {
  await signIn(page, 'fuka01')
  await ipc(page, 'premiums.importResidentTax', {
    fileName: 'KAZEI_E2E_ARREARS.csv',
    contentBase64: taxedResidentCsv(person.personId),
    encoding: 'utf-8',
    dryRun: false,
    idempotencyKey: crypto.randomUUID(),
  })
  const found = await ipc<{ items: { id: number }[] }>(page, 'person.search', { insuredNumber: person.insuredNumber })
  const personId = found.items[0]!.id
  const assessed = await ipc<{ assessment: { installments: { amount: number; dueDate: string }[] } }>(
    page,
    'premiums.assess',
    { personId, fiscalYear: 2026, idempotencyKey: crypto.randomUUID() },
  )
  await signOut(page)

  await signIn(page, 'tainou01')
  // Assessed today, every 納期 of the year is still to come (docs/sources/domain.md §3.6): the 分納誓約 covers them
  // (納期未到来分を含める), the year's 95,040円 in all.
  const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10)
  const total = assessed.assessment.installments.reduce((s, i) => s + i.amount, 0)
  expect(total).toBe(95_040)

  await page.getByTestId('open-arrears').click()
  await expect(page.getByTestId('arrears-screen')).toBeVisible()
  await page.getByTestId('arrears-open-number').fill(person.insuredNumber!)
  await page.getByTestId('arrears-open-number').press('Enter')
  const caseView = page.getByTestId('arrears-case')
  await expect(caseView).toContainText(person.insuredNumber!)

  await page.getByTestId('arrears-contact-note').fill('納付相談の日程を調整')
  await page.getByTestId('arrears-contact-note').press('Enter')
  await expect(page.getByTestId('arrears-write-done')).toHaveText('記録しました')
  await expect(caseView).toContainText('電話 納付相談の日程を調整')

  await page.getByTestId('arrears-plan-with-current').check()
  await expect(page.getByTestId('arrears-plan-debt')).toContainText('分納の対象額 95,040円')
  const [y, m, d] = today.split('-')
  await page.getByTestId('arrears-agreed-on-era').fill('W')
  await page.getByTestId('arrears-agreed-on-year').fill(y!)
  await page.getByTestId('arrears-agreed-on-month').fill(String(Number(m)))
  await page.getByTestId('arrears-agreed-on-day').fill(String(Number(d)))
  await page.getByTestId('arrears-plan-count').fill('3')
  await page.getByTestId('arrears-first-due-era').fill('W')
  await page.getByTestId('arrears-first-due-year').fill('2027')
  await page.getByTestId('arrears-first-due-month').fill('1')
  await page.getByTestId('arrears-first-due-day').fill('31')
  // 95,040 in 3 adds up exactly: 31,680 each (shared/domain/arrears-plan.ts monthlySchedule).
  await expect(page.getByTestId('arrears-plan-schedule')).toHaveText(
    '2027-01-31 31,680円 / 2027-02-28 31,680円 / 2027-03-31 31,680円',
  )
  await page.getByTestId('arrears-plan-save').click()
  await expect(page.getByTestId('arrears-write-done')).toHaveText('分納誓約を記録しました')
  await expect(caseView).toContainText('分納誓約')
  await expect(caseView).toContainText('履行中')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('arrears-screen')).toBeHidden()
})
