import { describe, expect, it } from 'vitest'
import { sendSlotOn } from '../../../../shared/domain/kokuhoren-schedule'

// Cut-off days 3 (初回分) and 10 (追加分): the ward parameters of shared/domain/parameters/kokuhoren.ts ⚠️, after the
// prefectural example of docs/sources/interfaces.md §1.3.
describe('sendSlotOn: 初回分 up to the 3rd, 追加分 up to the 10th, then next month', () => {
  it('the 1st and the 2nd (the days before the 初回分 cut-off) are 初回分', () => {
    expect(sendSlotOn('2026-05-01')).toMatchObject({
      processingMonth: '2026-05',
      round: 'initial',
      cutoffOn: '2026-05-03',
    })
    expect(sendSlotOn('2026-05-02')).toMatchObject({
      processingMonth: '2026-05',
      round: 'initial',
      cutoffOn: '2026-05-03',
    })
  })
  it('the 3rd is still 初回分, the 4th is 追加分', () => {
    expect(sendSlotOn('2026-05-03')).toEqual({
      processingMonth: '2026-05',
      round: 'initial',
      cutoffOn: '2026-05-03',
      additionalCutoffOn: '2026-05-10',
    })
    expect(sendSlotOn('2026-05-04')).toMatchObject({
      processingMonth: '2026-05',
      round: 'additional',
      cutoffOn: '2026-05-10',
    })
  })
  it('the 9th (the day before the 追加分 cut-off) is 追加分', () => {
    expect(sendSlotOn('2026-05-09')).toMatchObject({
      processingMonth: '2026-05',
      round: 'additional',
      cutoffOn: '2026-05-10',
    })
  })
  it('the 10th is still 追加分, the 11th goes with the next month’s 初回分', () => {
    expect(sendSlotOn('2026-05-10')).toMatchObject({ processingMonth: '2026-05', round: 'additional' })
    expect(sendSlotOn('2026-05-11')).toMatchObject({
      processingMonth: '2026-06',
      round: 'initial',
      cutoffOn: '2026-06-03',
    })
  })
  it('December rolls over into January of the next year', () => {
    expect(sendSlotOn('2026-12-31')).toMatchObject({
      processingMonth: '2027-01',
      round: 'initial',
      cutoffOn: '2027-01-03',
    })
  })
})
