import { describe, expect, it } from 'vitest'
import { BackendClient } from '../../../../../electron/main/backend/backend-client'
import { createIpcHandlers, type HandlerServices } from '../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../electron/main/ipc/router'
import { CollectionService, REFUND_NOTICE_FORM } from '../../../../../electron/main/services/collection-service'
import type { PrintRequest } from '../../../../../shared/api/print'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }
const PDF = Buffer.from('%PDF-1.7 還付通知書').toString('base64')

/**
 * The 収納台帳 channels inside main as the composition root wires them: IPC router (zod) → handler →
 * CollectionService → BackendClient over a fake HTTP transport that answers as the server would; the 還付通知書 goes
 * to the print control, never back to the renderer.
 */
function setup(answers: Record<string, unknown>) {
  const requests: { path: string; body: unknown; authorization: string | undefined }[] = []
  const printed: PrintRequest[] = []
  const transport = {
    request: async (req: { url: string; body?: string; headers: Record<string, string> }) => {
      const path = new URL(req.url).pathname
      requests.push({ path, body: JSON.parse(req.body ?? '{}'), authorization: req.headers['authorization'] })
      return { status: 200, contentType: 'application/json', body: JSON.stringify(answers[path]) }
    },
  }
  const backend = new BackendClient(transport, 'https://127.0.0.1:8443', { retries: 0, delayMs: 0 })
  const printing = { print: async (req: PrintRequest) => (printed.push(req), { ok: true as const }) }
  const collection = new CollectionService(backend, auth, printing)
  const router = createIpcRouter({
    handlers: createIpcHandlers({ collection, printing } as unknown as HandlerServices),
    isTrustedSender: (s) => s.kind === 'bridge',
  })
  return { requests, printed, dispatch: (c: string, p: unknown) => router.dispatch(c, p, { kind: 'bridge' } as never) }
}

describe('the 収納台帳 channels', () => {
  it('pass a person’s ledger read to its server route with the session token', async () => {
    const ledger = {
      personId: 7,
      person: { name: '検証 収納', insuredNumber: null },
      asOf: '2026-12-10',
      years: [],
      overpaid: 0,
      refunds: [],
    }
    const { requests, dispatch } = setup({ '/api/v1/collection/ledger/person': ledger })
    expect(await dispatch('collection.personLedger', { personId: 7 })).toEqual({ ok: true, value: ledger })
    expect(requests).toEqual([
      { path: '/api/v1/collection/ledger/person', body: { personId: 7 }, authorization: `Bearer ${TOKEN}` },
    ])
  })

  it('print the 還付通知書 through the print control, naming the person, and answer only the outcome', async () => {
    const { printed, dispatch } = setup({
      '/api/v1/collection/refunds/notice': {
        fileName: '還付通知書_3.pdf',
        mediaType: 'application/pdf',
        contentBase64: PDF,
        text: '介護保険料 還付通知書',
        personIds: [7],
      },
    })
    const res = await dispatch('collection.printRefundNotice', { proposalId: 3, printer: 'PR-01' })
    expect(res).toEqual({ ok: true, value: { title: `${REFUND_NOTICE_FORM}（還付 #3）`, printer: 'PR-01' } })
    expect(printed).toEqual([
      { form: REFUND_NOTICE_FORM, printer: 'PR-01', personIds: [7], document: { kind: 'pdf', base64: PDF } },
    ])
  })
})
