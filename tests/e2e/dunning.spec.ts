import { expect, test, type Page } from './support/test'
import { signIn, signOut } from './support/login'
import { pdfText, printedJobs } from './support/printed-pdf'
import { completeStepUp } from './support/step-up'
import { screenshotDir } from './support/screenshots'

const OFFICE_PRINTER = '事務室プリンタ（検証モード）'

async function openCockpit(page: Page) {
  await page.getByTestId('open-dunning').click()
  await expect(page.getByTestId('dunning-screen')).toBeVisible()
}

const runRow = (page: Page, runId: string) => page.locator(`[data-testid="dunning-run-row"][data-run-id="${runId}"]`)

// The E2E stack runs on the real clock and its demo ward has no 賦課 yet (and a 賦課 made today spreads over the 納期
// still to come), so the run may list no installment: the journey then checks the run and the cover page of the 督促状;
// the pages of the persons are checked by tests/integration/areas/collection/dunning/dunning.test.ts on a set clock.
// 督促 in Chromium through the loopback bridge: 賦課収納担当 fuka01 prepares the 督促 dry run of today (the unpaid
// 普通徴収 installments of the seeded ward 10 days after their due date); 監督者 kantoku01 (a second person) signs it
// off with a step-up; the clerk commits it (時効の更新 of every installment listed) and prints the 督促状 as one job,
// whose text pdftotext reads.
test('dunning: a 督促 run prepared by the clerk, signed off by a 監督者, committed and its 督促状 printed', async ({
  page,
}) => {
  await signIn(page, 'fuka01')
  await openCockpit(page)

  // 督促 (the default kind) with F5: the run waits for a 監督者; the preparer is offered no sign-off.
  await page.keyboard.press('F5')
  await expect(page.getByTestId('dunning-notice')).toContainText('督促 第')
  await expect(page.getByTestId('dunning-notice')).toContainText('の試算を作成しました')
  const detail = page.getByTestId('dunning-run-detail')
  const runId = (await detail.getAttribute('data-run-id'))!
  expect(runId).toMatch(/^\d+$/)
  await expect(runRow(page, runId).getByTestId('dunning-run-status')).toHaveText('承認待ち')
  await expect(page.getByTestId('dunning-run-approve')).toHaveCount(0)
  await expect(page.getByTestId('dunning-run-waiting')).toHaveText('試算者以外の監督者の承認待ち')
  const items = page.getByTestId('dunning-item')
  const listed = await items.count()
  const firstName = listed > 0 ? ((await items.first().locator('td').first().textContent()) ?? '') : ''
  await signOut(page)

  // 監督者: selects the run with the keyboard, signs it off after the step-up (C-06); no commit for the 監督者.
  await signIn(page, 'kantoku01')
  await openCockpit(page)
  await runRow(page, runId).focus()
  await page.keyboard.press('Enter')
  await expect(detail).toHaveAttribute('data-run-id', runId)
  await expect(page.getByTestId('dunning-run-commit')).toHaveCount(0)
  await page.keyboard.press('F7')
  await completeStepUp(page, 'kantoku01', `督促 第${runId}号`)
  await expect(page.getByTestId('dunning-notice')).toHaveText(`督促 第${runId}号を承認しました`)
  await expect(runRow(page, runId).getByTestId('dunning-run-status')).toHaveText('承認済み')
  await page.keyboard.press('Escape')
  await signOut(page)

  // The clerk commits (F9, confirmed with Enter), then prints the 督促状 (F6) on the allowlisted printer.
  await signIn(page, 'fuka01')
  await openCockpit(page)
  await runRow(page, runId).click()
  await page.keyboard.press('F9')
  await expect(page.getByTestId('dunning-commit-message')).toContainText(`督促 第${runId}号を実行し`)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('dunning-notice')).toContainText(`督促 第${runId}号を実行しました`)
  await expect(runRow(page, runId).getByTestId('dunning-run-status')).toHaveText('実行済み')
  await printedJobs(page) // start from an empty printer log
  await expect(page.getByTestId('dunning-printer')).toHaveValue(OFFICE_PRINTER)
  await page.keyboard.press('F6')
  await expect(page.getByTestId('dunning-notice')).toContainText(
    `督促 第${runId}号）を ${OFFICE_PRINTER} に印刷しました`,
  )
  const jobs = await printedJobs(page)
  expect(jobs.map((j) => [j.printer, j.title])).toEqual([[OFFICE_PRINTER, '介護保険料督促状（一括）']])
  const text = pdfText(jobs[0]!.pdfBase64!)
  expect(text).toContain(`介護保険料督促状 一括印刷（督促 第${runId}号）`)
  expect(text).toContain('指定期限')
  if (listed > 0) {
    expect(text).toContain('下記の介護保険料が納期限までに納付されていません')
    expect(text.replace(/\s+/g, '')).toContain(firstName.replace(/\s+/g, ''))
  }
  await page.screenshot({ path: `${screenshotDir}/dunning.png`, fullPage: true })
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('dunning-screen')).toBeHidden()
})
