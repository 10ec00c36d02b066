import { randomUUID } from 'node:crypto'
import { and, desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { premiumAssessments, residentTaxFiles, residentTaxRecords } from '../../../../server/src/areas/premiums/schema'
import { auditLog } from '../../../../server/src/core/db/schema'
import { loadEvents } from '../../../../server/src/areas/eligibility/history-store'
import { persons } from '../../../../server/src/areas/persons/schema'
import type { AssessmentVersion } from '../../../../shared/api/premiums'
import { signIn } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import { addHousehold, addMember, residentTaxCsv, taxedRecord, type ResidentTaxRow } from './household'

/** The initial record of a taxed person (課税) of the fiscal year given (nendo), no pension and no salary. */
const initial = (atenaNo: string, nendo: string, gokei: string): ResidentTaxRow => ({
  ...taxedRecord(atenaNo, gokei),
  nendo,
})
const sum = (a: AssessmentVersion) => a.installments.reduce((s, i) => s + i.amount, 0)
const amounts = (a: AssessmentVersion) => a.installments.map((i) => i.amount)

/**
 * 賦課 through the real server (mutual TLS, session, audit row): the 住民税課税情報 intake, and the assessment of a
 * person's fiscal year from the eligibility history and the household's records. Expected yen are computed by hand
 * from the dated tables: 新宿区 基準額 79,200円 (SHINJUKU_BASE_PREMIUM, 第9期 [S22]) × the national standard rates
 * (NATIONAL_STANDARD_STAGES: stage 6 = 1.2, stage 8 = 1.5; 施行令38条), annual and 月割 amounts truncated below 10 yen
 * (SHINJUKU_PREMIUM_ROUNDING floor10 ⚠️), 普通徴収 9 納期 July–March at month end, 100-yen units with the remainder in
 * the first (SHINJUKU_DIRECT_PAYMENT ⚠️).
 */
describe.each(databaseKinds)('賦課: intake and one person’s fiscal year on %s', (kind) => {
  let t: TestServer
  let clerk: string
  const advanceTo = (iso: string) => t.clock.advance((Date.parse(iso) - t.clock.now().getTime()) / 1000)
  const assess = (personId: number, fiscalYear: number) =>
    terminalClient(t).call('premiums.assess', { personId, fiscalYear, idempotencyKey: randomUUID() }, clerk)
  // 本算定 through the batch dry run (stores the run, writes no assessment).
  const finalDryRun = () =>
    terminalClient(t).call(
      'premiums.batchDryRun',
      { kind: 'final', fiscalYear: 2026, idempotencyKey: randomUUID() },
      clerk,
    )
  const importFile = (rows: ResidentTaxRow[], dryRun = false, fileName = 'KAZEI_2026.csv') =>
    terminalClient(t).call(
      'premiums.importResidentTax',
      { fileName, contentBase64: residentTaxCsv(rows), dryRun, idempotencyKey: randomUUID() },
      clerk,
    )
  let corrected: { id: number; residentCode: string }
  let died: { id: number; residentCode: string }
  let acquired: { id: number; residentCode: string }

  beforeAll(async () => {
    t = await startTestServer(kind, 200, { startAt: new Date('2026-07-01T09:00:00+09:00') })
    clerk = await signIn(t, 'fuka01')
    const household = await addHousehold(t)
    corrected = await addMember(t, household, '1950-05-05', [
      { kind: 'acquisition', on: '2015-05-04', reason: 'reachingAge65', recordedAt: '2015-05-04T09:00:00+09:00' },
    ])
    died = await addMember(t, household, '1945-08-01', [
      { kind: 'acquisition', on: '2010-07-31', reason: 'reachingAge65', recordedAt: '2010-07-31T09:00:00+09:00' },
      // death on 2026-06-30 → loss the next day (法11条1項)
      { kind: 'loss', on: '2026-07-01', reason: 'death', recordedAt: '2026-07-01T08:00:00+09:00' },
    ])
    // born 1961-10-21: 65 on 2026-10-20 (the day before the birthday)
    acquired = await addMember(t, household, '1961-10-21', [
      { kind: 'acquisition', on: '2026-10-20', reason: 'reachingAge65', recordedAt: '2026-10-21T09:00:00+09:00' },
    ])
  })
  afterAll(() => t.close())

  describe('住民税課税情報 intake (docs/interfaces/resident-tax.md)', () => {
    it('refuses a file with a bad line as a whole, naming line and column in Japanese', async () => {
      const result = await importFile([
        initial(corrected.residentCode, '2026', '1000000'),
        { ...initial(died.residentCode, '2026', '"1,000"'), kazei_kubun: '3' },
        initial('0000000001', '2026', '0'),
      ])
      expect(result.status).toBe('rejected')
      expect(result.problems).toEqual([
        {
          line: 3,
          column: '課税区分（kazei_kubun）',
          reason: '1（課税）・2（非課税）のいずれかで入力してください（3）',
        },
        { line: 3, column: '合計所得金額（gokei_shotoku）', reason: '整数の円額で入力してください（カンマなし）' },
        { line: 4, column: '宛名番号（atena_no）', reason: '宛名番号 0000000001 の住民が登録されていません' },
      ])
      expect(await t.database.db.select().from(residentTaxRecords)).toHaveLength(0)
    })

    it('validates a dry run without writing, then applies the file once (same file → 取込済み)', async () => {
      const rows = [
        // 合計所得 1,000,000 < 1,200,000 → stage 6
        initial(corrected.residentCode, '2026', '1000000'),
        initial(corrected.residentCode, '2024', '1000000'),
        initial(died.residentCode, '2026', '500000'),
        initial(acquired.residentCode, '2026', '800000'),
      ]
      const dry = await importFile(rows, true)
      expect(dry).toMatchObject({ status: 'validated', applied: 4, problems: [] })
      expect(await t.database.db.select().from(residentTaxFiles)).toHaveLength(0)
      expect(await importFile(rows)).toMatchObject({ status: 'applied', applied: 4, corrections: 0 })
      expect(await importFile(rows)).toMatchObject({ status: 'alreadyImported', applied: 0 })
      expect(await t.database.db.select().from(residentTaxRecords)).toHaveLength(4)
    })

    it('keeps the raw records append-only: UPDATE is refused by the database', async () => {
      await expect(
        t.database.db
          .update(residentTaxRecords)
          .set({ totalIncome: 1 })
          .where(eq(residentTaxRecords.personId, died.id)),
      ).rejects.toThrow()
    })
  })

  describe('liable months from the eligibility history (docs/sources/domain.md §3.4)', () => {
    it('a death on 2026-06-30 leaves April–June: 3 months', async () => {
      // stage 6: 79,200 × 1.2 = 95,040; × 3/12 = 23,760.
      // 9 納期: 23,760 ÷ 9 = 2,640 → 2,600; first = 23,760 − 8 × 2,600 = 2,960
      const { changed, assessment } = await assess(died.id, 2026)
      expect(changed).toBe(true)
      expect(assessment).toMatchObject({ version: 1, reason: 'initial', liableMonths: 3, annualAmount: 23_760 })
      expect(assessment.intervals).toEqual([
        { stage: 6, fromMonth: '2026-04', toMonth: '2026-06', months: 3, amount: 23_760 },
      ])
      expect(amounts(assessment)).toEqual([2_960, 2_600, 2_600, 2_600, 2_600, 2_600, 2_600, 2_600, 2_600])
      expect(assessment.installments[0]).toMatchObject({ period: '2026-07', dueDate: '2026-07-31', method: 'direct' })
    })

    it('a whole year at stage 6 is 95,040 in nine 納期, the remainder in July', async () => {
      // 95,040 ÷ 9 = 10,560 → 10,500; first = 95,040 − 8 × 10,500 = 11,040
      const { assessment } = await assess(corrected.id, 2026)
      expect(assessment).toMatchObject({ version: 1, liableMonths: 12, annualAmount: 95_040 })
      expect(amounts(assessment)).toEqual([11_040, 10_500, 10_500, 10_500, 10_500, 10_500, 10_500, 10_500, 10_500])
      expect(assessment.explanation.household.map((m) => m.taxable)).toEqual([true, true, true])
      expect(assessment.explanation.table.version).toMatch(/^ward\.parameters /)
    })

    it('acquiring on 2026-10-20 pays 6 months over the six 納期 from October', async () => {
      advanceTo('2026-10-26T09:00:00+09:00')
      clerk = await signIn(t, 'fuka01')
      // 95,040 × 6/12 = 47,520; 47,520 ÷ 6 = 7,920 → 7,900; first = 47,520 − 5 × 7,900 = 8,020
      const { assessment } = await assess(acquired.id, 2026)
      expect(assessment).toMatchObject({ liableMonths: 6, annualAmount: 47_520 })
      expect(assessment.intervals).toEqual([
        { stage: 6, fromMonth: '2026-10', toMonth: '2027-03', months: 6, amount: 47_520 },
      ])
      expect(assessment.installments.map((i) => [i.period, i.amount])).toEqual([
        ['2026-10', 8_020],
        ['2026-11', 7_900],
        ['2026-12', 7_900],
        ['2027-01', 7_900],
        ['2027-02', 7_900],
        ['2027-03', 7_900],
      ])
      expect(assessment.explanation.assessmentDate).toBe('2026-10-20')
    })
  })

  describe('更正: a new version, the difference over the remaining 納期', () => {
    it('a January income correction moves stage 6 → 8 and spreads the difference over January–March', async () => {
      advanceTo('2027-01-15T09:00:00+09:00')
      clerk = await signIn(t, 'fuka01')
      const correction = await importFile(
        [
          // 合計所得 2,500,000: 2,100,000 ≤ … < 3,200,000 → stage 8
          { ...initial(corrected.residentCode, '2026', '2500000'), kosei_kubun: '1', kosei_date: '20270114' },
          { ...initial(corrected.residentCode, '2024', '1300000'), kosei_kubun: '1', kosei_date: '20270114' },
        ],
        false,
        'KAZEI_KOSEI_20270114.csv',
      )
      expect(correction).toMatchObject({ status: 'applied', applied: 2, corrections: 2 })
      // FY2024: first 納期限 2024-07-31 → 賦課権 until 2026-07-31 (2 years from 2024-08-01)
      expect(correction.notices).toEqual([
        '3行目：2024年度の賦課権の期間（2026-07-31まで）を過ぎているため、この更正は記録しますが保険料は更正できません（介護保険法第200条の2）',
      ])

      // stage 8: 79,200 × 1.5 = 118,800. July–December stay: 11,040 + 5 × 10,500 = 63,540;
      // 118,800 − 63,540 = 55,260 ÷ 3 = 18,420 → 18,400; January = 55,260 − 2 × 18,400 = 18,460.
      // The difference 118,800 − 95,040 = 23,760 = (18,460 − 10,500) + 2 × (18,400 − 10,500).
      const { changed, assessment } = await assess(corrected.id, 2026)
      expect(changed).toBe(true)
      expect(assessment).toMatchObject({ version: 2, reason: 'incomeCorrection', annualAmount: 118_800 })
      expect(assessment.intervals.map((i) => i.stage)).toEqual([8])
      expect(amounts(assessment)).toEqual([11_040, 10_500, 10_500, 10_500, 10_500, 10_500, 18_460, 18_400, 18_400])
      expect(sum(assessment)).toBe(118_800)
      // One audit row for the request, naming the person and what was done (C-08).
      const [audit] = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'premiums.assess'))
        .orderBy(desc(auditLog.seq))
        .limit(1)
      expect(audit).toMatchObject({
        outcome: 'ok',
        targetIds: [corrected.id],
        purpose: '保険料賦課 2026年度 第2版（所得更正）',
      })

      // Nothing overwritten: version 1 is still there as it was.
      const read = await terminalClient(t).call('premiums.personAssessments', { personId: corrected.id }, clerk)
      const versions = read.versions.filter((v) => v.fiscalYear === 2026)
      expect(versions.map((v) => [v.version, v.annualAmount, sum(v)])).toEqual([
        [1, 95_040, 95_040],
        [2, 118_800, 118_800],
      ])
    })

    it('assessing again without a change writes no new version', async () => {
      const { changed, assessment } = await assess(corrected.id, 2026)
      expect(changed).toBe(false)
      expect(assessment.version).toBe(2)
      const rows = await t.database.db
        .select()
        .from(premiumAssessments)
        .where(and(eq(premiumAssessments.personId, corrected.id), eq(premiumAssessments.fiscalYear, 2026)))
      expect(rows).toHaveLength(2)
    })

    it('refuses a 過年度 correction beyond the 2-year 賦課権, saying why', async () => {
      const refused = await callRoute(
        t,
        'premiums.assess',
        { personId: corrected.id, fiscalYear: 2024, idempotencyKey: randomUUID() },
        clerk,
      )
      expect(refused.status).toBe(422)
      expect(refused.body.title).toBe(
        '2024年度の賦課権は 2026-07-31 で期間が満了しているため、保険料を賦課できません（介護保険法第200条の2：最初の納期限 2024-07-31 の翌日から2年）',
      )
      const rows = await t.database.db.select().from(premiumAssessments).where(eq(premiumAssessments.fiscalYear, 2024))
      expect(rows).toHaveLength(0)
    })

    it('keeps assessments append-only: UPDATE is refused by the database', async () => {
      await expect(
        t.database.db
          .update(premiumAssessments)
          .set({ annualAmount: 1 })
          .where(eq(premiumAssessments.personId, died.id)),
      ).rejects.toThrow()
    })
  })

  describe('本算定 dry run: counts, totals and changes, nothing written', () => {
    it('counts the year per stage from the current figures and lists who would change', async () => {
      const before = await t.database.db.select().from(premiumAssessments)
      const run = await finalDryRun()
      // The three persons above are assessed and unchanged on 2027-01-15 (their remaining 納期 come out the same:
      // the death: 23,760 − (2,960 + 5 × 2,600) = 7,800 = 3 × 2,600; the acquisition: 47,520 − (8,020 + 2 × 7,900)
      // = 23,700 = 3 × 7,900). Total 118,800 + 23,760 + 47,520 = 190,080; stage 6: 3 + 6 months, 23,760 + 47,520.
      expect(run.summary).toMatchObject({ persons: 3, unchanged: 3, newVersions: 0, changed: 0, totalAmount: 190_080 })
      expect(run.byStage).toEqual([
        { stage: 6, persons: 2, months: 9, amount: 71_280 },
        { stage: 8, persons: 1, months: 12, amount: 118_800 },
      ])
      // The generated ward's persons have no 住民税課税情報 yet: refused, each with the reason.
      expect(run.summary.refused).toBeGreaterThan(0)
      expect(run.refused[0]!.reason).toMatch(
        /^2026年度の住民税課税情報（宛名番号 \d{10}）がないため、保険料段階を決められません/,
      )
      expect(await t.database.db.select().from(premiumAssessments)).toHaveLength(before.length)
    })

    it('shows a person who gets a record as a change from no version to the new amount', async () => {
      const run = await finalDryRun()
      // A generated person insured all year (one acquisition before 4/1, nothing else) in a household without records.
      let chosen: { id: number; residentCode: string } | null = null
      for (const { personId } of run.refused) {
        const events = await loadEvents(t.database.db, personId)
        if (
          events.length === 1 &&
          events[0]!.kind === 'acquisition' &&
          events[0]!.category === 1 &&
          events[0]!.effectiveOn < '2026-04-01'
        ) {
          const [p] = await t.database.db.select().from(persons).where(eq(persons.id, personId))
          chosen = { id: personId, residentCode: p!.residentCode }
          break
        }
      }
      expect(chosen).not.toBeNull()
      // 非課税, no income, nobody taxed in the household → stage 1: 79,200 × 0.285 = 22,572 → 22,570 (floor10)
      const row = { ...initial(chosen!.residentCode, '2026', '0'), kazei_kubun: '2' }
      expect(await importFile([row], false, 'KAZEI_2026_ADD.csv')).toMatchObject({ status: 'applied', applied: 1 })
      const after = await finalDryRun()
      expect(after.diff.rows).toContainEqual(
        expect.objectContaining({ personId: chosen!.id, oldAnnual: null, newAnnual: 22_570 }),
      )
      expect(after.summary).toMatchObject({
        persons: 4,
        newVersions: 1,
        changed: 1,
        refused: run.summary.refused - 1,
      })
    })
  })

  describe('permissions (deny by default)', () => {
    it('refuses the assessment to a 資格担当', async () => {
      const other = await signIn(t, 'shikaku01')
      const refused = await callRoute(
        t,
        'premiums.assess',
        { personId: died.id, fiscalYear: 2026, idempotencyKey: randomUUID() },
        other,
      )
      expect(refused.status).toBe(403)
    })
  })
})
