import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  buildPensionWithholdingFile,
  parsePensionWithholdingFile,
  type DataRecord,
  type PensionWithholdingRecord,
} from '../../server/src/areas/premiums'
import { dummyBasicPensionNumber, pensionTargetRecords } from '../../server/src/demo/pension-targets'
import { demoPensioners } from './support/demo-pensioners'
import { expect, test, type Page } from './support/test'
import { bridgeIpc as ipc, taxedResidentCsv } from './support/bridge-ipc'
import { screenshotDir } from './support/screenshots'
import { signIn, signOut } from './support/login'
import { completeStepUp } from './support/step-up'

// Two of the demo pensioners, the last two of the list.
const people = demoPensioners().slice(-2)

/** The harness's stand-in for main's file dialog: the newest file of this folder is the one "chosen". */
const pensionDir = () => {
  const dir = join(process.env.E2E_IMPORT_DIR!, 'pension-withholding')
  mkdirSync(dir, { recursive: true })
  return dir
}
let written = 0
/** Puts a file where the dialog's stand-in picks it (a later mtime than any file before). */
function offer(fileName: string, bytes: Uint8Array) {
  const path = join(pensionDir(), `${String(++written).padStart(2, '0')}-${fileName}`)
  writeFileSync(path, bytes)
  const at = new Date(Date.now() + written * 1_000)
  utimesSync(path, at, at)
  return { path, name: path.split('/').at(-1)! }
}

/** The 対象者情報 (Z11, notice 00) of the two persons as the insurers would send it, by the project's own codec. */
const targetRecords = () => pensionTargetRecords(people, '2026-11-20')

function built(records: PensionWithholdingRecord[], fileKind: 'targets' | 'results') {
  const file = buildPensionWithholdingFile(records, { fileKind })
  if (!file.ok) throw new Error(file.problems.map((p) => p.message).join('\n'))
  return file.bytes
}

/** The 特別徴収結果 (Z14, notice 22) of one payment per person: the amount withheld (区分 00). */
function resultsFile(amounts: ReadonlyMap<string, { paidOn: string; amount: number }>) {
  const data = targetRecords()
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
  return built(
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
    'results',
  )
}

async function openScreen(page: Page, loginId: string) {
  await signIn(page, loginId)
  await page.getByTestId('open-pension-exchange').click()
  await expect(page.getByTestId('pension-exchange-screen')).toBeVisible()
}

