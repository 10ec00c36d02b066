import { describe, expect, it } from 'vitest'
import { BackendClient } from '../../../../../electron/main/backend/backend-client'
import { createIpcHandlers, type HandlerServices } from '../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../electron/main/ipc/router'
import { CertificationService } from '../../../../../electron/main/services/certification-service'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
const KEY = '00000000-0000-4000-8000-00000000000e'

/**
 * The 要介護認定 intake channels inside main as the composition root wires them: IPC router (zod) → handler →
 * CertificationService → BackendClient over a fake HTTP transport (the server has its own integration tests).
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
  const certification = new CertificationService(backend, auth)
  const router = createIpcRouter({
    handlers: createIpcHandlers({ certification } as unknown as HandlerServices),
    isTrustedSender: (s) => s.kind === 'bridge',
  })
  return { requests, dispatch: (c: string, p: unknown) => router.dispatch(c, p, { kind: 'bridge' } as never) }
}

describe('the 認定 intake channels pass to their server routes with the session token', () => {
  it('certification.recordReminder → /api/v1/certification/reminders', async () => {
    const path = '/api/v1/certification/reminders'
    const { requests, dispatch } = setup({ [path]: { ok: true } })
    const request = { caseId: 3, target: 'survey', on: '2026-12-04', idempotencyKey: KEY }
    expect(await dispatch('certification.recordReminder', request)).toEqual({ ok: true, value: { ok: true } })
    expect(requests).toEqual([{ path, body: request, authorization: `Bearer ${TOKEN}` }])
  })
  it('refuses a request outside the contract before it reaches the server', async () => {
    const { requests, dispatch } = setup({})
    const res = (await dispatch('certification.apply', { personId: 1, kind: 'change' })) as { ok: boolean }
    expect(res.ok).toBe(false)
    expect(requests).toEqual([])
  })
})
