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
  // What the renderer said while the test ran (console errors, uncaught exceptions, a crashed page, failed
  // requests), attached to the report when the test fails: a blank page is otherwise a screenshot and nothing else.
  page: async ({ page }, use, testInfo) => {
    const events: string[] = []
    const at = () => new Date().toISOString()
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') events.push(`${at()} console.${m.type()}: ${m.text()}`)
    })
    page.on('pageerror', (e) => events.push(`${at()} pageerror: ${e.stack ?? e.message}`))
    page.on('crash', () => events.push(`${at()} the page crashed`))
    page.on('requestfailed', (r) =>
      events.push(`${at()} request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`),
    )
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) events.push(`${at()} navigated: ${f.url()}`)
    })
    await use(page)
    if (testInfo.status !== testInfo.expectedStatus && events.length > 0) {
      await testInfo.attach('renderer-events.txt', { body: events.join('\n'), contentType: 'text/plain' })
      // Also in the run's output, which is all a CI log keeps.
      console.log(`renderer events of the failed test:\n${events.slice(-40).join('\n')}`)
    }
  },
})
