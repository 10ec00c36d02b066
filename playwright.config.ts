import { defineConfig } from '@playwright/test'

// E2E in Debian's Chromium (never a downloaded browser) against the real stack: server with mutual TLS on
// the embedded database, headless main-process services, loopback bridge. See tests/e2e/global-setup.ts.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  reporter: [['list'], ['json']],
  outputDir: '.tmp/playwright-results',
  // The data-directory scan (C-07) runs after every journey, over what they all left in the client data directory.
  // Running data-dir.spec.ts alone runs the journeys first (add --no-deps to skip them).
  projects: [
    { name: 'journeys', testIgnore: '**/data-dir.spec.ts' },
    { name: 'data-dir', testMatch: '**/data-dir.spec.ts', dependencies: ['journeys'] },
  ],
  use: {
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1366, height: 800 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.KAIGO_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
})
