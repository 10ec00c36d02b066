import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiInput } from '../../../../shared/api/routes'
import { databaseKinds } from '../../support/databases'
import { terminalClient } from '../../support/clients'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addResident } from '../../support/residents'
import { signIn } from '../../support/sign-in'

/**
 * 住所地特例 (docs/sources/domain.md §2.4) and 適用除外施設 (§2.3, §2.5) recorded by staff through eligibility.recordFacilityEvent.
 * Dates: 適用除外施設 入所 → loss the next day (介護保険法施行法第11条; lossDate enteredExcludedFacility); 退所 →
 * acquisition on the exit day (docs/sources/domain.md §2.2 「適用除外に該当しなくなった日」); 住所地特例 終了 to an address
 * elsewhere → lossDate moveOut (next day, or the same day when residence elsewhere begins that day, 法第11条).
 */
describe.each(databaseKinds)('facility stays on %s', (kind) => {
  let t: TestServer
  let clerk: string
  const client = () => terminalClient(t)
  const record = (input: Omit<ApiInput<'eligibility.recordFacilityEvent'>, 'idempotencyKey'>, token = clerk) =>
    client().call('eligibility.recordFacilityEvent', { ...input, idempotencyKey: randomUUID() }, token)
  const history = (personId: number, asKnownOn?: string) =>
    client().call('eligibility.history', { personId, ...(asKnownOn ? { asKnownOn } : {}) }, clerk)
  const facility = {
    facilityType: '介護老人福祉施設',
    facilityName: '所沢ゆうあい苑',
    facilityMunicipality: '埼玉県所沢市',
  }

  beforeAll(async () => {
    t = await startTestServer(kind, 300)
    clerk = await signIn(t, 'shikaku01')
  })
  afterAll(() => t.close())

  describe('住所地特例: the ward stays the insurer', () => {
    it('opens a period on the entry date and loses nothing', async () => {
      const p = await addResident(t, '1950-05-10', { insured: { category: 1, on: '2015-05-09' } })
      const done = await record({ personId: p.id, action: 'residenceExceptionStart', on: '2026-04-01', ...facility })
      expect(done).toEqual({ recorded: 1, lostOn: null, acquiredOn: null })
      const h = await history(p.id)
      expect(h.status).toEqual({ insured: true, category: 1, since: '2015-05-09' })
      expect(h.residenceExceptionPeriods).toEqual([
        {
          from: '2026-04-01',
          to: null,
          facilityType: '介護老人福祉施設',
          facilityName: '所沢ゆうあい苑',
          facilityMunicipality: '埼玉県所沢市',
        },
      ])
      expect(h.events.map((e) => e.kind)).toEqual(['acquisition', 'residenceExceptionStart'])
    })

    it('a change closes the period the day before and opens the next (連続入所); the end closes it on the exit date', async () => {
      const p = await addResident(t, '1948-01-20', { insured: { category: 1, on: '2013-01-19' } })
      await record({ personId: p.id, action: 'residenceExceptionStart', on: '2026-04-01', ...facility })
      // Boundary: a change on the entry date itself is refused; the next day is the first possible one.
      await expect(
        record({ personId: p.id, action: 'residenceExceptionChange', on: '2026-04-01', ...facility }),
      ).rejects.toMatchObject({
        code: 'conflict',
        message: '施設変更日は現在の施設の入所日より後の日付を指定してください',
      })
      await record({
        personId: p.id,
        action: 'residenceExceptionChange',
        on: '2026-04-02',
        facilityType: '介護老人保健施設',
        facilityName: '川越けやき苑',
        facilityMunicipality: '埼玉県川越市',
      })
      await record({ personId: p.id, action: 'residenceExceptionEnd', on: '2026-09-30', outcome: 'returnedToWard' })
      const h = await history(p.id)
      expect(h.residenceExceptionPeriods.map((r) => [r.from, r.to, r.facilityMunicipality])).toEqual([
        ['2026-04-01', '2026-04-01', '埼玉県所沢市'],
        ['2026-04-02', '2026-09-30', '埼玉県川越市'],
      ])
      expect(h.status.insured).toBe(true)
    })

    it('refuses a facility type that is not a 対象施設, with the reason', async () => {
      const p = await addResident(t, '1950-06-01', { insured: { category: 1, on: '2015-05-31' } })
      await expect(
        record({
          personId: p.id,
          action: 'residenceExceptionStart',
          on: '2026-04-01',
          ...facility,
          facilityType: '認知症対応型共同生活介護（グループホーム）',
        }),
      ).rejects.toMatchObject({
        message:
          '「認知症対応型共同生活介護（グループホーム）」は住所地特例の対象施設ではありません（施設所在地の市町村が保険者になります）',
      })
      expect((await history(p.id)).events).toHaveLength(1)
    })

    // shared/domain RESIDENCE_EXCEPTION_FACILITIES: 介護医療院 from 2018-04-01 (平成29年法律第52号).
    it('reads the 対象施設 on the entry date: 介護医療院 from 2018-04-01, not the day before', async () => {
      const p = await addResident(t, '1945-07-01', { insured: { category: 1, on: '2010-06-30' } })
      const iryoin = { ...facility, facilityType: '介護医療院' }
      await expect(
        record({ personId: p.id, action: 'residenceExceptionStart', on: '2018-03-31', ...iryoin }),
      ).rejects.toMatchObject({ message: '「介護医療院」は2018-03-31の時点では住所地特例の対象施設ではありません' })
      const done = await record({ personId: p.id, action: 'residenceExceptionStart', on: '2018-04-01', ...iryoin })
      expect(done).toMatchObject({ recorded: 1 })
    })

    it('refuses a person not insured on the entry date, a second start and an end without a period', async () => {
      const notInsured = await addResident(t, '1990-01-01')
      await expect(
        record({ personId: notInsured.id, action: 'residenceExceptionStart', on: '2026-04-01', ...facility }),
      ).rejects.toMatchObject({
        code: 'conflict',
        message: '入所日に資格がありません（住所地特例は被保険者だけが対象です）',
      })
      // Boundary: insured from 2026-04-01 — a start that day is allowed, the day before is not.
      const p = await addResident(t, '1961-04-02', { insured: { category: 1, on: '2026-04-01' } })
      await expect(
        record({ personId: p.id, action: 'residenceExceptionStart', on: '2026-03-31', ...facility }),
      ).rejects.toMatchObject({ code: 'conflict' })
      await record({ personId: p.id, action: 'residenceExceptionStart', on: '2026-04-01', ...facility })
      await expect(
        record({ personId: p.id, action: 'residenceExceptionStart', on: '2026-05-01', ...facility }),
      ).rejects.toMatchObject({
        message: '既に住所地特例の期間中です（施設の移り替えは「住所地特例 変更」で記録します）',
      })
      await expect(
        record({
          personId: notInsured.id,
          action: 'residenceExceptionEnd',
          on: '2026-05-01',
          outcome: 'returnedToWard',
        }),
      ).rejects.toMatchObject({ message: '住所地特例の期間中ではないため、終了を記録できません' })
    })

    it('an end to an address elsewhere loses the next day, or the same day when residence there begins that day', async () => {
      const nextDay = await addResident(t, '1945-03-03', { insured: { category: 1, on: '2010-03-02' } })
      const sameDay = await addResident(t, '1945-03-04', { insured: { category: 1, on: '2010-03-03' } })
      for (const p of [nextDay, sameDay])
        await record({ personId: p.id, action: 'residenceExceptionStart', on: '2025-10-01', ...facility })
      const a = await record({
        personId: nextDay.id,
        action: 'residenceExceptionEnd',
        on: '2026-06-30',
        outcome: 'movedElsewhere',
      })
      const b = await record({
        personId: sameDay.id,
        action: 'residenceExceptionEnd',
        on: '2026-06-30',
        outcome: 'movedElsewhere',
        residenceElsewhereFrom: '2026-06-30',
      })
      expect([a.lostOn, b.lostOn]).toEqual(['2026-07-01', '2026-06-30'])
      expect((await history(nextDay.id)).status).toEqual({ insured: false, category: null, since: '2026-07-01' })
    })

    it('an end by death loses the next day', async () => {
      const p = await addResident(t, '1940-08-08', { insured: { category: 1, on: '2005-08-07' } })
      await record({ personId: p.id, action: 'residenceExceptionStart', on: '2024-04-01', ...facility })
      const done = await record({ personId: p.id, action: 'residenceExceptionEnd', on: '2026-02-28', outcome: 'death' })
      expect(done).toMatchObject({ recorded: 2, lostOn: '2026-03-01' })
      const h = await history(p.id)
      expect(h.events.at(-1)).toMatchObject({ kind: 'loss', reason: 'death', effectiveOn: '2026-03-01' })
      expect(h.residenceExceptionPeriods[0]).toMatchObject({ from: '2024-04-01', to: '2026-02-28' })
    })

    it('refuses the same start sent again with a new key, and records nothing', async () => {
      const p = await addResident(t, '1951-02-02', { insured: { category: 1, on: '2016-02-01' } })
      await record({ personId: p.id, action: 'residenceExceptionStart', on: '2026-04-01', ...facility })
      await expect(
        record({ personId: p.id, action: 'residenceExceptionStart', on: '2026-04-01', ...facility }),
      ).rejects.toMatchObject({ code: 'conflict' })
      expect((await history(p.id)).events).toHaveLength(2)
    })
  })

  describe('適用除外施設: entry → loss the next day, exit → acquisition on the exit day', () => {
    it('a category 1 person loses on the day after entry and acquires again on the exit day', async () => {
      const p = await addResident(t, '1955-07-07', { insured: { category: 1, on: '2020-07-06' } })
      const entry = await record({
        personId: p.id,
        action: 'excludedFacilityEntry',
        on: '2026-05-10',
        facilityType: '救護施設',
        facilityName: '新宿ひだまり救護寮',
      })
      expect(entry).toEqual({ recorded: 2, lostOn: '2026-05-11', acquiredOn: null })
      // The entry day itself stays insured: the loss takes effect the next day.
      const during = await history(p.id)
      expect(during.events.map((e) => [e.kind, e.effectiveOn])).toEqual([
        ['acquisition', '2020-07-06'],
        ['excludedFacilityStart', '2026-05-10'],
        ['loss', '2026-05-11'],
      ])
      const exit = await record({ personId: p.id, action: 'excludedFacilityExit', on: '2026-08-20' })
      expect(exit).toEqual({ recorded: 2, lostOn: null, acquiredOn: '2026-08-20' })
      const after = await history(p.id)
      expect(after.status).toEqual({ insured: true, category: 1, since: '2026-08-20' })
      expect(after.events.at(-1)).toMatchObject({ kind: 'acquisition', category: 1, reason: 'excludedFacilityExit' })
      expect(after.excludedFacilityPeriods).toMatchObject([{ from: '2026-05-10', to: '2026-08-20' }])
    })

    it('refuses an exit on the entry day (boundary) and accepts the next day', async () => {
      const p = await addResident(t, '1956-01-15', { insured: { category: 1, on: '2021-01-14' } })
      await record({
        personId: p.id,
        action: 'excludedFacilityEntry',
        on: '2026-06-01',
        facilityType: '障害者支援施設',
        facilityName: '新宿あけぼの園',
      })
      await expect(record({ personId: p.id, action: 'excludedFacilityExit', on: '2026-06-01' })).rejects.toMatchObject({
        message: '退所日は入所日より後の日付を指定してください',
      })
      await expect(record({ personId: p.id, action: 'excludedFacilityExit', on: '2026-06-02' })).resolves.toMatchObject(
        {
          acquiredOn: '2026-06-02',
        },
      )
    })

    it('category 2 held before entry comes back at exit; a person under 40 only gets the period', async () => {
      const c2 = await addResident(t, '1975-09-09', { insured: { category: 2, on: '2015-09-08' } })
      const young = await addResident(t, '1995-09-09')
      for (const p of [c2, young])
        await record({
          personId: p.id,
          action: 'excludedFacilityEntry',
          on: '2026-01-10',
          facilityType: '指定障害者支援施設',
          facilityName: 'しんじゅく若葉寮',
        })
      const back = await record({ personId: c2.id, action: 'excludedFacilityExit', on: '2026-03-31' })
      const none = await record({ personId: young.id, action: 'excludedFacilityExit', on: '2026-03-31' })
      expect(back).toMatchObject({ acquiredOn: '2026-03-31' })
      expect((await history(c2.id)).status).toEqual({ insured: true, category: 2, since: '2026-03-31' })
      expect(none).toEqual({ recorded: 1, lostOn: null, acquiredOn: null })
      expect((await history(young.id)).status.insured).toBe(false)
    })

    it('refuses a type that is not an 適用除外施設 and a second entry', async () => {
      const p = await addResident(t, '1957-03-03', { insured: { category: 1, on: '2022-03-02' } })
      await expect(
        record({
          personId: p.id,
          action: 'excludedFacilityEntry',
          on: '2026-06-01',
          facilityType: '介護老人福祉施設',
          facilityName: 'X',
        }),
      ).rejects.toMatchObject({ message: '施設種別「介護老人福祉施設」は適用除外施設の一覧にありません' })
      await record({
        personId: p.id,
        action: 'excludedFacilityEntry',
        on: '2026-06-01',
        facilityType: '救護施設',
        facilityName: 'X',
      })
      await expect(
        record({
          personId: p.id,
          action: 'excludedFacilityEntry',
          on: '2026-07-01',
          facilityType: '救護施設',
          facilityName: 'X',
        }),
      ).rejects.toMatchObject({ message: '既に適用除外施設に入所中です（先に退所を記録してください）' })
    })

    it('the 65-attainment batch skips a person inside the stay, but not on the entry day', async () => {
      // Born 1961-06-11: attains 65 on 2026-06-10 (the day before the birthday).
      const inside = await addResident(t, '1961-06-11', { insured: { category: 2, on: '2001-06-10' } })
      const entryDay = await addResident(t, '1961-06-11', { insured: { category: 2, on: '2001-06-10' } })
      await record({
        personId: inside.id,
        action: 'excludedFacilityEntry',
        on: '2026-06-01',
        facilityType: '救護施設',
        facilityName: 'X',
      })
      await record({
        personId: entryDay.id,
        action: 'excludedFacilityEntry',
        on: '2026-06-10',
        facilityType: '救護施設',
        facilityName: 'X',
      })
      await client().call(
        'eligibility.runAge65Batch',
        { from: '2026-06-10', to: '2026-06-10', idempotencyKey: randomUUID() },
        clerk,
      )
      expect((await history(inside.id)).events.some((e) => e.reason === 'reachingAge65')).toBe(false)
      expect((await history(entryDay.id)).events).toContainEqual(
        expect.objectContaining({ kind: 'categoryChange', category: 1, effectiveOn: '2026-06-10' }),
      )
    })
  })

  describe('access', () => {
    it('is refused to a role without eligibility.record (認定担当, 監督者)', async () => {
      const p = await addResident(t, '1950-05-10', { insured: { category: 1, on: '2015-05-09' } })
      for (const loginId of ['nintei01', 'kantoku01'])
        await expect(
          record(
            { personId: p.id, action: 'residenceExceptionStart', on: '2026-04-01', ...facility },
            await signIn(t, loginId),
          ),
        ).rejects.toMatchObject({ code: 'forbidden' })
    })
    it('answers in Japanese when the facility items are missing', async () => {
      await expect(record({ personId: 1, action: 'excludedFacilityEntry', on: '2026-04-01' })).rejects.toMatchObject({
        message: expect.stringContaining('施設種別と施設名称を入力してください'),
      })
    })
  })
})
