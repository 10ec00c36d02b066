import { expect, test, type Page } from '@playwright/test'
import { toHiragana } from 'wanakana'
import { generateDummyWard } from '../../server/src/seed/generator'
import { DEMO_SEED } from '../../server/src/seed/seed-if-empty'
import { DEMO_PASSWORD } from '../../server/src/seed/seed-database'

// The E2E stack is seeded with the demo seed at scale 1,000; regenerating it here tells us who exists.
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const person = ward.persons.find((p) => p.insuredNumber && !p.isProtected && p.insuredCategory === 1)!

async function login(page: Page, loginId = 'shikaku01', password = DEMO_PASSWORD) {
  await page.goto(process.env.E2E_LAUNCH_URL!)
  await expect(page.getByTestId('verification-banner')).toBeVisible()
  await page.getByTestId('login-id').fill(loginId)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-password').press('Enter')
}

test.describe('login → person search → summary, through every layer', () => {
  // The main-process session outlives a page (as in Electron): end it after each test.
  test.afterEach(async ({ page }) => {
    const logout = page.getByRole('button', { name: 'ログアウト' })
    if (await logout.isVisible()) {
      await logout.click()
      await expect(page.getByTestId('login-id')).toBeVisible()
    }
  })

  test('a wrong password is refused with a Japanese message', async ({ page }) => {
    await login(page, 'shikaku01', 'wrong-password')
    await expect(page.getByRole('alert')).toContainText('ユーザーIDまたはパスワードが正しくありません')
  })

  test('finds a seeded person by カナ (typed in hiragana) and opens the summary', async ({ page }) => {
    await login(page)
    await expect(page.getByTestId('signed-in-user')).toContainText('介護保険課 資格係')
    await page.getByTestId('search-kana').fill(toHiragana(person.familyNameKana + person.givenNameKana))
    await page.getByTestId('search-kana').press('Enter')
    const row = page.getByTestId('search-result-row').filter({ hasText: person.insuredNumber! })
    await expect(row).toHaveCount(1)
    await row.click()
    await expect(page.getByTestId('person-summary')).toBeVisible()
    await expect(page.getByTestId('person-name')).toHaveText(`${person.familyName} ${person.givenName}`)
    await expect(page.getByTestId('person-insured-number')).toHaveText(person.insuredNumber!)
  })

  test('finds the same person by 被保険者番号 and opens the summary from the keyboard', async ({ page }) => {
    await login(page)
    await page.getByTestId('search-insured-number').fill(person.insuredNumber!)
    await page.getByTestId('search-insured-number').press('Enter')
    await expect(page.getByTestId('search-total')).toContainText('1件')
    await page.getByTestId('search-results').focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('person-name')).toHaveText(`${person.familyName} ${person.givenName}`)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('search-results')).toBeVisible()
  })
})
