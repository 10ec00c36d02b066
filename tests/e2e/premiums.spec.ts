import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from './support/test'
import { residentTaxColumns } from '../../shared/api/premiums'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { signIn, signOut } from './support/login'
import { completeStepUp } from './support/step-up'
import { screenshotDir } from './support/screenshots'

// The E2E stack is seeded with the demo seed at scale 1,000; regenerating it here tells us who exists. The person is
// insured (第1号) since before the fiscal year, all year, outside any facility and not on public assistance, and far
// down the list so that no other journey touches them.
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const person = ward.persons.filter(
  (p) =>
    p.insuredCategory === 1 &&
    p.insuredNumber &&
    !p.isProtected &&
    p.acquiredOn !== null &&
    p.acquiredOn < '2026-04-01' &&
    !p.residenceException &&
    !p.excludedFacility &&
    !p.onPublicAssistance,
)[40]!

/** A 住民税課税情報 file (docs/interfaces/resident-tax.md): the header, then one line per record. */
function taxFile(rows: Partial<Record<(typeof residentTaxColumns)[number]['name'], string>>[]): Buffer {
  const lines = [
    residentTaxColumns.map((c) => c.name).join(','),
    ...rows.map((r) => residentTaxColumns.map((c) => r[c.name] ?? '').join(',')),
  ]
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')
}
// 本人課税, 合計所得金額 1,000,000円, no pension and no salary: a 当初 record (更正区分 0).
const record = {
  atena_no: person.personId,
  nendo: '2026',
  kazei_kubun: '1',
  gokei_shotoku: '1000000',
  nenkin_shunyu: '0',
  nenkin_shotoku: '0',
  kyuyo_shotoku: '0',
  hikazei_nenkin: '0',
  kosei_kubun: '0',
}
// The year's amount, by hand from the dated tables (docs/sources/domain.md §3.3): 本人課税 and 合計所得 below 1,200,000円 is
// 第6段階 (施行令38条, rate 1.2); 新宿区 基準額 79,200円 (第9期, SHINJUKU_BASE_PREMIUM ⚠️) × 1.2 = 95,040円, already a
// multiple of 10 (SHINJUKU_PREMIUM_ROUNDING floor10 ⚠️); 12 liable months.
const ANNUAL = '95,040円'

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
/** What the verification-mode printer received since the last call (the log is emptied by reading it). */
const printedJobs = async (page: Page) => (await bridge<{ jobs: Job[] }>(page, '/__bridge/test/printed', {})).jobs

/** The text of a printed PDF as pdftotext reads it (written to a temporary file of the test runner only). */
function pdfText(base64: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kaigo-e2e-notice-')), 'notice.pdf')
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

async function openCockpit(page: Page) {
  await page.getByTestId('open-premium-batches').click()
  await expect(page.getByTestId('premium-batch-screen')).toBeVisible()
}

const runRow = (page: Page, runId: string) => page.locator(`[data-testid="premium-run-row"][data-run-id="${runId}"]`)

async function chooseFile(page: Page, name: string, bytes: Buffer) {
  await page.getByTestId('tax-intake-file').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes })
  await expect(page.getByTestId('tax-intake-file-name')).toHaveText(name)
}

