import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { BackendClient } from '../../../../../electron/main/backend/backend-client'
import { createIpcHandlers, type HandlerServices } from '../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../electron/main/ipc/router'
import { StatisticsService, type ReportFileSaveDeps } from '../../../../../electron/main/services/statistics-service'
import type { DestinationKind } from '../../../../../electron/main/services/export/destination'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
const KEY = '00000000-0000-4000-8000-00000000000d'

/** Dummy bytes standing for an .xlsx (a ZIP begins with PK). */
const FILE_BYTES = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Array.from({ length: 60 }, (_, i) => i)])
const monthlyFile = {
  fileName: 'jigyo-jokyo-2026-10.xlsx',
  mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  contentBase64: FILE_BYTES.toString('base64'),
}
const annualFile = { ...monthlyFile, fileName: 'jigyo-jokyo-nenpo-2025.pdf', mediaType: 'application/pdf' }

const version = {
  id: 3,
  version: 1,
  cutoffOn: '2026-11-10',
  submittedBy: '検証 四季',
  submittedAt: '2026-11-12T01:00:00.000Z',
  sha256: 'a'.repeat(64),
}
const monthly = {
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
      cells: [{ id: 'certified.total.c1', row: '計', column: '第1号被保険者', value: 12 }],
    },
  ],
  checks: [],
  previousDifferences: [],
  versions: [version],
  source: 'docs/sources/migration.md §3',
}
/** An EUC run as the server answers it (grouped, one group suppressed) and the 持出申請 of it. */
const extractRun = {
  extractRunId: 9,
  templateId: 3,
  baseDate: '2026-11-30',
  header: ['町名', '人数'],
  rows: [
    ['本町', '12'],
    ['新町', '*'],
  ],
  rowCount: 2,
  personCount: 15,
  maskedItems: [],
  suppressedCells: 1,
  sha256: 'b'.repeat(64),
  ranBy: '検証 二郎（fuka01）',
  ranAt: '2026-12-01T00:00:00.000Z',
}
const extractRequest = {
  id: 21,
  purpose: '地域ケア会議の資料',
  recordTypes: ['statisticsExtract'],
  personCount: 15,
  status: 'pending',
  requestedBy: '検証 二郎（fuka01）',
  requestedAt: '2026-12-01T00:00:00.000Z',
  approvedBy: null,
}
const drill = {
  cellId: 'certified.total.c1',
  label: '計 第1号被保険者',
  value: 1,
  rows: [{ personId: 41, insuredNumber: '0000012345', name: '試験 太郎', birthDate: '1950-04-02', detail: '要介護1' }],
}

/**
 * The 統計・報告 channels inside main as the composition root wires them: IPC router (zod) → handler →
 * StatisticsService → BackendClient over a fake HTTP transport that answers as the server would (the server side has
 * its own integration tests). The save dialog, the volume check and the file writer are fakes of the OS.
 */
function setup(
  options: {
    answers?: Record<string, { status?: number; body: unknown }>
    exportAllowed?: boolean
    destination?: string | null
    kind?: DestinationKind
  } = {},
) {
  const requests: { path: string; body: Record<string, unknown>; authorization: string | undefined }[] = []
  const transport = {
    request: async (req: { url: string; body?: string; headers: Record<string, string> }) => {
      const path = new URL(req.url).pathname
      requests.push({
        path,
        body: JSON.parse(req.body ?? '{}') as Record<string, unknown>,
        authorization: req.headers['authorization'],
      })
      const answer = options.answers?.[path] ?? { body: { ok: true } }
      return { status: answer.status ?? 200, contentType: 'application/json', body: JSON.stringify(answer.body) }
    },
  }
  const backend = new BackendClient(transport, 'https://127.0.0.1:8443', { retries: 0, delayMs: 0 })
  const written: { path: string; data: Uint8Array }[] = []
  const refusals: { requestId: number; reason: string; message: string }[] = []
  const suggested: string[] = []
  const files: ReportFileSaveDeps = {
    policy: { exportAllowed: options.exportAllowed ?? true, allowRemovableExport: false, allowNetworkExport: false },
    chooseDestination: async (name) => {
      suggested.push(name)
      return options.destination === undefined ? `/home/staff/${name}` : options.destination
    },
    classify: async () => options.kind ?? 'local',
    writeFile: async (path, data) => void written.push({ path, data }),
    onRefused: (e) => void refusals.push(e),
  }
  const statistics = new StatisticsService(backend, auth, files)
  const router = createIpcRouter({
    handlers: createIpcHandlers({ statistics } as unknown as HandlerServices),
    isTrustedSender: (s) => s.kind === 'bridge',
  })
  const dispatch = (channel: string, payload: unknown) => router.dispatch(channel, payload, { kind: 'bridge' } as never)
  return { requests, dispatch, written, refusals, suggested }
}

