import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { count, eq } from 'drizzle-orm'
import type { DatabaseHandle } from '../../../../../server/src/core/db/connect'
import { persons } from '../../../../../server/src/areas/persons/schema'
import { loadEvents } from '../../../../../server/src/areas/eligibility/history-store'
import { importResidentChanges } from '../../../../../server/src/areas/eligibility/intake/apply'
import { intakeFiles } from '../../../../../server/src/areas/eligibility/intake/schema'
import { seedDemoIfEmpty } from '../../../../../server/src/demo/seed-if-empty'
import { residentChangeColumns } from '../../../../../shared/eligibility/intake'
import { normalizeKanjiName } from '../../../../../shared/text/kana'
import { databaseKinds, freshDatabase } from '../../../support/databases'
import { todayInJapan } from '../../../../../shared/domain'

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../../fixtures/resident-registry/${name}`, import.meta.url)))
const csv = (rows: Partial<Record<(typeof residentChangeColumns)[number]['name'], string>>[]) =>
  new TextEncoder().encode(
    [
      residentChangeColumns.map((c) => c.name).join(','),
      ...rows.map((r) => residentChangeColumns.map((c) => r[c.name] ?? '').join(',')),
    ].join('\r\n'),
  )
const run = (db: DatabaseHandle['db'], bytes: Uint8Array, dryRun = false) =>
  importResidentChanges(
    db,
    { fileName: 'JUKIIDO_test.csv', bytes, encoding: 'auto', dryRun },
    null,
    todayInJapan(new Date()),
  )

describe.each(databaseKinds)('住基異動 intake on %s', (kind) => {
  let handle: DatabaseHandle
  const personCount = async () => Number((await handle.db.select({ n: count() }).from(persons))[0]!.n)
  beforeAll(async () => {
    handle = await freshDatabase(kind)
    await seedDemoIfEmpty(handle.db, 'demo', 1_000)
  })
  afterAll(() => handle.close())

  describe('all or nothing', () => {
    it('applies nothing from a file with one bad line and reports the line', async () => {
      const before = await personCount()
      const result = await run(handle.db, fixture('one-bad-line.csv'))
      expect(result.status).toBe('rejected')
      expect(result.problems).toEqual([
        { line: 3, column: '生年月日（birth_date）', reason: '日付が正しくありません（YYYYMMDD）' },
      ])
      expect(await personCount()).toBe(before)
      expect(await handle.db.select().from(intakeFiles)).toEqual([])
    })
    it('validates without applying in a dry run', async () => {
      const before = await personCount()
      expect((await run(handle.db, fixture('valid-cp932.csv'), true)).status).toBe('validated')
      expect(await personCount()).toBe(before)
    })
  })

  describe('idempotent', () => {
    it('applies a valid CP932 file once; the same file again changes nothing', async () => {
      const before = await personCount()
      const first = await run(handle.db, fixture('valid-cp932.csv'))
      expect(first).toMatchObject({ status: 'applied', encoding: 'shift_jis', records: 3, applied: 3 })
      expect(first.counts).toEqual({ 転入: 1, 出生: 1, 転居: 1 })
      expect(await personCount()).toBe(before + 2)
      const again = await run(handle.db, fixture('valid-cp932.csv'))
      expect(again.status).toBe('alreadyImported')
      expect(await personCount()).toBe(before + 2)
    })
    it('skips the records already applied when they come again in another file (the UTF-8 copy)', async () => {
      const result = await run(handle.db, fixture('valid-utf8.csv'))
      expect(result).toMatchObject({ status: 'applied', applied: 0, alreadyApplied: 3 })
    })
    it('applied the changes: 髙橋 found by 高橋, 転居 moved the household, 65+ 転入 is category 1 from the day', async () => {
      const [hana] = await handle.db.select().from(persons).where(eq(persons.residentCode, '1900000001'))
      expect(hana!.nameKey).toBe(normalizeKanjiName('高橋はな'))
      expect(hana).toMatchObject({ insuredCategory: 1, acquiredOn: '2026-04-01' })
      expect(hana!.insuredNumber).toMatch(/^\d{10}$/)
      const events = await loadEvents(handle.db, hana!.id)
      expect(events).toMatchObject([{ kind: 'acquisition', category: 1, reason: 'moveIn', effectiveOn: '2026-04-01' }])
    })
  })

  describe('losses from 転出 and 死亡 (lossDate)', () => {
    it('転出: next day; 転出 with residence elsewhere the same day: that day; 死亡: next day', async () => {
      const common = {
        operation: '1',
        setai_no: '8900000001',
        todokede_date: '20261105',
        shori_datetime: '20261105090000',
      }
      const result = await run(
        handle.db,
        csv([
          { ...common, record_id: 'L1', atena_no: '1900000001', ido_jiyu_code: '30', ido_date: '20261103' },
          {
            ...common,
            record_id: 'L0',
            atena_no: '1900000002',
            ido_jiyu_code: '30',
            ido_date: '20261103',
            tenshutsu_saki_jumin_date: '20261103',
          },
        ]),
      )
      expect(result.status).toBe('applied')
      const [hana] = await handle.db.select().from(persons).where(eq(persons.residentCode, '1900000001'))
      expect((await loadEvents(handle.db, hana!.id)).at(-1)).toMatchObject({
        kind: 'loss',
        reason: 'moveOut',
        effectiveOn: '2026-11-04',
      })
      const [mirai] = await handle.db.select().from(persons).where(eq(persons.residentCode, '1900000002'))
      // Not insured (a baby): the end of residence is recorded, not a loss.
      expect((await loadEvents(handle.db, mirai!.id)).at(-1)).toMatchObject({
        kind: 'residenceEnd',
        effectiveOn: '2026-11-03',
      })
      expect(hana!.insuredCategory).toBeNull()

      const [insured] = await handle.db.select().from(persons).where(eq(persons.insuredCategory, 1)).limit(1)
      const death = await run(
        handle.db,
        csv([
          {
            ...common,
            setai_no: '8999999999',
            record_id: 'D1',
            atena_no: insured!.residentCode,
            ido_jiyu_code: '31',
            ido_date: '20261103',
          },
        ]),
      )
      expect(death.status).toBe('applied')
      expect((await loadEvents(handle.db, insured!.id)).at(-1)).toMatchObject({
        kind: 'loss',
        reason: 'death',
        effectiveOn: '2026-11-04',
      })
    })
    it('refuses a change for an unknown person or after 転出, applying nothing', async () => {
      const common = {
        operation: '1',
        setai_no: '8900000001',
        todokede_date: '20261110',
        shori_datetime: '20261110090000',
      }
      const result = await run(
        handle.db,
        csv([
          { ...common, record_id: 'U1', atena_no: '1111111111', ido_jiyu_code: '31', ido_date: '20261109' },
          { ...common, record_id: 'U2', atena_no: '1900000001', ido_jiyu_code: '31', ido_date: '20261109' },
        ]),
      )
      expect(result.status).toBe('rejected')
      expect(result.problems.map((p) => [p.line, p.reason])).toEqual([[2, '登録されていない宛名番号です']])
    })
  })
})
