import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from './support/test'
import { signIn, signOut } from './support/login'
import { completeStepUp } from './support/step-up'
import { SMALL_CELL_THRESHOLD } from '../../shared/domain/parameters/statistics'

/** The ward's small-cell threshold in force today (a dated parameter; 10 at the time of writing). */
const threshold = SMALL_CELL_THRESHOLD.at(-1)!.value

async function openEuc(page: Page) {
  await page.getByTestId('open-statistics').click()
  await page.getByTestId('open-euc').click()
  await expect(page.getByTestId('euc-screen')).toBeVisible()
}

/** Waits until the TOTP step of `since` has passed (a step is accepted once per account, RFC 6238 §5.2). */
async function afterTotpStepOf(since: number) {
  const next = since - (since % 30_000) + 30_000 + 250
  if (Date.now() < next) await new Promise((resolve) => setTimeout(resolve, next - Date.now()))
}

// EUC抽出 in Chromium through the loopback bridge: 賦課収納担当 fuka01 composes a template (第1号被保険者 by 町名),
// runs it as of today and hands the run to 持出申請; 監督者 kantoku01 approves it in 持出管理 with the step-up (C-06,
// C-21, C-22); fuka01 sees 承認済み and saves the file — main writes the very CSV of the run inside an AES-256 ZIP
// with a one-time password, and the test opens it: the header, one line per group, small groups 「*」.
test('EUC抽出: a clerk requests an extract, a 監督者 approves it, the clerk saves the file and it holds the run', async ({
  page,
}) => {
  test.setTimeout(90_000)
  const stamp = Date.now()
  const templateName = `E2E 町名別 ${stamp}`
  const purpose = `E2E 地域ケア会議資料 ${stamp}`

  const firstSignIn = Date.now()
  await signIn(page, 'fuka01')
  await openEuc(page)
  await page.getByTestId('euc-template-name').fill(templateName)
  await page.getByTestId('euc-group-town').check()
  await page.getByTestId('euc-save-template').click()
  await expect(page.getByTestId('euc-message')).toContainText(`テンプレート「${templateName}」を保存しました`)
  await expect(page.getByTestId('euc-template')).toContainText(templateName)

  await page.keyboard.press('F5')
  const result = page.getByTestId('euc-result')
  await expect(result).toBeVisible()
  const rowCount = Number(((await page.getByTestId('euc-row-count').textContent()) ?? '').replace(/[^\d]/g, ''))
  expect(rowCount).toBeGreaterThan(1)
  await expect(page.getByTestId('euc-rows').locator('thead')).toHaveText('町名人数')

  await page.getByTestId('euc-purpose').fill(purpose)
  await page.keyboard.press('F8')
  await expect(page.getByTestId('euc-message')).toContainText('監督者の承認後に保存できます')
  const mine = page.getByTestId('euc-request-row').filter({ hasText: purpose })
  await expect(mine.getByTestId('euc-request-status')).toHaveText('承認待ち')
  const requestId = ((await mine.locator('td').first().textContent()) ?? '').trim()
  await expect(mine.getByTestId('euc-save-file')).toHaveCount(0)
  await signOut(page)

  // Four eyes: 監督者 approves in the existing 持出管理 screen, with the step-up.
  await signIn(page, 'kantoku01')
  await page.getByTestId('open-export').click()
  const pending = page.getByTestId('export-pending-row').filter({ hasText: purpose })
  await expect(pending).toContainText('検証 二葉')
  await pending.getByTestId('export-approve').click()
  await completeStepUp(page, 'kantoku01', `持出申請 ${requestId} を承認します`)
  await expect(pending).toHaveCount(0)
  await page.getByRole('button', { name: '戻る' }).click()
  await signOut(page)

  // The clerk saves the approved extract; the password is shown once.
  await afterTotpStepOf(firstSignIn)
  await signIn(page, 'fuka01')
  await openEuc(page)
  const approved = page.getByTestId('euc-request-row').filter({ hasText: purpose })
  await expect(approved.getByTestId('euc-request-status')).toHaveText('承認済み')
  await approved.getByTestId('euc-save-file').click()
  const password = ((await page.getByTestId('euc-password').textContent()) ?? '').trim()
  expect(password).toMatch(/^[\x21-\x7e]{20}$/)
  const fileName = ((await page.getByTestId('euc-saved-file').textContent()) ?? '').replace(/^ファイル: /, '')
  const sha256 = /SHA-256: ([0-9a-f]{64})/.exec(await page.getByRole('dialog').innerText())![1]!
  await page.getByTestId('euc-done-close').click()
  await expect(page.getByTestId('euc-password')).toHaveCount(0)
  await expect(approved.getByTestId('euc-request-status')).toHaveText('持出済み')

  const file = join(process.env.E2E_CLIENT_DATA_DIR!, 'exports', fileName)
  expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(sha256)
  expect(execFileSync('7z', ['l', '-slt', `-p${password}`, file], { encoding: 'utf8' })).toMatch(/AES-256/)
  const csv = execFileSync('7z', ['x', '-so', `-p${password}`, file], { encoding: 'utf8' })
  const lines = csv.split('\r\n')
  expect(lines[0]).toBe('\uFEFF町名,人数')
  expect(lines.at(-1)).toBe('')
  const data = lines.slice(1, -1)
  expect(data).toHaveLength(rowCount)
  // Every group is 「*」 (1 … threshold−1 persons, suppressed) or a count of at least the threshold.
  for (const line of data) {
    const count = line.split(',').at(-1)!
    expect(count === '*' || Number(count) >= threshold, line).toBe(true)
  }
  await page.keyboard.press('Escape')
  await signOut(page)
})