describe('the report channels pass to their server routes with the session token', () => {
  it.each([
    ['statistics.monthlyReport', { reportMonth: '2026-10' }, '/api/v1/statistics/monthly', monthly],
    [
      'statistics.drillDown',
      { reportMonth: '2026-10', cellId: 'certified.total.c1' },
      '/api/v1/statistics/monthly/drill-down',
      drill,
    ],
    [
      'statistics.submit',
      { idempotencyKey: KEY, reportMonth: '2026-10', differenceNote: null },
      '/api/v1/statistics/monthly/submit',
      version,
    ],
    [
      'statistics.annualDrillDown',
      { fiscalYear: 2025, cellId: 'stages.total' },
      '/api/v1/statistics/annual/drill-down',
      { ...drill, cellId: 'stages.total', label: '計 第1号被保険者数' },
    ],
    ['statistics.annualSubmit', { idempotencyKey: KEY, fiscalYear: 2025 }, '/api/v1/statistics/annual/submit', version],
    ['statistics.extractTemplates', {}, '/api/v1/statistics/extracts/templates', { items: [], catalogue: [] }],
    [
      'statistics.runExtract',
      { templateId: 3, baseDate: '2026-11-30', reason: null },
      '/api/v1/statistics/extracts/run',
      extractRun,
    ],
    [
      'statistics.exportExtract',
      { idempotencyKey: KEY, extractRunId: 9, purpose: '地域ケア会議の資料' },
      '/api/v1/statistics/extracts/export',
      extractRequest,
    ],
  ])('%s → %s', async (channel, payload, path, answer) => {
    const { requests, dispatch } = setup({ answers: { [path]: { body: answer } } })
    const res = await dispatch(channel, payload)
    expect(res).toEqual({ ok: true, value: answer })
    expect(requests).toHaveLength(1)
    expect(requests[0]!.path).toBe(path)
    expect(requests[0]!.authorization).toBe(`Bearer ${TOKEN}`)
  })
  it('sends the cut-off as null when none is chosen (the server takes the default)', async () => {
    const { requests, dispatch } = setup({ answers: { '/api/v1/statistics/monthly': { body: monthly } } })
    await dispatch('statistics.monthlyReport', { reportMonth: '2026-10' })
    expect(requests[0]!.body).toEqual({ reportMonth: '2026-10', cutoffOn: null })
  })
  it('refuses a report month that is not YYYY-MM before anything is sent', async () => {
    const { requests, dispatch } = setup()
    const res = await dispatch('statistics.monthlyReport', { reportMonth: '2026-13' })
    expect(res).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toHaveLength(0)
  })
  it('passes the server’s Japanese refusal of a submission with failed checks through', async () => {
    const message = '前月報告との差異があります。差異の理由（訂正の内容）を入力してください'
    const { dispatch } = setup({
      answers: {
        '/api/v1/statistics/monthly/submit': {
          status: 409,
          body: { title: message, status: 409, code: 'checksFailed' },
        },
      },
    })
    const res = await dispatch('statistics.submit', { idempotencyKey: KEY, reportMonth: '2026-10' })
    expect(res).toMatchObject({ ok: false, message })
  })
})

