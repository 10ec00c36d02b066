import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildPensionWithholdingFile, type DataRecord } from '../../server/src/areas/premiums'
import { dummyBasicPensionNumber, pensionTargetRecords } from '../../server/src/demo/pension-targets'
import { demoPensioners } from './support/demo-pensioners'
import { expect, test, type Page } from './support/test'
import { bridgeIpc as ipc, taxedResidentCsv } from './support/bridge-ipc'
import { screenshotDir } from './support/screenshots'
import { signIn } from './support/login'

// Two of the demo pensioners: the two before the ones pension-exchange.spec.ts takes from the end of the list.
const people = demoPensioners().slice(-4, -2)

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

interface LedgerView {
  years: {
    fiscalYear: number
    installments: {
      method: 'withholding' | 'direct'
      seq: number
      dueDate: string | null
      charged: number
      paid: number
      balance: number
      entries: { kind: string; amount: number; channel: string; occurredOn: string }[]
    }[]
  }[]
}
const ledgerOf = (page: Page, personId: number) => ipc<LedgerView>(page, 'collection.personLedger', { personId })
const installment = (l: LedgerView, seq: number) =>
  l.years.find((y) => y.fiscalYear === 2026)!.installments.find((i) => i.method === 'withholding' && i.seq === seq)!

/** The 特別徴収結果 (Z14, notice 22, 区分 00) of one withheld payment per person, by the project's own codec. */
function resultsFile(amounts: ReadonlyMap<string, { paidOn: string; amount: number }>) {
  const data = pensionTargetRecords(people, '2026-11-20')
    .filter((r): r is DataRecord => r.kind === 'data' && r.category !== '70' && amounts.has(r.basicPensionNumber))
    .map((d) => ({
      ...d,
      noticeCode: '22' as const,
      category: '00',
      noticeDate: amounts.get(d.basicPensionNumber)!.paidOn,
      amount1: amounts.get(d.basicPensionNumber)!.amount,
      amount2: 0,
      amount3: 0,
    }))
  const group = {
    municipalityCode: data[0]!.municipalityCode,
    withholderCode: data[0]!.withholderCode,
    noticeCode: '22' as const,
    systemCode: data[0]!.systemCode,
    createdOn: '2026-10-20',
  }
  const file = buildPensionWithholdingFile(
    [
      {
        kind: 'management',
        municipalityCode: group.municipalityCode,
        mediumSerial: '001',
        createdOn: '2026-10-20',
        storedCount: null,
      },
      { kind: 'header', ...group, mediumCode: '1' },
      ...data.map((d) => ({ ...d, withholderCode: group.withholderCode, createdOn: '2026-10-20' })),
      {
        kind: 'trailer',
        ...group,
        dataCount: data.length,
        totalAmount1: data.reduce((s, d) => s + d.amount1, 0),
        totalAmount2: 0,
        totalAmount3: 0,
      },
    ],
    { fileKind: 'results' },
  )
  if (!file.ok) throw new Error(file.problems.map((p) => p.message).join('\n'))
  return file.bytes
}

/** Puts the file where the harness's stand-in for main's file dialog picks it (the newest file of the folder). */
function offer(fileName: string, bytes: Uint8Array) {
  const dir = join(process.env.E2E_IMPORT_DIR!, 'pension-withholding')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, fileName)
  writeFileSync(path, bytes)
  const at = new Date(Date.now() + 60_000)
  utimesSync(path, at, at)
}

