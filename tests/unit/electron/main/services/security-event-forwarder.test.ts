import { describe, expect, it, vi } from 'vitest'
import type { Session } from 'electron'
import { ClientSecurityEventsInput$, type ClientSecurityEvent } from '../../../../../shared/api/security-events'
import { installRequestFilter } from '../../../../../electron/main/security/session-hardening'
import {
  describeSecurityEvent,
  SecurityEventForwarder,
  teeSecurityAudit,
} from '../../../../../electron/main/services/security-events/security-event-forwarder'

// C-01 ("cancelled and audited"): what main refuses reaches the server's audit log. The
// forwarder buffers until someone is signed in, sends in batches with idempotency keys, retries the same batch with
// the same key, backs off after a failure, and never grows without bound.
function harness(opts: { signedIn?: boolean; fail?: number; maxBuffered?: number; batchSize?: number } = {}) {
  let signedIn = opts.signedIn ?? true
  let failures = opts.fail ?? 0
  let clock = Date.parse('2026-11-26T01:00:00Z')
  let keyNo = 0
  const sent: { events: ClientSecurityEvent[]; key: string }[] = []
  const attempts: string[] = []
  const scheduled: (() => void)[] = []
  const f = new SecurityEventForwarder({
    now: () => new Date(clock),
    newKey: () => `00000000-0000-4000-8000-${String(++keyNo).padStart(12, '0')}`,
    schedule: (fn) => scheduled.push(fn),
    ...(opts.maxBuffered ? { maxBuffered: opts.maxBuffered } : {}),
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
  })
  f.connect({
    isSignedIn: () => signedIn,
    send: async (events, key) => {
      attempts.push(key)
      if (failures > 0) {
        failures -= 1
        throw new Error('offline')
      }
      sent.push({ events, key })
    },
  })
  const runScheduled = async () => {
    while (scheduled.length) scheduled.shift()!()
    await f.flush()
  }
  return {
    f,
    sent,
    attempts,
    runScheduled,
    signIn: () => (signedIn = true),
    signOut: () => (signedIn = false),
    advance: (ms: number) => (clock += ms),
  }
}

const blocked = (n: number) => ({
  kind: 'request-blocked' as const,
  url: `https://evil.example.com/p${n}`,
  resourceType: 'xhr',
  webContentsId: 1,
})

describe('SecurityEventForwarder (C-01 → server audit)', () => {
  it('buffers events seen before sign-in and sends them with the first session', async () => {
    const h = harness({ signedIn: false })
    h.f.record(blocked(1))
    h.f.record({ kind: 'window-open-blocked', url: 'https://evil.example.com/' })
    await h.runScheduled()
    expect(h.sent).toEqual([])
    expect(h.f.queued).toBe(2)
    h.signIn()
    h.f.afterLogin()
    await h.runScheduled()
    expect(h.sent).toHaveLength(1)
    expect(h.sent[0]!.events.map((e) => e.kind)).toEqual(['request-blocked', 'window-open-blocked'])
    expect(h.sent[0]!.events[0]).toEqual({
      at: '2026-11-26T01:00:00.000Z',
      kind: 'request-blocked',
      detail: 'url=https://evil.example.com/p1 resourceType=xhr webContentsId=1',
    })
    // Every batch is valid input of the HTTP contract.
    for (const b of h.sent) expect(ClientSecurityEventsInput$.parse({ idempotencyKey: b.key, events: b.events }))
    expect(h.f.queued).toBe(0)
  })

  it('sends in batches of at most 50', async () => {
    const h = harness()
    for (let i = 0; i < 120; i++) h.f.record(blocked(i))
    await h.runScheduled()
    expect(h.sent.map((b) => b.events.length)).toEqual([50, 50, 20])
    expect(new Set(h.sent.map((b) => b.key)).size).toBe(3)
  })

  it('a failed batch is retried with the same idempotency key, only after the back-off (no loop on a pin failure)', async () => {
    const h = harness({ fail: 1 })
    h.f.record(blocked(1))
    await h.runScheduled()
    expect(h.attempts).toHaveLength(1)
    // A certificate failure of the send itself raises a new event: no immediate retry storm.
    h.f.record({ kind: 'certificate-rejected', hostname: 'kaigo.example.lg.jp', reason: 'pin' })
    await h.runScheduled()
    expect(h.attempts).toHaveLength(1)
    h.advance(30_000)
    await h.f.flush()
    expect(h.attempts[1]).toBe(h.attempts[0])
    expect(h.sent.flatMap((b) => b.events.map((e) => e.kind))).toEqual(['request-blocked', 'certificate-rejected'])
  })

  it('a new sign-in sends at once, whatever the back-off', async () => {
    const h = harness({ fail: 1 })
    h.f.record(blocked(1))
    await h.runScheduled()
    h.f.afterLogin()
    await h.runScheduled()
    expect(h.sent).toHaveLength(1)
  })

  it('keeps at most maxBuffered events and reports how many were dropped', async () => {
    const h = harness({ signedIn: false, maxBuffered: 3 })
    for (let i = 0; i < 5; i++) h.f.record(blocked(i))
    h.signIn()
    await h.f.flush()
    const kinds = h.sent.flatMap((b) => b.events.map((e) => `${e.kind} ${e.detail}`))
    expect(kinds[0]).toMatch(/^events-dropped count=2/)
    expect(kinds.slice(1).map((k) => /p(\d)/.exec(k)![1])).toEqual(['2', '3', '4'])
  })

  it('signed out in the middle: the rest waits for the next session', async () => {
    const h = harness({ batchSize: 1 })
    h.f.record(blocked(1))
    h.f.record(blocked(2))
    h.signOut()
    await h.f.flush()
    expect(h.sent).toHaveLength(0)
    expect(h.f.queued).toBe(2)
  })

  it('the request filter’s event goes to the local log and the forwarder (tee), without the query string', async () => {
    const h = harness()
    const local: string[] = []
    const audit = teeSecurityAudit(
      {
        record: (e) => {
          local.push(e.kind)
          throw new Error('disk full') // one broken sink does not silence the other
        },
      },
      h.f,
    )
    let filter: ((d: { url: string; resourceType: string }, cb: (r: { cancel?: boolean }) => void) => void) | null =
      null
    const session = { webRequest: { onBeforeRequest: (l: typeof filter) => (filter = l) } }
    installRequestFilter(
      session as unknown as Pick<Session, 'webRequest'>,
      { backendOrigin: 'https://kaigo.example.lg.jp', isPackaged: true },
      audit,
    )
    const cb = vi.fn()
    filter!({ url: 'https://evil.example.com/collect?name=山田太郎', resourceType: 'xhr' }, cb)
    expect(cb).toHaveBeenCalledWith({ cancel: true })
    await h.runScheduled()
    expect(local).toEqual(['request-blocked'])
    expect(h.sent[0]!.events[0]!.detail).toContain('https://evil.example.com/collect')
    expect(JSON.stringify(h.sent)).not.toContain('山田')
  })

  it('describes an event in at most 300 characters', () => {
    expect(
      describeSecurityEvent({ kind: 'ipc-refused', channel: 'x'.repeat(400), reason: 'unknownChannel' }),
    ).toHaveLength(300)
  })
})
