import { totpCode } from '../../../server/src/areas/accounts/totp'
import { DEMO_PASSWORD, demoTotpSecret } from '../../../server/src/demo/seed-database'
import { terminalClient } from './clients'
import type { TestServer } from './test-server'

/**
 * Signs a demo account in (password, then the TOTP code of its known demo secret) and returns the bearer token.
 * The one place the eligibility integration tests sign in.
 */
export async function signIn(t: TestServer, loginId: string): Promise<string> {
  const client = terminalClient(t)
  const first = await client.call('auth.login', { loginId, password: DEMO_PASSWORD })
  if (first.status === 'signedIn') return first.token
  if (first.status !== 'totpRequired') throw new Error(`unexpected login step ${first.status}`)
  const code = totpCode(demoTotpSecret(loginId), new Date())
  return (await client.call('auth.verifyTotp', { challenge: first.challenge, code })).token
}
