import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from './support/test'
import { signIn, signOut } from './support/login'
import { completeStepUp } from './support/step-up'
import { screenshotDir } from './support/screenshots'

const OFFICE_PRINTER = '事務室プリンタ（検証モード）'

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
  const file = join(mkdtempSync(join(tmpdir(), 'kaigo-e2e-retention-')), 'report.pdf')
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

async function openRetention(page: Page) {
  await page.getByTestId('open-retention').click()
  await expect(page.getByTestId('retention-screen')).toBeVisible()
}

const runRow = (page: Page, runId: string) => page.locator(`[data-testid="retention-run-row"][data-run-id="${runId}"]`)

// C-20 in Chromium through the loopback bridge: 資格担当 shikaku01 prepares a dry run, 監督者 kantoku01 (a second
// person) signs it off with a step-up, the preparer erases it and prints the 消去報告書 through main (C-28).
// The demo ward is generated with nobody past retention, so the run is empty and nothing of the ward is deleted:
// the test stops at the empty-result check if the ward ever holds such records.
test('retention: an empty dry run, signed off by a 監督者 with a step-up, erased by the preparer, its report printed', async ({
  page,
}) => {
  // 資格担当: the dry run (F5) finds nothing past retention; the preparer is offered no sign-off.
  await signIn(page, 'shikaku01')
  await openRetention(page)
  await page.keyboard.press('F5')
  await expect(page.getByTestId('retention-notice')).toContainText('保存期間を過ぎた記録はありません')
  const detail = page.getByTestId('retention-run-detail')
  await expect(detail.getByTestId('retention-empty')).toHaveText('保存期間を過ぎた記録はありません（消去対象 0 件）')
  await expect(detail.getByTestId('retention-kind-records')).toHaveText(['0件', '0件', '0件'])
  const runId = (await detail.getAttribute('data-run-id'))!
  expect(runId).toMatch(/^\d+$/)
  await expect(runRow(page, runId).getByTestId('retention-run-status')).toHaveText('承認待ち')
  await expect(runRow(page, runId)).toContainText('（shikaku01）')
  await expect(page.getByTestId('retention-approve')).toHaveCount(0)
  await expect(page.getByTestId('retention-waiting')).toHaveText('準備者以外の監督者の承認待ち')
  // The persons of the run (F6, an audited read): none.
  await page.keyboard.press('F6')
  await expect(page.getByTestId('retention-persons-none')).toHaveText('消去の対象者はいません')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('retention-screen')).toBeHidden()
  await signOut(page)

  // 監督者, the second person: sees the run and approves it after the step-up (C-06).
  await signIn(page, 'kantoku01')
  await openRetention(page)
  await runRow(page, runId).focus()
  await page.keyboard.press('Enter')
  await expect(detail).toHaveAttribute('data-run-id', runId)
  await expect(page.getByTestId('retention-erase')).toHaveCount(0)
  await page.getByTestId('retention-approve').click()
  await completeStepUp(page, 'kantoku01', `消去処理 第${runId}号を承認します`)
  await expect(page.getByTestId('retention-notice')).toHaveText(`第${runId}号の消去を承認しました`)
  await expect(runRow(page, runId).getByTestId('retention-run-status')).toHaveText('承認済み（消去待ち）')
  await expect(runRow(page, runId)).toContainText('（kantoku01）')
  await page.keyboard.press('Escape')
  await signOut(page)

  // The preparer erases (F8, confirmed with Enter) and prints the 消去報告書 (F9) on the allowlisted printer.
  await signIn(page, 'shikaku01')
  await openRetention(page)
  await runRow(page, runId).click()
  await page.keyboard.press('F8')
  await expect(page.getByTestId('retention-erase-message')).toContainText(`第${runId}号の記録 0件`)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('retention-notice')).toHaveText(`第${runId}号の消去を実行しました`)
  await expect(runRow(page, runId).getByTestId('retention-run-status')).toHaveText('消去済み')
  await expect(detail.getByTestId('retention-kept')).toHaveText('消去の実行時に保存期間内となり消去しなかったもの: 0件')
  await page.screenshot({ path: `${screenshotDir}/retention.png` })

  await printedJobs(page) // start from an empty printer log
  await expect(page.getByTestId('retention-printer')).toHaveValue(OFFICE_PRINTER)
  await page.keyboard.press('F9')
  await expect(page.getByTestId('retention-print-result')).toHaveText(
    `消去報告書（第${runId}号）を ${OFFICE_PRINTER} に印刷しました`,
  )
  const jobs = await printedJobs(page)
  expect(jobs.map((j) => [j.printer, j.title])).toEqual([[OFFICE_PRINTER, '消去報告書']])
  const text = pdfText(jobs[0]!.pdfBase64!)
  for (const expected of [
    '消去報告書',
    `第${runId}号`,
    '（shikaku01）',
    '（kantoku01）',
    'データベースからの削除（1トランザクション）',
    '本報告書に住民の氏名・番号は記載していません。',
  ])
    expect(text).toContain(expected)
  await page.keyboard.press('Escape')
  await signOut(page)
})
