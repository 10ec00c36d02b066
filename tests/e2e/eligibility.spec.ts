import { fileURLToPath } from 'node:url'
import { expect, test, type Page } from './support/test'
import { toHiragana } from 'wanakana'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { addDays, formatWareki } from '../../shared/domain'
import { looseKanaKey } from '../../shared/text/kana'
import { typeDate } from './support/date-parts'
import { signIn, signOut } from './support/login'
import { screenshotDir } from './support/screenshots'

// The E2E stack is seeded with the demo seed at scale 1,000; regenerating it here tells us who exists.
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const person = ward.persons.find((p) => p.insuredNumber && !p.isProtected && p.insuredCategory === 1)!
const protectedPerson = ward.persons.find((p) => p.isProtected)!
const cardHolder = ward.persons.filter((p) => p.insuredNumber && !p.isProtected && p.insuredCategory === 1)[1]!
// A third insured person for the manual correction (nobody else in this spec touches them).
const corrected = ward.persons.filter(
  (p) => p.insuredNumber && !p.isProtected && p.insuredCategory === 1 && p.acquiredOn && !p.residenceException,
)[5]!
// …and a fourth for the 住所地特例 recorded from the person view.
const entersFacility = ward.persons.filter(
  (p) => p.insuredNumber && !p.isProtected && p.insuredCategory === 1 && !p.residenceException && !p.excludedFacility,
)[6]!
// …and a fifth whose correction a 監督者 approves from the 承認待ち一覧 (nobody else touches them either).
const queued = ward.persons
  .filter((p) => p.insuredNumber && !p.isProtected && p.insuredCategory === 1 && p.acquiredOn && !p.residenceException)
  .slice(6)
  .find((p) => ![person, protectedPerson, cardHolder, corrected, entersFacility].includes(p))!
