import { expect, type Page } from '@playwright/test'
import { totpCode } from '../../../server/src/areas/accounts/totp'
import { DEMO_PASSWORD, demoTotpSecret } from '../../../server/src/demo/seed-database'

/**
 * Answers the step-up dialog (C-06) an action opened: checks that it names what is being approved, then the demo
 * account's password and the TOTP code of its known secret, submitted with Enter. The one place the E2E specs
 * re-authenticate.
 */
export async function completeStepUp(page: Page, loginId: string, prompt: string): Promise<void> {
  await expect(page.getByTestId('step-up-dialog')).toContainText(prompt)
  await page.getByTestId('step-up-password').fill(DEMO_PASSWORD)
  await page.getByTestId('step-up-code').fill(totpCode(demoTotpSecret(loginId), new Date()))
  await page.getByTestId('step-up-code').press('Enter')
}
