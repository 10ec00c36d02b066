import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { test as base, chromium } from '@playwright/test'

export { expect } from '@playwright/test'
export type { Browser, Page } from '@playwright/test'

/** The Chromium profile of the E2E journeys, inside the client data directory that data-dir.spec.ts scans (C-07). */
export function chromiumProfileDir(): string {
  const dir = process.env.E2E_CLIENT_DATA_DIR
  if (!dir) throw new Error('E2E_CLIENT_DATA_DIR is not set (tests/e2e/global-setup.ts)')
  return join(dir, 'chromium-profile')
}

/**
 * Every spec's `page` lives in a persistent Chromium profile under the client data directory (as a terminal's
 * browser profile would), so that what the renderer leaves on disk — localStorage, IndexedDB, Cache, cookies — is
 * there for data-dir.spec.ts to scan. One Chromium per test on the same profile (workers: 1), closed at the test's
 * end so that LevelDB is flushed. Options come from the config's `use` (launch options, locale, time zone, viewport).
 */
export const test = base.extend({
  context: async ({ launchOptions, headless, locale, timezoneId, viewport }, use) => {
    const dir = chromiumProfileDir()
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const context = await chromium.launchPersistentContext(dir, {
      ...launchOptions,
      headless,
      ...(locale ? { locale } : {}),
      ...(timezoneId ? { timezoneId } : {}),
      viewport: viewport ?? null,
    })
    await use(context)
    await context.close()
  },
})
