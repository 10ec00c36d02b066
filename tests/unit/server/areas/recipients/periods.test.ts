import { describe, expect, it } from 'vitest'
import { copayRatioOn, effectiveCopayPeriods } from '../../../../../server/src/areas/recipients/periods'

const row = (id: number, validFrom: string, validTo: string, ratio: number) => ({
  id,
  personId: 1,
  validFrom,
  validTo,
  ratio,
  reason: (id === 1 ? 'yearly' : 'redetermination') as 'yearly' | 'redetermination',
  runId: null,
  basis: {} as never,
  note: null,
  decidedOn: validFrom,
  recordedAt: new Date(0),
  recordedBy: null,
})

describe('effectiveCopayPeriods — a later decision covering a day wins', () => {
  it('a re-determination from 1 November splits the yearly period', () => {
    const periods = effectiveCopayPeriods([
      row(1, '2026-08-01', '2027-07-31', 1),
      row(2, '2026-11-01', '2027-07-31', 2),
    ])
    expect(periods.map((p) => [p.validFrom, p.validTo, p.ratio])).toEqual([
      ['2026-08-01', '2026-10-31', 1],
      ['2026-11-01', '2027-07-31', 2],
    ])
  })
  it('the ratio on the day before and on the day of the change', () => {
    const rows = [row(1, '2026-08-01', '2027-07-31', 1), row(2, '2026-11-01', '2027-07-31', 2)]
    expect(copayRatioOn(rows, '2026-10-31')).toBe(1)
    expect(copayRatioOn(rows, '2026-11-01')).toBe(2)
    expect(copayRatioOn(rows, '2026-07-31')).toBeNull()
  })
})
