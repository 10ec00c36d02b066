import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MigrationExtract, MigrationReconciliation, MigrationTrialStore } from '../../shared/api/migration'
import type { ExtractManifest } from '../../shared/migration/manifest'
import { writeLegacyExtract } from '../../server/src/demo/legacy-extract'
import { expect, test, type Page } from './support/test'
import { bridgeIpc as ipc } from './support/bridge-ipc'
import { screenshotDir } from './support/screenshots'
import { signIn, signOut } from './support/login'
import { completeStepUp } from './support/step-up'

/** Signs in and opens the データ移行 screen from the header. */
async function openMigration(page: Page, loginId: string): Promise<void> {
  await signIn(page, loginId)
  await page.getByTestId('open-migration').click()
  await expect(page.getByTestId('migration-screen')).toBeVisible()
}

// データ移行 in Chromium through the loopback bridge. The extract is written by the project's generator (dummy ward,
// one planted 外字 𠮷, one 収納 row off its control total) into the harness's import directory, whose newest folder
// stands in for main's folder dialog.
// 移行担当 ikou01 loads it (F2), reads the files and the validation report and decides the 外字; 監督者 kantoku01
// accepts the report (step-up); ikou01 runs the dry run (F6) and the 仮移行 and reconciles; kantoku01 sees the
// 突合結果報告 listed, opens it by its number, drills from the difference to its person, explains it, signs the report
// off and records the 移行判定 (each with the step-up), and the next time picks it from the list.
test('migration: the 移行担当 loads an extract and decides its 外字, rehearses it after the 監督者 accepts the report, and the 監督者 explains the 突合 difference, signs it off and records 移行可', async ({
  page,
}) => {
  // The 仮移行 creates a trial store of its own (every migration run on a new database), and the 監督者 signs in
  // twice: more than the default.
  test.setTimeout(120_000)
  const dir = join(process.env.E2E_IMPORT_DIR!, `extract-${Date.now()}`)
  const extract = writeLegacyExtract({ seed: 31, scale: 100, defects: { gaiji: 1 }, dir })
  expect(extract.planted.gaiji).toBe(1)
  // And one 収納 row 100 yen above what the legacy system's control total counts (the manifest restates the file's
  // size and hash, as the legacy system would for the file it sent): one difference for the 突合.
  const shuno = readFileSync(join(dir, 'shuno.csv'), 'utf8').split('\r\n')
  const amountColumn = shuno[0]!.split(',').indexOf('収納額')
  const planted = shuno[3]!.split(',')
  planted[amountColumn] = String(Number(planted[amountColumn]) + 100)
  shuno[3] = planted.join(',')
  const shunoBytes = Buffer.from(shuno.join('\r\n'), 'utf8')
  writeFileSync(join(dir, 'shuno.csv'), shunoBytes)
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ExtractManifest
  const shunoEntry = manifest.files.find((f) => f.fileName === 'shuno.csv')!
  shunoEntry.bytes = shunoBytes.length
  shunoEntry.sha256 = createHash('sha256').update(shunoBytes).digest('hex')
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest))

  // 移行担当: F2 makes main read the folder and send it in chunks; the server validates it.
  await openMigration(page, 'ikou01')
  await expect(page.getByTestId('migration-accept')).toHaveCount(0)
  await page.keyboard.press('F2')
  // Sending, scanning and validating take a few seconds, more on a loaded machine.
  await expect(page.getByTestId('migration-message')).toContainText('を受け入れ、検証しました', { timeout: 30_000 })
  const [received] = (await ipc<{ extracts: MigrationExtract[] }>(page, 'migration.extracts', {})).extracts
  expect(received).toMatchObject({ status: 'validated', findingCounts: { gaiji: 1 }, openGaiji: 1 })
  const row = page.getByTestId(`migration-extract-${received!.id}`)
  await expect(row.getByTestId('migration-extract-status')).toHaveText('検証済（承認待ち）')
  const atena = extract.manifest.files.find((f) => f.fileName === 'atena.csv')!
  await expect(page.getByTestId('migration-file-atena.csv')).toContainText(atena.sha256.slice(0, 16))
  await expect(page.getByTestId('migration-file-atena.csv')).toContainText('一致')
  await expect(page.getByTestId('migration-findings').getByTestId('migration-finding')).toHaveCount(1)
  await expect(page.getByTestId('migration-finding')).toContainText('外字')
  await expect(page.getByTestId('migration-finding')).toContainText('atena.csv')

  // 外字: the candidate from the 異体字 table, a reason, Enter.
  const gaiji = page.getByTestId('migration-gaiji-U+20BB7')
  await expect(gaiji).toContainText('未決定')
  await expect(page.getByTestId('migration-gaiji-open')).toHaveText('1')
  await gaiji.getByTestId('migration-gaiji-candidate-吉').click()
  await gaiji.getByTestId('migration-gaiji-reason').fill('本人の届出に基づき標準字形で登録')
  await gaiji.getByTestId('migration-gaiji-reason').press('Enter')
  await expect(page.getByTestId('migration-message')).toContainText('外字「𠮷」を「吉」に置き換えると決定しました')
  await expect(page.getByTestId('migration-gaiji-open')).toHaveText('0')
  await expect(gaiji.getByTestId('migration-gaiji-decision')).toContainText('「吉」に置換（ikou01）')
  await page.screenshot({ path: `${screenshotDir}/migration-intake.png` })
  // 仮移行 waits for the 監督者's acceptance.
  await expect(page.getByTestId('migration-dry-run')).toBeDisabled()
  await signOut(page)

  // 監督者: accepts the report after the step-up; no loading, 外字 decision or 仮移行 is offered.
  await openMigration(page, 'kantoku01')
  await expect(page.getByTestId('migration-load')).toHaveCount(0)
  await expect(page.getByTestId('migration-dry-run')).toHaveCount(0)
  await expect(page.getByTestId('migration-gaiji-reason')).toHaveCount(0)
  await page.getByTestId(`migration-extract-${received!.id}`).click()
  await page.getByTestId('migration-accept-note').fill('外字1件は決定済み。その他の指摘なしを確認')
  await page.getByTestId('migration-accept-note').press('Enter')
  await completeStepUp(page, 'kantoku01', `抽出データ 第${received!.id}号の検証結果を承認します`)
  await expect(page.getByTestId('migration-message')).toContainText(
    `抽出データ 第${received!.id}号の検証結果を承認しました`,
  )
  await expect(row.getByTestId('migration-extract-status')).toHaveText('検証結果承認済')
  await signOut(page)

  // 移行担当: the dry run (F6), then the load; the store lists its per-table timings; the 突合.
  await openMigration(page, 'ikou01')
  await page.getByTestId(`migration-extract-${received!.id}`).click()
  await page.keyboard.press('F6')
  const plan = page.getByTestId('migration-plan')
  await expect(plan).toContainText(
    `試算: ${extract.manifest.files.reduce((n, f) => n + f.rows, 0).toLocaleString('ja-JP')} 件`,
  )
  await page.getByTestId('migration-rehearsal-label').fill('第1回仮移行（E2E）')
  await page.getByTestId('migration-rehearsal-label').press('Enter')
  await expect(page.getByTestId('migration-message')).toContainText('仮移行「第1回仮移行（E2E）」を読み込みました', {
    timeout: 60_000,
  })
  const [trial] = (await ipc<{ stores: MigrationTrialStore[] }>(page, 'migration.trialStores', {})).stores
  expect(trial).toMatchObject({ status: 'ready', extractId: received!.id, createdBy: 'ikou01' })
  const storeRow = page.getByTestId(`migration-store-${trial!.id}`)
  await expect(storeRow.getByTestId('migration-store-status')).toHaveText('読込み済')
  await expect(storeRow).toContainText('migration_staged_rows')
  await storeRow.getByTestId('migration-reconcile').click()
  await expect(page.getByTestId('migration-message')).toContainText('を作成しました。差異 1 件', { timeout: 30_000 })
  const title = (await page.getByTestId('migration-reconciliation-title').textContent()) ?? ''
  const reportId = Number(/第(\d+)号/.exec(title)?.[1])
  expect(reportId).toBeGreaterThan(0)
  // The 移行担当 is offered neither the sign-off nor the 判定.
  await expect(page.getByTestId('migration-signoff-submit')).toHaveCount(0)
  await expect(page.getByTestId('migration-decision-submit')).toHaveCount(0)
  await signOut(page)

  // 監督者: sees the report listed (not yet signed off), opens it by its number, signs it off and records 移行可
  // (each after the step-up).
  await openMigration(page, 'kantoku01')
  const listed = page.getByTestId(`migration-report-row-${reportId}`)
  await expect(listed).toContainText(`第${reportId}号 第1版（最新）`)
  await expect(listed.getByTestId('migration-report-row-signoff')).toHaveText('未承認')
  await page.getByTestId('migration-report-number').fill(String(reportId))
  await page.getByTestId('migration-report-number').press('Enter')
  await expect(page.getByTestId('migration-reconciliation-summary')).toContainText(
    '差異 1 件（説明のない差異 1 件）・未承認',
  )
  // The difference, drilled to the one person whose 収納 exceeds the 賦課 of that year; Esc closes the drill-down.
  await expect(page.getByTestId('migration-differences')).toContainText('収納額の合計')
  await page.getByTestId('migration-difference-open').click()
  const drill = page.getByTestId('migration-drill-down')
  await expect(drill).toContainText('差異の内訳（1 件）')
  await expect(drill.locator('tbody tr')).toHaveCount(1)
  await expect(drill).toContainText(`宛名番号 ${planted[0]}`)
  await page.keyboard.press('Escape')
  await expect(drill).toHaveCount(0)
  await page
    .getByTestId('migration-difference-explanation')
    .fill('旧システムの収納額の二重計上（100円）。本移行前に訂正')
  await page.getByTestId('migration-signoff-comment').fill('差異1件は説明のとおり。その他は旧システムの管理値と一致')
  await page.getByTestId('migration-signoff-comment').press('Enter')
  await completeStepUp(page, 'kantoku01', `突合結果報告 第${reportId}号を承認します`)
  await expect(page.getByTestId('migration-signoff')).toContainText('承認: 検証 四季（kantoku01）')
  await page.getByTestId('migration-decision-reasons').fill('差異は説明済み、外字も決定済みのため移行可')
  await page.getByTestId('migration-decision-reasons').press('Enter')
  await completeStepUp(page, 'kantoku01', '移行判定「移行可」を記録します')
  await expect(page.getByTestId('migration-decision')).toContainText('移行判定: 移行可')
  await expect(page.getByTestId('migration-decision')).toContainText(`突合結果報告 第${reportId}号 第1版`)
  await page.screenshot({ path: `${screenshotDir}/migration-decision.png` })
  const signed = await ipc<MigrationReconciliation>(page, 'migration.reconciliation', { reportId })
  expect(signed.unexplained).toBe(0)
  expect(signed.differences[0]?.explanation).toBe('旧システムの収納額の二重計上（100円）。本移行前に訂正')
  expect(signed.signoff).toMatchObject({
    supervisorLogin: 'kantoku01',
    comment: '差異1件は説明のとおり。その他は旧システムの管理値と一致',
  })

  await expect(listed.getByTestId('migration-report-row-signoff')).toContainText('承認済')
  await expect(listed).toContainText('移行可')

  await page.keyboard.press('Escape')
  await expect(page.getByTestId('migration-screen')).toHaveCount(0)
  await signOut(page)

  // The next time, the 監督者 picks the report from the list (Enter on its row) instead of typing its number.
  await openMigration(page, 'kantoku01')
  await page.getByTestId(`migration-report-row-${reportId}`).press('Enter')
  await expect(page.getByTestId('migration-signoff')).toContainText('承認: 検証 四季（kantoku01）')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('migration-screen')).toHaveCount(0)
  await signOut(page)
})
