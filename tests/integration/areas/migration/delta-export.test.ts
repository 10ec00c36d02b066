import { inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../../../server/src/core/db/connect'
import { persons } from '../../../../server/src/areas/persons/schema'
import { importResidentChanges } from '../../../../server/src/areas/eligibility/intake/apply'
import { exportDataList } from '../../../../server/src/areas/migration/export/data-list-export'
import { exportedPersonIds } from '../../../../server/src/areas/migration/export/read-groups'
import { seedDemoIfEmpty } from '../../../../server/src/demo/seed-if-empty'
import { residentChangeColumns } from '../../../../shared/eligibility/intake'
import { todayInJapan } from '../../../../shared/domain'
import { databaseKinds, freshDatabase } from '../../support/databases'
import { seededWard } from '../../support/log-scan'

// データ移行, the 差分 export (docs/migration.md 書出し): the persons with a change recorded after an instant, each with
// the whole of their records. A 住基 change that writes no history of its own — 氏名変更 (code 21) and a 転居 within
// the household (code 20: the household's address, so every member's; docs/interfaces/resident-registry.md) — still
// puts its persons in the delta.
const SCALE = 1_000
const ward = seededWard(SCALE)
const membersOf = (householdId: string) => ward.persons.filter((p) => p.householdId === householdId)
/** A household of two or more, and a person of another household (both ordinary: nobody protected). */
const household = ward.households.find(
  (h) => membersOf(h.householdId).length >= 2 && !membersOf(h.householdId).some((p) => p.isProtected),
)!
const renamed = ward.persons.find((p) => p.householdId !== household.householdId && !p.isProtected)!

type Row = Partial<Record<(typeof residentChangeColumns)[number]['name'], string>>
const csv = (rows: Row[]) =>
  new TextEncoder().encode(
    [
      residentChangeColumns.map((c) => c.name).join(','),
      ...rows.map((r) => residentChangeColumns.map((c) => r[c.name] ?? '').join(',')),
    ].join('\r\n'),
  )
const common = { operation: '1', todokede_date: '20261112', shori_datetime: '20261112090000', ido_date: '20261110' }
const NEW_ADDRESS = '東京都新宿区西新宿二丁目8番1号'

function csvRows(bytes: Uint8Array | undefined): Record<string, string>[] {
  const [header, ...lines] = Buffer.from(bytes ?? [])
    .toString('utf8')
    .split('\r\n')
    .filter(Boolean)
  const names = header!.split(',')
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v])))
}

describe.each(databaseKinds)('データ移行: the 差分 export on %s', (kind) => {
  let handle: DatabaseHandle
  let since: Date
  const idsOf = async (residentCodes: string[]) =>
    (await handle.db.select({ id: persons.id }).from(persons).where(inArray(persons.residentCode, residentCodes)))
      .map((p) => p.id)
      .sort((a, b) => a - b)

  beforeAll(async () => {
    handle = await freshDatabase(kind)
    await seedDemoIfEmpty(handle.db, 'demo', SCALE)
    since = new Date(Date.now() + 5)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const result = await importResidentChanges(
      handle.db,
      {
        fileName: 'JUKIIDO_delta.csv',
        bytes: csv([
          {
            ...common,
            record_id: 'D1',
            atena_no: renamed.personId,
            setai_no: renamed.householdId,
            ido_jiyu_code: '21',
            name: '検証\u3000改名',
            name_kana: 'ケンショウ カイメイ',
          },
          {
            ...common,
            record_id: 'D2',
            shori_datetime: '20261112090100',
            atena_no: membersOf(household.householdId)[0]!.personId,
            setai_no: household.householdId,
            ido_jiyu_code: '20',
            zip: '1600023',
            address: NEW_ADDRESS,
          },
        ]),
        encoding: 'auto',
        dryRun: false,
      },
      null,
      todayInJapan(new Date()),
    )
    expect(result).toMatchObject({ status: 'applied', applied: 2 })
  })
  afterAll(() => handle.close())

  describe('who is in the delta', () => {
    it('the renamed person and every member of the household that moved — and nobody else', async () => {
      const expected = await idsOf([renamed.personId, ...membersOf(household.householdId).map((p) => p.personId)])
      expect(expected).toHaveLength(1 + membersOf(household.householdId).length)
      expect(await exportedPersonIds(handle.db, since)).toEqual(expected)
    })

    it('nobody, after an instant later than every change', async () => {
      expect(await exportedPersonIds(handle.db, new Date(Date.now() + 1_000))).toEqual([])
    })
  })

  describe('what the delta sends', () => {
    it('a 差分 manifest whose 宛名 file holds those persons with their new name and address', async () => {
      const delta = await exportDataList(handle.db, { now: new Date(), since })
      expect(delta.manifest.kind).toBe('delta')
      const atena = csvRows(delta.files.get('atena.csv'))
      expect(atena).toHaveLength(1 + membersOf(household.householdId).length)
      const renamedRow = atena.find((r) => Object.values(r).includes(renamed.personId))!
      expect(Object.values(renamedRow)).toContain('改名')
      for (const member of membersOf(household.householdId)) {
        const row = atena.find((r) => Object.values(r).includes(member.personId))!
        expect(Object.values(row).join(',')).toContain(NEW_ADDRESS)
      }
    })
  })
})
