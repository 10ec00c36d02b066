import { describe, expect, it } from 'vitest'
import { BackendClient } from '../../../../../electron/main/backend/backend-client'
import { createIpcHandlers, type HandlerServices } from '../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../electron/main/ipc/router'
import { PaymentIntakeService } from '../../../../../electron/main/services/payment-intake-service'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
const KEY = '00000000-0000-4000-8000-00000000000d'

/**
 * The 消込 channels inside main as the composition root wires them: IPC router (zod) → handler → PaymentIntakeService
 * → BackendClient over a fake HTTP transport that answers as the server would (the server has its own integration
 * tests).
 */
function setup(answers: Record<string, unknown>) {
  const requests: { path: string; body: unknown; authorization: string | undefined }[] = []
  const transport = {
    request: async (req: { url: string; body?: string; headers: Record<string, string> }) => {
      const path = new URL(req.url).pathname
      requests.push({ path, body: JSON.parse(req.body ?? '{}'), authorization: req.headers['authorization'] })
      return { status: 200, contentType: 'application/json', body: JSON.stringify(answers[path]) }
    },
  }
  const backend = new BackendClient(transport, 'https://127.0.0.1:8443', { retries: 0, delayMs: 0 })
  const paymentIntake = new PaymentIntakeService(backend, auth)
  const router = createIpcRouter({
    handlers: createIpcHandlers({ paymentIntake } as unknown as HandlerServices),
    isTrustedSender: (s) => s.kind === 'bridge',
  })
  return { requests, dispatch: (c: string, p: unknown) => router.dispatch(c, p, { kind: 'bridge' } as never) }
}

describe('the 消込 channels pass to their server routes with the session token', () => {
  const result = {
    status: 'applied',
    fileId: 1,
    lines: 2,
    applied: 1,
    appliedAmount: 11_040,
    work: 1,
    workAmount: 5_000,
    notTransferred: 0,
    alreadyCounted: 0,
    problemCount: 0,
    problems: [],
  }
  it.each([
    [
      'paymentIntake.import',
      { kind: 'convenience', fileName: 'CVS.csv', contentBase64: 'YQ==', dryRun: false, idempotencyKey: KEY },
      '/api/v1/collection/payments/import',
      result,
    ],
    [
      'paymentIntake.workList',
      { status: 'open' },
      '/api/v1/collection/payments/work-list',
      { items: [], openCount: 0 },
    ],
  ])('%s → %s', async (channel, request, path, answer) => {
    const { requests, dispatch } = setup({ [path]: answer })
    expect(await dispatch(channel, request)).toEqual({ ok: true, value: answer })
    expect(requests).toEqual([{ path, body: request, authorization: `Bearer ${TOKEN}` }])
  })
  it('refuses a request outside the contract before it reaches the server', async () => {
    const { requests, dispatch } = setup({})
    const res = (await dispatch('paymentIntake.decide', { itemId: 1, action: 'assign' })) as { ok: boolean }
    expect(res.ok).toBe(false)
    expect(requests).toEqual([])
  })
})
