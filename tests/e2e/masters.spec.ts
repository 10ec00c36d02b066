import { expect, test, type Page } from './support/test'
import { fiscalYearOf } from '../../shared/domain'
import { typeDate } from './support/date-parts'
import { signIn, signOut } from './support/login'

// The Japanese date now, and the first day of the next fiscal year: a future effective date whatever the run date.
const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10)
const nextFiscalYear = fiscalYearOf(today) + 1

/** E2E hook of the headless main: cuts the terminal off the backend (every request fails) or reconnects it. */
async function setOffline(page: Page, offline: boolean): Promise<void> {
  const res = await page.evaluate(async (o) => {
    const r = await fetch('/__bridge/test/offline', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-kaigo-bridge-token': sessionStorage.getItem('kaigo-desk.bridge') ?? '',
      },
      body: JSON.stringify({ offline: o }),
    })
    return (await r.json()) as { offline: boolean }
  }, offline)
  expect(res.offline).toBe(offline)
}

test.describe('master data on the terminal', () => {
  test.afterEach(async ({ page }) => signOut(page))

  test('after sign-in the header shows the cache age; the masters screen lists versions and computes premiums offline', async ({
    page,
  }) => {
    await signIn(page, 'shikaku01')
    await expect(page.getByTestId('master-cache-age')).toContainText(/マスタ: (たった今|\d+分前)に同期/, {
      timeout: 30_000,
    })
    await page.getByTestId('open-masters').click()
    await expect(page.getByTestId('masters-datasets').locator('tbody tr')).toHaveCount(21)
    await expect(page.getByTestId('masters-datasets')).toContainText('金融機関店舗')
    await page.getByRole('tab', { name: 'マスタ照会' }).click()
    await page.getByTestId('masters-lookup-text').fill('みずほ')
    await page.getByTestId('masters-lookup').click()
    await expect(page.getByTestId('masters-lookup-results')).toContainText('0001')
    await page.getByTestId('tab-premium').click()
    await page.getByTestId('premium-fiscal-year').fill('2026')
    await expect(page.getByTestId('premium-summary')).toContainText('基準額 79,200円')
    await expect(page.getByTestId('premium-table').locator('tbody tr')).toHaveCount(13)
  })

  test('システム管理者 proposes a future version, a 監督者 approves it from the diff, and the terminal uses it from its date', async ({
    page,
  }) => {
    const effectiveFrom = `${nextFiscalYear}-04-01`
    await signIn(page, 'kanri01')
    await page.getByTestId('open-masters').click()
    await page.getByTestId('tab-ward').click()
    await page.getByTestId('ward-propose-open').click()
    await typeDate(page, 'ward-effective-from', effectiveFrom)
    await page.getByTestId('ward-base-premium').fill('84000')
    await page.getByTestId('ward-note').fill('第10期の基準額（E2E）')
    await page.getByTestId('ward-propose').click()
    await expect(page.getByTestId('ward-message')).toContainText('監督者の承認を待ちます')
    const diff = page.getByTestId('ward-diff')
    await expect(diff.locator('tr', { hasText: '基準額（年額）' })).toContainText('84,000円')
    await expect(page.getByTestId('ward-approve')).toHaveCount(0)
    await signOut(page)

    await signIn(page, 'kantoku01')
    await page.getByTestId('open-masters').click()
    await page.getByTestId('tab-ward').click()
    await page.getByTestId('ward-requests').locator('tr', { hasText: effectiveFrom }).first().click()
    await expect(page.getByTestId('ward-diff').locator('tr', { hasText: '基準額（年額）' })).toContainText('79,200円')
    await page.getByTestId('ward-approve').click()
    await expect(page.getByTestId('ward-message')).toContainText('承認しました')
    await page.getByTestId('tab-premium').click()
    await page.getByTestId('premium-fiscal-year').fill(String(nextFiscalYear))
    await expect(page.getByTestId('premium-summary')).toContainText('基準額 84,000円')
    await expect(page.getByTestId('premium-summary')).toContainText(`${effectiveFrom}版`)
    // Used only from its date: the fiscal year before still computes with the version in force today.
    await page.getByTestId('premium-fiscal-year').fill(String(nextFiscalYear - 1))
    await expect(page.getByTestId('premium-summary')).not.toContainText('84,000円')
    await expect(page.getByTestId('premium-summary')).not.toContainText(`${effectiveFrom}版`)
    // The approved version stays in the list with its diff against the version in force before it.
    await page.getByTestId('tab-ward').click()
    await page.getByTestId('ward-requests').locator('tr', { hasText: effectiveFrom }).first().click()
    await expect(page.getByTestId('ward-diff').locator('tr', { hasText: '基準額（年額）' })).toContainText('84,000円')
  })

  test('offline: the sync fails softly, the header warns with the cache age, lookups and premiums keep working', async ({
    page,
  }) => {
    await signIn(page, 'fuka01')
    // C-34 on this screen too: 所属 and 氏名 in the header.
    await expect(page.getByTestId('signed-in-user')).toHaveText('介護保険課 保険料係\u3000検証 二葉')
    const age = page.getByTestId('master-cache-age')
    await expect(age).toContainText(/マスタ: (たった今|\d+分前)に同期/, { timeout: 30_000 })
    await setOffline(page, true)
    try {
      await page.getByTestId('open-masters').click()
      await page.getByTestId('masters-sync').click()
      await expect(page.getByRole('alert').filter({ hasText: 'サーバー' })).toBeVisible({ timeout: 30_000 })
      // The header keeps showing the age of the cache in use, now in the warning colour.
      await expect(age).toContainText(/マスタ: (たった今|\d+分前)に同期/)
      await expect(age).toHaveClass(/MuiChip-colorWarning/)
      await expect(page.getByTestId('masters-datasets').locator('tbody tr')).toHaveCount(21)
      await page.getByRole('tab', { name: 'マスタ照会' }).click()
      await page.getByTestId('masters-lookup-text').fill('みずほ')
      await page.getByTestId('masters-lookup').click()
      await expect(page.getByTestId('masters-lookup-results')).toContainText('0001')
      await page.getByTestId('tab-premium').click()
      await page.getByTestId('premium-fiscal-year').fill('2026')
      await expect(page.getByTestId('premium-summary')).toContainText('基準額 79,200円')
      await expect(page.getByTestId('premium-table').locator('tbody tr')).toHaveCount(13)
    } finally {
      await setOffline(page, false)
    }
  })
})
