import { describe, expect, it } from 'vitest'
import { BackendClient } from '../../../../../electron/main/backend/backend-client'
import type { HttpRequest, HttpTransport } from '../../../../../electron/main/backend/http-transport'

// A route that works through a whole ward in one request (a batch's dry run, one chunk of its commit) waits 10 minutes
// for its answer; every other route keeps the transport's default (30 s), which suits a screen's request.
function recording() {
  const sent: HttpRequest[] = []
  const t: HttpTransport = {
    async request(req) {
      sent.push(req)
      return {
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ status: 'committing', committedChunks: 1, totalChunks: 2, written: 1000 }),
      }
    },
  }
  return { t, sent }
}

describe('how long the client waits for an answer', () => {
  it('a batch commit waits 600,000 ms', async () => {
    const { t, sent } = recording()
    await new BackendClient(t, 'https://kaigo.example.lg.jp')
      .call('premiums.batchCommit', { runId: 7, idempotencyKey: '8f5d2c1e-3b4a-4c5d-8e6f-7a8b9c0d1e2f' }, 'tok')
      .catch(() => undefined)
    expect(sent[0]?.timeoutMs).toBe(600_000)
  })

  it('a screen request leaves the wait to the transport', async () => {
    const { t, sent } = recording()
    await new BackendClient(t, 'https://kaigo.example.lg.jp').call('auth.session', {}, 'tok').catch(() => undefined)
    expect(sent).toHaveLength(1)
    expect(sent[0]).not.toHaveProperty('timeoutMs')
  })
})
