import { randomUUID } from 'node:crypto'
import { hashPassword } from '../../../server/src/areas/accounts/passwords'
import { designationKindOf, type Role } from '../../../server/src/core/access/roles'
import { newTotpSecret, totpCode, totpStep } from '../../../server/src/areas/accounts/totp'
import type { Db } from '../../../server/src/core/db/connect'
import { insertVersioned } from '../../../server/src/core/records/versioned'
import { DEMO_PASSWORD } from '../../../server/src/demo/seed-database'
import { deriveServerKeys, seal } from '../../../server/src/core/secrets'
import { terminalClient, type TerminalCredentials } from './clients'
import type { TestServer } from './test-server'

/** Password of accounts provisioned by tests (satisfies the password policy). */
export const TEST_PASSWORD = 'Test#Account2026'

let testHash: Promise<string> | null = null

/**
 * A fresh staff account written directly into the database (an administrator's work, not under test here):
 * password TEST_PASSWORD, an enrolled TOTP secret, and open designations for `roles`.
 */
export async function provisionUser(
  t: TestServer,
  options: { roles: Role[]; careArea?: string | null; loginId?: string; totp?: boolean; validTo?: string | null },
): Promise<{ id: number; loginId: string }> {
  testHash ??= hashPassword(TEST_PASSWORD)
  const loginId = options.loginId ?? `t${randomUUID().slice(0, 8)}`
  const secret = newTotpSecret()
  const { sealKey } = deriveServerKeys(t.config.serverSecret)
  const change = { userId: null, terminalId: null, reason: 'テスト用アカウント', now: t.clock.now() }
  const db = t.database.db as Db
  const withTotp = options.totp ?? true
  const user = await insertVersioned(
    db,
    'user',
    {
      loginId,
      displayName: `試験 ${loginId}`,
      department: '試験係',
      careArea: options.careArea ?? null,
      passwordHash: await testHash,
      ...(withTotp ? { totpSecret: seal(sealKey, secret), totpEnabledAt: change.now } : {}),
    },
    change,
  )
  for (const role of options.roles)
    await insertVersioned(
      db,
      'designation',
      {
        userId: user.id,
        role,
        kind: designationKindOf(role),
        validFrom: '2020-04-01',
        validTo: options.validTo ?? null,
      },
      change,
    )
  if (withTotp) t.totpSecrets.set(loginId, secret)
  return { id: user.id, loginId }
}

/**
 * A TOTP code the server has not seen for this account: the current step, else the next one (the server accepts
 * one step either side); when both are used, the test clock moves on by one period. Never a past step: the real
 * clock may cross into the next period before the server checks, and a past step would then be two behind.
 */
export function freshCode(t: TestServer, loginId: string): string {
  const secret = t.totpSecrets.get(loginId)
  if (!secret) throw new Error(`no TOTP secret known for ${loginId}`)
  const last = t.totpSteps.get(loginId) ?? -Infinity
  let now = totpStep(t.clock.now())
  if (last >= now + 1) {
    t.clock.advance(30 * (last - now))
    now = totpStep(t.clock.now())
  }
  const step = Math.max(now, last + 1)
  t.totpSteps.set(loginId, step)
  return totpCode(secret, t.clock.now(), step)
}

export const passwordOf = (loginId: string) => (/^t[0-9a-f]{8}$/.test(loginId) ? TEST_PASSWORD : DEMO_PASSWORD)

/** Signs in through the real two-step flow (password, then TOTP) and returns the session token. */
export async function signIn(
  t: TestServer,
  loginId: string,
  options: { password?: string; credentials?: TerminalCredentials } = {},
): Promise<string> {
  const client = terminalClient(t, options.credentials)
  const first = await client.call('auth.login', { loginId, password: options.password ?? passwordOf(loginId) })
  if (first.status === 'signedIn') return first.token
  if (first.status === 'totpEnrolmentRequired') t.totpSecrets.set(loginId, first.secret)
  const second = await client.call('auth.verifyTotp', { challenge: first.challenge, code: freshCode(t, loginId) })
  return second.token
}

/** Step-up re-authentication (password + a fresh TOTP code) for the session of `token`. */
export async function stepUp(t: TestServer, loginId: string, token: string): Promise<void> {
  await terminalClient(t).call('auth.stepUp', { password: passwordOf(loginId), code: freshCode(t, loginId) }, token)
}

export const newKey = () => randomUUID()
