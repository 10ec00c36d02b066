/**
 * bulkInsertJson (server/src/core/db/bulk-insert.ts): the seeding path that sends a batch as one JSON parameter must
 * write exactly what drizzle's own insert writes — on PGlite and on PostgreSQL alike.
 */
import { asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bulkInsertJson } from '../../../../server/src/core/db/bulk-insert'
import type { DatabaseHandle } from '../../../../server/src/core/db/connect'
import { households, persons } from '../../../../server/src/areas/persons/schema'
import { eligibilityEvents } from '../../../../server/src/areas/eligibility/schema'
import { databaseKinds, freshDatabase } from '../../support/databases'

describe.each(databaseKinds)('bulk insert through one JSON parameter on %s', (kind) => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await freshDatabase(kind)
  })
  afterAll(async () => {
    await handle.close()
  })

  it('inserts every row with its values and returns the asked columns', async () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => ({
      householdCode: `BULK${String(i).padStart(6, '0')}`,
      postalCode: '1600023',
      town: '西新宿二丁目',
      address: `東京都新宿区西新宿二丁目${i + 1}番`,
      careArea: null,
    }))
    const returned = await bulkInsertJson(handle.db, households, rows, { returning: ['id', 'householdCode'] })
    expect(returned).toHaveLength(1_500)
    expect(new Set(returned.map((r) => r.householdCode))).toEqual(new Set(rows.map((r) => r.householdCode)))
    const stored = await handle.db
      .select()
      .from(households)
      .where(eq(households.householdCode, 'BULK000042'))
      .orderBy(asc(households.id))
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ address: '東京都新宿区西新宿二丁目43番', town: '西新宿二丁目', careArea: null })
    expect(stored[0]!.id).toBe(Number(returned.find((r) => r.householdCode === 'BULK000042')!.id))
  })

  it('keeps types: integers, booleans, dates, NULLs, and column defaults for columns no row names', async () => {
    const [household] = await bulkInsertJson(
      handle.db,
      households,
      [{ householdCode: 'BULKTYPES', postalCode: '1600022', town: '新宿一丁目', address: '東京都新宿区新宿一丁目1番' }],
      { returning: ['id'] },
    )
    await bulkInsertJson(handle.db, persons, [
      {
        residentCode: 'BULKP0001',
        householdId: Number(household!.id),
        relationship: '世帯主',
        familyName: '試験',
        givenName: '一郎',
        familyNameKana: 'シケン',
        givenNameKana: 'イチロウ',
        kanaKey: 'シケンイチロウ',
        nameKey: '試験一郎',
        sex: 'male',
        birthDate: '1960-02-29',
        phone: null,
        individualNumber: '000000000000', // not a real number: this row exists only in the test
        insuredNumber: null,
        insuredCategory: null,
        acquiredOn: null,
        isProtected: true,
        residentTaxable: false,
        totalIncome: 1_234_567,
        taxablePensionIncome: 0,
        pensionAndOtherIncome: 809_000,
        onPublicAssistance: false,
        oldAgeWelfarePension: false,
      },
    ])
    const [person] = await handle.db.select().from(persons).where(eq(persons.residentCode, 'BULKP0001'))
    expect(person).toMatchObject({
      birthDate: '1960-02-29',
      isProtected: true,
      residentTaxable: false,
      totalIncome: 1_234_567,
      pensionAndOtherIncome: 809_000,
      phone: null,
      rowVersion: 1, // default, as no row named it
    })
  })

  it('writes jsonb values and skips conflicting rows when asked', async () => {
    const [person] = await handle.db.select({ id: persons.id }).from(persons).limit(1)
    const row = {
      personId: person!.id,
      kind: 'residenceExceptionStart' as const,
      reason: 'facilityEntry' as const,
      effectiveOn: '2026-04-01',
      source: 'seed',
      dedupeKey: 'bulk:test:1',
      detail: { facilityType: '介護老人福祉施設', facilityName: 'ダミー苑', facilityMunicipality: '中野区' },
    }
    await bulkInsertJson(handle.db, eligibilityEvents, [row], { onConflictDoNothing: true })
    await bulkInsertJson(handle.db, eligibilityEvents, [row], { onConflictDoNothing: true })
    const stored = await handle.db
      .select()
      .from(eligibilityEvents)
      .where(eq(eligibilityEvents.dedupeKey, 'bulk:test:1'))
    expect(stored).toHaveLength(1)
    expect(stored[0]!.detail).toEqual(row.detail)
  })

  it('refuses a row that leaves out a column other rows name when that column has a default, and writes nothing', async () => {
    const [person] = await handle.db.select({ id: persons.id }).from(persons).limit(1)
    const base = {
      personId: person!.id,
      kind: 'acquisition' as const,
      category: 1,
      reason: 'moveIn' as const,
      effectiveOn: '2026-04-01',
      source: 'seed',
    }
    await expect(
      bulkInsertJson(handle.db, eligibilityEvents, [
        { ...base, dedupeKey: 'bulk:default:1', detail: {} },
        { ...base, dedupeKey: 'bulk:default:2' },
      ]),
    ).rejects.toThrow(/has a default/)
    const stored = await handle.db.select().from(eligibilityEvents).where(eq(eligibilityEvents.source, 'seed'))
    expect(stored.some((r) => r.dedupeKey.startsWith('bulk:default'))).toBe(false)
  })

  it('does nothing for no rows', async () => {
    expect(await bulkInsertJson(handle.db, households, [], { returning: ['id'] })).toEqual([])
  })
})