// 年金特別徴収 in Chromium through the loopback bridge. 賦課収納担当 fuka01 gives the two persons their 2026 賦課 (on
// 特別徴収: the seeder imported their 対象者情報), then on the screen: a 対象者情報 file of another ward is refused with
// its line report (nothing applied); the ward's own file is taken (F2); the 依頼 dry run (F5) lists them with their
// amounts and the file is prepared (F6). 監督者 kantoku01 signs it off by its number with the step-up. fuka01 saves it
// through the export control (F9) and takes in the 結果 of October (F3).
test('pension exchange: a 対象者情報 file in (a foreign one refused by line), the 依頼 prepared, signed off by a 監督者, saved through the export control, the 結果 in', async ({
  page,
}) => {
  expect(people).toHaveLength(2)
  await signIn(page, 'fuka01')
  const personIds: number[] = []
  for (const p of people) {
    await ipc(page, 'premiums.importResidentTax', {
      fileName: `KAZEI_E2E_PENSION_${p.personId}.csv`,
      contentBase64: taxedResidentCsv(p.personId),
      encoding: 'utf-8',
      dryRun: false,
      idempotencyKey: crypto.randomUUID(),
    })
    const found = await ipc<{ items: { id: number }[] }>(page, 'person.search', { insuredNumber: p.insuredNumber })
    personIds.push(found.items[0]!.id)
    await ipc(page, 'premiums.assess', {
      personId: found.items[0]!.id,
      fiscalYear: 2026,
      idempotencyKey: crypto.randomUUID(),
    })
  }
  await page.getByTestId('open-pension-exchange').click()
  await expect(page.getByTestId('pension-exchange-screen')).toBeVisible()
  await expect(page.getByTestId('pension-year')).toHaveValue('2026')
  // The seeder's 対象者情報 of May is listed.
  await expect(page.getByTestId('pension-file-groups')).toContainText('対象者情報（Z11）')

  // A file whose 市町村コード is another ward's (新宿区 is 13104): refused whole, the record and field named.
  const foreign = targetRecords().map((r) => ({ ...r, municipalityCode: '13101' }))
  offer('Z1126901.dta', built(foreign, 'targets'))
  await page.keyboard.press('F2')
  const report = page.getByTestId('pension-targets-report')
  await expect(report.getByTestId('pension-targets-report-status')).toContainText('誤りがあるため取り込みませんでした')
  await expect(report.getByTestId('pension-targets-report-problems')).toContainText(
    '第1レコード（管理）1バイト目「市町村コード」: 市町村コード「13101」は本区（13104）のものではありません',
  )

  // The ward's own file: both persons matched.
  const ownTargets = offer('Z1126902.dta', built(targetRecords(), 'targets'))
  await page.keyboard.press('F2')
  await expect(report.getByTestId('pension-targets-report-status')).toHaveText(`${ownTargets.name}: 取り込みました`)
  await expect(report.getByTestId('pension-targets-report-counts')).toContainText('レコード 3件 突合 2件 未突合 0件')

  // The 依頼 dry run (F5): what the file would carry; nothing is recorded.
  await page.keyboard.press('F5')
  await expect(page.getByTestId('pension-export-status')).toContainText(
    '2026年度 特別徴収依頼: 試算（ファイルは作成していません）',
  )
  const lines = page.getByTestId('pension-export-line')
  for (const id of personIds)
    await expect(lines.filter({ has: page.getByRole('cell', { name: String(id), exact: true }) })).toHaveCount(1)
  const dryRun = await ipc<{ records: number; totalAmount: number; lines: { personId: number; amounts: number[] }[] }>(
    page,
    'pensionExchange.exportRequests',
    { fiscalYear: 2026, kind: 'requests', dryRun: true, idempotencyKey: crypto.randomUUID() },
  )
  await expect(page.getByTestId('pension-export-totals')).toContainText(
    `${dryRun.records.toLocaleString('ja-JP')}件 依頼額合計 ${dryRun.totalAmount.toLocaleString('ja-JP')}円`,
  )
  // The file (F6): recorded as sent, awaiting a 監督者; its preparer is offered no sign-off.
  await page.keyboard.press('F6')
  await expect(page.getByTestId('pension-message')).toContainText('監督者の承認が必要です')
  const fileId = Number(/第(\d+)号/.exec((await page.getByTestId('pension-message').textContent()) ?? '')![1])
  await expect(page.getByTestId(`pension-file-${fileId}`)).toContainText('承認待ち')
  await expect(page.getByTestId('pension-approve')).toHaveCount(0)
  await page.screenshot({ path: `${screenshotDir}/pension-exchange.png`, fullPage: true })
  // Saving before the sign-off: the server refuses it, nothing is written.
  await page.keyboard.press('F9')
  await expect(page.getByTestId('pension-error')).toContainText('監督者の承認前です')
  await signOut(page)

  // 監督者: signs the file off by its number, with the step-up; the list is not theirs.
  await openScreen(page, 'kantoku01')
  await expect(page.getByTestId('pension-files')).toHaveCount(0)
  await page.getByTestId('pension-approve-file-id').fill(String(fileId))
  await page.getByTestId('pension-approve-file-id').press('Enter')
  await completeStepUp(page, 'kantoku01', `特別徴収の送付ファイル 第${fileId}号を承認します`)
  await expect(page.getByTestId('pension-message')).toContainText(
    `（第${fileId}号・${dryRun.records}件）を承認しました`,
  )
  await signOut(page)

  // 賦課収納担当: the save (F9) goes through the export control: main writes the file where the save dialog says (in
  // browser mode the client's exports folder); the renderer learns its place and SHA-256 only.
  await openScreen(page, 'fuka01')
  await page.getByTestId(`pension-file-${fileId}`).click()
  await page.keyboard.press('F9')
  await expect(page.getByTestId('pension-message')).toContainText(`を保存しました（${dryRun.records}件）`)
  const destination = ((await page.getByTestId('pension-saved').textContent()) ?? '').replace(/（SHA-256.*$/, '')
  const parsed = parsePensionWithholdingFile(readFileSync(destination), { fileKind: 'requests' })
  expect(parsed.ok).toBe(true)
  const requested = parsed.ok ? parsed.records.filter((r): r is DataRecord => r.kind === 'data') : []
  expect(requested).toHaveLength(dryRun.records)
  // The file names residents in plain text (the 経由機関 reads it as it is); it leaves the terminal with the clerk,
  // so the journey removes it, and the data-directory scan (C-07) still covers everything else left here.
  rmSync(destination)

  // The 結果 (F3): each person's first amount withheld, as the 依頼 asked.
  // The first pension payment the 依頼 withholds from (October, December or February: 各種金額1–3).
  const ours = new Set(people.map((p) => dummyBasicPensionNumber(p.personId)))
  const paidOn = ['2026-10-15', '2026-12-15', '2027-02-15']
  const withheld = new Map(
    requested
      .filter((r) => ours.has(r.basicPensionNumber))
      .map((r) => {
        const month = [r.amount1, r.amount2, r.amount3].findIndex((a) => a > 0)
        return [
          r.basicPensionNumber,
          { paidOn: paidOn[month]!, amount: [r.amount1, r.amount2, r.amount3][month]! },
        ] as const
      }),
  )
  expect(withheld.size).toBe(people.length)
  const total = [...withheld.values()].reduce((s, n) => s + n.amount, 0)
  offer('Z1426001.dta', resultsFile(withheld))
  await page.keyboard.press('F3')
  const results = page.getByTestId('pension-results-report')
  await expect(results.getByTestId('pension-results-report-status')).toContainText('取り込みました')
  await expect(results.getByTestId('pension-results-report-counts')).toContainText(
    `徴収 ${withheld.size}件 ${total.toLocaleString('ja-JP')}円`,
  )
  await expect(page.getByTestId('pension-file-groups')).toContainText('結果（Z14）')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('pension-exchange-screen')).toHaveCount(0)
  await signOut(page)
})
