import { expect, test, type Page } from './support/test'
import { bridgeIpc as ipc } from './support/bridge-ipc'
import { typeDate } from './support/date-parts'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { levelLabels } from '../../shared/api/certification-decisions'
import type { PersonBenefitMonths } from '../../shared/api/benefits'
import { formatWareki, todayInJapan } from '../../shared/domain'
import { signIn, signOut } from './support/login'

// The E2E stack is the demo ward at scale 1,000 (tests/e2e/global-setup.ts), whose certified persons have the last
// three service months of 給付実績 imported through the real importer (server/src/demo/benefit-records.ts). Who is
// certified comes from the demo's certification cases, so the journey asks the server: the oldest 第1号 persons, not
// protected, are probed until one has 給付実績 (each probe an audited read, as the panel's own).
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const candidates = ward.persons
  .filter((p) => p.insuredCategory === 1 && p.insuredNumber !== null && !p.isProtected)
  .sort((a, b) => a.birthDate.localeCompare(b.birthDate))
  .slice(0, 40)
const membersOf = (householdId: string) => ward.persons.filter((p) => p.householdId === householdId)
const protectedHead = ward.persons.find(
  (p) => p.isProtected && p.insuredNumber !== null && membersOf(p.householdId).some((m) => !m.isProtected),
)!
const protectedAddress = ward.households.find((h) => h.householdId === protectedHead.householdId)!.address

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`
const monthLabel = (month: string) => formatWareki(`${month}-01`).replace(/\d+日$/, '')

async function recipientWithBenefits(page: Page) {
  const today = todayInJapan(new Date())
  const [y, m] = today.split('-').map(Number) as [number, number]
  const from = y * 12 + (m - 1) - 11
  const range = {
    fromMonth: `${Math.floor(from / 12)}-${String((from % 12) + 1).padStart(2, '0')}`,
    toMonth: today.slice(0, 7),
  }
  for (const p of candidates) {
    const found = await ipc<{ items: { id: number }[] }>(page, 'person.search', { insuredNumber: p.insuredNumber })
    const id = found.items[0]?.id
    if (id === undefined) continue
    const months = await ipc<PersonBenefitMonths>(page, 'benefits.personMonths', { personId: id, ...range })
    const latest = months.months[0]
    if (latest?.level) return { person: p, latest }
  }
  throw new Error('no demo person with 給付実績 among the candidates')
}

// 給付係 kyufu01 opens a certified person: the 給付 panel shows the 受給者情報 (要介護度 and 区分支給限度基準額 of the
// latest service month) and the 給付実績 by サービス提供年月 in integer yen, a month's claims on Enter; the 負担割合 is
// re-determined from the 1st of that month (the demo has none), and a 福祉用具購入費 償還払 of 30,000円 is registered:
// the server's split by the 負担割合 (insurer share = 30,000 × (10 − 割) ÷ 10) is shown with its 申請番号 in the person's
// list of applications; then the 高額介護サービス費 初回申請 is recorded.
test('benefits: a 給付係 sees the person’s 受給者情報 and 給付実績, registers a 償還払 application and the 高額 初回申請', async ({
  page,
}) => {
  await signIn(page, 'kyufu01')
  const { person, latest } = await recipientWithBenefits(page)

  await page.getByTestId('search-insured-number').fill(person.insuredNumber!)
  await page.keyboard.press('Enter')
  await page.getByTestId('search-result-row').first().click()
  await expect(page.getByTestId('person-name')).toHaveText(`${person.familyName} ${person.givenName}`)

  const panel = page.getByTestId('person-benefits')
  await expect(panel.getByTestId('benefits-level')).toContainText(
    `${levelLabels[latest.level!]}（${monthLabel(latest.serviceMonth)}1日時点）`,
  )
  await expect(panel.getByTestId('benefits-cap')).toContainText(`${latest.capUnits!.toLocaleString('ja-JP')}単位／月`)
  const row = panel.getByTestId(`benefits-month-${latest.serviceMonth}`)
  await expect(row).toContainText(monthLabel(latest.serviceMonth))
  await expect(panel.getByTestId(`benefits-month-cost-${latest.serviceMonth}`)).toHaveText(yen(latest.cost))
  await row.focus()
  await page.keyboard.press('Enter')
  await expect(panel.getByTestId('benefits-claim')).toHaveCount(latest.claims.length)
  await expect(panel.getByTestId('benefits-claim').first()).toContainText(`事業所 ${latest.claims[0]!.providerNumber}`)

  // 負担割合: re-determined from the 1st of the latest service month to the end of its 判定年度.
  const first = `${latest.serviceMonth}-01`
  await typeDate(page, 'benefits-redetermine-from', first)
  await panel.getByTestId('benefits-redetermine-reason').fill('E2E 再判定（世帯異動）')
  await panel.getByTestId('benefits-redetermine-reason').press('Enter')
  await expect(panel.getByTestId('benefits-message')).toContainText(/負担割合を再判定しました|負担割合は変わりません/)
  await expect(panel.getByTestId('benefits-copay')).toContainText(/[123]割/)
  const ratio = Number(/([123])割/.exec((await panel.getByTestId('benefits-copay').textContent()) ?? '')![1])

  // 償還払 (F8 goes to the form): a 福祉用具 bought on that day, 30,000円 paid in full.
  await page.keyboard.press('F8')
  await expect(panel.getByTestId('benefits-reimbursement-kind')).toBeFocused()
  await typeDate(page, 'benefits-reimbursement-service-on', first)
  await panel.getByTestId('benefits-reimbursement-cost').fill('30,000')
  await panel.getByTestId('benefits-reimbursement-provider').fill('検証福祉用具店')
  await panel.getByTestId('benefits-reimbursement-provider').press('Enter')
  const share = (30_000 * (10 - ratio)) / 10
  await expect(panel.getByTestId('benefits-message')).toContainText(
    new RegExp(`福祉用具購入費の申請を受け付けました（申請番号 \\d+・支給見込額 ${yen(share)}）`),
  )
  const id = /申請番号 (\d+)/.exec((await panel.getByTestId('benefits-message').textContent()) ?? '')![1]
  const registered = panel.getByTestId(`benefits-reimbursement-${id}`)
  await expect(registered).toContainText('福祉用具購入費')
  await expect(registered).toContainText(yen(share))
  await expect(registered).toContainText('決定待ち')

  // 高額介護サービス費: no 初回申請 yet; registered (received today), the panel reads it back.
  await expect(panel.getByTestId('benefits-high-cost-application')).toHaveText('初回申請：なし')
  await panel.getByTestId('benefits-high-cost-submit').click()
  await expect(panel.getByTestId('benefits-message')).toContainText('高額介護サービス費の初回申請を登録しました')
  await expect(panel.getByTestId('benefits-high-cost-application')).toContainText(
    `${formatWareki(todayInJapan(new Date()))} 受付`,
  )
  await expect(panel.getByTestId('benefits-high-cost-submit')).toHaveCount(0)
  await signOut(page)
})

// 支援措置 (docs/security.md): the 給付 panel of a protected person is shown as the other panels are — the records,
// never an address (the server masks it before anything leaves it).
test('benefits: the 給付 panel of a 支援措置 person shows no address', async ({ page }) => {
  await signIn(page, 'kyufu01')
  await page.getByTestId('search-insured-number').fill(protectedHead.insuredNumber!)
  await page.keyboard.press('Enter')
  await page.getByTestId('search-result-row').first().click()
  await expect(page.getByTestId('person-name')).toHaveText(`${protectedHead.familyName} ${protectedHead.givenName}`)
  await expect(page.getByTestId('person-address')).toHaveText('（非表示）')
  const panel = page.getByTestId('person-benefits')
  await expect(panel.getByTestId('benefits-recipient')).toBeVisible()
  await expect(panel.getByTestId('benefits-months')).toBeVisible()
  await expect(page.getByTestId('person-summary')).not.toContainText(protectedAddress.split('\u3000')[0]!)
  await signOut(page)
})
