import { describe, expect, it } from 'vitest'
import { BackendClient, isRetrySafe } from '../../../../../electron/main/backend/backend-client'
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../../../electron/main/backend/http-transport'

// Retries only with idempotency keys: a keyed request is sent again with the same body (the same
// key, so the server applies it once) after a network failure or a 502/503/504; anything else is sent exactly once.
function transport(script: ('network' | number)[]) {
  const sent: HttpRequest[] = []
  const t: HttpTransport = {
    async request(req): Promise<HttpResponse> {
      sent.push(req)
      const step = script.shift() ?? 200
      if (step === 'network') throw new Error('ECONNRESET')
      const body =
        step === 200
          ? JSON.stringify({ ok: true })
          : JSON.stringify({ type: 'about:blank', title: '一時的に利用できません', status: step, code: 'unavailable' })
      return { status: step, contentType: 'application/json', body }
    },
  }
  return { t, sent }
}

const key = '8f5d2c1e-3b4a-4c5d-8e6f-7a8b9c0d1e2f'
const print = { idempotencyKey: key, form: '持出管理簿', printer: 'PR-01', personIds: [] }
const noSleep = { retries: 2, delayMs: 250, sleep: async () => undefined }

describe('BackendClient retries (only with idempotency keys)', () => {
  it('knows which bodies are safe to send again', () => {
    expect(isRetrySafe(print)).toBe(true)
    expect(isRetrySafe({ loginId: 'shikaku01', password: 'x' })).toBe(false)
    expect(isRetrySafe({ idempotencyKey: '' })).toBe(false)
    expect(isRetrySafe(null)).toBe(false)
  })

  it('a keyed request is retried after a network failure and a 503, with the same body and key', async () => {
    const { t, sent } = transport(['network', 503, 200])
    const client = new BackendClient(t, 'https://kaigo.example.lg.jp', noSleep)
    await expect(client.call('print.record', print, 'tok')).resolves.toEqual({ ok: true })
    expect(sent).toHaveLength(3)
    expect(new Set(sent.map((r) => r.body)).size).toBe(1)
    expect(JSON.parse(sent[0]!.body!).idempotencyKey).toBe(key)
  })

  it('gives up after the configured retries with a Japanese message', async () => {
    const { t, sent } = transport(['network', 'network', 'network', 'network'])
    const client = new BackendClient(t, 'https://kaigo.example.lg.jp', noSleep)
    await expect(client.call('print.record', print, 'tok')).rejects.toMatchObject({ code: 'backendUnavailable' })
    expect(sent).toHaveLength(3)
  })

  it('a request without a key is sent exactly once, even a read (its audit row must not double)', async () => {
    const a = transport(['network'])
    await expect(
      new BackendClient(a.t, 'https://kaigo.example.lg.jp', noSleep).call('auth.login', {
        loginId: 'shikaku01',
        password: 'Kaigo#Demo2026',
      }),
    ).rejects.toMatchObject({ code: 'backendUnavailable' })
    expect(a.sent).toHaveLength(1)
    const b = transport([503])
    await expect(
      new BackendClient(b.t, 'https://kaigo.example.lg.jp', noSleep).call('person.summary', { personId: 1 }, 'tok'),
    ).rejects.toMatchObject({ status: 503 })
    expect(b.sent).toHaveLength(1)
  })

  it('a 4xx answer is never retried, keyed or not', async () => {
    const { t, sent } = transport([409])
    const client = new BackendClient(t, 'https://kaigo.example.lg.jp', noSleep)
    await expect(client.call('print.record', print, 'tok')).rejects.toMatchObject({ code: 'conflict' })
    expect(sent).toHaveLength(1)
  })

  it('waits 250 ms, then 500 ms between attempts by default', async () => {
    const waits: number[] = []
    const { t } = transport(['network', 'network', 200])
    const client = new BackendClient(t, 'https://kaigo.example.lg.jp', {
      retries: 2,
      delayMs: 250,
      sleep: async (ms) => void waits.push(ms),
    })
    await client.call('print.record', print, 'tok')
    expect(waits).toEqual([250, 500])
  })
})
