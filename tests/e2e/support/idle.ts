import type { Page } from '@playwright/test'

/**
 * E2E test hook of the headless main (exists only with KAIGO_E2E=1): pretends `seconds` of inactivity, so the
 * idle lock fires as it would from powerMonitor. Called from the page, with the bridge token and origin.
 */
export async function simulateIdle(page: Page, seconds: number): Promise<{ locked: boolean }> {
  return page.evaluate(async (s) => {
    const res = await fetch('/__bridge/test/idle', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-kaigo-bridge-token': sessionStorage.getItem('kaigo-desk.bridge') ?? '',
      },
      body: JSON.stringify({ seconds: s }),
    })
    return (await res.json()) as { locked: boolean }
  }, seconds)
}

/**
 * Waits for the next TOTP time step (30 s): the server refuses a code of a step it has already accepted for the
 * account (RFC 6238 §5.2), so a second sign-in or unlock of the same user needs a fresh step.
 */
export async function nextTotpStep(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 250))
}
