import { expect, type Page } from '@playwright/test'
import { totpCode } from '../../../server/src/areas/accounts/totp'
import { DEMO_PASSWORD, demoTotpSecret } from '../../../server/src/demo/seed-database'

/**
 * Signs in through the login screen: user id and password, then — when the account has it — the TOTP code of the
 * demo account's known secret (the field submits itself at the 6th digit). The one place the E2E specs sign in.
 */
export async function signIn(page: Page, loginId = 'shikaku01', password = DEMO_PASSWORD): Promise<void> {
  await page.goto(process.env.E2E_LAUNCH_URL!)
  await expect(page.getByTestId('verification-banner')).toBeVisible()
  // The main-process session outlives a page: a session left by an earlier test is ended first.
  await expect(page.getByTestId('login-id').or(page.getByTestId('signed-in-user'))).toBeVisible()
  if (await page.getByTestId('signed-in-user').isVisible()) await signOut(page)
  await page.getByTestId('login-id').fill(loginId)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-password').press('Enter')
  const signedIn = page.getByTestId('signed-in-user')
  const totp = page.getByTestId('login-totp')
  await expect(signedIn.or(totp)).toBeVisible()
  if (await totp.isVisible()) await totp.fill(totpCode(demoTotpSecret(loginId), new Date()))
  await expect(signedIn).toBeVisible()
}

/** Ends the main-process session, which outlives a page (as in Electron). */
export async function signOut(page: Page): Promise<void> {
  const logout = page.getByRole('button', { name: 'ログアウト' })
  const loginId = page.getByTestId('login-id')
  // Either signed in (the header's ログアウト) or already on the login screen — anything else (a dialog left open,
  // a blank page) fails here, not later at a field that never comes.
  await expect(logout.or(loginId), 'signing out: neither ログアウト nor the login screen is visible').toBeVisible()
  if (await logout.isVisible()) {
    await logout.click()
    await expect(loginId).toBeVisible()
  }
}
