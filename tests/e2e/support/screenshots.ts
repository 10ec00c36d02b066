/**
 * Where the E2E specs put the screenshots of the main screens. `npm run screenshots` sets KAIGO_SCREENSHOTS=1 and
 * they replace docs/screenshots/ (commit them); a plain `npm test` writes them under .tmp/ so a test run never
 * changes tracked files.
 */
export const screenshotDir =
  process.env['KAIGO_SCREENSHOTS'] === '1' ? 'docs/screenshots' : '.tmp/playwright-results/screenshots'
