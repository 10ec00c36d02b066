import { createHash, randomUUID } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PersonBenefitMonths } from '../../shared/api/benefits'
import type { CarePlanNotification, RecipientOverview } from '../../shared/api/recipients'
import { todayInJapan } from '../../shared/domain'
import { sendSlotOn } from '../../shared/domain/kokuhoren-schedule'
import { buildUpdateResultFile, parseRecipientChangeFile } from '../../server/src/areas/kokuhoren'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { expect, test, type Page } from './support/test'
import { bridgeIpc as ipc } from './support/bridge-ipc'
import { screenshotDir } from './support/screenshots'
import { signIn, signOut } from './support/login'
import { completeStepUp } from './support/step-up'

// The E2E stack is the demo ward at scale 1,000 (tests/e2e/global-setup.ts); its certified persons have the last three
// service months of 給付実績 (server/src/demo/benefit-records.ts) and the demo queues no 受給者異動 of its own. The
// journey's 受給者異動 is a 居宅サービス計画作成依頼届出 (自己作成) recorded through the 給付 channel for a certified
// person, from the 1st of a month the person is certified in (the level of that service month).
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const candidates = ward.persons
  .filter((p) => p.insuredCategory === 1 && p.insuredNumber !== null && !p.isProtected)
  .sort((a, b) => b.birthDate.localeCompare(a.birthDate))
  .slice(0, 60)

/** A certified person without a 居宅届出: its id, 被保険者番号 and the 1st of a month it is certified in. */
async function certifiedPerson(page: Page) {
  const today = todayInJapan(new Date())
  const [y, m] = today.split('-').map(Number) as [number, number]
  const from = y * 12 + (m - 1) - 6
  const range = {
    fromMonth: `${Math.floor(from / 12)}-${String((from % 12) + 1).padStart(2, '0')}`,
    toMonth: today.slice(0, 7),
  }
  for (const p of candidates) {
    const found = await ipc<{ items: { id: number }[] }>(page, 'person.search', { insuredNumber: p.insuredNumber })
    const id = found.items[0]?.id
    if (id === undefined) continue
    const months = await ipc<PersonBenefitMonths>(page, 'benefits.personMonths', { personId: id, ...range })
    const latest = months.months.find((month) => month.level)
    if (!latest) continue
    const overview = await ipc<RecipientOverview>(page, 'recipients.overview', { personId: id })
    if (overview.carePlanNotifications.length > 0) continue
    return { personId: id, insuredNumber: p.insuredNumber!, changedOn: `${latest.serviceMonth}-01`, today }
  }
  throw new Error('no certified demo person without a 居宅届出 among the candidates')
}

/** Signs in and opens the 国保連連携 screen from the header. */
async function openCockpit(page: Page, loginId: string): Promise<void> {
  await signIn(page, loginId)
  await page.getByTestId('open-kokuhoren').click()
  await expect(page.getByTestId('kokuhoren-screen')).toBeVisible()
}