describe('a report file leaves through the export control (C-21), its bytes unchanged', () => {
  const okMonthly = { answers: { '/api/v1/statistics/monthly/file': { body: monthlyFile } } }
  it('writes the 月報 where the user chose and answers only the name, destination and SHA-256', async () => {
    const { dispatch, written, suggested, requests, refusals } = setup(okMonthly)
    const res = await dispatch('statistics.saveReportFile', { reportMonth: '2026-10', versionId: 3, format: 'xlsx' })
    expect(requests[0]!.body).toEqual({ reportMonth: '2026-10', cutoffOn: null, versionId: 3, format: 'xlsx' })
    expect(suggested).toEqual(['jigyo-jokyo-2026-10.xlsx'])
    expect(written).toHaveLength(1)
    expect(Buffer.from(written[0]!.data).equals(FILE_BYTES)).toBe(true)
    expect(res).toEqual({
      ok: true,
      value: {
        fileName: 'jigyo-jokyo-2026-10.xlsx',
        destination: '/home/staff/jigyo-jokyo-2026-10.xlsx',
        fileSha256: createHash('sha256').update(FILE_BYTES).digest('hex'),
        format: 'xlsx',
      },
    })
    expect(JSON.stringify(res)).not.toContain(monthlyFile.contentBase64)
    expect(refusals).toEqual([])
  })
  it('writes the 年報 PDF from its own route', async () => {
    const { dispatch, written, requests } = setup({
      answers: { '/api/v1/statistics/annual/file': { body: annualFile } },
    })
    const res = await dispatch('statistics.saveAnnualReportFile', { fiscalYear: 2025, format: 'pdf' })
    expect(requests[0]!.path).toBe('/api/v1/statistics/annual/file')
    expect(res).toMatchObject({ ok: true, value: { fileName: 'jigyo-jokyo-nenpo-2025.pdf', format: 'pdf' } })
    expect(written).toHaveLength(1)
  })
  it('refuses when the terminal policy forbids export, before anything is fetched, and reports it', async () => {
    const { dispatch, requests, written, refusals } = setup({ ...okMonthly, exportAllowed: false })
    const res = await dispatch('statistics.saveReportFile', { reportMonth: '2026-10', format: 'pdf' })
    expect(res).toMatchObject({ ok: false, message: 'この端末からは報告ファイルを保存できません（端末ポリシー）' })
    expect(requests).toHaveLength(0)
    expect(written).toHaveLength(0)
    expect(refusals).toEqual([expect.objectContaining({ reason: 'statistics:monthly:pdf:policy' })])
  })
  it('refuses a removable drive (policy) and writes nothing', async () => {
    const { dispatch, written, refusals } = setup({ ...okMonthly, kind: 'removable' })
    const res = await dispatch('statistics.saveReportFile', { reportMonth: '2026-10', format: 'xlsx' })
    expect(res).toMatchObject({ ok: false, message: 'USBメモリ等の外部記憶媒体には保存できません（端末ポリシー）' })
    expect(written).toHaveLength(0)
    expect(refusals[0]?.reason).toBe('statistics:monthly:xlsx:destination:removable')
  })
  it('writes nothing when the save dialog is cancelled', async () => {
    const { dispatch, written } = setup({ ...okMonthly, destination: null })
    expect(await dispatch('statistics.saveReportFile', { reportMonth: '2026-10', format: 'xlsx' })).toMatchObject({
      ok: false,
      message: '保存先が選択されなかったため中止しました',
    })
    expect(written).toHaveLength(0)
  })
  it('reports the server’s refusal and writes nothing', async () => {
    const { dispatch, written, refusals } = setup({
      answers: {
        '/api/v1/statistics/monthly/file': {
          status: 403,
          body: { title: 'この操作の権限がありません', status: 403, code: 'forbidden' },
        },
      },
    })
    const res = await dispatch('statistics.saveReportFile', { reportMonth: '2026-10', format: 'xlsx' })
    expect(res).toMatchObject({ ok: false, message: 'この操作の権限がありません' })
    expect(written).toHaveLength(0)
    expect(refusals[0]?.reason).toBe('statistics:monthly:xlsx:server:forbidden')
  })
})