// 特別徴収結果の収納計上 in Chromium through the loopback bridge. 賦課収納担当 fuka01 gives the two persons their 2026
// 賦課 (on 特別徴収: the seeder imported their 対象者情報) and reads from their ledger the first open 特別徴収 installment
// (調定 and 納期限 = the pension payment day). On 年金特別徴収 the insurers' 結果 is taken in (F3): person A withheld
// exactly that 調定, person B 1 yen short. On 消込: 検証 tells the split and writes nothing; 収納計上
// applies A (channel 年金, 残高 0円) and sends B to the 要確認一覧 as 一部納付; posting the file again changes nothing.
test('withholding posting: a 特別徴収結果 file is posted to the ledger — the exact amount applied, the short one to the work list, once', async ({
  page,
}) => {
  expect(people).toHaveLength(2)
  await signIn(page, 'fuka01')
  const persons: { personId: number; seq: number; dueDate: string; charged: number; insuredNumber: string }[] = []
  for (const p of people) {
    await ipc(page, 'premiums.importResidentTax', {
      fileName: `KAZEI_E2E_Z14_${p.personId}.csv`,
      contentBase64: taxedResidentCsv(p.personId),
      encoding: 'utf-8',
      dryRun: false,
      idempotencyKey: crypto.randomUUID(),
    })
    const found = await ipc<{ items: { id: number }[] }>(page, 'person.search', { insuredNumber: p.insuredNumber })
    const personId = found.items[0]!.id
    await ipc(page, 'premiums.assess', { personId, fiscalYear: 2026, idempotencyKey: crypto.randomUUID() })
    // What the ledger shows: the first 特別徴収 installment still open, its 調定 and its 納期限 (the pension month).
    const open = (await ledgerOf(page, personId)).years
      .find((y) => y.fiscalYear === 2026)!
      .installments.find((i) => i.method === 'withholding' && i.charged > 0 && i.balance === i.charged && i.dueDate)
    expect(open, `a 2026 特別徴収 installment of person ${personId}`).toBeDefined()
    persons.push({
      personId,
      seq: open!.seq,
      dueDate: open!.dueDate!,
      charged: open!.charged,
      insuredNumber: p.insuredNumber!,
    })
  }
  const [exact, short] = persons as [(typeof persons)[0], (typeof persons)[0]]
  const shortAmount = short.charged - 1
  const withheld = new Map([
    [dummyBasicPensionNumber(people[0]!.personId), { paidOn: exact.dueDate, amount: exact.charged }],
    [dummyBasicPensionNumber(people[1]!.personId), { paidOn: short.dueDate, amount: shortAmount }],
  ])

  // 年金特別徴収: the 結果 in (F3), both matched and withheld.
  const fileName = `Z14-E2E-POSTING-${Date.now()}.dta`
  offer(fileName, resultsFile(withheld))
  await page.getByTestId('open-pension-exchange').click()
  await expect(page.getByTestId('pension-exchange-screen')).toBeVisible()
  await page.keyboard.press('F3')
  const results = page.getByTestId('pension-results-report')
  await expect(results.getByTestId('pension-results-report-status')).toContainText('取り込みました')
  await expect(results.getByTestId('pension-results-report-counts')).toContainText(
    `徴収 2件 ${yen(exact.charged + shortAmount)}`,
  )
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('pension-exchange-screen')).toHaveCount(0)

  // 消込: the file is listed, not yet posted, with its withheld total.
  await page.getByTestId('open-payment-intake').click()
  await expect(page.getByTestId('payment-intake-screen')).toBeVisible()
  const panel = page.getByTestId('withholding-results')
  const row = panel.getByRole('row').filter({ hasText: fileName })
  await expect(row).toContainText(`2件 ${yen(exact.charged + shortAmount)}`)
  await expect(row).toContainText('未計上')
  const pensionFileId = Number((await row.getAttribute('data-testid'))!.replace('withholding-results-row-', ''))

  // 検証: tells what the posting will give (A applied, B to the work list), writes nothing.
  await row.getByRole('button', { name: '検証' }).click()
  await expect(panel.getByTestId('withholding-results-summary')).toHaveText(
    `検証: 徴収済み 2件を計上すると 消込 1件 ${yen(exact.charged)}、要確認 1件 ${yen(shortAmount)}です（まだ計上していません）`,
  )
  await expect(row).toContainText('未計上')
  expect(installment(await ledgerOf(page, exact.personId), exact.seq).paid).toBe(0)

  // 収納計上: A applied, B to the work list.
  await page.getByTestId(`withholding-results-post-${pensionFileId}`).click()
  await expect(panel.getByTestId('withholding-results-summary')).toContainText(
    `収納計上（2件中 消込 1件 ${yen(exact.charged)}、要確認 1件 ${yen(shortAmount)}`,
  )
  await expect(row).toContainText(`計上済 消込 1件 ${yen(exact.charged)}、要確認 1件 ${yen(shortAmount)}`)
  await expect(page.getByTestId(`withholding-results-post-${pensionFileId}`)).toHaveCount(0)
  const work = page.getByTestId('payment-work-list').getByRole('row').filter({ hasText: fileName })
  await expect(work).toHaveCount(1)
  await expect(work).toContainText('一部納付')
  await expect(work).toContainText(short.insuredNumber)
  await expect(work).toContainText(`2026年度 特別徴収 第${short.seq}期`)
  await expect(work).toContainText(yen(shortAmount))
  // The reason in words: the amount withheld does not cover the 未納額 the ledger shows, short by 1 yen.
  await expect(work).toContainText(`納付額 ${yen(shortAmount)} が未納額 ${yen(short.charged)} に足りません`)
  await expect(work).toContainText('不足 1円')
  await page.screenshot({ path: `${screenshotDir}/withholding-posting.png`, fullPage: true })

  // The ledger: A's installment paid by 年金 (channel pension) on the pension day, 残高 0; B's untouched.
  const after = installment(await ledgerOf(page, exact.personId), exact.seq)
  expect(after.paid).toBe(exact.charged)
  expect(after.balance).toBe(0)
  // (the ledger books a 収納 as a negative amount against the 調定)
  expect(after.entries.filter((e) => e.kind === 'payment')).toEqual([
    expect.objectContaining({ amount: -exact.charged, channel: 'pension', occurredOn: exact.dueDate }),
  ])
  expect(installment(await ledgerOf(page, short.personId), short.seq)).toMatchObject({
    paid: 0,
    balance: short.charged,
  })

  // Posting the same file again: already posted, nothing changes.
  const again = await ipc<{ status: string; applied: number; work: number }>(page, 'paymentIntake.postWithholding', {
    pensionFileId,
    dryRun: false,
    idempotencyKey: crypto.randomUUID(),
  })
  expect(again).toMatchObject({ status: 'alreadyImported', applied: 1, work: 1 })
  expect(installment(await ledgerOf(page, exact.personId), exact.seq)).toEqual(after)
  expect(installment(await ledgerOf(page, short.personId), short.seq)).toMatchObject({
    paid: 0,
    balance: short.charged,
  })
  await page.keyboard.press('F5')
  await expect(page.getByTestId('payment-work-list').getByRole('row').filter({ hasText: fileName })).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('payment-intake-screen')).toBeHidden()

  // The person view's 収納 panel: A's 特別徴収 installment at 残高 0円 with the payment entry.
  await page.getByTestId('search-insured-number').fill(exact.insuredNumber)
  await page.keyboard.press('Enter')
  await page.getByTestId('search-result-row').first().click()
  const ledger = page.getByTestId('person-collection')
  const key = `2026:withholding:${exact.seq}`
  await expect(ledger.getByTestId(`collection-balance-${key}`)).toHaveText('0円')
  await ledger.getByTestId(`collection-row-${key}`).click()
  await expect(ledger).toContainText(`${yen(-exact.charged)}（intake file`)
})
