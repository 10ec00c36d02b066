import { describe, expect, it } from 'vitest'
import { diffWardParameters } from '../../../../shared/masters/diff'
import {
  SHINJUKU_BASE_PREMIUM,
  SHINJUKU_LATE_CHARGE_RATES,
  SHINJUKU_UNVERIFIED,
  shinjukuProvisionalStageTable,
} from '../../../../shared/domain'
import {
  directPaymentDueDates,
  shinjukuDefaultWardVersions,
  stageTableFromWard,
  validateWardParameters,
  WardParameters$,
  type WardParameters,
} from '../../../../shared/masters/ward-parameters'

const [shipped] = shinjukuDefaultWardVersions()
const defaults = shipped!.payload.value
const clone = (): WardParameters => structuredClone(defaults)
const messages = (p: WardParameters) => validateWardParameters(p).map((i) => i.message)

describe('the shipped ward parameters are Shinjuku’s defaults from shared/domain', () => {
  it('one version per 基準額 version, with its period (第9期 2024-04-01〜2027-03-31)', () => {
    expect(shinjukuDefaultWardVersions().map((v) => [v.validFrom, v.validTo, v.payload.value.basePremium])).toEqual(
      SHINJUKU_BASE_PREMIUM.map((b) => [b.from, b.to ?? null, b.value]),
    )
    expect(WardParameters$.parse(defaults)).toEqual(defaults)
    expect(validateWardParameters(defaults)).toEqual([])
  })

  it.each([2024, 2025, 2026])('FY%i: the stage table built from them equals shinjukuProvisionalStageTable', (fy) => {
    const domain = shinjukuProvisionalStageTable(fy)
    expect(stageTableFromWard(defaults, fy, domain.pensionIncomeBoundary)).toEqual(domain)
  })

  it('flags every unverified Shinjuku default (SHINJUKU_UNVERIFIED) on a field of the parameters', () => {
    const notes = shipped!.payload.unverified.map((u) => u.note)
    for (const entry of SHINJUKU_UNVERIFIED) expect(notes).toContain(entry)
    expect(shipped!.payload.unverified.map((u) => u.path)).toContain('rounding')
    expect(defaults.lateCharge.rates).toEqual(SHINJUKU_LATE_CHARGE_RATES)
  })

  // A 納期限 on the ward's 休日 (土日・祝日・12/29〜1/3) moves to the next day that is not one (地方自治法第4条の2第4項).
  it('普通徴収 due dates: nine month ends from July to the next March, moved off the ward’s 休日', () => {
    expect(directPaymentDueDates(defaults, 2026)).toEqual([
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-11-02', // 2026-10-31 is a Saturday
      '2026-11-30',
      '2027-01-04', // 2026-12-31 … 2027-01-03: 年末年始 and a weekend
      '2027-02-01', // 2027-01-31 is a Sunday
      '2027-03-01', // 2027-02-28 is a Sunday
      '2027-03-31',
    ])
    const asSet = { ...defaults, directPayment: { ...defaults.directPayment, holidayRule: 'none' as const } }
    expect(directPaymentDueDates(asSet, 2026)[3]).toBe('2026-10-31')
    const rows = diffWardParameters(defaults, asSet).filter((r) => r.changed)
    expect(rows).toEqual([
      {
        path: 'directPayment.holidayRule',
        label: '普通徴収 納期限が休日のとき',
        before: '翌営業日（地方自治法第4条の2）',
        after: 'そのまま',
        changed: true,
      },
    ])
  })

  it('口座振替 settings: the placeholder 委託者 is flagged unverified, and a change is labelled in Japanese', () => {
    expect(shipped!.payload.unverified.map((u) => u.path)).toContain('directDebit')
    const other = { ...defaults, directDebit: { ...defaults.directDebit!, consignorCode: '1234567890' } }
    expect(diffWardParameters(defaults, other).filter((r) => r.changed)).toMatchObject([
      { label: '口座振替 委託者コード', before: '0000000001', after: '1234567890' },
    ])
  })
})

describe('validation of a new version (Japanese messages)', () => {
  it('stages must run from 1 without gaps', () => {
    const p = clone()
    p.stageTable.rates = p.stageTable.rates.filter((r) => r.stage !== 4)
    expect(messages(p).join()).toContain('段階は第1段階から連続していなければなりません')
  })

  it('rates must increase with the stage', () => {
    const p = clone()
    p.stageTable.rates[7] = { stage: 8, rateBp: 12_500 }
    expect(messages(p)).toContain(
      '第8段階の料率（1.25）が第7段階（1.3）以下です。料率は段階の順に増加していなければなりません',
    )
  })

  it('reduced rates must not exceed the standard rate and must increase too', () => {
    const p = clone()
    p.stageTable.rates[1] = { stage: 2, rateBp: 6_850, reducedRateBp: 7_000 }
    expect(messages(p)).toContain('第2段階の軽減後料率が標準料率を超えています')
  })

  it('every stage needs an income band, and band limits must increase', () => {
    const p = clone()
    p.stageTable.selfTaxableBands = p.stageTable.selfTaxableBands.filter((b) => b.stage !== 9)
    expect(messages(p)).toContain('第9段階に該当する所得区分がありません')
    const q = clone()
    q.stageTable.selfTaxableBands[2] = { stage: 8, below: 2_000_000 }
    expect(messages(q)).toContain('本人課税の境界額は増加していなければなりません（第8段階）')
  })

  it('installments in fiscal-year order; late-charge rates by consecutive years with A < B', () => {
    const p = clone()
    p.directPayment.installments = [
      { month: 1, dueDay: 'monthEnd' },
      { month: 7, dueDay: 'monthEnd' },
    ]
    expect(messages(p)).toContain('納期の月は年度の順（4月〜翌3月）に重複なく並べてください')
    const q = clone()
    q.lateCharge.rates = [...q.lateCharge.rates, { year: 2028, early: 3, late: 9.5 }]
    expect(messages(q)).toContain('延滞金の割合は年の順に連続して指定してください（2028年）')
    const r = clone()
    r.lateCharge.rates = [{ year: 2027, early: 9.1, late: 2.8 }]
    expect(messages(r).join()).toContain('2027年の延滞金の割合は 納期限後3か月まで')
  })

  it('the insurer number must carry its check digit', () => {
    const p = clone()
    p.numbering.insurerNumber = '131046'
    expect(messages(p)).toContain('保険者番号の検証番号（6桁目）が一致しません')
  })
})
