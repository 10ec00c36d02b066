import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assessPersonYear } from '../../../../server/src/areas/premiums/assessment'
import { firstPaymentMonthOf } from '../../../../server/src/areas/premiums/withholding-assessment'
import { HttpProblem } from '../../../../server/src/core/http/problem'
import { todayInJapan } from '../../../../shared/domain'
import type { AssessmentKind } from '../../../../server/src/areas/premiums/assessment'
import type { AssessmentVersion } from '../../../../shared/api/premiums'
import { signIn } from '../../support/accounts'
import { terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'
import {
  addHousehold,
  addMember,
  addPreviousYearWithholding,
  addTaxRecord,
  addWithholdingResult,
  addWithholdingTarget,
} from './household'

const withheld = (a: AssessmentVersion) =>
  a.installments.filter((i) => i.method === 'withholding').map((i) => [i.period, i.amount])
const direct = (a: AssessmentVersion) => a.installments.filter((i) => i.method === 'direct').map((i) => i.amount)
const total = (a: AssessmentVersion) => a.installments.reduce((s, i) => s + i.amount, 0)

/**
 * 特別徴収 and 普通徴収 of a year through the real database: the 特別徴収対象者 from the pension exchange's tables, the
 * 仮算定 in April, the 本算定 in July (平準化), the 異動賦課 in January (an increase on 普通徴収, a decrease into 過誤納),
 * and, over the generated ward, Σ 期割 − 過誤納 = the year's amount after every kind of assessment.
 * Figures (by hand): 基準額 79,200円 (SHINJUKU_BASE_PREMIUM [S22]); stage 6 × 1.2 = 95,040, stage 8 × 1.5 = 118,800,
 * stage 1 × 0.285 = 22,572 → 22,570 (floor10 ⚠️; 施行令38条); 特別徴収 from 180,000円 a year (施行令41条, docs/sources/domain.md
 * §3.6); 仮徴収 = the previous February (法140条); 本徴収 100-yen units, remainder in October (SHINJUKU_FINAL_WITHHOLDING
 * ⚠️); 平準化 from a 1,000円 difference (SHINJUKU_WITHHOLDING ⚠️, [S33]); 普通徴収 9 納期 July–March, 100-yen units,
 * remainder in the first (SHINJUKU_DIRECT_PAYMENT ⚠️).
 */
describe.each(databaseKinds)('賦課: 特別徴収 and 普通徴収 of the year on %s', (kind) => {
  let t: TestServer
  const advanceTo = (iso: string) => t.clock.advance((Date.parse(iso) - t.clock.now().getTime()) / 1000)
  const today = () => todayInJapan(t.clock.now())
  const assess = (personId: number, assessmentKind: AssessmentKind) =>
    assessPersonYear(t.database.db, personId, 2026, {
      today: today(),
      now: t.clock.now(),
      userId: null,
      kind: assessmentKind,
    })
  const insured = (birthDate: string) => async () => {
    const household = await addHousehold(t)
    return addMember(t, household, birthDate, [
      { kind: 'acquisition', on: '2015-05-04', reason: 'reachingAge65', recordedAt: '2015-05-04T09:00:00+09:00' },
    ])
  }
  let a: { id: number }
  let b: { id: number }
  let c: { id: number }
  let d: { id: number }

  beforeAll(async () => {
    t = await startTestServer(kind, 200, { startAt: new Date('2026-04-10T09:00:00+09:00') })
    a = await insured('1950-05-05')()
    b = await insured('1950-06-06')()
    c = await insured('1950-07-07')()
    d = await insured('1950-08-08')()
    for (const p of [a, b, c, d]) await addTaxRecord(t, p.id, 2026, { taxable: true, totalIncome: 1_000_000 })
    // A: 180,000 a year (withheld); B: 179,999 (not); C: 新規者 (withholding from October); D: no pension record.
    await addWithholdingTarget(t, a.id, 2026, { pensionAmount: 180_000, category: '02' })
    await addWithholdingTarget(t, b.id, 2026, { pensionAmount: 179_999, category: '02' })
    await addWithholdingTarget(t, c.id, 2026, { pensionAmount: 600_000, category: '01' })
    for (const p of [a, b]) await addPreviousYearWithholding(t, p.id, 2025, 8_000)
  })
  afterAll(() => t.close())

  describe('仮算定 (April): 仮徴収 = the previous February amount', () => {
    it('withholds 8,000 in April, June and August from a pension of 180,000', async () => {
      const { changed, assessment } = await assess(a.id, 'provisional')
      expect(changed).toBe(true)
      expect(assessment).toMatchObject({ version: 1, reason: 'provisional', annualAmount: 24_000, intervals: [] })
      expect(withheld(assessment)).toEqual([
        ['2026-04', 8_000],
        ['2026-06', 8_000],
        ['2026-08', 8_000],
      ])
    })

    it('leaves a pension of 179,999 to 普通徴収, saying why', async () => {
      await expect(assess(b.id, 'provisional')).rejects.toMatchObject({
        status: 422,
        title:
          '仮徴収の対象ではありません（年金額 179,999円 が 180,000円 未満のため普通徴収（介護保険法施行令第41条））',
      })
    })
  })

  describe('本算定 (July): 本徴収 with the remainder in October, 平準化 of August', () => {
    it('levels August and splits the rest over October, December and February', async () => {
      advanceTo('2026-07-10T09:00:00+09:00')
      // 本徴収 unleveled (95,040 − 24,000) ÷ 3 = 23,680 vs August 8,000 → 平準化: August = (95,040 − 16,000) ÷ 4 =
      // 19,760 → 19,700; (79,040 − 19,700) = 59,340 ÷ 3 = 19,780 → 19,700; October = 59,340 − 2 × 19,700 = 19,940
      const { assessment } = await assess(a.id, 'final')
      expect(assessment).toMatchObject({ version: 2, reason: 'initial', annualAmount: 95_040, overpaidAmount: 0 })
      expect(withheld(assessment)).toEqual([
        ['2026-04', 8_000],
        ['2026-06', 8_000],
        ['2026-08', 19_700],
        ['2026-10', 19_940],
        ['2026-12', 19_700],
        ['2027-02', 19_700],
      ])
      expect(direct(assessment)).toEqual([])
      expect(total(assessment)).toBe(95_040)
      expect(assessment.explanation.steps.some((s) => s.startsWith('平準化: '))).toBe(true)
    })

    it('running the 本算定 again writes nothing', async () => {
      const { changed, assessment } = await assess(a.id, 'final')
      expect(changed).toBe(false)
      expect(assessment.version).toBe(2)
    })

    it('puts 179,999 on nine 納期 of 普通徴収', async () => {
      // 95,040 ÷ 9 = 10,560 → 10,500; July = 95,040 − 8 × 10,500 = 11,040
      const { assessment } = await assess(b.id, 'final')
      expect(withheld(assessment)).toEqual([])
      expect(direct(assessment)).toEqual([11_040, ...Array(8).fill(10_500)])
    })

    it('starts a 新規者 in October, with July–September on 普通徴収', async () => {
      // six shares of 95,040: 15,840 → 15,800; July = 95,040 − 5 × 15,800 = 16,040
      const { assessment } = await assess(c.id, 'final')
      expect(direct(assessment)).toEqual([16_040, 15_800, 15_800])
      expect(withheld(assessment)).toEqual([
        ['2026-10', 15_800],
        ['2026-12', 15_800],
        ['2027-02', 15_800],
      ])
    })

    it('a person without a pension record pays 普通徴収', async () => {
      const { assessment } = await assess(d.id, 'final')
      expect(direct(assessment)).toEqual([11_040, ...Array(8).fill(10_500)])
    })
  })

  describe('異動賦課 (January): the difference over what is not yet due', () => {
    it('an income correction to stage 8 keeps the February 本徴収 and puts 23,760 on January–March', async () => {
      advanceTo('2027-01-15T09:00:00+09:00')
      await addTaxRecord(t, a.id, 2026, { taxable: true, totalIncome: 2_500_000 })
      const clerk = await signIn(t, 'fuka01')
      const { assessment } = await terminalClient(t).call(
        'premiums.assess',
        { personId: a.id, fiscalYear: 2026, idempotencyKey: randomUUID() },
        clerk,
      )
      // 118,800 − 95,040 = 23,760 ÷ 3 = 7,920 → 7,900; January = 23,760 − 2 × 7,900 = 7,960
      expect(assessment).toMatchObject({ version: 3, reason: 'incomeCorrection', annualAmount: 118_800 })
      expect(withheld(assessment).map(([, amount]) => amount)).toEqual([8_000, 8_000, 19_700, 19_940, 19_700, 19_700])
      expect(direct(assessment)).toEqual([7_960, 7_900, 7_900])
      expect(total(assessment)).toBe(118_800)
    })

    it('a withholding stopped by the insurer (差止 in December) moves February to 普通徴収: 徴収方法変更', async () => {
      await addWithholdingResult(t, c.id, 2026, { period: '2026-12', withheld: false, reasonCode: '02', amount: 0 })
      const { assessment } = await assess(c.id, 'change')
      // due: July–September 16,040 + 2 × 15,800 and October, December 2 × 15,800 → 79,240; 95,040 − 79,240 = 15,800
      // over January–March: 5,266 → 5,200; January = 15,800 − 2 × 5,200 = 5,400
      expect(assessment).toMatchObject({ version: 2, reason: 'withholdingChange', annualAmount: 95_040 })
      expect(withheld(assessment)).toEqual([
        ['2026-10', 15_800],
        ['2026-12', 15_800],
      ])
      expect(direct(assessment)).toEqual([16_040, 15_800, 15_800, 5_400, 5_200, 5_200])
    })

    it('a decrease below what is already due leaves 過誤納 for collection to refund', async () => {
      await addTaxRecord(t, d.id, 2026, { taxable: false, totalIncome: 0 })
      const { assessment } = await assess(d.id, 'change')
      // due July–December: 11,040 + 5 × 10,500 = 63,540; stage 1: 22,570 → 過誤納 63,540 − 22,570 = 40,970
      expect(assessment).toMatchObject({ reason: 'incomeCorrection', annualAmount: 22_570, overpaidAmount: 40_970 })
      expect(direct(assessment)).toEqual([11_040, ...Array(5).fill(10_500)])
      expect(total(assessment) - assessment.overpaidAmount).toBe(22_570)
    })
  })
})

/**
 * Generated households (fast-check): 1–3 members each, acquired before or during the year, some dying during it, with
 * generated 住民税課税情報, a pension record for some, a previous February withholding for some and an income
 * correction in January for some. After each of 仮算定 (April), 本算定 (July) and 異動賦課 (January) every version's
 * Σ 期割 − 過誤納 is its annual amount and no installment is negative.
 */
describe.each(databaseKinds)(
  '賦課: Σ 期割 − 過誤納 = the year’s amount over generated households on %s (property)',
  (kind) => {
    let t: TestServer
    const advanceTo = (iso: string) => t.clock.advance((Date.parse(iso) - t.clock.now().getTime()) / 1000)
    beforeAll(async () => {
      t = await startTestServer(kind, 100, { startAt: new Date('2026-04-10T09:00:00+09:00') })
    })
    afterAll(() => t.close())

    const day = (from: string, to: string) =>
      fc
        .integer({ min: Date.parse(`${from}T00:00:00Z`) / 86_400_000, max: Date.parse(`${to}T00:00:00Z`) / 86_400_000 })
        .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10))
    const member = fc.record({
      acquiredOn: day('2010-01-01', '2027-03-31'),
      lostOn: fc.option(day('2026-04-02', '2027-04-01'), { nil: null }),
      taxable: fc.boolean(),
      totalIncome: fc.integer({ min: 0, max: 8_000_000 }),
      publicPensionIncome: fc.integer({ min: 0, max: 3_000_000 }),
      pension: fc.option(fc.integer({ min: 100_000, max: 3_000_000 }), { nil: null }),
      category: fc.constantFrom('01' as const, '02' as const),
      february: fc.option(fc.integer({ min: 1, max: 40_000 }), { nil: null }),
      corrected: fc.option(fc.integer({ min: 0, max: 8_000_000 }), { nil: null }),
    })

    it('holds for every member through 仮算定, 本算定 and 異動賦課', async () => {
      const db = t.database.db
      const generated = fc.sample(fc.array(member, { minLength: 1, maxLength: 3 }), { numRuns: 40, seed: 20_261_203 })
      const people: { id: number; corrected: number | null }[] = []
      for (const members of generated) {
        const household = await addHousehold(t)
        for (const m of members) {
          const history: Parameters<typeof addMember>[3] = [
            { kind: 'acquisition', on: m.acquiredOn, reason: 'reachingAge65', recordedAt: '2026-04-01T09:00:00+09:00' },
          ]
          if (m.lostOn !== null && m.lostOn > m.acquiredOn)
            history.push({ kind: 'loss', on: m.lostOn, reason: 'death', recordedAt: '2026-04-01T09:00:00+09:00' })
          const p = await addMember(t, household, '1950-05-05', history)
          await addTaxRecord(t, p.id, 2026, {
            taxable: m.taxable,
            totalIncome: m.totalIncome,
            publicPensionIncome: m.publicPensionIncome,
          })
          if (m.pension !== null)
            await addWithholdingTarget(t, p.id, 2026, { pensionAmount: m.pension, category: m.category })
          if (m.february !== null) await addPreviousYearWithholding(t, p.id, 2025, m.february)
          people.push({ id: p.id, corrected: m.corrected })
        }
      }
      const checked: Record<AssessmentKind, number> = { provisional: 0, final: 0, change: 0 }
      const run = async (k: AssessmentKind) => {
        for (const { id } of people) {
          let result: Awaited<ReturnType<typeof assessPersonYear>>
          try {
            result = await assessPersonYear(db, id, 2026, {
              today: todayInJapan(t.clock.now()),
              now: t.clock.now(),
              userId: null,
              kind: k,
            })
          } catch (e) {
            if (!(e instanceof HttpProblem)) throw e
            expect(e.title).toMatch(/仮徴収の対象ではありません|第1号被保険者であった月がない|賦課できません/)
            continue
          }
          const v = result.assessment
          expect(total(v) - v.overpaidAmount).toBe(v.annualAmount)
          expect(v.installments.every((x) => x.amount >= 0)).toBe(true)
          checked[k]++
        }
      }
      await run('provisional')
      advanceTo('2026-07-10T09:00:00+09:00')
      await run('final')
      advanceTo('2027-01-15T09:00:00+09:00')
      for (const { id, corrected } of people)
        if (corrected !== null) await addTaxRecord(t, id, 2026, { taxable: true, totalIncome: corrected })
      await run('change')
      expect(checked.provisional).toBeGreaterThan(5)
      expect(checked.final).toBeGreaterThan(20)
      expect(checked.change).toBeGreaterThan(20)
    }, 600_000)
  },
)

describe('the first pension month a 対象者情報 record allows (docs/sources/interfaces.md §2.3/§2.5 ⚠️ our reading)', () => {
  it('a 前年度継続者 from April, a 新規者 of the May file from October', () => {
    expect(firstPaymentMonthOf({ noticeCode: '00', category: '02', noticeDate: null }, 2026)).toBe('2026-04')
    expect(firstPaymentMonthOf({ noticeCode: '00', category: '01', noticeDate: null }, 2026)).toBe('2026-10')
  })

  it('an 追加候補者 from the first payment month six months after its capture', () => {
    // captured 2026-06 → 2026-12; captured 2026-07 → 2027-01 is not a payment month → 2027-02
    expect(firstPaymentMonthOf({ noticeCode: '30', category: '01', noticeDate: '2026-06-01' }, 2026)).toBe('2026-12')
    expect(firstPaymentMonthOf({ noticeCode: '30', category: '01', noticeDate: '2026-07-01' }, 2026)).toBe('2027-02')
    // without a capture date: not this year
    expect(firstPaymentMonthOf({ noticeCode: '30', category: '02', noticeDate: null }, 2026)).toBe('2027-04')
  })
})
