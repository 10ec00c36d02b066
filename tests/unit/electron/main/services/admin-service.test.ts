import { describe, expect, it } from 'vitest'
import { BROWSER_MODE_PRINTER, BROWSER_MODE_VIRTUAL_PRINTER } from '../../../../../electron/main/headless-main'
import { BackendClient } from '../../../../../electron/main/backend/backend-client'
import { createIpcHandlers, type HandlerServices } from '../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../electron/main/ipc/router'
import { AdminService } from '../../../../../electron/main/services/admin-service'
import { PrintService } from '../../../../../electron/main/services/print/print-service'
import { RecordingPrinter } from '../../../../../electron/main/services/print/recording-printer'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
// A minimal but real PDF header: PrintService checks for '%PDF-'.
const PDF = Buffer.from('%PDF-1.7\n% committee report\n').toString('base64')

/**
 * The administration channels inside main, as the composition root wires them: IPC router (zod) → handler →
 * AdminService → BackendClient over a fake HTTP transport that answers as the server would (the server side has its
 * own integration tests); the print control and the printer are the real PrintService and RecordingPrinter.
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
  const admin = new AdminService(backend, auth, printing)
  const router = createIpcRouter({
    handlers: createIpcHandlers({ printing, admin } as unknown as HandlerServices),
    isTrustedSender: (s) => s.kind === 'bridge',
  })
  const dispatch = (channel: string, payload: unknown) => router.dispatch(channel, payload, { kind: 'bridge' })
  return { requests, printer, dispatch }
}

const period = { from: '2026-11-01T00:00:00+09:00', to: '2026-12-01T00:00:00+09:00' }
const pdfAnswer = { title: 'アクセスログ分析報告書', pdfBase64: PDF, rows: 12, personIds: [7, 9] }

describe('the committee PDF goes from the server to the allowlisted printer, never to the renderer (C-28)', () => {
  it('fetches the PDF, has the print recorded with the listed persons first, then prints exactly those bytes', async () => {
    const { requests, printer, dispatch } = setup({ '/api/v1/audit/report/pdf': pdfAnswer })
    const res = await dispatch('admin.printAuditReport', { ...period, printer: BROWSER_MODE_PRINTER })
    expect(res).toEqual({
      ok: true,
      value: { title: 'アクセスログ分析報告書', printer: BROWSER_MODE_PRINTER, rows: 12 },
    })
    // The answer to the renderer has no PDF in it.
    expect(JSON.stringify(res)).not.toContain(PDF)
    expect(requests.map((r) => r.path)).toEqual(['/api/v1/audit/report/pdf', '/api/v1/prints'])
    expect(requests[0]!.body).toEqual({
      ...period,
      bulkThresholdPerHour: 100,
      officeStart: '08:00',
      officeEnd: '20:00',
    })
    expect(requests[1]!.body).toEqual({
      form: 'アクセスログ分析報告書',
      printer: BROWSER_MODE_PRINTER,
      personIds: [7, 9],
      idempotencyKey: '00000000-0000-4000-8000-000000000001',
    })
    const [job] = printer.printed()
    expect(job).toMatchObject({ printer: BROWSER_MODE_PRINTER, kind: 'pdf', title: 'アクセスログ分析報告書' })
    expect(job!.pdfBase64).toBe(PDF)
  })

  it('refuses the virtual PDF printer: nothing recorded as printed, nothing printed', async () => {
    const { requests, printer, dispatch } = setup({ '/api/v1/audit/report/pdf': pdfAnswer })
    const res = await dispatch('admin.printAuditReport', { ...period, printer: BROWSER_MODE_VIRTUAL_PRINTER })
    expect(res).toMatchObject({ ok: false, code: 'forbidden' })
    expect(requests.map((r) => r.path)).not.toContain('/api/v1/prints')
    expect(printer.printed()).toHaveLength(0)
  })

  it('refuses a period that is not ISO 8601 at the IPC boundary, before any request', async () => {
    const { requests, dispatch } = setup()
    const res = await dispatch('admin.printAuditReport', { from: '2026/11/01', to: period.to, printer: 'x' })
    expect(res).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect(requests).toHaveLength(0)
  })
})

describe('the administration channels pass to their server routes with the session token', () => {
  const summary = {
    id: 5,
    loginId: 'new.staff',
    displayName: '新任 職員',
    department: '介護保険課',
    careArea: null,
    roles: [],
    locked: true,
    totpEnrolled: true,
    deactivated: false,
    rowVersion: 2,
  }
  const reset = {
    id: 3,
    userId: 5,
    loginId: 'new.staff',
    displayName: '新任 職員',
    reason: '端末の紛失',
    status: 'approved',
    requestedBy: 'kanri01',
    requestedAt: '2026-12-03T01:00:00.000Z',
    decidedBy: 'kantoku01',
    decidedAt: '2026-12-03T01:05:00.000Z',
    decisionComment: null,
  }
  const key = '00000000-0000-4000-8000-00000000000a'

  it.each([
    ['admin.lockUser', { idempotencyKey: key, userId: 5, reason: '不正利用の疑い' }, '/api/v1/users/lock', summary],
    ['admin.unlockUser', { idempotencyKey: key, userId: 5, reason: '確認済み' }, '/api/v1/users/unlock', summary],
    [
      'admin.requestTotpReset',
      { idempotencyKey: key, userId: 5, reason: '端末の紛失' },
      '/api/v1/users/totp-resets/request',
      { ...reset, status: 'pending', decidedBy: null, decidedAt: null },
    ],
    [
      'admin.decideTotpReset',
      { idempotencyKey: key, requestId: 3, approve: true },
      '/api/v1/users/totp-resets/decide',
      reset,
    ],
    ['admin.designations', { userId: 5 }, '/api/v1/designations/list', { items: [] }],
    [
      'admin.securityEvents',
      { ...period, kind: 'request-blocked' },
      '/api/v1/security/events',
      { items: [], total: 0, byKind: [] },
    ],
  ] as const)('%s → POST %s', async (channel, payload, path, answer) => {
    const { requests, dispatch } = setup({ [path]: answer })
    expect(await dispatch(channel, payload)).toEqual({ ok: true, value: answer })
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ path, authorization: `Bearer ${TOKEN}` })
    expect(requests[0]!.body).toMatchObject(payload)
  })

  it('refuses a reason of one character at the IPC boundary, naming the field in Japanese', async () => {
    const { requests, dispatch } = setup()
    const res = await dispatch('admin.lockUser', { idempotencyKey: key, userId: 5, reason: 'x' })
    expect(res).toMatchObject({ ok: false, code: 'invalidRequest' })
    expect((res as { message: string }).message).toContain('理由')
    expect(requests).toHaveLength(0)
  })
})