// Who reaches 65 in April 2026: the 到達日 is the day before the 65th birthday, so those born 1961-04-02 … 1961-05-01.
// The generated ward (as of 2026-04-01) has two of them, born 1961-04-12 and 1961-04-15, neither insured yet; the seed
// records no history for the uninsured, so the first run records both and a second run nobody.
const reachesAprilFirst = ward.persons.find((p) => p.birthDate === '1961-04-12')!
const reachingApril = ward.persons.filter((p) => p.birthDate >= '1961-04-02' && p.birthDate <= '1961-05-01')
const kana = person.familyNameKana + person.givenNameKana
const shots = screenshotDir
// The first kana most family names start with (voiced marks folded, as the search does): more than one page.
const commonInitial = (() => {
  const counts = new Map<string, number>()
  for (const p of ward.persons) {
    const k = looseKanaKey(p.familyNameKana)[0]!
    counts.set(k, (counts.get(k) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0]
})()

const HALF: Record<string, string> = {}
Array.from(
  'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォッャュョー',
).forEach((c, i) => (HALF[c] = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｯｬｭｮｰ'[i]!))
const halfWidth = (s: string) =>
  Array.from(s.normalize('NFD'), (c) => (c === '\u3099' ? 'ﾞ' : c === '\u309A' ? 'ﾟ' : (HALF[c] ?? c))).join('')

/** Opens a person by 被保険者番号 from the search screen; the timeline starts with their acquisition. */
async function openByInsuredNumber(page: Page, p: typeof person) {
  await page.getByTestId('search-insured-number').fill(p.insuredNumber!)
  await page.keyboard.press('Enter')
  await page.getByTestId('search-result-row').first().click()
  await expect(page.getByTestId('person-name')).toHaveText(`${p.familyName} ${p.givenName}`)
}

/** As 資格担当 in the person view: proposes the first row's effective date as `newDate`, with the reason. */
async function proposeNewDate(page: Page, newDate: string, reason: string) {
  await page.getByTestId('correction-open').click()
  await page.getByLabel('対象の記録').click()
  await page.getByRole('option').first().click()
  await typeDate(page, 'correction-effective-on', newDate)
  await page.getByTestId('correction-reason').fill(reason)
  await page.getByTestId('correction-submit').click()
  await expect(page.getByTestId('correction-proposed')).toContainText('承認されるまで資格履歴は変わりません')
  await page.keyboard.press('Escape')
}

async function searchKana(page: Page, text: string) {
  await page.keyboard.press('F2')
  await page.getByTestId('search-kana').fill(text)
  await page.getByTestId('search-kana').press('Enter')
}

test.describe('資格: search, person view, 65歳到達処理', () => {
  test.afterEach(async ({ page }) => signOut(page))

  test('finds the same person by カナ in three scripts, by era birth date and by number', async ({ page }) => {
    await signIn(page)
    for (const text of [kana, toHiragana(kana), halfWidth(kana)]) {
      await searchKana(page, text)
      await expect(page.getByTestId('search-result-row').filter({ hasText: person.insuredNumber! })).toHaveCount(1)
    }
    await page.keyboard.press('F2')
    await page.getByTestId('search-birth-date').fill(formatWareki(person.birthDate))
    await page.getByTestId('search-kana').fill(person.familyNameKana)
    await page.getByTestId('search-kana').press('Enter')
    await expect(page.getByTestId('search-result-row').filter({ hasText: person.insuredNumber! })).toHaveCount(1)

    await page.keyboard.press('F2')
    await page.getByTestId('search-insured-number').fill(person.insuredNumber!)
    // Fixed-length field: focus moved on to the address field after the 10th digit.
    await expect(page.getByTestId('search-address')).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('search-total')).toContainText('1件')
    await expect(page.getByTestId('function-keys')).toContainText('条件クリア')
    await page.screenshot({ path: `${shots}/person-search.png` })
  })

  test('pages through a long result with F8 / F7', async ({ page }) => {
    await signIn(page)
    await searchKana(page, commonInitial)
    await expect(page.getByTestId('search-page')).toContainText('1 /')
    await page.keyboard.press('F8')
    await expect(page.getByTestId('search-page')).toContainText('2 /')
    await page.keyboard.press('F7')
    await expect(page.getByTestId('search-page')).toContainText('1 /')
  })

  test('masks a protected person’s address in the results and in the person view', async ({ page }) => {
    await signIn(page)
    await page.getByTestId('search-kana').fill(protectedPerson.familyNameKana + protectedPerson.givenNameKana)
    await page.getByTestId('search-birth-date').fill(protectedPerson.birthDate)
    await page.getByTestId('search-kana').press('Enter')
    const row = page.getByTestId('search-result-row').first()
    await expect(row.getByTestId('search-result-address')).toHaveText('支援措置対象（住所非表示）')
    await row.click()
    await expect(page.getByTestId('person-address')).toHaveText('（非表示）')
  })

  test('opens one screen with basic data, household, eligibility timeline and honest empty panels', async ({
    page,
  }) => {
    await signIn(page)
    await page.getByTestId('search-insured-number').fill(person.insuredNumber!)
    await page.keyboard.press('Enter')
    await page.getByTestId('search-results').focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('person-name')).toHaveText(`${person.familyName} ${person.givenName}`)
    await expect(page.getByTestId('eligibility-event').first()).toContainText('資格取得（第1号）')
    await expect(page.getByTestId('eligibility-status')).toContainText('第1号被保険者')
    // 資格担当 holds neither certification.read nor premiums.read: both panels say so and ask the server nothing.
    await expect(page.getByTestId('person-certification')).toContainText('権限がありません')
    await expect(page.getByTestId('person-premium')).toContainText('権限がありません')
    await page.screenshot({ path: `${shots}/person-view.png`, fullPage: true })
    // As known on a day before the data was recorded: nothing.
    await typeDate(page, 'eligibility-as-known-on', '2019-05-01')
    await page.getByTestId('eligibility-as-known-on-day').press('Enter')
    await expect(page.getByTestId('eligibility-event')).toHaveCount(0)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('search-results')).toBeVisible()
  })

  test('runs the 65-attainment batch from F9; a second run records nobody new', async ({ page }) => {
    // The fixture the counts below are reasoned from: two April 2026 attainers, both without insurance.
    expect(reachingApril.map((p) => [p.birthDate, p.insuredNumber, p.isProtected])).toEqual(
      expect.arrayContaining([
        ['1961-04-12', null, false],
        ['1961-04-15', null, false],
      ]),
    )
    expect(reachingApril).toHaveLength(2)
    await signIn(page)
    // Each run in a fresh dialog: a new dialog shows no answer until the server has answered this run.
    const runApril = async () => {
      await page.keyboard.press('F9')
      await expect(page.getByTestId('age65-result')).toHaveCount(0)
      await typeDate(page, 'age65-from', '2026-04-01')
      await typeDate(page, 'age65-to', '2026-04-30')
      await page.getByTestId('age65-to-day').press('Enter')
    }
    await runApril()
    await expect(page.getByTestId('age65-result')).toHaveText(
      '令和8年4月1日〜令和8年4月30日：対象 2人、新規登録 2人、登録済み 0人、対象外 0人',
    )
    await page.screenshot({ path: `${shots}/age65-batch.png` })
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toBeHidden()

    // The second run of the same period: both are found again, both already recorded, nobody recorded anew.
    await runApril()
    await expect(page.getByTestId('age65-result')).toHaveText(
      '令和8年4月1日〜令和8年4月30日：対象 2人、新規登録 0人、登録済み 2人、対象外 0人',
    )
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toBeHidden()

    // The history holds the one acquisition of the first run, not two: on 2026-04-11, the day before the birthday.
    const p = reachesAprilFirst
    await page.getByTestId('search-kana').fill(p.familyNameKana + p.givenNameKana)
    await page.getByTestId('search-birth-date').fill(p.birthDate)
    await page.getByTestId('search-kana').press('Enter')
    await page.getByTestId('search-result-row').first().click()
    await expect(page.getByTestId('person-name')).toHaveText(`${p.familyName} ${p.givenName}`)
    await expect(page.getByTestId('eligibility-event')).toHaveCount(1)
    await expect(page.getByTestId('eligibility-event')).toContainText('資格取得（第1号）')
    await expect(page.getByTestId('eligibility-event')).toContainText('令和8年4月11日')
    await expect(page.getByTestId('eligibility-status')).toContainText('第1号被保険者')
  })

  test('imports a 住基異動 file with one bad line: nothing applied, the line reported in Japanese', async ({
    page,
  }) => {
    await signIn(page)
    await page.keyboard.press('F11')
    await page
      .getByTestId('intake-file')
      .setInputFiles(fileURLToPath(new URL('../fixtures/resident-registry/one-bad-line.csv', import.meta.url)))
    await page.getByTestId('intake-run').click()
    await expect(page.getByTestId('intake-result')).toContainText('誤りがあるため、何も反映していません')
    await expect(page.getByTestId('intake-problems')).toContainText('生年月日（birth_date）')
    await expect(page.getByTestId('intake-problems').getByRole('cell', { name: '3', exact: true })).toBeVisible()
    await page.screenshot({ path: `${shots}/resident-change-intake.png` })
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toBeHidden()
  })

  test('issues the 被保険者証 from the person view with F10 and previews it in 和暦', async ({ page }) => {
    await signIn(page)
    await page.getByTestId('search-insured-number').fill(cardHolder.insuredNumber!)
    await page.keyboard.press('Enter')
    await page.getByTestId('search-result-row').first().click()
    await expect(page.getByTestId('person-name')).toHaveText(`${cardHolder.familyName} ${cardHolder.givenName}`)
    await page.keyboard.press('F10')
    await page.getByTestId('card-issue').click()
    await expect(page.getByTestId('card-issued')).toContainText('交付しました')
    await expect(page.getByTestId('card-preview')).toContainText(cardHolder.insuredNumber!)
    await expect(page.getByTestId('card-preview')).toContainText(formatWareki(cardHolder.birthDate))
    await expect(page.getByTestId('card-issued')).toContainText('様式')
    await expect(page.getByTestId('card-printer')).toHaveValue('事務室プリンタ（検証モード）')
    await page.screenshot({ path: `${shots}/insurance-card.png` })
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toBeHidden()
  })

  test('a manual correction takes effect only when a 監督者 approves it; the old row stays visible as superseded', async ({
    page,
  }) => {
    const newDate = addDays(corrected.acquiredOn!, -1)
    const openPerson = async () => {
      await openByInsuredNumber(page, corrected)
      await expect(page.getByTestId('eligibility-event').first()).toContainText(formatWareki(corrected.acquiredOn!))
    }
    // 資格担当 proposes: the acquisition date one day earlier, with the reason.
    await signIn(page, 'shikaku01')
    await openPerson()
    await proposeNewDate(page, newDate, '転入届の異動日の入力誤り（届出書で確認）')
    // Nothing changed yet; the request waits, and its proposer cannot approve it.
    await expect(page.getByTestId('eligibility-event').first()).toContainText(formatWareki(corrected.acquiredOn!))
    await expect(page.getByTestId('correction-request')).toContainText('承認待ち')
    await expect(page.getByTestId('correction-request')).toContainText('ご自身の申請は承認できません')
    await signOut(page)

    // 監督者 approves: the new row is effective, the old one struck through.
    await signIn(page, 'kantoku01')
    await openPerson()
    await page.getByTestId('correction-request').getByRole('button', { name: '承認' }).click()
    await expect(page.getByTestId('eligibility-event').first()).toContainText(formatWareki(newDate))
    await expect(page.getByTestId('eligibility-event').first()).toContainText('転入届の異動日の入力誤り')
    await expect(page.getByTestId('eligibility-superseded')).toContainText(formatWareki(corrected.acquiredOn!))
    await expect(page.getByTestId('correction-request')).toContainText('承認済み')
    await page.screenshot({ path: `${shots}/eligibility-correction.png`, fullPage: true })
  })

  test('a 監督者 approves a correction from the 承認待ち一覧 (F3); the person’s history shows the corrected row', async ({
    page,
  }) => {
    const newDate = addDays(queued.acquiredOn!, -2)
    const name = `${queued.familyName} ${queued.givenName}`
    // 資格担当 proposes from the person view; the queue is not theirs to see.
    await signIn(page, 'shikaku01')
    await expect(page.getByTestId('open-correction-queue')).toHaveCount(0)
    await openByInsuredNumber(page, queued)
    await expect(page.getByTestId('eligibility-event').first()).toContainText(formatWareki(queued.acquiredOn!))
    await proposeNewDate(page, newDate, '資格取得日の入力誤り（申請書で確認）')
    await signOut(page)

    // 監督者: F3 on the search screen opens every pending correction across persons.
    await signIn(page, 'kantoku01')
    await expect(page.getByTestId('function-keys')).toContainText('訂正承認')
    await page.keyboard.press('F3')
    const row = page.getByTestId('correction-queue-row').filter({ hasText: queued.insuredNumber! })
    await expect(row).toHaveCount(1)
    await expect(row).toContainText(name)
    await expect(row).toContainText('検証 一郎')
    await expect(row).toContainText('介護保険課 資格係')
    await expect(row).toContainText(formatWareki(new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10)))
    await expect(row).toContainText(`${formatWareki(queued.acquiredOn!)} 資格取得`)
    await expect(row).toContainText(formatWareki(newDate))
    await expect(row).toContainText('資格取得日の入力誤り（申請書で確認）')
    await page.screenshot({ path: `${shots}/correction-queue.png` })
    await row.getByRole('button', { name: '承認' }).click()
    await expect(page.getByTestId('correction-queue-decided')).toContainText(`${name}）を承認しました`)
    await expect(row).toHaveCount(0)
    await expect(page.getByTestId('correction-queue-empty')).toHaveText('承認待ちの訂正はありません')

    // The person view shows the corrected row in force, the old one struck through; Esc returns to the queue.
    await page.getByTestId('correction-queue-open-decided').click()
    await expect(page.getByTestId('person-name')).toHaveText(name)
    await expect(page.getByTestId('eligibility-event').first()).toContainText(formatWareki(newDate))
    await expect(page.getByTestId('eligibility-event').first()).toContainText('資格取得日の入力誤り')
    await expect(page.getByTestId('eligibility-superseded')).toContainText(formatWareki(queued.acquiredOn!))
    await expect(page.getByTestId('function-keys')).toContainText('承認待ち一覧に戻る')
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('correction-queue-empty')).toBeVisible()
  })

  test('records a 住所地特例 start from the person view: the period shows, the person stays insured', async ({
    page,
  }) => {
    await signIn(page, 'shikaku01')
    await page.getByTestId('search-insured-number').fill(entersFacility.insuredNumber!)
    await page.keyboard.press('Enter')
    await page.getByTestId('search-result-row').first().click()
    await expect(page.getByTestId('eligibility-status')).toContainText('第1号被保険者')
    await page.getByTestId('facility-open').click()
    await typeDate(page, 'facility-on', '2026-04-01')
    await page.getByLabel('施設種別').click()
    await page.getByRole('option', { name: '介護老人福祉施設', exact: true }).click()
    await page.getByTestId('facility-name').fill('所沢ゆうあい苑')
    await page.getByTestId('facility-municipality').fill('埼玉県所沢市')
    await page.getByTestId('facility-submit').click()
    await expect(page.getByTestId('facility-result')).toContainText('記録しました（1件）')
    await page.screenshot({ path: `${shots}/residence-exception.png` })
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('residence-exception-period')).toContainText('令和8年4月1日〜継続中')
    await expect(page.getByTestId('residence-exception-period')).toContainText(
      '埼玉県所沢市・所沢ゆうあい苑・介護老人福祉施設',
    )
    await expect(page.getByTestId('eligibility-status')).toContainText('第1号被保険者')
    await expect(page.getByTestId('eligibility-event').last()).toContainText('住所地特例 開始')
  })
})
