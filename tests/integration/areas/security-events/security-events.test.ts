import { eq } from 'drizzle-orm'
import type { Session } from 'electron'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installRequestFilter } from '../../../../electron/main/security/session-hardening'
import {
  SecurityEventForwarder,
  teeSecurityAudit,
} from '../../../../electron/main/services/security-events/security-event-forwarder'
import { auditLog } from '../../../../server/src/core/db/schema'
import { provisionUser, signIn } from '../../support/accounts'
import { callRoute, terminalClient } from '../../support/clients'
import { databaseKinds } from '../../support/databases'
import { startTestServer, type TestServer } from '../../support/test-server'

type BeforeRequest = (
  details: { url: string; resourceType: string; webContentsId?: number },
  callback: (response: { cancel?: boolean }) => void,
) => void

// C-01: "a request from the renderer to any origin other than the backend → cancelled AND audited".
// The real request filter, the real forwarder and the real server over mutual TLS: the blocked request ends up as a
// row of the hash-chained audit log, with the user and terminal, and without the query string (no personal data).
describe.each(databaseKinds)('terminal security events reach the server audit log on %s (C-01)', (kind) => {
  let t: TestServer
  beforeAll(async () => {
    t = await startTestServer(kind, 100)
  })
  afterAll(() => t.close())

  it('a blocked renderer request is cancelled, then written to audit_log with the next session', async () => {
    const { loginId } = await provisionUser(t, { roles: ['operator'] })
    let token: string | null = null
    const client = terminalClient(t)
    const forwarder = new SecurityEventForwarder({ schedule: () => undefined })
    forwarder.connect({
      isSignedIn: () => token !== null,
      send: async (events, idempotencyKey) => {
        await client.call('security.clientEvents', { idempotencyKey, events }, token!)
      },
    })
    const local: string[] = []
    const audit = teeSecurityAudit({ record: (e) => local.push(e.kind) }, forwarder)

    let filter: BeforeRequest | undefined
    installRequestFilter(
      { webRequest: { onBeforeRequest: (l: BeforeRequest) => (filter = l) } } as unknown as Pick<Session, 'webRequest'>,
      { backendOrigin: t.server.origin, isPackaged: true },
      audit,
    )
    const verdict = (url: string) => {
      let v: { cancel?: boolean } | undefined
      filter!({ url, resourceType: 'xhr', webContentsId: 1 }, (r) => (v = r))
      return v
    }
    expect(verdict(`${t.server.origin}/api/v1/meta`)).toEqual({})
    expect(verdict('https://evil.example.com/collect?name=山田太郎&no=0000012345')).toEqual({ cancel: true })
    expect(local).toEqual(['request-blocked'])

    // Before a sign-in nothing can be sent: the event waits in memory.
    await forwarder.flush()
    expect(forwarder.queued).toBe(1)

    token = await signIn(t, loginId)
    forwarder.afterLogin()
    await forwarder.flush()
    expect(forwarder.queued).toBe(0)

    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'client-security-event'))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ loginId, terminalId: 'KD-TEST-0001', outcome: 'ok', targetIds: [] })
    expect(rows[0]!.purpose).toContain('request-blocked url=https://evil.example.com/collect resourceType=xhr')
    expect(rows[0]!.purpose).not.toContain('山田')
    expect(rows[0]!.purpose).not.toContain('0000012345')
  })

  it('needs a session, and a retried batch (same idempotency key) is recorded once', async () => {
    const events = [
      { at: new Date().toISOString(), kind: 'export-refused', detail: 'requestId=3 reason=destination:removable' },
    ]
    const idempotencyKey = crypto.randomUUID()
    expect(await callRoute(t, 'security.clientEvents', { idempotencyKey, events })).toMatchObject({ status: 401 })
    const { loginId } = await provisionUser(t, { roles: ['eligibilityClerk'] })
    const token = await signIn(t, loginId)
    const before = (await t.database.db.select().from(auditLog).where(eq(auditLog.loginId, loginId))).length
    for (let i = 0; i < 2; i++)
      expect(await callRoute(t, 'security.clientEvents', { idempotencyKey, events }, token)).toMatchObject({
        status: 200,
        body: { recorded: 1 },
      })
    const rows = (await t.database.db.select().from(auditLog).where(eq(auditLog.loginId, loginId))).filter(
      (r) => r.action === 'client-security-event',
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]!.purpose).toContain('export-refused requestId=3 reason=destination:removable')
    expect((await t.database.db.select().from(auditLog).where(eq(auditLog.loginId, loginId))).length).toBe(before + 1)
  })
})
