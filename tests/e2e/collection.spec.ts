import { expect, test, type Page } from './support/test'
import { residentTaxColumns } from '../../shared/api/premiums'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { convenienceFile } from '../integration/areas/collection/payments/payment-files'
import { signIn } from './support/login'

// The E2E stack is seeded with the demo seed at scale 1,000; regenerating it tells us who exists. A 第1号 person
// insured all year, outside any facility, not on public assistance; the first whose 賦課 is 普通徴収 is used.
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const candidates = ward.persons
  .filter(
    (p) =>
      p.insuredCategory === 1 &&
      p.insuredNumber &&
      !p.isProtected &&
      p.acquiredOn !== null &&
      p.acquiredOn < '2026-04-01' &&
      !p.residenceException &&
      !p.excludedFacility &&
      !p.onPublicAssistance,
  )
  .slice(100, 160)

/** A call of the loopback bridge as the renderer makes it (the launch token from sessionStorage). */
async function ipc<T>(page: Page, channel: string, body: unknown): Promise<T> {
  const res = await page.evaluate(
    async ({ channel, body }) => {
      const r = await fetch(`/__bridge/ipc/${channel}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-kaigo-bridge-token': sessionStorage.getItem('kaigo-desk.bridge') ?? '',
        },
        body: JSON.stringify(body),
      })
      return (await r.json()) as { ok: boolean; value?: unknown; message?: string }
    },
    { channel, body },
  )
  if (!res.ok) throw new Error(`${channel}: ${res.message}`)
  return res.value as T
}

const taxCsv = (atenaNo: string) =>
  Buffer.from(
    [
      residentTaxColumns.map((c) => c.name).join(','),
      residentTaxColumns
        .map(
          (c) =>
            ({
              atena_no: atenaNo,
              nendo: '2026',
              kazei_kubun: '1',
              gokei_shotoku: '1000000',
              nenkin_shunyu: '0',
              nenkin_shotoku: '0',
              kyuyo_shotoku: '0',
              hikazei_nenkin: '0',
              kosei_kubun: '0',
            })[c.name as string] ?? '',
        )
        .join(','),
    ].join('\r\n') + '\r\n',
  ).toString('base64')

// 消込 in Chromium through the loopback bridge: 賦課収納担当 fuka01 gives the person a 2026 賦課 (本人課税, 合計所得
// 1,000,000 → 第6段階 95,040円 — docs/sources/domain.md §3.3, §3.6), imports a コンビニ 速報 with the exact first
// remaining 納期 and a partial 5,000円 for the next, sees the partial one in the 要確認一覧 and clears it
// with F7 (消込), then imports the same file again (nothing changes).
test('collection: a 収納担当 imports a payment file and clears the work list', async ({ page }) => {
  await signIn(page, 'fuka01')
  // The first candidate whose 賦課 has two 普通徴収 納期 still ahead on the day the stack runs (a 賦課 during the year
  // is divided over the remaining 納期; a 特別徴収 target pays by pension instead).
  type Installment = { method: string; seq: number; amount: number; dueDate: string }
  let person: (typeof candidates)[number] | null = null
  let first: Installment | undefined
  let second: Installment | undefined
  const seen: unknown[] = []
  for (const candidate of candidates) {
    await ipc(page, 'premiums.importResidentTax', {
      fileName: `KAZEI_E2E_COLLECTION_${candidate.personId}.csv`,
      contentBase64: taxCsv(candidate.personId),
      encoding: 'utf-8',
      dryRun: false,
      idempotencyKey: crypto.randomUUID(),
    })
    const found = await ipc<{ items: { id: number }[] }>(page, 'person.search', {
      insuredNumber: candidate.insuredNumber,
    })
    const assessed = await ipc<{ assessment: { annualAmount: number; installments: Installment[] } }>(
      page,
      'premiums.assess',
      { personId: found.items[0]!.id, fiscalYear: 2026, idempotencyKey: crypto.randomUUID() },
    )
    expect(assessed.assessment.annualAmount).toBe(95_040)
    seen.push(assessed.assessment.installments.map((i) => i.method).join('/'))
    ;[first, second] = assessed.assessment.installments.filter((i) => i.method === 'direct')
    if (first && second) {
      person = candidate
      break
    }
  }
  if (!person || !first || !second)
    throw new Error(`no candidate with two 普通徴収 納期 ahead: ${JSON.stringify(seen)}`)
  const yen = (n: number) => `${n.toLocaleString('en-US')}円`

  await page.getByTestId('open-payment-intake').click()
  await expect(page.getByTestId('payment-intake-screen')).toBeVisible()
  await page.getByRole('combobox', { name: 'ファイルの種類' }).click()
  await page.getByRole('option', { name: 'コンビニ収納（速報・確報）' }).click()
  const file = convenienceFile(
    [
      { receiptId: 'E2E0001', seq: first!.seq, amount: first!.amount },
      { receiptId: 'E2E0002', seq: second!.seq, amount: 5_000 },
    ].map((l) => ({
      kind: '1' as const,
      paidOn: first!.dueDate,
      insuredNumber: person.insuredNumber!,
      fiscalYear: 2026,
      ...l,
    })),
  )
  await page
    .getByTestId('payment-intake-file')
    .setInputFiles({ name: 'CVS_E2E.csv', mimeType: 'text/csv', buffer: file })
  await expect(page.getByTestId('payment-intake-file-name')).toHaveText('CVS_E2E.csv')
  await page.keyboard.press('F6')
  await expect(page.getByTestId('payment-intake-result')).toContainText('取り込みました')
  await expect(page.getByTestId('payment-intake-result')).toContainText(
    `消込 1件 ${yen(first!.amount)}、要確認 1件 5,000円`,
  )

  const row = page.getByTestId('payment-work-row-0')
  await expect(row).toContainText('一部納付')
  await expect(row).toContainText(person.insuredNumber!)
  await expect(row).toContainText(yen(second!.amount))
  await page.keyboard.press('F7')
  await expect(page.getByTestId('payment-work-done')).toHaveText('CVS_E2E.csv 3行目の入金を消込しました')
  await expect(page.getByTestId('payment-work-empty')).toBeVisible()

  await page.getByTestId('payment-intake-run').click()
  await expect(page.getByTestId('payment-intake-result')).toContainText('このファイルは取込済みです')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('payment-intake-screen')).toBeHidden()
})
