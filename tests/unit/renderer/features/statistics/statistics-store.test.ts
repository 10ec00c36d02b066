import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  statistics: {
    monthlyReport: vi.fn(),
    drillDown: vi.fn(),
    submit: vi.fn(),
    saveReportFile: vi.fn(),
    annualReport: vi.fn(),
    annualDrillDown: vi.fn(),
    annualSubmit: vi.fn(),
    saveAnnualReportFile: vi.fn(),
  },
}))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const {
  useStatisticsStore,
  lastClosedMonth,
  lastClosedFiscalYear,
  cellText,
  reportGrid,
  submissionState,
  periodTitle,
} = await import('../../../../../renderer/src/features/statistics/statistics-store')
const { clearPersonalData, personalDataStores } = await import('../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'invalidRequest' as const, message })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const store = () => useStatisticsStore.getState()

const check = (id: string, ok: boolean, blocking: boolean) => ({ id, label: id, ok, blocking, detail: '' })
const version = (n: number) => ({
  id: 10 + n,
  version: n,
  cutoffOn: '2026-11-10',
  submittedBy: '検証 四季',
  submittedAt: '2026-11-12T01:00:00.000Z',
  sha256: 'a'.repeat(64),
})
const monthly = (overrides: Record<string, unknown> = {}) => ({
  reportMonth: '2026-10',
  baseDate: '2026-10-31',
  cutoffOn: '2026-11-10',
  placement: { inKindServiceMonth: '2026-08', reimbursementDecisionMonth: '2026-09' },
  tables: [
    {
      id: 'certified',
      title: '様式1-2 要介護（要支援）認定者数',
      status: 'computed',
      note: null,
      cells: [
        { id: 'certified.care1.c1', row: '要介護1', column: '第1号被保険者', value: 4 },
        { id: 'certified.care1.c2', row: '要介護1', column: '第2号被保険者', value: 0 },
        { id: 'certified.total.c1', row: '計', column: '第1号被保険者', value: 12 },
        { id: 'certified.total.c2', row: '計', column: '第2号被保険者', value: 1 },
      ],
    },
  ],
  checks: [check('balance', true, true), check('continuity', true, false)],
  previousDifferences: [],
  versions: [],
  source: 'docs/sources/migration.md §3',
  ...overrides,
})
const annual = () => ({
  fiscalYear: 2025,
  baseDate: '2026-03-31',
  cutoffOn: '2026-05-31',
  tables: [],
  checks: [],
  versions: [],
  source: 'docs/sources/migration.md §3',
})
const drill = {
  cellId: 'certified.total.c1',
  label: '計 第1号被保険者',
  value: 1,
  rows: [{ personId: 41, insuredNumber: '0000012345', name: '試験 太郎', birthDate: '1950-04-02', detail: '要介護1' }],
}
const OCT = { kind: 'monthly' as const, reportMonth: '2026-10', cutoffOn: null }

beforeEach(() => {
  vi.clearAllMocks()
  store().reset()
})

describe('the default period is the last closed one (its 基準日 has passed)', () => {
  it('takes the month before today as the 報告月, across a year end', () => {
    expect(lastClosedMonth('2026-12-07')).toBe('2026-11')
    expect(lastClosedMonth('2027-01-01')).toBe('2026-12')
    expect(lastClosedMonth('2026-11-30')).toBe('2026-10')
  })
  it('takes the 年度 whose 3月31日 has passed', () => {
    expect(lastClosedFiscalYear('2026-12-07')).toBe(2025)
    expect(lastClosedFiscalYear('2027-03-31')).toBe(2025)
    expect(lastClosedFiscalYear('2027-04-01')).toBe(2026)
  })
  it('titles a period as the report names it', () => {
    expect(periodTitle(OCT)).toBe('2026年10月分 月報')
    expect(periodTitle({ kind: 'annual', fiscalYear: 2025, cutoffOn: null })).toBe('2025年度 年報')
  })
})

describe('a table reads as rows × columns, a cell without imported inputs as 「データ未取込」', () => {
  it('lays the cells out in the order of the definition', () => {
    const grid = reportGrid(monthly().tables[0] as never)
    expect(grid.rows).toEqual(['要介護1', '計'])
    expect(grid.columns).toEqual(['第1号被保険者', '第2号被保険者'])
    expect(grid.at('計', '第1号被保険者')).toEqual({ id: 'certified.total.c1', value: 12 })
    expect(grid.at('計', '第3号')).toBeUndefined()
  })
  it('shows null as データ未取込 and zero as 0', () => {
    expect(cellText(null)).toBe('データ未取込')
    expect(cellText(0)).toBe('0')
    expect(cellText(12_345)).toBe('12,345')
  })
})

describe('the report of a period', () => {
  it('asks for the 月報 with the cut-off chosen (null: the default) and holds it', async () => {
    api.statistics.monthlyReport.mockResolvedValue(ok(monthly()))
    expect(await store().load(OCT)).toBe(true)
    expect(api.statistics.monthlyReport).toHaveBeenCalledWith({ reportMonth: '2026-10', cutoffOn: null })
    expect(store().report.data).toMatchObject({ kind: 'monthly', report: { reportMonth: '2026-10' } })
  })
  it('asks for the 年報 of a 年度', async () => {
    api.statistics.annualReport.mockResolvedValue(ok(annual()))
    await store().load({ kind: 'annual', fiscalYear: 2025, cutoffOn: '2026-05-31' })
    expect(api.statistics.annualReport).toHaveBeenCalledWith({ fiscalYear: 2025, cutoffOn: '2026-05-31' })
    expect(store().report.data?.kind).toBe('annual')
  })
  it('shows the server’s refusal and no report of another period', async () => {
    api.statistics.monthlyReport.mockResolvedValueOnce(ok(monthly()))
    await store().load(OCT)
    api.statistics.monthlyReport.mockResolvedValueOnce(refused('2026-12 はまだ締まっていません（基準日 2026-12-31）'))
    expect(await store().load({ ...OCT, reportMonth: '2026-12' })).toBe(false)
    expect(store().report.error).toBe('2026-12 はまだ締まっていません（基準日 2026-12-31）')
    expect(store().report.data).toBeNull()
  })
  it('keeps only the answer to the newest request', async () => {
    let answerOld: (v: unknown) => void = () => {}
    api.statistics.monthlyReport
      .mockImplementationOnce(() => new Promise((resolve) => (answerOld = resolve)))
      .mockResolvedValueOnce(ok(monthly({ reportMonth: '2026-09' })))
    const old = store().load(OCT)
    await store().load({ ...OCT, reportMonth: '2026-09' })
    answerOld(ok(monthly()))
    expect(await old).toBe(false)
    expect(store().report.data?.report).toMatchObject({ reportMonth: '2026-09' })
  })
})

describe('the drill-down from a cell lists its persons', () => {
  it('asks for the persons of the cell in the period shown', async () => {
    api.statistics.monthlyReport.mockResolvedValue(ok(monthly()))
    api.statistics.drillDown.mockResolvedValue(ok(drill))
    await store().load(OCT)
    expect(await store().openCell('certified.total.c1')).toBe(true)
    expect(api.statistics.drillDown).toHaveBeenCalledWith({
      reportMonth: '2026-10',
      cutoffOn: null,
      cellId: 'certified.total.c1',
    })
    expect(store().drillDown.data?.rows[0]?.name).toBe('試験 太郎')
    store().closeDrillDown()
    expect(store().drillDown.data).toBeNull()
  })
  it('uses the 年報 drill-down for a 年報', async () => {
    api.statistics.annualReport.mockResolvedValue(ok(annual()))
    api.statistics.annualDrillDown.mockResolvedValue(ok({ ...drill, cellId: 'stages.total' }))
    await store().load({ kind: 'annual', fiscalYear: 2025, cutoffOn: null })
    await store().openCell('stages.total')
    expect(api.statistics.annualDrillDown).toHaveBeenCalledWith({
      fiscalYear: 2025,
      cutoffOn: null,
      cellId: 'stages.total',
    })
  })
  it('asks nothing before a report is shown', async () => {
    expect(await store().openCell('certified.total.c1')).toBe(false)
    expect(api.statistics.drillDown).not.toHaveBeenCalled()
  })
  it('forgets the drill-down when another period is shown', async () => {
    api.statistics.monthlyReport.mockResolvedValue(ok(monthly()))
    api.statistics.drillDown.mockResolvedValue(ok(drill))
    await store().load(OCT)
    await store().openCell('certified.total.c1')
    await store().load({ ...OCT, reportMonth: '2026-09' })
    expect(store().drillDown.data).toBeNull()
  })
})

describe('submission: blocked by a failed blocking check, a continuity gap needs its reason', () => {
  const shown = (checks: ReturnType<typeof check>[]) => ({
    kind: 'monthly' as const,
    report: monthly({ checks }) as never,
  })
  it('allows a report whose checks all agree', () => {
    expect(submissionState(shown([check('balance', true, true)]), '')).toEqual({
      blocked: false,
      needsNote: false,
      problem: null,
    })
  })
  it('blocks a report with a failed blocking check, whatever the note', () => {
    const state = submissionState(shown([check('balance', false, true)]), '訂正のため')
    expect(state.blocked).toBe(true)
    expect(state.problem).toBe('点検で不一致があります: balance')
  })
  it('asks for the 差異の理由 when the continuity check fails, and allows it once given', () => {
    const gap = shown([check('continuity', false, false)])
    expect(submissionState(gap, '  ')).toMatchObject({ blocked: false, needsNote: true })
    expect(submissionState(gap, '  ').problem).toContain('差異の理由')
    expect(submissionState(gap, '10月の転出の訂正').problem).toBeNull()
  })
  it('sends the submission with a fresh idempotency key and the note, then shows the new version', async () => {
    api.statistics.monthlyReport
      .mockResolvedValueOnce(ok(monthly()))
      .mockResolvedValueOnce(ok(monthly({ versions: [version(1)] })))
    api.statistics.submit.mockResolvedValue(ok(version(1)))
    await store().load(OCT)
    const v = await store().submit('10月の転出の訂正')
    expect(v?.version).toBe(1)
    expect(api.statistics.submit).toHaveBeenCalledWith({
      idempotencyKey: expect.stringMatching(UUID),
      reportMonth: '2026-10',
      cutoffOn: null,
      differenceNote: '10月の転出の訂正',
    })
    expect(store().write.data).toBe('2026年10月分 月報 第1版を提出済みとして登録しました（締日 2026-11-10）')
    expect(store().report.data?.report.versions).toHaveLength(1)
  })
  it('submits a 年報 without a note', async () => {
    api.statistics.annualReport.mockResolvedValue(ok(annual()))
    api.statistics.annualSubmit.mockResolvedValue(ok(version(2)))
    await store().load({ kind: 'annual', fiscalYear: 2025, cutoffOn: null })
    await store().submit(null)
    expect(api.statistics.annualSubmit).toHaveBeenCalledWith({
      idempotencyKey: expect.stringMatching(UUID),
      fiscalYear: 2025,
      cutoffOn: null,
    })
    expect(store().write.data).toContain('2025年度 年報 第2版')
  })
  it('shows the server’s refusal and keeps the report', async () => {
    api.statistics.monthlyReport.mockResolvedValue(ok(monthly()))
    api.statistics.submit.mockResolvedValue(refused('点検で不一致があります: 第1号被保険者数の増減'))
    await store().load(OCT)
    expect(await store().submit(null)).toBeNull()
    expect(store().write.error).toBe('点検で不一致があります: 第1号被保険者数の増減')
    expect(store().report.data).not.toBeNull()
    expect(api.statistics.monthlyReport).toHaveBeenCalledTimes(1)
  })
})

describe('the Excel and PDF are saved by main (export control), the store learns only where', () => {
  const saved = { fileName: 'r.xlsx', destination: '/home/staff/r.xlsx', fileSha256: 'b'.repeat(64), format: 'xlsx' }
  it('saves the current computation, or a submitted version as submitted', async () => {
    api.statistics.monthlyReport.mockResolvedValue(ok(monthly()))
    api.statistics.saveReportFile.mockResolvedValue(ok(saved))
    await store().load(OCT)
    expect(await store().saveFile('xlsx')).toBe(true)
    expect(api.statistics.saveReportFile).toHaveBeenLastCalledWith({
      reportMonth: '2026-10',
      cutoffOn: null,
      versionId: null,
      format: 'xlsx',
    })
    await store().saveFile('pdf', 11)
    expect(api.statistics.saveReportFile).toHaveBeenLastCalledWith(
      expect.objectContaining({ versionId: 11, format: 'pdf' }),
    )
    expect(store().saved).toEqual(saved)
    expect(store().write.data).toBe('r.xlsx を保存しました')
  })
  it('saves a 年報 from its own channel', async () => {
    api.statistics.annualReport.mockResolvedValue(ok(annual()))
    api.statistics.saveAnnualReportFile.mockResolvedValue(ok({ ...saved, format: 'pdf' }))
    await store().load({ kind: 'annual', fiscalYear: 2025, cutoffOn: null })
    await store().saveFile('pdf')
    expect(api.statistics.saveAnnualReportFile).toHaveBeenCalledWith({
      fiscalYear: 2025,
      cutoffOn: null,
      versionId: null,
      format: 'pdf',
    })
  })
  it('shows a refusal of the export control', async () => {
    api.statistics.monthlyReport.mockResolvedValue(ok(monthly()))
    api.statistics.saveReportFile.mockResolvedValue(
      refused('この端末からは報告ファイルを保存できません（端末ポリシー）'),
    )
    await store().load(OCT)
    expect(await store().saveFile('xlsx')).toBe(false)
    expect(store().write.error).toBe('この端末からは報告ファイルを保存できません（端末ポリシー）')
    expect(store().saved).toBeNull()
  })
})

describe('personal data', () => {
  it('is registered as statistics and cleared with the drill-down persons', async () => {
    api.statistics.monthlyReport.mockResolvedValue(ok(monthly()))
    api.statistics.drillDown.mockResolvedValue(ok(drill))
    await store().load(OCT)
    await store().openCell('certified.total.c1')
    expect(personalDataStores()).toContain('statistics')
    clearPersonalData()
    expect(JSON.stringify(store())).not.toContain('試験 太郎')
    expect(store().report.data).toBeNull()
    expect(store().period).toBeNull()
  })
})
