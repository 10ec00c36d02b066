import { expect, test } from './support/test'
import { generateDummyWard } from '../../server/src/demo/generator'
import { DEMO_SEED } from '../../server/src/demo/seed-if-empty'
import { residentChangeColumns } from '../../shared/eligibility/intake'
import { signIn } from './support/login'

// 支援措置 on the terminal (docs/security.md): the server masks before anything leaves it, so the screens never hold
// a protected address. The E2E stack is the demo ward at scale 1,000: its first protected household has only the
// 世帯主 protected, the second the whole household (tests/unit/server/demo/generator/dummy-ward-generator.test.ts).
const ward = generateDummyWard({ seed: DEMO_SEED, scale: 1_000 })
const membersOf = (householdId: string) => ward.persons.filter((p) => p.householdId === householdId)
const [headOnly, whole] = ward.households.filter((h) => membersOf(h.householdId).some((p) => p.isProtected))
const head = membersOf(headOnly!.householdId).find((p) => p.isProtected)!
const wife = membersOf(headOnly!.householdId).find((p) => !p.isProtected)!

test.describe('支援措置 household', () => {
  test('shows the unprotected 妻 of a protected 世帯主 without address, and without the 世帯主 to a 保険料担当', async ({
    page,
  }) => {
    await signIn(page, 'fuka01')
    await page.getByTestId('search-kana').fill(wife.familyNameKana + wife.givenNameKana)
    await page.getByTestId('search-birth-date').fill(wife.birthDate)
    await page.getByTestId('search-kana').press('Enter')
    const row = page.getByTestId('search-result-row').first()
    await expect(row.getByTestId('search-result-address')).toHaveText('支援措置対象（住所非表示）')
    await row.click()
    await expect(page.getByTestId('person-name')).toHaveText(`${wife.familyName} ${wife.givenName}`)
    await expect(page.getByTestId('person-address')).toHaveText('（非表示）')
    await expect(page.getByTestId('person-address-protected')).toBeVisible()
    await expect(page.getByTestId('person-household-withheld')).toBeVisible()
    await expect(page.getByTestId('person-household')).not.toContainText(head.givenName)
    await expect(page.getByTestId('person-summary')).not.toContainText(headOnly!.address.split('\u3000')[0]!)
  })

  test('tells the staff member that a 出生 into a protected household was protected with it', async ({ page }) => {
    await signIn(page)
    await page.keyboard.press('F11')
    const record: Partial<Record<(typeof residentChangeColumns)[number]['name'], string>> = {
      record_id: 'E2E-PROTECTED-1',
      operation: '1',
      atena_no: '1900000901',
      setai_no: whole!.householdId,
      ido_jiyu_code: '11',
      ido_date: '20261110',
      todokede_date: '20261112',
      shori_datetime: '20261112090000',
      name: '検証\u3000さくら',
      name_kana: 'ケンショウ サクラ',
      birth_date: '20261110',
      sex: '2',
      zokugara: '子',
    }
    const text = [
      residentChangeColumns.map((c) => c.name).join(','),
      residentChangeColumns.map((c) => record[c.name] ?? '').join(','),
    ].join('\r\n')
    await page
      .getByTestId('intake-file')
      .setInputFiles({ name: 'JUKIIDO_protected.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') })
    await page.getByTestId('intake-run').click()
    await expect(page.getByTestId('intake-result')).toContainText('出生 1件')
    await expect(page.getByTestId('intake-notices')).toHaveText(
      '2行目：支援措置対象世帯への異動（出生）のため、検証 さくら（宛名番号 1900000901）を保護対象にしました。住所・電話番号は表示・印字されません',
    )
    await page.keyboard.press('Escape')
  })
})
