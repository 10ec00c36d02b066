import { describe, expect, it } from 'vitest'
import { Empty$, IdempotencyKey$, IsoDate$, Ok$, RecordId$, RowVersion$, Yen$ } from '../../../../shared/api/primitives'
import { isValidIsoDate } from '../../../../shared/domain/dates'

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => i.message)

describe('IsoDate$ accepts a real calendar date only', () => {
  it.each([
    ['2024-02-29', 'the leap day of a leap year'],
    ['2026-02-28', 'the last day of February in a common year'],
    ['2026-04-30', 'the last day of a 30-day month'],
    ['2026-12-31', 'the last day of the year'],
    ['2000-02-29', 'the leap day of a year divisible by 400'],
    ['0001-01-01', 'the first day of the calendar'],
    ['9999-12-31', 'the last day of a four-digit year'],
  ])('accepts %s (%s)', (date) => {
    expect(IsoDate$.safeParse(date).success).toBe(true)
  })

  it.each([
    ['2025-02-29', 'the leap day of a common year'],
    ['2026-02-29', 'the leap day of a common year'],
    ['2026-02-31', 'the 31st of February'],
    ['2026-04-31', 'the 31st of a 30-day month'],
    ['2026-13-01', 'a 13th month'],
    ['2026-00-10', 'a month 0'],
    ['2026-01-00', 'a day 0'],
    ['1900-02-29', 'the leap day of a century year not divisible by 400'],
    ['0000-01-01', 'a year 0'],
  ])('refuses %s (%s) with a Japanese message that shows the date', (date) => {
    expect(messagesOf(IsoDate$.safeParse(date))).toEqual([`存在しない日付です（${date}）`])
  })

  it.each(['2026-2-1', '2026/02/01', '20260201', '2026-02-01T00:00:00Z', ' 2026-02-01', ''])(
    'refuses the malformed %j with the shape message only',
    (text) => {
      expect(messagesOf(IsoDate$.safeParse(text))).toEqual(['YYYY-MM-DD 形式の日付を指定してください'])
    },
  )

  it('is the same check as the domain: isValidIsoDate', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true)
    expect(isValidIsoDate('2025-02-29')).toBe(false)
    expect(isValidIsoDate(20240229)).toBe(false)
  })
})

describe('the other primitives', () => {
  it('IdempotencyKey$ takes a UUID and refuses anything else in Japanese', () => {
    expect(IdempotencyKey$.safeParse('0b5c2a4e-6f1d-4c3b-9a8e-7d6f5e4c3b2a').success).toBe(true)
    expect(messagesOf(IdempotencyKey$.safeParse('retry-1'))).toEqual(['再送キー（UUID）が必要です'])
  })

  it('RowVersion$ and RecordId$ start at 1', () => {
    expect(RowVersion$.safeParse(1).success).toBe(true)
    expect(RowVersion$.safeParse(0).success).toBe(false)
    expect(RecordId$.safeParse(1).success).toBe(true)
    expect(RecordId$.safeParse(0).success).toBe(false)
    expect(RecordId$.safeParse(1.5).success).toBe(false)
  })

  it('Yen$ is an integer amount, negative allowed, within safe integers', () => {
    expect(Yen$.safeParse(-1_200).success).toBe(true)
    expect(Yen$.safeParse(74_400).success).toBe(true)
    expect(Yen$.safeParse(0.5).success).toBe(false)
    expect(Yen$.safeParse(Number.MAX_SAFE_INTEGER + 1).success).toBe(false)
  })

  it('Empty$ takes no field and Ok$ only { ok: true }', () => {
    expect(Empty$.safeParse({}).success).toBe(true)
    expect(Empty$.safeParse({ x: 1 }).success).toBe(false)
    expect(Ok$.safeParse({ ok: true }).success).toBe(true)
    expect(Ok$.safeParse({ ok: false }).success).toBe(false)
  })
})