// 賦課 in Chromium through the loopback bridge: 賦課収納担当 fuka01 takes in the 住民税課税情報 and runs the 本算定 dry
// run for the seeded ward; 監督者 kantoku01 (a second person) signs it off with a step-up; the clerk commits it in
// chunks; the person's 保険料 panel shows the new version, its 期割 and the why panel.
test('premiums: 本算定 dry run by the clerk, signed off by a 監督者, committed, shown with its why panel', async ({
  page,
}) => {
  await signIn(page, 'fuka01')
  await openCockpit(page)

  // 住民税課税情報の取込 (F2): a file with a bad figure is refused whole, by line and field; the good one validates,
  // applies, and a second import of it applies nothing.
  await page.keyboard.press('F2')
  await expect(page.getByTestId('tax-intake-dialog')).toBeVisible()
  await chooseFile(page, 'KAZEI_2026_NG.csv', taxFile([record, { ...record, gokei_shotoku: '百万' }]))
  await page.getByTestId('tax-intake-run').click()
  await expect(page.getByTestId('tax-intake-result')).toContainText('誤りがあるため、何も反映していません')
  await expect(page.getByTestId('tax-intake-problems')).toContainText('合計所得金額')
  await expect(page.getByTestId('tax-intake-problems')).toContainText('3')

  await chooseFile(page, 'KAZEI_2026.csv', taxFile([record]))
  await page.getByTestId('tax-intake-run').click()
  await expect(page.getByTestId('tax-intake-result')).toContainText('検証の結果、誤りはありません')
  await page.getByLabel('検証のみ').uncheck()
  await page.getByTestId('tax-intake-run').click()
  await expect(page.getByTestId('tax-intake-result')).toContainText('取り込みました')
  await page.getByTestId('tax-intake-run').click()
  await expect(page.getByTestId('tax-intake-result')).toContainText('このファイルは取込済みです')
  // The run button was disabled while the import ran, which can leave the focus outside the dialog: the clerk's focus
  // is back on it before Escape.
  await page.getByTestId('tax-intake-run').focus()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('tax-intake-dialog')).toBeHidden()

  // 本算定 of the current fiscal year (F5): the run waits for a 監督者; the preparer is offered no sign-off.
  await page.getByTestId('premium-dry-run-year').fill('2026')
  await page.keyboard.press('F5')
  await expect(page.getByTestId('premium-batch-notice')).toContainText('2026年度 本算定の試算を作成しました')
  const detail = page.getByTestId('premium-run-detail')
  const runId = (await detail.getAttribute('data-run-id'))!
  expect(runId).toMatch(/^\d+$/)
  await expect(runRow(page, runId).getByTestId('premium-run-status')).toHaveText('承認待ち')
  await expect(page.getByTestId('premium-run-approve')).toHaveCount(0)
  await expect(page.getByTestId('premium-run-waiting')).toHaveText('試算者以外の監督者の承認待ち')
  // The diff names the person with the tax record: no version yet → the year's amount.
  const diffRow = page.locator(`[data-testid="premium-diff-row"][data-person-id]`, {
    hasText: `${person.familyName} ${person.givenName}`,
  })
  await expect(diffRow).toContainText(`（なし） → ${ANNUAL}`)
  await expect(diffRow).toContainText('— → 第6段階')
  // Everyone else of the ward has no 住民税課税情報 yet: refused, with the reason.
  await expect(page.getByTestId('premium-refused-row').first()).toBeVisible()
  await signOut(page)

  // 監督者, the second person: checks the run and signs it off after the step-up (C-06).
  await signIn(page, 'kantoku01')
  await openCockpit(page)
  await runRow(page, runId).focus()
  await page.keyboard.press('Enter')
  await expect(detail).toHaveAttribute('data-run-id', runId)
  await expect(diffRow).toContainText(ANNUAL)
  await expect(page.getByTestId('premium-run-commit')).toHaveCount(0)
  await page.keyboard.press('F7')
  await completeStepUp(page, 'kantoku01', `第${runId}号 2026年度 本算定`)
  await expect(page.getByTestId('premium-batch-notice')).toHaveText(`第${runId}号 2026年度 本算定を承認しました`)
  await expect(runRow(page, runId).getByTestId('premium-run-status')).toHaveText('承認済み')
  await page.keyboard.press('Escape')
  await signOut(page)

  // The clerk commits (F9, confirmed with Enter): chunk after chunk, with the progress shown.
  await signIn(page, 'fuka01')
  await openCockpit(page)
  await runRow(page, runId).click()
  await page.keyboard.press('F9')
  await expect(page.getByTestId('premium-commit-message')).toContainText(`第${runId}号 2026年度 本算定を実行し`)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('premium-batch-notice')).toContainText(`第${runId}号を実行しました`)
  await expect(runRow(page, runId).getByTestId('premium-run-status')).toHaveText('実行済み')
  await expect(page.getByTestId('premium-commit-progress-text')).toHaveText(/^(\d+) \/ \1 区分を反映$/)
  // 通知書を一括印刷 of the committed run: the dry run counts first (nothing printed, nothing recorded) — the one
  // person the run assessed, version 1, so one 決定通知書.
  await page.getByTestId('premium-notice-batch-count').click()
  await expect(page.getByTestId('premium-notice-batch-counts')).toContainText(
    '対象 1人: 決定通知書 1件・変更通知書 0件',
  )
  // Then printed page by page (here one request) on the allowlisted printer: a cover page, then the 決定通知書.
  await printedJobs(page) // start from an empty printer log
  await expect(page.getByTestId('premium-notice-batch-printer')).toHaveValue(OFFICE_PRINTER)
  await page.getByTestId('premium-notice-batch-print').click()
  await expect(page.getByTestId('premium-notice-batch-result')).toContainText(
    `第${runId}号の通知書を ${OFFICE_PRINTER} に印刷しました（1回・`,
  )
  await expect(page.getByTestId('premium-notice-batch-progress')).toHaveText('1 / 1 回を印刷')
  const batchJobs = await printedJobs(page)
  expect(batchJobs.map((j) => [j.printer, j.title])).toEqual([[OFFICE_PRINTER, '保険料通知書（一括）']])
  const batchText = pdfText(batchJobs[0]!.pdfBase64!)
  expect(batchText).toMatch(new RegExp(`${person.familyName}\\s*${person.givenName}`))
  expect(batchText).toContain('介護保険料額決定通知書')
  expect(batchText).toContain(ANNUAL)
  await page.screenshot({ path: `${screenshotDir}/premium-batches.png`, fullPage: true })
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('premium-batch-screen')).toBeHidden()

  // The person's 保険料（賦課） panel: the version written by the batch, its 期割 and why.
  await page.getByTestId('search-insured-number').fill(person.insuredNumber!)
  await page.keyboard.press('Enter')
  await page.getByTestId('search-result-row').first().click()
  await expect(page.getByTestId('person-name')).toHaveText(`${person.familyName} ${person.givenName}`)
  const panel = page.getByTestId('person-premium')
  await expect(panel.getByTestId('premium-year')).toHaveText(['令和8年度（2026年度）'])
  const row = panel.getByTestId('premium-version-row')
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('第1版（現在）')
  await expect(row.getByTestId('premium-version-reason')).toHaveText('当初賦課')
  await expect(row.getByTestId('premium-version-annual')).toHaveText(ANNUAL)
  await expect(row).toContainText('12か月')
  // The 期割 add up to the year's amount.
  await expect(panel.getByTestId('premium-installments-total')).toHaveText(ANNUAL)
  await expect(panel.getByTestId('premium-installment-row').first()).toContainText('令和')
  // The why panel: the inputs as read and every step.
  const why = panel.getByTestId('premium-why')
  await expect(why.getByTestId('premium-why-household')).toContainText('本人')
  await expect(why.getByTestId('premium-why-household')).toContainText('課税')
  await expect(why.getByTestId('premium-why-income')).toContainText('1,000,000円')
  await expect(why.getByTestId('premium-why-stages')).toContainText('第6段階')
  await expect(why.getByTestId('premium-why-annual')).toHaveText(ANNUAL)
  await expect(why.getByTestId('premium-why-table')).toContainText('79,200円')
  await expect(why.getByTestId('premium-why-step').first()).toContainText('賦課期日')
  await panel.screenshot({ path: `${screenshotDir}/person-premium.png` })
  // 決定通知書 (version 1 → 決定, not 変更): main fetches the PDF and prints it on the allowlisted printer (C-28); the
  // printed PDF, read with pdftotext, names the person, the 年度 in 和暦, the stage, the year's amount and a 納期限.
  // The batch print is in the person's history already.
  const issued = panel.getByTestId('premium-notice-issuance')
  await expect(issued.filter({ hasText: '介護保険料額決定通知書' })).toHaveText([/一括$/])
  await printedJobs(page) // start from an empty printer log
  await expect(panel.getByTestId('premium-notice-printer')).toHaveValue(OFFICE_PRINTER)
  const issue = panel.getByTestId('premium-issue-notice')
  await expect(issue).toHaveText('決定通知書を発行')
  await issue.click()
  await expect(panel.getByTestId('premium-notice-result')).toContainText(
    `介護保険料額決定通知書（2026年度 第1版）を ${OFFICE_PRINTER} に印刷しました`,
  )
  const jobs = await printedJobs(page)
  expect(jobs.map((j) => [j.printer, j.title])).toEqual([[OFFICE_PRINTER, '介護保険料額決定通知書']])
  const text = pdfText(jobs[0]!.pdfBase64!)
  expect(text).toMatch(new RegExp(`${person.familyName}\\s*${person.givenName}`))
  expect(text).toContain('令和8年度')
  expect(text).toContain('第6段階')
  expect(text).toContain(ANNUAL)
  expect(text).toContain('納期限')
  expect(text).toMatch(/令和\d+年\d+月\d+日/)
  // The issuance is in the person's history, addressed to the 住民票 address (no 送付先).
  // Newest first: the single issuance, then the batch one, both of version 1.
  await expect(issued.filter({ hasText: '介護保険料額決定通知書' })).toHaveText([/第1版.*個別$/, /第1版.*一括$/])
  // One 納付書 per 普通徴収 期 of the version and print (none when the 期 left in the year are all 特別徴収),
  // and the 「納付書を発行」 button only when there is one.
  const directRows = await panel.getByTestId('premium-installment-row').filter({ hasText: '普通徴収' }).count()
  await expect(issued.filter({ hasText: /納付書（第\d+期）/ })).toHaveCount(directRows * 2)
  await expect(panel.getByTestId('premium-issue-slips')).toHaveCount(directRows > 0 ? 1 : 0)
  await expect(issued.first()).toContainText('住民票の住所')
  await panel.screenshot({ path: `${screenshotDir}/person-premium-notices.png` })
  // 賦課（更正） from the keyboard (F12, the year, Enter): nothing changed since the batch, so no new version.
  await page.keyboard.press('F12')
  await expect(panel.getByTestId('premium-assess-year')).toBeFocused()
  await page.keyboard.type('2026')
  await page.keyboard.press('Enter')
  await expect(panel.getByTestId('premium-assess-result')).toHaveText('2026年度は現在の賦課（第1版）から変わりません')
  await expect(row).toHaveCount(1)
  await signOut(page)
})

