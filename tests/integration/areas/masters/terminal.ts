import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BackendClient } from '../../../../electron/main/backend/backend-client'
import { DataKey } from '../../../../electron/main/services/at-rest/data-key'
import type { AuthService } from '../../../../electron/main/services/auth-service'
import { MasterService } from '../../../../electron/main/services/master-cache/master-service'
import type { MasterSource } from '../../../../electron/main/services/master-cache/master-sync'
import { terminalClient } from '../../support/clients'
import type { TestServer } from '../../support/test-server'

/** The masters as a terminal reads them: the real HTTP contract over mutual TLS, with a signed-in session's token. */
export function serverSource(t: TestServer, token: string): MasterSource {
  const client = terminalClient(t)
  return {
    manifest: () => client.call('masters.manifest', {}, token),
    rows: (request) => client.call('masters.rows', request, token),
  }
}

/** A terminal's master service with its cache file (sealed with a fresh data key) in a fresh "user profile" directory. */
export function terminal(t: TestServer, token: string): { masters: MasterService; dir: string; key: DataKey } {
  const dir = mkdtempSync(join(tmpdir(), 'kaigo-profile-'))
  const unused = new BackendClient({ request: () => Promise.reject(new Error('not used')) }, t.server.origin)
  const auth = { currentUser: () => null } as unknown as AuthService
  const key = DataKey.generate()
  const masters = new MasterService(unused, auth, {
    cacheDir: dir,
    dataKey: key,
    syncIntervalMinutes: 15,
    source: serverSource(t, token),
  })
  return { masters, dir, key }
}
