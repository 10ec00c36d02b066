import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from './support/test'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { addDays, formatWareki } from '../../shared/domain'
import { signIn, signOut } from './support/login'
import { screenshotDir } from './support/screenshots'

// The E2E stack is seeded with the demo seed at scale 1,000; regenerating it here tells us who exists.
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const insured = ward.persons.filter((p) => p.insuredNumber && !p.isProtected && p.insuredCategory === 1)
// eligibility.spec.ts issues the 被保険者証 of the second one; this spec takes the third.
const holder = insured[2]!
const shots = screenshotDir
const OFFICE_PRINTER = '事務室プリンタ（検証モード）'

/** Today in Tokyo as the server counts it. */
const today = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10)

/** The jobs browser mode's stand-in printer received (E2E hook of the headless main), oldest first. */
async function printedJobs(page: Page): Promise<{ printer: string; title: string; pdfBase64: string | null }[]> {
  return page.evaluate(async () => {
    const res = await fetch('/__bridge/test/printed', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-kaigo-bridge-token': sessionStorage.getItem('kaigo-desk.bridge') ?? '',
      },
      body: '{}',
    })
    return ((await res.json()) as { jobs: { printer: string; title: string; pdfBase64: string | null }[] }).jobs
  })
}

function pdfText(base64: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kaigo-e2e-print-')), 'job.pdf')
  writeFileSync(file, Buffer.from(base64, 'base64'))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

test.describe('資格者証: issue, preview and print through the shell', () => {
  test.afterEach(async ({ page }) => signOut(page))

  test('issues the 資格者証 with typed 和暦 date parts, previews it and prints it to the allowlisted printer', async ({
    page,
  }) => {
    await signIn(page)
    await printedJobs(page) // start from an empty printer log
    await page.getByTestId('search-insured-number').fill(holder.insuredNumber!)
    await page.keyboard.press('Enter')
    await page.getByTestId('search-result-row').first().click()
    await expect(page.getByTestId('function-keys')).toContainText('資格者証')
    await page.keyboard.press('F11')
    await expect(page.getByRole('dialog')).toContainText('資格者証の交付')

    // 認定申請日 = two days ago, typed part by part: each full part moves the focus on by itself.
    const applied = addDays(today, -2)
    const [y, m, d] = applied.split('-').map(Number) as [number, number, number]
    await page.getByTestId('provisional-applied-era').click()
    await page.keyboard.type('R')
    await expect(page.getByTestId('provisional-applied-year')).toBeFocused()
    await page.keyboard.type(String(y - 2018).padStart(2, '0'))
    await expect(page.getByTestId('provisional-applied-month')).toBeFocused()
    await page.keyboard.type(String(m).padStart(2, '0'))
    await expect(page.getByTestId('provisional-applied-day')).toBeFocused()
    await page.keyboard.type(String(d).padStart(2, '0'))
    await expect(page.getByTestId('provisional-applied-shown')).toHaveText(formatWareki(applied))
    // The default expiry: 30 days after the application date of today.
    await expect(page.getByTestId('provisional-until-shown')).toHaveText(formatWareki(addDays(today, 30)))
    await page.getByTestId('provisional-applied-day').press('Enter')

    await expect(page.getByTestId('provisional-issued')).toContainText('交付しました')
    const preview = page.getByTestId('provisional-preview')
    await expect(preview).toContainText(holder.insuredNumber!)
    await expect(preview).toContainText('申請中')
    await expect(preview).toContainText(formatWareki(applied))
    // 和暦 on screen, the Western date on hover.
    await preview.getByText(formatWareki(holder.birthDate)).hover()
    await expect(page.getByRole('tooltip')).toHaveText(holder.birthDate)

    // Printers as main lists them: the office printer chosen, the virtual PDF printer offered but refused.
    await expect(page.getByTestId('provisional-printer')).toHaveValue(OFFICE_PRINTER)
    await page.getByRole('combobox', { name: 'プリンタ' }).click()
    await expect(page.getByRole('option', { name: /Microsoft Print to PDF（使用不可: 仮想プリンタ/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    )
    await page.keyboard.press('Escape')
    await expect(page.getByRole('listbox')).toBeHidden()
    await page.keyboard.press('F12')
    await expect(page.getByTestId('provisional-print-result')).toHaveText(`${OFFICE_PRINTER} に印刷しました`)
    await page.screenshot({ path: `${shots}/provisional-card.png` })

    // What reached the printer is the server's PDF: name, number and dates in 和暦.
    const jobs = await printedJobs(page)
    expect(jobs.map((j) => [j.printer, j.title])).toEqual([[OFFICE_PRINTER, '介護保険資格者証']])
    const text = pdfText(jobs[0]!.pdfBase64!)
    for (const expected of [
      '介護保険資格者証',
      holder.familyName,
      holder.insuredNumber!,
      formatWareki(holder.birthDate),
      formatWareki(applied),
      formatWareki(addDays(today, 30)),
    ])
      expect(text).toContain(expected)

    // A second issuance is a 再交付: refused without its reason, counted with it.
    await page.getByTestId('provisional-issue').click()
    await expect(page.getByTestId('provisional-error')).toHaveText('再交付の理由を入力してください')
    await page.getByTestId('provisional-reissue-reason').fill('紛失')
    await page.getByTestId('provisional-reissue-reason').press('Enter')
    await expect(page.getByTestId('provisional-issued')).toContainText('再交付しました（1回目）')
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toBeHidden()
  })

  test('search screen: as-you-type results, 和暦 with the Western date on hover, an honest empty state', async ({
    page,
  }) => {
    await signIn(page)
    await expect(page.getByTestId('search-empty')).toContainText('Enter で検索')
    // No Enter: the list follows the typing after a short pause.
    await page.getByTestId('search-kana').fill(holder.familyNameKana + holder.givenNameKana)
    const row = page.getByTestId('search-result-row').filter({ hasText: holder.insuredNumber! })
    await expect(row).toHaveCount(1)
    await row.getByText(formatWareki(holder.birthDate)).hover()
    await expect(page.getByRole('tooltip')).toHaveText(holder.birthDate)
    // The birth date field says how it understood the input.
    await page.getByTestId('search-birth-date').fill('S35.4.1')
    await expect(page.getByTestId('search-birth-date-shown')).toContainText('昭和35年4月1日')
    await page.keyboard.press('F2')
    await page.getByTestId('search-kana').fill('ヲヲヲヲ')
    await page.getByTestId('search-kana').press('Enter')
    await expect(page.getByTestId('search-total')).toContainText('該当者はいません')
  })
})
