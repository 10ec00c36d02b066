import { describe, expect, it } from 'vitest'
import { BROWSER_MODE_PRINTER, BROWSER_MODE_VIRTUAL_PRINTER } from '../../../../../electron/main/headless-main'
import { BackendClient } from '../../../../../electron/main/backend/backend-client'
import { createIpcHandlers, type HandlerServices } from '../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../electron/main/ipc/router'
import { RetentionService } from '../../../../../electron/main/services/retention-service'
import { PrintService } from '../../../../../electron/main/services/print/print-service'
import { RecordingPrinter } from '../../../../../electron/main/services/print/recording-printer'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
// A minimal but real PDF header: PrintService checks for '%PDF-'.
const PDF = Buffer.from('%PDF-1.7\n% erasure report\n').toString('base64')
const KEY = '00000000-0000-4000-8000-00000000000a'

/**
 * The retention channels inside main, as the composition root wires them: IPC router (zod) → handler →
 * RetentionService → BackendClient over a fake HTTP transport that answers as the server would (the server side has
 * its own integration tests, tests/integration/areas/retention/); the print control and the printer are the real
 * PrintService and RecordingPrinter.
 */
function setup(answers: Record<string, unknown> = {}) {
  const requests: { path: string; body: Record<string, unknown>; authorization: string | undefined }[] = []
  const transport = {
    request: async (req: { url: string; body?: string; headers: Record<string, string> }) => {
      const path = new URL(req.url).pathname
      requests.push({
        path,
        body: JSON.parse(req.body ?? '{}') as Record<string, unknown>,
        authorization: req.headers['authorization'],
      })
      const answer = answers[path] ?? { ok: true }
      return { status: 200, contentType: 'application/json', body: JSON.stringify(answer) }
    },
  }
  const backend = new BackendClient(transport, 'https://127.0.0.1:8443')
  const printer = new RecordingPrinter([BROWSER_MODE_PRINTER, BROWSER_MODE_VIRTUAL_PRINTER])
  const printing = new PrintService(backend, auth, {
    printersAllowlist: [BROWSER_MODE_PRINTER],
    printers: printer.adapter,
    newKey: () => '00000000-0000-4000-8000-000000000001',
  })
  const retention = new RetentionService(backend, auth, printing)
  const router = createIpcRouter({
    handlers: createIpcHandlers({ printing, retention } as unknown as HandlerServices),
    isTrustedSender: (s) => s.kind === 'bridge',
  })
  const dispatch = (channel: string, payload: unknown) => router.dispatch(channel, payload, { kind: 'bridge' })
  return { requests, printer, dispatch }
}

const reportAnswer = { fileName: 'shokyo_hokokusho_6_2026-12-03.pdf', pdfBase64: PDF }

describe('the 消去報告書 goes from the server to the allowlisted printer, never to the renderer (C-20, C-28)', () => {
  it('fetches the PDF of the run, has the print recorded without persons first, then prints exactly those bytes', async () => {
    const { requests, printer, dispatch } = setup({ '/api/v1/retention/runs/report': reportAnswer })
    const res = await dispatch('retention.printReport', { runId: 6, printer: BROWSER_MODE_PRINTER })
    expect(res).toEqual({ ok: true, value: { title: '消去報告書（第6号）', printer: BROWSER_MODE_PRINTER, runId: 6 } })
    // The answer to the renderer has no PDF in it.
    expect(JSON.stringify(res)).not.toContain(PDF)
    expect(requests.map((r) => r.path)).toEqual(['/api/v1/retention/runs/report', '/api/v1/prints'])
    expect(requests[0]!.body).toEqual({ runId: 6 })
    // The report names no resident: the print row lists nobody.
    expect(requests[1]!.body).toEqual({
      form: '消去報告書',
      printer: BROWSER_MODE_PRINTER,
      personIds: [],
      idempotencyKey: '00000000-0000-4000-8000-000000000001',
    })
    const [job] = printer.printed()
    expect(job).toMatchObject({ printer: BROWSER_MODE_PRINTER, kind: 'pdf', title: '消去報告書' })
    expect(job!.pdfBase64).toBe(PDF)
  })

  it('refuses the virtual PDF printer: nothing recorded as printed, nothing printed', async () => {
    const { requests, printer, dispatch } = setup({ '/api/v1/retention/runs/report': reportAnswer })
    const res = await dispatch('retention.printReport', { runId: 6, printer: BROWSER_MODE_VIRTUAL_PRINTER })
    expect(res).toMatchObject({ ok: false, code: 'forbidden' })
    expect(requests.map((r) => r.path)).not.toContain('/api/v1/prints')
    expect(printer.printed()).toHaveLength(0)
  })

  it('refuses a run id of 0 at the IPC boundary, before any request', async () => {
    const { requests, dispatch } = setup()
    const res = await dispatch('retention.printReport', { runId: 0, printer: BROWSER_MODE_PRINTER })
    expect(res).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toHaveLength(0)
  })
})

describe('the retention channels pass to their server routes with the session token', () => {
  const summary = {
    id: 6,
    status: 'approved',
    asOf: '2026-12-03',
    kinds: [
      { kind: 'insuredPerson', label: '被保険者の記録', records: 2, oldest: '2021-04-01', newest: '2021-11-30' },
      { kind: 'intakeFile', label: '住基異動の取込記録', records: 0, oldest: null, newest: null },
      { kind: 'exportRequest', label: '持出申請', records: 0, oldest: null, newest: null },
    ],
    preparedBy: '検証 一郎（shikaku01）',
    preparedAt: '2026-12-03T00:10:00.000Z',
    approvedBy: '監督 花子（kantoku01）',
    approvedAt: '2026-12-03T00:20:00.000Z',
    erasedBy: null,
    erasedAt: null,
    erasedRows: null,
    keptAtErasure: null,
    backups: [],
  }
  const persons = {
    runId: 6,
    persons: [
      {
        personId: 9,
        insuredNumber: '0000000009',
        name: '検証 太郎',
        nameKana: 'ケンショウ タロウ',
        lostOn: '2021-04-01',
        keepUntil: '2026-04-01',
      },
    ],
  }

  it.each([
    ['retention.runs', {}, '/api/v1/retention/runs/list', { items: [summary] }],
    ['retention.prepare', { idempotencyKey: KEY }, '/api/v1/retention/runs', { ...summary, status: 'prepared' }],
    ['retention.runPersons', { runId: 6 }, '/api/v1/retention/runs/persons', persons],
    ['retention.approve', { runId: 6, idempotencyKey: KEY }, '/api/v1/retention/runs/approve', summary],
    ['retention.erase', { runId: 6, idempotencyKey: KEY }, '/api/v1/retention/runs/erase', summary],
  ] as const)('%s → POST %s', async (channel, payload, path, answer) => {
    const { requests, dispatch } = setup({ [path]: answer })
    expect(await dispatch(channel, payload)).toEqual({ ok: true, value: answer })
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ path, authorization: `Bearer ${TOKEN}` })
    expect(requests[0]!.body).toEqual(payload)
  })

  it('refuses a sign-off without an idempotency key at the IPC boundary, before any request', async () => {
    const { requests, dispatch } = setup()
    const res = await dispatch('retention.approve', { runId: 6 })
    expect(res).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toHaveLength(0)
  })

  it('refuses an answer with a field the contract does not name: main checks every answer', async () => {
    const { dispatch } = setup({ '/api/v1/retention/runs/persons': { ...persons, pdfBase64: PDF } })
    const res = await dispatch('retention.runPersons', { runId: 6 })
    expect(res).toMatchObject({ ok: false })
  })
})
