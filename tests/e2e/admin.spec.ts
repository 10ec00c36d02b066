import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from './support/test'
import { signIn, signOut } from './support/login'
import { screenshotDir } from './support/screenshots'

const OFFICE_PRINTER = '事務室プリンタ（検証モード）'
const VIRTUAL_PRINTER = 'Microsoft Print to PDF'

/** A call of the loopback bridge as the renderer makes it (the launch token from sessionStorage). */
async function bridge<T>(page: Page, path: string, body: unknown): Promise<T> {
  return page.evaluate(
    async ({ path, body }) => {
      const res = await fetch(path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-kaigo-bridge-token': sessionStorage.getItem('kaigo-desk.bridge') ?? '',
        },
        body: JSON.stringify(body),
      })
      return (await res.json()) as T
    },
    { path, body },
  )
}

type Job = { printer: string; title: string; pdfBase64: string | null }
const printedJobs = async (page: Page) => (await bridge<{ jobs: Job[] }>(page, '/__bridge/test/printed', {})).jobs

function pdfText(base64: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kaigo-e2e-admin-')), 'report.pdf')
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

const accountRow = (page: Page, loginId: string) =>
  page.locator(`[data-testid="account-row"][data-login-id="${loginId}"]`)
const resetRow = (page: Page, loginId: string) => page.locator(`[data-testid="reset-row"][data-login-id="${loginId}"]`)

async function openAdmin(page: Page) {
  await page.getByTestId('open-admin').click()
  await expect(page.getByTestId('admin-screen')).toBeVisible()
}

test('administration: an account created and locked, a second-factor reset approved by a second person, the audit chart and its PDF, the security events', async ({
  page,
}) => {
  const loginId = `e2e${Date.now().toString(36)}`

  // システム管理者: create an account (Enter submits), lock it, ask for the reset of unyo01's second factor.
  await signIn(page, 'kanri01')
  await openAdmin(page)
  await expect(page.getByTestId('accounts-panel')).toBeVisible()
  await page.getByTestId('account-new-loginId').fill(loginId)
  await page.getByTestId('account-new-displayName').fill('検証 八郎')
  await page.getByTestId('account-new-department').fill('介護保険課 検証係')
  await page.getByTestId('account-new-initialPassword').fill('Initial#Pass2026')
  await page.getByTestId('account-new-reason').fill('新任職員の登録')
  await page.getByTestId('account-new-reason').press('Enter')
  await expect(page.getByTestId('admin-notice')).toHaveText(`${loginId} を作成しました`)
  const created = accountRow(page, loginId)
  await expect(created.getByTestId('account-status')).toHaveText('有効')
  await expect(created.getByTestId('account-totp')).toHaveText('未登録')

  await created.click()
  await page.getByTestId('account-action-reason').fill('不正利用の疑いによる停止')
  await page.getByTestId('account-lock').click()
  await expect(page.getByTestId('admin-notice')).toHaveText(`${loginId} をロックしました`)
  await expect(created.getByTestId('account-status')).toHaveText('ロック中')

  await accountRow(page, 'unyo01').click()
  await page.getByTestId('account-action-reason').fill('端末の紛失')
  await page.getByTestId('account-request-reset').click()
  await expect(page.getByTestId('admin-notice')).toContainText('別の管理者または監督者の承認が必要です')
  // The requester cannot approve the own request: no buttons, only what it waits for.
  await expect(resetRow(page, 'unyo01').getByTestId('reset-status')).toHaveText('承認待ち')
  await expect(resetRow(page, 'unyo01').getByTestId('reset-approve')).toHaveCount(0)
  await expect(resetRow(page, 'unyo01')).toContainText('別の管理者・監督者の承認待ち')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('admin-screen')).toBeHidden()
  await signOut(page)

  // 監督者, the second person: approves the reset; the account's second factor is gone.
  await signIn(page, 'kantoku01')
  await openAdmin(page)
  await resetRow(page, 'unyo01').getByTestId('reset-comment').fill('本人と面談済み')
  await resetRow(page, 'unyo01').getByTestId('reset-approve').click()
  await expect(page.getByTestId('admin-notice')).toContainText('unyo01 の二要素認証をリセットしました')
  await expect(resetRow(page, 'unyo01').first().getByTestId('reset-status')).toHaveText('承認（リセット済み）')
  await expect(accountRow(page, 'unyo01').getByTestId('account-totp')).toHaveText('未登録')
  await expect(accountRow(page, loginId).getByTestId('account-status')).toHaveText('ロック中')
  // 監督者 reads accounts but does not manage them.
  await expect(page.getByTestId('account-new-loginId')).toHaveCount(0)

  // A refused print (the virtual PDF printer) becomes a security event of this terminal (C-28, C-01).
  const refused = await bridge<{ ok: boolean }>(page, '/__bridge/ipc/print.print', {
    form: '試験',
    printer: VIRTUAL_PRINTER,
    personIds: [],
  })
  expect(refused.ok).toBe(false)

  // The audit analysis (F7): the chart of requests per user holds both administrators of this journey.
  await page.keyboard.press('F7')
  await expect(page.getByTestId('audit-panel')).toBeVisible()
  // Keyboard-first: Enter in the period's last field runs the analysis.
  await page.getByTestId('audit-to-day').press('Enter')
  const users = page.getByTestId('audit-chart-users')
  await expect(users).toContainText('kanri01')
  await expect(users).toContainText('kantoku01')
  await expect(page.getByTestId('audit-chart-signals')).toContainText('ログイン失敗')
  await expect(page.getByTestId('audit-run')).toBeEnabled()
  await page.screenshot({ path: `${screenshotDir}/admin-audit.png` })

  // The committee PDF: made by the server, printed by main on the allowlisted printer; its text read back.
  await printedJobs(page) // start from an empty printer log
  await expect(page.getByTestId('audit-printer')).toHaveValue(OFFICE_PRINTER)
  await page.getByTestId('audit-print').click()
  await expect(page.getByTestId('audit-print-result')).toHaveText(
    `アクセスログ分析報告書を ${OFFICE_PRINTER} に印刷しました`,
  )
  const jobs = await printedJobs(page)
  expect(jobs.map((j) => [j.printer, j.title])).toEqual([[OFFICE_PRINTER, 'アクセスログ分析報告書']])
  const text = pdfText(jobs[0]!.pdfBase64!)
  for (const expected of [
    'アクセスログ分析報告書',
    '分析期間',
    '職員別の操作件数',
    'kanri01',
    'kantoku01',
    '（kantoku01）',
  ])
    expect(text).toContain(expected)

  // The security events (F8), filtered by kind: the refused print is there, with this terminal and user.
  await page.keyboard.press('F8')
  await expect(page.getByTestId('security-events-panel')).toBeVisible()
  await page.getByRole('combobox', { name: '種別' }).click()
  await page.getByRole('option', { name: '印刷の拒否' }).click()
  await page.getByTestId('events-search').click()
  const row = page.getByTestId('event-row').filter({ hasText: VIRTUAL_PRINTER })
  await expect(row.first()).toContainText('印刷の拒否')
  await expect(row.first()).toContainText('kantoku01')
  await expect(page.getByTestId('event-row').filter({ hasNotText: '印刷の拒否' })).toHaveCount(0)
  await page.keyboard.press('Escape')
  await signOut(page)
})
