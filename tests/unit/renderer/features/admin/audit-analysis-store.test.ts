import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  admin: { auditReport: vi.fn(), printAuditReport: vi.fn() },
  print: { printers: vi.fn() },
}))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { chartsOf, useAuditAnalysisStore } =
  await import('../../../../../renderer/src/features/admin/audit-analysis-store')
const { defaultPeriod, periodInstants } = await import('../../../../../renderer/src/features/admin/period')

const ok = <T>(value: T) => ({ ok: true as const, value })

/** A report as the server answers it; the figures below are counted by hand from it. */
const report = {
  from: '2026-11-01T00:00:00+09:00',
  to: '2026-12-01T00:00:00+09:00',
  rows: 40,
  perUser: [
    {
      userId: 1,
      loginId: 'shikaku01',
      requests: 25,
      personalDataRequests: 20,
      denied: 1,
      distinctPersons: 9,
      offHours: 2,
    },
    {
      userId: 2,
      loginId: 'kantoku01',
      requests: 10,
      personalDataRequests: 3,
      denied: 0,
      distinctPersons: 1,
      offHours: 0,
    },
    { userId: null, loginId: null, requests: 5, personalDataRequests: 0, denied: 5, distinctPersons: 0, offHours: 0 },
  ],
  offHours: [],
  offHoursTotal: 2,
  bulkLookups: [
    { userId: 1, loginId: 'shikaku01', hourStart: '2026-11-02T01:00:00.000Z', persons: 120, requests: 130 },
  ],
  loginFailures: [
    { loginId: 'fuka01', failures: 3, terminals: ['KD-0001'] },
    { loginId: null, failures: 2, terminals: ['KD-0002'] },
  ],
  protectedAccess: [],
  protectedAccessTotal: 1,
}

beforeEach(() => {
  vi.clearAllMocks()
  useAuditAnalysisStore.getState().reset()
})

describe('the period: whole days in Japan, the end day included', () => {
  it('runs from 00:00 JST of the first day to 00:00 JST of the day after the last', () => {
    expect(periodInstants('2026-11-01', '2026-11-30')).toEqual({
      ok: true,
      from: '2026-11-01T00:00:00+09:00',
      to: '2026-12-01T00:00:00+09:00',
    })
  })
  it('crosses month and leap-day ends (2028-02-28 → 2028-02-29, 2027-02-28 → 2027-03-01)', () => {
    expect(periodInstants('2028-02-28', '2028-02-28')).toMatchObject({ to: '2028-02-29T00:00:00+09:00' })
    expect(periodInstants('2027-02-28', '2027-02-28')).toMatchObject({ to: '2027-03-01T00:00:00+09:00' })
  })
  it('accepts one day (end = start) and refuses an end the day before the start', () => {
    expect(periodInstants('2026-11-01', '2026-11-01').ok).toBe(true)
    expect(periodInstants('2026-11-01', '2026-10-31')).toEqual({
      ok: false,
      message: '期間の終了日は開始日以降にしてください',
    })
  })
  it('defaults to the 30 days up to today, today included', () => {
    expect(defaultPeriod('2026-12-03')).toEqual({ from: '2026-11-04', to: '2026-12-03' })
  })
})

describe('the charts: the report figures as bars', () => {
  it('sums the signals over the users (20+3+0 personal, 1+0+5 denied, 3+2 login failures)', () => {
    expect(chartsOf(report).signals).toEqual([
      { label: '個人情報を扱う操作', value: 23 },
      { label: '拒否された操作', value: 6 },
      { label: '執務時間外', value: 2 },
      { label: '大量照会', value: 1 },
      { label: 'ログイン失敗', value: 5 },
      { label: '支援措置対象者', value: 1 },
    ])
  })
  it('shows each user by user id, an unknown caller as （不明）, and at most 15 users', () => {
    expect(chartsOf(report).perUser.map((b) => [b.label, b.value])).toEqual([
      ['shikaku01', 25],
      ['kantoku01', 10],
      ['（不明）', 5],
    ])
    const many = {
      ...report,
      perUser: Array.from({ length: 16 }, (_, i) => ({ ...report.perUser[0]!, loginId: `u${i}` })),
    }
    expect(chartsOf(many).perUser).toHaveLength(15)
  })
})

describe('analysing and printing', () => {
  it('asks main for the report of the period and keeps it', async () => {
    api.admin.auditReport.mockResolvedValue(ok(report))
    await useAuditAnalysisStore.getState().analyse('2026-11-01', '2026-11-30')
    expect(api.admin.auditReport).toHaveBeenCalledWith({
      from: '2026-11-01T00:00:00+09:00',
      to: '2026-12-01T00:00:00+09:00',
    })
    expect(useAuditAnalysisStore.getState().report).toEqual({ busy: false, error: null, data: report })
  })

  it('refuses a missing start date without calling main', async () => {
    await useAuditAnalysisStore.getState().analyse(null, '2026-11-30')
    expect(useAuditAnalysisStore.getState().report.error).toBe('期間の開始日を入力してください')
    expect(api.admin.auditReport).not.toHaveBeenCalled()
  })

  it('chooses the first allowed printer, never a refused one', async () => {
    api.print.printers.mockResolvedValue(
      ok({
        printers: [
          { name: 'Microsoft Print to PDF', allowed: false, reason: '仮想プリンタ' },
          { name: '事務室プリンタ', allowed: true, reason: null },
        ],
      }),
    )
    await useAuditAnalysisStore.getState().loadPrinters()
    expect(useAuditAnalysisStore.getState().printer).toBe('事務室プリンタ')
  })

  it('has main print the PDF of the period on the chosen printer, and says so', async () => {
    api.admin.printAuditReport.mockResolvedValue(
      ok({ title: 'アクセスログ分析報告書', printer: '事務室プリンタ', rows: 40 }),
    )
    expect(await useAuditAnalysisStore.getState().print('2026-11-01', '2026-11-30', '事務室プリンタ')).toBe(true)
    expect(api.admin.printAuditReport).toHaveBeenCalledWith({
      from: '2026-11-01T00:00:00+09:00',
      to: '2026-12-01T00:00:00+09:00',
      printer: '事務室プリンタ',
    })
    expect(useAuditAnalysisStore.getState().printing.data).toBe(
      'アクセスログ分析報告書を 事務室プリンタ に印刷しました',
    )
  })

  it('refuses to print without a printer', async () => {
    expect(await useAuditAnalysisStore.getState().print('2026-11-01', '2026-11-30', '')).toBe(false)
    expect(useAuditAnalysisStore.getState().printing.error).toBe('この端末で使用できるプリンタがありません')
    expect(api.admin.printAuditReport).not.toHaveBeenCalled()
  })
})