// 給付係 kyufu01 runs the 試算 (F2) of the month's send: the person's record is planned (異動区分 新規, 居宅届出); the
// 監督者 kantoku01 signs it off (F8) after the step-up; kyufu01 commits it (F9) and saves the file (F4) through the export
// control, and the file re-parses to the person's record. The 国保連's 更新結果 rejects that record (12P4, written with
// the project's codec into the import directory, whose newest .csv stands in for main's file dialog); imported (F6),
// the work item shows the Japanese reason; resolving it before the correction is refused, after the 居宅届出 is
// corrected it is accepted, and the next 試算 carries the person again (再送付).
test('kokuhoren: the 給付係 sends the month’s 受給者異動 after the 監督者’s sign-off, saves the file through the export control, and resends the record the 更新結果 rejected once it is corrected', async ({
  page,
}) => {
  await signIn(page, 'kyufu01')
  const person = await certifiedPerson(page)
  const slot = sendSlotOn(person.today)
  const plan = await ipc<CarePlanNotification>(page, 'recipients.carePlanNotify', {
    personId: person.personId,
    planKind: 'self',
    providerNumber: null,
    notifiedOn: person.today,
    validFrom: person.changedOn,
    validTo: null,
    idempotencyKey: randomUUID(),
  })

  // 給付係: the 試算 of the current slot's month.
  await page.getByTestId('open-kokuhoren').click()
  await expect(page.getByTestId('kokuhoren-screen')).toBeVisible()
  await expect(page.getByTestId('kokuhoren-month')).toHaveValue(slot.processingMonth)
  await expect(page.getByTestId('kokuhoren-approve')).toHaveCount(0)
  await page.keyboard.press('F2')
  await expect(page.getByTestId('kokuhoren-message')).toContainText('を試算しました')
  const sendId = Number(/送付 第(\d+)号/.exec((await page.getByTestId('kokuhoren-message').textContent()) ?? '')![1])
  const record = page.getByTestId(`kokuhoren-record-${person.personId}`)
  await expect(record).toContainText(person.insuredNumber)
  await expect(record).toContainText('新規')
  await expect(record.getByTestId('kokuhoren-record-changes')).toContainText('居宅届出')
  const sendRow = page.getByTestId(`kokuhoren-send-${sendId}`)
  await expect(sendRow.getByTestId('kokuhoren-send-status')).toHaveText('承認待ち')
  await page.screenshot({ path: `${screenshotDir}/kokuhoren-dry-run.png` })
  await signOut(page)

  // 監督者: signs the send off after the step-up; no 試算, 実行 or 取込 is offered.
  await openCockpit(page, 'kantoku01')
  await expect(page.getByTestId('kokuhoren-dry-run')).toHaveCount(0)
  await expect(page.getByTestId('kokuhoren-import')).toHaveCount(0)
  await page.getByTestId(`kokuhoren-send-${sendId}`).click()
  await expect(page.getByTestId('kokuhoren-approve')).toBeVisible()
  await page.keyboard.press('F8')
  await completeStepUp(page, 'kantoku01', `送付 第${sendId}号`)
  await expect(page.getByTestId('kokuhoren-message')).toContainText(`送付 第${sendId}号を承認しました`)
  await expect(sendRow.getByTestId('kokuhoren-send-status')).toHaveText('承認済（実行待ち）')
  await signOut(page)

  // 給付係: 実行 (F9), then the file (F4) through the export control (the save dialog's stand-in is the client's
  // exports folder): the renderer learns the name, place and SHA-256, which is the server's.
  await openCockpit(page, 'kyufu01')
  await page.getByTestId(`kokuhoren-send-${sendId}`).click()
  await expect(page.getByTestId('kokuhoren-commit')).toBeVisible()
  await page.keyboard.press('F9')
  await expect(page.getByTestId('kokuhoren-message')).toContainText(`送付 第${sendId}号を実行しました`)
  await expect(sendRow.getByTestId('kokuhoren-send-status')).toHaveText('実行済')
  await expect(page.getByTestId('kokuhoren-save-file')).toBeVisible()
  await page.keyboard.press('F4')
  await expect(page.getByTestId('kokuhoren-saved')).toContainText('サーバの記録と一致')
  const fileName = /ファイル (J5\d{6}\.CSV)/.exec(
    (await page.getByTestId('kokuhoren-detail-file').textContent()) ?? '',
  )![1]!
  const file = join(process.env.E2E_CLIENT_DATA_DIR!, 'exports', fileName)
  const bytes = readFileSync(file)
  // The 531 file is plain CP932 (the 国保連 reads it as it is); the harness takes it away after reading it, as
  // staff would hand it to the transmission, so that the client data directory's scan (C-07) sees no resident.
  rmSync(file)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  await expect(page.getByTestId('kokuhoren-saved')).toContainText(sha256)
  const parsed = parseRecipientChangeFile(bytes)
  expect(parsed.ok).toBe(true)
  if (!parsed.ok) return
  const notice = parsed.value.notices.find((n) => n.insuredNumber === person.insuredNumber)
  expect(notice).toMatchObject({ changedOn: person.changedOn, changeKind: '1', carePlanKind: '3' })
  const { line: _line, ...sent } = notice!

  // The 更新結果: the 国保連 rejected the record with 12P4 (the ledger's 居宅介護支援事業所 is not the one that
  // submitted the 給付管理票). F6 imports it; the work item names the person and says why in Japanese.
  const results = buildUpdateResultFile({ insurerNumber: '131045', processingMonth: slot.processingMonth }, [
    { ...sent, resultKind: '2', errorCode1: '12P4' },
  ])
  expect(results.ok).toBe(true)
  if (!results.ok) return
  writeFileSync(join(process.env.E2E_IMPORT_DIR!, `KEKKA-${Date.now()}.csv`), results.value)
  await page.keyboard.press('F6')
  await expect(page.getByTestId('kokuhoren-import-result')).toContainText(
    '1 件（正常 0 件・エラー 1 件・照合できない 0 件）',
  )
  const item = page.getByTestId('kokuhoren-work-list').locator('tr', { hasText: person.insuredNumber })
  await expect(item.getByTestId('kokuhoren-work-explanation')).toContainText(
    '12P4: 直近の異動日の台帳の居宅介護支援事業所が、給付管理票を提出した事業所と一致しない',
  )

  // Resolving before the correction is refused: the record would be sent unchanged.
  await item.getByTestId('kokuhoren-work-reason').fill('居宅届出を訂正')
  await item.getByTestId('kokuhoren-work-reason').press('Enter')
  await expect(page.getByTestId('kokuhoren-error')).toContainText('受給者情報が送付した内容から変わっていません')

  // The correction, in the area that holds the term: the 自己作成 届出 ends with the month (an office took it over).
  const monthEnd = new Date(Date.UTC(Number(person.changedOn.slice(0, 4)), Number(person.changedOn.slice(5, 7)), 0))
  await ipc<CarePlanNotification>(page, 'recipients.carePlanEnd', {
    recordId: plan.id,
    validTo: monthEnd.toISOString().slice(0, 10),
    rowVersion: plan.rowVersion,
    reason: '居宅介護支援事業所への依頼に切替',
    idempotencyKey: randomUUID(),
  })
  await item.getByTestId('kokuhoren-work-reason').fill('自己作成の届出を終了（事業所への依頼に切替）')
  await item.getByTestId('kokuhoren-work-reason').press('Enter')
  await expect(page.getByTestId('kokuhoren-message')).toContainText('を解消しました。次の試算で再送付します')
  await expect(page.getByTestId('kokuhoren-work-filter-open')).toContainText('未解消（0）')

  // The next 試算 carries the person again.
  await page.keyboard.press('F2')
  await expect(page.getByTestId('kokuhoren-message')).toContainText('を試算しました')
  await expect(record.getByTestId('kokuhoren-record-changes')).toContainText('再送付')
  await signOut(page)
})
