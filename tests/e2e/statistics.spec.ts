import { readFileSync } from 'node:fs'
import { expect, test } from './support/test'
import { signIn, signOut } from './support/login'
import { completeStepUp } from './support/step-up'

/** The 報告月 the screen offers by default: the month before today in Japan (the last closed month). */
function lastClosedMonth(): { month: string; title: string } {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number]
  const year = m === 1 ? y - 1 : y
  const month = m === 1 ? 12 : m - 1
  return { month: `${year}-${String(month).padStart(2, '0')}`, title: `${year}年${month}月分 月報` }
}

// 統計・報告 in Chromium through the loopback bridge: 監督者 kantoku01 opens the 月報 of the last closed month (the
// default), sees its tables and checks, opens the persons behind the 認定者数 計 第1号被保険者 cell with the keyboard,
// closes them with Esc, submits the report with the step-up (C-06) — the report now lists 第1版 — and saves its Excel.
test('statistics: a 監督者 opens the 月報 of a closed month, drills from a cell to its persons, submits 第1版 and saves its Excel', async ({
  page,
}) => {
  const { month, title } = lastClosedMonth()
  await signIn(page, 'kantoku01')
  await page.getByTestId('open-statistics').click()
  await expect(page.getByTestId('statistics-screen')).toBeVisible()
  await expect(page.getByTestId('statistics-month')).toHaveValue(month)
  await page.getByTestId('statistics-month').press('Enter')

  await expect(page.getByTestId('statistics-title')).toHaveText(title)
  await expect(page.getByTestId('statistics-table-insured')).toBeVisible()
  await expect(page.getByTestId('statistics-check-balance')).toContainText('一致')
  await expect(page.getByTestId('statistics-versions')).toContainText('まだ提出されていません')

  // The cell, focused and opened with Enter: its persons, as many as the cell counts.
  const cell = page.getByTestId('statistics-cell-certified.total.c1')
  const count = Number(((await cell.textContent()) ?? '').replace(/,/g, ''))
  expect(Number.isInteger(count)).toBe(true)
  await cell.focus()
  await page.keyboard.press('Enter')
  const drill = page.getByTestId('statistics-drill-down')
  await expect(drill).toContainText('内訳: 計 第1号被保険者')
  await expect(page.getByTestId('statistics-drill-rows').locator('tbody tr')).toHaveCount(Math.max(count, 1))
  await page.keyboard.press('Escape')
  await expect(drill).toHaveCount(0)

  // 提出 (F7) with the step-up: 第1版.
  await expect(page.getByTestId('statistics-submit')).toBeEnabled()
  await page.keyboard.press('F7')
  await completeStepUp(page, 'kantoku01', `${title}を提出済みとして登録します`)
  await expect(page.getByTestId('statistics-message')).toContainText(`${title} 第1版を提出済みとして登録しました`)
  await expect(page.getByTestId('statistics-version-1')).toContainText('第1版')
  await expect(page.getByTestId('statistics-version-1')).toContainText('検証 四季')

  // The Excel (F9) leaves through the export control: main writes it where the save dialog says (in browser mode the
  // client's exports folder); the renderer learns the place and the SHA-256 only.
  await page.keyboard.press('F9')
  await expect(page.getByTestId('statistics-message')).toContainText('.xlsx を保存しました')
  const destination = ((await page.getByTestId('statistics-saved').textContent()) ?? '').replace(/（SHA-256.*$/, '')
  expect(readFileSync(destination).subarray(0, 2).toString('latin1')).toBe('PK')

  await page.keyboard.press('Escape')
  await expect(page.getByTestId('statistics-screen')).toHaveCount(0)
  await signOut(page)
})