// After the commit, a new 本算定 dry run of the year finds nothing to change; a 監督者 sends it back with the reason
// (差戻し, Enter in the reason field), and the clerk sees the reason and is offered no commit.
test('premiums: a 監督者 sends a dry run back with a reason; the clerk sees it and cannot commit it', async ({
  page,
}) => {
  await signIn(page, 'fuka01')
  await openCockpit(page)
  await page.keyboard.press('F5')
  await expect(page.getByTestId('premium-batch-notice')).toContainText('2026年度 本算定の試算を作成しました')
  const detail = page.getByTestId('premium-run-detail')
  const runId = (await detail.getAttribute('data-run-id'))!
  await expect(page.getByTestId('premium-diff-range')).toHaveText('0人')
  await signOut(page)

  await signIn(page, 'kantoku01')
  await openCockpit(page)
  await runRow(page, runId).click()
  await expect(detail).toHaveAttribute('data-run-id', runId)
  await page.keyboard.press('F8')
  await page.getByTestId('premium-reject-reason').fill('課税情報の取込が終わってから試算し直してください')
  await page.getByTestId('premium-reject-reason').press('Enter')
  await expect(page.getByTestId('premium-batch-notice')).toHaveText(`第${runId}号 2026年度 本算定を差し戻しました`)
  await expect(runRow(page, runId).getByTestId('premium-run-status')).toHaveText('差戻し')
  await page.keyboard.press('Escape')
  await signOut(page)

  await signIn(page, 'fuka01')
  await openCockpit(page)
  await runRow(page, runId).click()
  await expect(page.getByTestId('premium-run-rejection')).toHaveText(
    '差戻しの理由: 課税情報の取込が終わってから試算し直してください',
  )
  await expect(page.getByTestId('premium-run-commit')).toHaveCount(0)
  await signOut(page)
})
