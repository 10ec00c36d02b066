import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { totpCode } from '../../server/src/areas/accounts/totp'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_PASSWORD, demoTotpSecret } from '../../server/src/demo/seed-database'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { nextTotpStep } from './support/idle'
import { scanForPersonalData, seededNeedles } from './support/personal-data-scan'
import { signIn, signOut } from './support/login'

// C-21 / C-22 in Chromium through the loopback bridge: request (資格担当) → refused before approval →
// approval by 監督者 kantoku01 in a second browser context → encrypted file + password shown once → 持出管理簿 row.
// One headless main is one terminal: the two users take turns on it, as on a shared desk terminal.
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const person = ward.persons.find((p) => p.insuredNumber && !p.isProtected && p.insuredCategory === 2)!

async function openExport(page: Page) {
  await page.getByTestId('open-export').click()
  await expect(page.getByTestId('export-screen')).toBeVisible()
}

test('export: refused without approval, then encrypted with a one-time password and recorded in the ledger', async ({
  page,
  browser,
}) => {
  // Four sign-ins of two users: each waits for a fresh TOTP step (a step is accepted once per account).
  test.setTimeout(240_000)
  const purpose = `E2E 持出 ${Date.now()}`
  await nextTotpStep()
  await signIn(page)
  await page.getByTestId('search-insured-number').fill(person.insuredNumber!)
  await page.getByTestId('search-insured-number').press('Enter')
  await expect(page.getByTestId('search-result-row')).toHaveCount(1)
  await openExport(page)
  // C-34: 所属 and 氏名 stay in the header on every screen.
  await expect(page.getByTestId('signed-in-user')).toHaveText('介護保険課 資格係\u3000検証 一郎')
  await expect(page.getByTestId('export-person-count')).toContainText('1 人')
  await page.getByTestId('export-purpose').fill(purpose)
  await page.getByTestId('export-submit').click()
  const mine = page.getByTestId('export-my-request').filter({ hasText: purpose })
  await expect(mine.getByTestId('export-status')).toHaveText('承認待ち')
  await mine.getByTestId('export-execute').click()
  await expect(page.getByRole('alert')).toContainText('承認がない')
  await page.getByRole('button', { name: '戻る' }).click()
  await signOut(page)

  // Four eyes: 監督者 approves in a second browser context.
  const supervisorContext = await browser.newContext()
  const supervisor = await supervisorContext.newPage()
  await signIn(supervisor, 'kantoku01')
  await openExport(supervisor)
  const pendingRow = supervisor.getByTestId('export-pending-row').filter({ hasText: purpose })
  await expect(pendingRow).toContainText('検証 一郎')
  await pendingRow.getByTestId('export-approve').click()
  // Approving an export needs a step-up re-authentication (C-06): password and 確認コード again.
  await supervisor.getByTestId('step-up-password').fill(DEMO_PASSWORD)
  await supervisor.getByTestId('step-up-code').fill(totpCode(demoTotpSecret('kantoku01'), new Date()))
  await supervisor.getByTestId('step-up-submit').click()
  await expect(pendingRow).toHaveCount(0)
  await supervisor.getByRole('button', { name: '戻る' }).click()
  await signOut(supervisor)

  // The clerk writes the file; the password is shown once.
  await nextTotpStep()
  await signIn(page)
  await openExport(page)
  const approved = page.getByTestId('export-my-request').filter({ hasText: purpose })
  await expect(approved.getByTestId('export-status')).toHaveText('承認済み')
  await approved.getByTestId('export-execute').click()
  const password = (await page.getByTestId('export-password').textContent())!.trim()
  expect(password).toMatch(/^[\x21-\x7e]{20}$/)
  const dialogText = await page.getByRole('dialog').innerText()
  const fileName = /ファイル: (\S+\.zip)/.exec(dialogText)![1]!
  const sha256 = /SHA-256: ([0-9a-f]{64})/.exec(dialogText)![1]!
  await page.getByTestId('export-done-close').click()
  await expect(page.getByTestId('export-password')).toHaveCount(0)
  await expect(approved.getByTestId('export-status')).toHaveText('持出済み')

  const file = join(process.env.E2E_CLIENT_DATA_DIR!, 'exports', fileName)
  expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(sha256)
  expect(execFileSync('7z', ['l', '-slt', `-p${password}`, file], { encoding: 'utf8' })).toMatch(/AES-256/)
  expect(() => execFileSync('7z', ['t', '-pnot-the-password', file], { stdio: 'pipe' })).toThrow()
  const csv = execFileSync('7z', ['x', '-so', `-p${password}`, file], { encoding: 'utf8' })
  expect(csv).toContain(`${person.familyName} ${person.givenName}`)
  expect(csv).toContain(person.insuredNumber!)
  await page.getByRole('button', { name: '戻る' }).click()
  await signOut(page)

  // The 持出管理簿 shows the row to the supervisor.
  await nextTotpStep()
  await signIn(supervisor, 'kantoku01')
  await openExport(supervisor)
  const ledgerRow = supervisor.getByTestId('export-ledger-row').filter({ hasText: purpose })
  await expect(ledgerRow).toHaveCount(1)
  await expect(ledgerRow).toContainText('検証 一郎（shikaku01）')
  await expect(ledgerRow).toContainText('検証 四季（kantoku01）')
  await expect(ledgerRow).toContainText(sha256)
  await expect(ledgerRow).toContainText(fileName)
  // C-28: the ledger prints through main to the allowlisted printer (the print is audited on the server).
  await supervisor.getByTestId('export-ledger-print').click()
  await expect(supervisor.getByTestId('export-ledger-printed')).toContainText('事務室プリンタ（検証モード）')
  // What main prints (print media): the ledger alone, headed by who printed it and when; nothing else of the screen.
  await supervisor.emulateMedia({ media: 'print' })
  const printHeader = supervisor.getByTestId('export-ledger-print-header')
  await expect(printHeader).toBeVisible()
  await expect(printHeader).toContainText('介護保険課 管理係\u3000検証 四季')
  await expect(printHeader).toContainText('印刷日時')
  await expect(ledgerRow).toBeVisible()
  await expect(supervisor.getByTestId('signed-in-user')).toBeHidden()
  await expect(supervisor.getByTestId('export-ledger-print')).toBeHidden()
  await expect(supervisor.getByRole('button', { name: '戻る' })).toBeHidden()
  await supervisor.emulateMedia({ media: 'screen' })
  await expect(printHeader).toBeHidden()
  await expect(supervisor.getByTestId('signed-in-user')).toHaveText('介護保険課 管理係\u3000検証 四季')
  await supervisor.getByRole('button', { name: '戻る' }).click()
  await signOut(supervisor)
  await supervisorContext.close()
  // C-07: with the encrypted export in it, the client's data directory still holds no personal data in the clear.
  const { hits } = scanForPersonalData(process.env.E2E_CLIENT_DATA_DIR!, seededNeedles())
  expect(hits).toEqual([])
  await nextTotpStep() // the next spec signs in shikaku01 again
})
