import { expect, test, type Page } from './support/test'
import { toHiragana } from 'wanakana'
import { totpCode } from '../../server/src/areas/accounts/totp'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { DEMO_PASSWORD, demoTotpSecret } from '../../server/src/demo/seed-database'

// The E2E stack is seeded with the demo seed at scale 1,000; regenerating it here tells us who exists.
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const person = ward.persons.find((p) => p.insuredNumber && !p.isProtected && p.insuredCategory === 1)!

async function enterPassword(page: Page, loginId = 'shikaku01', password = DEMO_PASSWORD) {
  await page.goto(process.env.E2E_LAUNCH_URL!)
  await expect(page.getByTestId('verification-banner')).toBeVisible()
  await page.getByTestId('login-id').fill(loginId)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-password').press('Enter')
}

/** Password, then the demo account's current TOTP code, typed digit by digit: the sixth digit submits. */
async function login(page: Page, loginId = 'shikaku01') {
  await enterPassword(page, loginId)
  await expect(page.getByTestId('login-totp')).toBeFocused()
  await page.keyboard.type(totpCode(demoTotpSecret(loginId), new Date()))
  await expect(page.getByTestId('signed-in-user')).toBeVisible()
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
    await enterPassword(page, 'shikaku01', 'wrong-password')
    await expect(page.getByRole('alert')).toContainText('ユーザーIDまたはパスワードが正しくありません')
    await expect(page.getByTestId('login-totp')).toHaveCount(0)
  })

  test('the password alone does not sign in: a wrong 確認コード is refused, Escape goes back (C-06, C-30)', async ({
    page,
  }) => {
    await enterPassword(page, 'nintei01')
    await expect(page.getByRole('heading', { name: '確認コード' })).toBeVisible()
    await expect(page.getByTestId('signed-in-user')).toHaveCount(0)
    const right = totpCode(demoTotpSecret('nintei01'), new Date())
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0')
    await page.keyboard.type(wrong)
    await expect(page.getByRole('alert')).toContainText('確認コードが正しくありません')
    await expect(page.getByTestId('login-totp')).toHaveValue('')
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('login-id')).toBeVisible()
    await expect(page.getByTestId('signed-in-user')).toHaveCount(0)
  })

  test('full-width digits typed through the IME are accepted as the code', async ({ page }) => {
    await enterPassword(page, 'fuka01')
    const code = totpCode(demoTotpSecret('fuka01'), new Date())
    await page.getByTestId('login-totp').fill(code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))))
    await expect(page.getByTestId('signed-in-user')).toContainText('介護保険課 保険料係')
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
