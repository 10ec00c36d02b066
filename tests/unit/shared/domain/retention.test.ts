import { describe, expect, it } from 'vitest'
import { isPastRetention, retentionEndDate, retentionRule } from '../../../../shared/domain'
import { RETENTION_PERIODS, retentionKinds } from '../../../../shared/domain/parameters/retention'

// Periods: shared/domain/parameters/retention.ts (ward decisions). Counting: 民法第140条 (初日不算入) and 第143条
// (the period ends on the day before the corresponding day; with no corresponding day, at the end of that month).

describe('every record kind has a retention rule from the start of 介護保険 (2000-04-01), with its source', () => {
  it.each(retentionKinds)('%s', (kind) => {
    expect(RETENTION_PERIODS[kind][0]!.from).toBe('2000-04-01')
    expect(RETENTION_PERIODS[kind].every((v) => v.source.length > 0)).toBe(true)
    expect(() => retentionRule(kind, '2026-12-03')).not.toThrow()
  })
  it('before 2000-04-01 no rule is in force (no silent fallback)', () => {
    expect(() => retentionRule('insuredPerson', '2000-03-31')).toThrow(/retention.insuredPerson/)
  })
})

describe('被保険者の記録: 資格喪失日の翌日から5年 (ward decision)', () => {
  it('loss on 2020-04-01 → kept through 2025-04-01, past retention from 2025-04-02', () => {
    expect(retentionEndDate('insuredPerson', '2020-04-01', '2026-12-03')).toBe('2025-04-01')
    expect(isPastRetention('insuredPerson', '2020-04-01', '2025-04-01')).toBe(false)
    expect(isPastRetention('insuredPerson', '2020-04-01', '2025-04-02')).toBe(true)
  })
  it('loss on a leap day (2020-02-29): 2020-03-01 + 5 years ends 2025-02-28; past from 2025-03-01', () => {
    expect(retentionEndDate('insuredPerson', '2020-02-29', '2026-12-03')).toBe('2025-02-28')
    expect(isPastRetention('insuredPerson', '2020-02-29', '2025-02-28')).toBe(false)
    expect(isPastRetention('insuredPerson', '2020-02-29', '2025-03-01')).toBe(true)
  })
  it('loss on 2019-02-28: counted from 2019-03-01, the period ends on the leap day 2024-02-29', () => {
    expect(retentionEndDate('insuredPerson', '2019-02-28', '2026-12-03')).toBe('2024-02-29')
    expect(isPastRetention('insuredPerson', '2019-02-28', '2024-02-29')).toBe(false)
    expect(isPastRetention('insuredPerson', '2019-02-28', '2024-03-01')).toBe(true)
  })
  it('loss on 2021-12-31 → kept through 2026-12-31 (year end)', () => {
    expect(isPastRetention('insuredPerson', '2021-12-31', '2026-12-31')).toBe(false)
    expect(isPastRetention('insuredPerson', '2021-12-31', '2027-01-01')).toBe(true)
  })
})

describe('賦課の記録: 資格喪失日の翌日から5年 — longer than the 2-year limitation (介護保険法第200条)', () => {
  it('loss on 2021-06-15 → past from 2026-06-16', () => {
    expect(isPastRetention('premium', '2021-06-15', '2026-06-15')).toBe(false)
    expect(isPastRetention('premium', '2021-06-15', '2026-06-16')).toBe(true)
  })
})

describe('持出申請: 申請日の翌日から3年; 住基異動の取込記録: 5年', () => {
  it('request on 2023-03-31 → past from 2026-04-01', () => {
    expect(isPastRetention('exportRequest', '2023-03-31', '2026-03-31')).toBe(false)
    expect(isPastRetention('exportRequest', '2023-03-31', '2026-04-01')).toBe(true)
  })
  it('intake on 2021-12-03 → past from 2026-12-04', () => {
    expect(isPastRetention('intakeFile', '2021-12-03', '2026-12-03')).toBe(false)
    expect(isPastRetention('intakeFile', '2021-12-03', '2026-12-04')).toBe(true)
  })
})

describe('バックアップ: 取得日の翌日から1年で廃棄', () => {
  it('taken 2024-02-29 → kept through 2025-02-28, past from 2025-03-01', () => {
    expect(retentionEndDate('backup', '2024-02-29', '2026-12-03')).toBe('2025-02-28')
    expect(isPastRetention('backup', '2024-02-29', '2025-03-01')).toBe(true)
  })
})

describe('アクセスログ and 持出管理簿 are never erased by the batch', () => {
  it.each(['auditLog', 'exportLedger'] as const)('%s has no end date, even 100 years on', (kind) => {
    expect(retentionEndDate(kind, '2000-04-01', '2100-04-01')).toBeNull()
    expect(isPastRetention(kind, '2000-04-01', '2100-04-01')).toBe(false)
  })
})

describe('the reference date is checked', () => {
  it('refuses an impossible date', () => {
    expect(() => isPastRetention('insuredPerson', '2021-02-29', '2026-12-03')).toThrow()
  })
})
