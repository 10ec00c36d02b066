import { describe, expect, it } from 'vitest'
import { BackendClient } from '../../../../../electron/main/backend/backend-client'
import { createIpcHandlers, type HandlerServices } from '../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../electron/main/ipc/router'
import { BROWSER_MODE_PRINTER, BROWSER_MODE_VIRTUAL_PRINTER } from '../../../../../electron/main/headless-main'
import { CertificationDecisionService } from '../../../../../electron/main/services/certification-decision-service'
import { PrintService } from '../../../../../electron/main/services/print/print-service'
import { RecordingPrinter } from '../../../../../electron/main/services/print/recording-printer'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
const KEY = '00000000-0000-4000-8000-00000000000c'
const PDF = Buffer.from('%PDF-1.7\n% a notice\n%%EOF').toString('base64')

/**
 * The 要介護認定 decision channels inside main as the composition root wires them: IPC router (zod) → handler →
 * CertificationDecisionService → BackendClient over a fake HTTP transport answering as the server would (the server
 * side is tested in tests/integration/areas/certification/decision/).
 */
function setup(answers: Record<string, { status?: number; body: unknown }> = {}) {
  const requests: { path: string; body: Record<string, unknown>; authorization: string | undefined }[] = []
  const transport = {
    request: async (req: { url: string; body?: string; headers: Record<string, string> }) => {
      const path = new URL(req.url).pathname
      requests.push({
        path,
        body: JSON.parse(req.body ?? '{}') as Record<string, unknown>,
        authorization: req.headers['authorization'],
      })
      const answer = answers[path] ?? { body: { ok: true } }
      return { status: answer.status ?? 200, contentType: 'application/json', body: JSON.stringify(answer.body) }
    },
  }
  const backend = new BackendClient(transport, 'https://127.0.0.1:8443', { retries: 0, delayMs: 0 })
  const printer = new RecordingPrinter([BROWSER_MODE_PRINTER, BROWSER_MODE_VIRTUAL_PRINTER])
  const printing = new PrintService(backend, auth, {
    printersAllowlist: [BROWSER_MODE_PRINTER],
    printers: printer.adapter,
    newKey: () => '00000000-0000-4000-8000-000000000001',
  })
  const certificationDecision = new CertificationDecisionService(backend, auth, printing)
  const router = createIpcRouter({
    handlers: createIpcHandlers({ certificationDecision, printing } as unknown as HandlerServices),
    isTrustedSender: (s) => s.kind === 'bridge',
  })
  const dispatch = (channel: string, payload: unknown) => router.dispatch(channel, payload, { kind: 'bridge' } as never)
  return { requests, dispatch, printer }
}

describe('the decision channels pass to their server routes with the session token', () => {
  it('sends the 自動割付 to its route and answers what the server answered', async () => {
    const answer = { assignments: [{ caseId: 7, meetingId: 2, order: 1 }], unassigned: [] }
    const { requests, dispatch } = setup({ '/api/v1/certification/board/assign': { body: answer } })
    expect(await dispatch('certification.autoAssign', { idempotencyKey: KEY })).toEqual({ ok: true, value: answer })
    expect(requests[0]).toMatchObject({ path: '/api/v1/certification/board/assign', authorization: `Bearer ${TOKEN}` })
  })
  it('refuses a decision with a validity beyond 48 months at the boundary, before any request', async () => {
    const { requests, dispatch } = setup()
    const res = await dispatch('certification.recordDecision', {
      caseId: 7,
      result: '22',
      validityMonths: 49,
      votesFor: 3,
      votesAgainst: 0,
      idempotencyKey: KEY,
    })
    expect(res).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toEqual([])
  })
})

describe('a notice goes from the server to the allowlisted printer, never to the renderer (C-28)', () => {
  it('issues the 認定結果通知書, records the print naming the person, then prints exactly those bytes', async () => {
    const { requests, dispatch, printer } = setup({
      '/api/v1/certification/notices': {
        body: {
          personId: 41,
          noticeKind: 'result',
          number: 1,
          issuedOn: '2026-12-15',
          fileName: 'n.pdf',
          pdfBase64: PDF,
        },
      },
    })
    const res = await dispatch('certification.printNotice', {
      caseId: 7,
      noticeKind: 'result',
      printer: BROWSER_MODE_PRINTER,
      idempotencyKey: KEY,
    })
    expect(res).toEqual({ ok: true, value: { title: '認定結果通知書', printer: BROWSER_MODE_PRINTER, number: 1 } })
    expect(JSON.stringify(res)).not.toContain(PDF)
    expect(requests.map((r) => r.path)).toEqual(['/api/v1/certification/notices', '/api/v1/prints'])
    expect(requests[0]!.body).toEqual({ caseId: 7, noticeKind: 'result', idempotencyKey: KEY })
    expect(requests[1]!.body).toMatchObject({ form: '認定結果通知書', printer: BROWSER_MODE_PRINTER, personIds: [41] })
    expect(printer.printed()[0]).toMatchObject({ printer: BROWSER_MODE_PRINTER, kind: 'pdf', title: '認定結果通知書' })
    expect(printer.printed()[0]!.pdfBase64).toBe(PDF)
  })
})
