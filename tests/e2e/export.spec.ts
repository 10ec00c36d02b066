import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Browser, type Page } from './support/test'
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
// A 支援措置対象者 with a 被保険者番号 (the generator protects whole households; the second such household).
const protectedPerson = ward.persons.filter((p) => p.isProtected && p.insuredNumber).at(-1)!
const householdOf = (p: typeof person) => ward.households.find((h) => h.householdId === p.householdId)!
const sexLabel = (p: typeof person) => (p.sex === 'male' ? '男' : '女')
/** The CSV header of 被保険者基本情報 (UTF-8 with BOM, every field quoted). */
const CSV_HEADER = '\uFEFF"被保険者番号","氏名","カナ氏名","生年月日","性別","住所"'

async function openExport(page: Page) {
  await page.getByTestId('open-export').click()
  await expect(page.getByTestId('export-screen')).toBeVisible()
}

/** 監督者 kantoku01 approves the request of `purpose` in a second browser context (four eyes), with the step-up. */
async function approveAsSupervisor(browser: Browser, purpose: string) {
  const context = await browser.newContext()
  const supervisor = await context.newPage()
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
  await context.close()
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
  await approveAsSupervisor(browser, purpose)

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
  // One row, every column as the 住民記録 holds it — the address included (he is not protected).
  expect(csv.split('\r\n')).toEqual([
    CSV_HEADER,
    `"${person.insuredNumber}","${person.familyName} ${person.givenName}","${person.familyNameKana} ${person.givenNameKana}","${person.birthDate}","${sexLabel(person)}","${householdOf(person).address}"`,
    '',
  ])
  await page.getByRole('button', { name: '戻る' }).click()
  await signOut(page)

  // The 持出管理簿 shows the row to the supervisor.
  await nextTotpStep()
  const supervisorContext = await browser.newContext()
  const supervisor = await supervisorContext.newPage()
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

test('export of a 支援措置対象者: the file carries his name and number, never his address', async ({
  page,
  browser,
}) => {
  // Three sign-ins of two users (each waits for a fresh TOTP step) and a step-up.
  test.setTimeout(240_000)
  const household = householdOf(protectedPerson)
  const purpose = `E2E 持出 支援措置 ${Date.now()}`
  // 資格担当 (the role that may export; it may also reveal a protected address on screen, with a reason).
  await nextTotpStep()
  await signIn(page)
  await page.getByTestId('search-insured-number').fill(protectedPerson.insuredNumber!)
  await page.getByTestId('search-insured-number').press('Enter')
  const row = page.getByTestId('search-result-row')
  await expect(row).toHaveCount(1)
  await expect(row.getByTestId('search-result-address')).toHaveText('支援措置対象（住所非表示）')
  await openExport(page)
  await expect(page.getByTestId('export-person-count')).toContainText('1 人')
  await page.getByTestId('export-purpose').fill(purpose)
  await page.getByTestId('export-submit').click()
  await expect(
    page.getByTestId('export-my-request').filter({ hasText: purpose }).getByTestId('export-status'),
  ).toHaveText('承認待ち')
  await page.getByRole('button', { name: '戻る' }).click()
  await signOut(page)

  await approveAsSupervisor(browser, purpose)

  await nextTotpStep()
  await signIn(page)
  await openExport(page)
  const approved = page.getByTestId('export-my-request').filter({ hasText: purpose })
  await expect(approved.getByTestId('export-status')).toHaveText('承認済み')
  await approved.getByTestId('export-execute').click()
  const password = (await page.getByTestId('export-password').textContent())!.trim()
  const fileName = /ファイル: (\S+\.zip)/.exec(await page.getByRole('dialog').innerText())![1]!
  await page.getByTestId('export-done-close').click()
  await expect(approved.getByTestId('export-status')).toHaveText('持出済み')

  // The file as the recipient opens it: the real 7z, the password as the screen handed it over.
  const file = join(process.env.E2E_CLIENT_DATA_DIR!, 'exports', fileName)
  const csv = execFileSync('7z', ['x', '-so', `-p${password}`, file], { encoding: 'utf8' })
  // His row: 被保険者番号, 氏名, カナ氏名, 生年月日 and 性別 as recorded; the 住所 column empty.
  expect(csv.split('\r\n')).toEqual([
    CSV_HEADER,
    `"${protectedPerson.insuredNumber}","${protectedPerson.familyName} ${protectedPerson.givenName}","${protectedPerson.familyNameKana} ${protectedPerson.givenNameKana}","${protectedPerson.birthDate}","${sexLabel(protectedPerson)}",""`,
    '',
  ])
  // …and no part of the address anywhere in the file: not whole, not without 東京都, not the 町名 or the 番地.
  const street = household.address.slice(household.address.indexOf(household.town) + household.town.length)
  for (const part of [household.address, household.address.replace(/^東京都/, ''), household.town, street])
    expect(csv, part).not.toContain(part)
  await page.getByRole('button', { name: '戻る' }).click()
  await signOut(page)
  await nextTotpStep() // the next spec signs in shikaku01 again
})
