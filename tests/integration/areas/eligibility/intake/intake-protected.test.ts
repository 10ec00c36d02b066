import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../../../../server/src/core/db/connect'
import { persons } from '../../../../../server/src/areas/persons/schema'
import { importResidentChanges } from '../../../../../server/src/areas/eligibility/intake/apply'
import { seedDemoIfEmpty } from '../../../../../server/src/demo/seed-if-empty'
import { residentChangeColumns } from '../../../../../shared/eligibility/intake'
import { todayInJapan } from '../../../../../shared/domain'
import { databaseKinds, freshDatabase } from '../../../support/databases'
import { seededWard } from '../../../support/log-scan'

// 支援措置 (docs/security.md): a person the 住基異動 file places in a household with a protected member — 出生, 転入 into
// it, 世帯変更 (世帯合併) — is protected with the household, and the result tells the staff member so.
const SCALE = 1_000
const ward = seededWard(SCALE)
const membersOf = (householdId: string) => ward.persons.filter((p) => p.householdId === householdId)
/** The generator's protected households at this scale: one with only its 世帯主 protected, one wholly. */
const protectedHouseholds = ward.households.filter((h) => membersOf(h.householdId).some((p) => p.isProtected))
const [headOnly, whole] = protectedHouseholds as [(typeof ward.households)[number], (typeof ward.households)[number]]
/** An ordinary household and one of its members (nobody protected there or at its address). */
const ordinaryHousehold = ward.households.find(
  (h) =>
    !membersOf(h.householdId).some((p) => p.isProtected) &&
    ward.households.filter((x) => x.address === h.address).length === 1,
)!
const ordinaryMember = ward.persons.find(
  (p) => p.householdId !== headOnly.householdId && p.householdId !== whole.householdId && !p.isProtected,
)!

type Row = Partial<Record<(typeof residentChangeColumns)[number]['name'], string>>
const csv = (rows: Row[]) =>
  new TextEncoder().encode(
    [
      residentChangeColumns.map((c) => c.name).join(','),
      ...rows.map((r) => residentChangeColumns.map((c) => r[c.name] ?? '').join(',')),
    ].join('\r\n'),
  )
const common = { operation: '1', todokede_date: '20261112', shori_datetime: '20261112090000' }
const birth = (recordId: string, atenaNo: string, setaiNo: string, given: [string, string]): Row => ({
  ...common,
  record_id: recordId,
  atena_no: atenaNo,
  setai_no: setaiNo,
  ido_jiyu_code: '11',
  ido_date: '20261110',
  name: `検証\u3000${given[0]}`,
  name_kana: `ケンショウ ${given[1]}`,
  birth_date: '20261110',
  sex: '2',
  zokugara: '子',
})

describe.each(databaseKinds)('住基異動 into a 支援措置 household on %s', (kind) => {
  let handle: DatabaseHandle
  const run = (rows: Row[], dryRun = false) =>
    importResidentChanges(
      handle.db,
      { fileName: 'JUKIIDO_protected.csv', bytes: csv(rows), encoding: 'auto', dryRun },
      null,
      todayInJapan(new Date()),
    )
  const flagOf = async (residentCode: string) =>
    (await handle.db.select().from(persons).where(eq(persons.residentCode, residentCode)))[0]?.isProtected

  beforeAll(async () => {
    handle = await freshDatabase(kind)
    await seedDemoIfEmpty(handle.db, 'demo', SCALE)
  })
  afterAll(() => handle.close())

  it('protects a newborn (出生) of a wholly protected household and says so in the result', async () => {
    const result = await run([birth('P1', '1900000101', whole.householdId, ['みどり', 'ミドリ'])])
    expect(result).toMatchObject({ status: 'applied', applied: 1 })
    expect(result.notices).toEqual([
      '2行目：支援措置対象世帯への異動（出生）のため、検証 みどり（宛名番号 1900000101）を保護対象にしました。住所・電話番号は表示・印字されません',
    ])
    expect(await flagOf('1900000101')).toBe(true)
  })

  it('protects a newborn of a household where only the 世帯主 is protected', async () => {
    const result = await run([birth('P2', '1900000102', headOnly.householdId, ['あおい', 'アオイ'])])
    expect(result.notices).toEqual([
      '2行目：支援措置対象世帯への異動（出生）のため、検証 あおい（宛名番号 1900000102）を保護対象にしました。住所・電話番号は表示・印字されません',
    ])
    expect(await flagOf('1900000102')).toBe(true)
  })

  it('leaves a newborn of an ordinary household unprotected, without a notice', async () => {
    const result = await run([birth('P3', '1900000103', ordinaryHousehold.householdId, ['ひかり', 'ヒカリ'])])
    expect(result).toMatchObject({ status: 'applied', notices: [] })
    expect(await flagOf('1900000103')).toBe(false)
  })

  it('protects a 転入 into the protected household, and a 世帯変更 (世帯合併) of a resident into it', async () => {
    const result = await run([
      {
        ...common,
        record_id: 'P4',
        atena_no: '1900000104',
        setai_no: headOnly.householdId,
        ido_jiyu_code: '10',
        ido_date: '20261111',
        name: '検証\u3000はるか',
        name_kana: 'ケンショウ ハルカ',
        birth_date: '19800101',
        sex: '2',
        zokugara: '妹',
        zip: headOnly.postalCode,
        address: headOnly.address,
      },
      {
        ...common,
        record_id: 'P5',
        shori_datetime: '20261112090100',
        atena_no: ordinaryMember.personId,
        setai_no: whole.householdId,
        ido_jiyu_code: '22',
        ido_date: '20261111',
        zokugara: '同居人',
      },
    ])
    expect(result).toMatchObject({ status: 'applied', applied: 2 })
    const merged = `${ordinaryMember.familyName} ${ordinaryMember.givenName}`
    expect(result.notices).toEqual([
      '2行目：支援措置対象世帯への異動（転入）のため、検証 はるか（宛名番号 1900000104）を保護対象にしました。住所・電話番号は表示・印字されません',
      `3行目：支援措置対象世帯への異動（世帯変更）のため、${merged}（宛名番号 ${ordinaryMember.personId}）を保護対象にしました。住所・電話番号は表示・印字されません`,
    ])
    expect(await flagOf('1900000104')).toBe(true)
    expect(await flagOf(ordinaryMember.personId)).toBe(true)
  })

  it('in a dry run, says who would be protected and changes nothing', async () => {
    const result = await run([birth('P6', '1900000106', whole.householdId, ['すみれ', 'スミレ'])], true)
    expect(result).toMatchObject({ status: 'validated' })
    expect(result.notices).toEqual([
      '2行目：支援措置対象世帯への異動（出生）のため、検証 すみれ（宛名番号 1900000106）を保護対象にします。住所・電話番号は表示・印字されません',
    ])
    expect(await flagOf('1900000106')).toBeUndefined()
  })
})
