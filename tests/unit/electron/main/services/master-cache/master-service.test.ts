import { describe, expect, it } from 'vitest'
import { BackendClient, BackendError } from '../../../../../../electron/main/backend/backend-client'
import type { AuthService } from '../../../../../../electron/main/services/auth-service'
import { syncMastersAfterLogin } from '../../../../../../electron/main/services/master-cache/login-hook'
import { MasterService, type IntervalTimer } from '../../../../../../electron/main/services/master-cache/master-service'
import type { IpcHandlers } from '../../../../../../electron/main/ipc/router'
import { MasterCacheStatus$ } from '../../../../../../shared/masters/ipc'
import { seededServer, type FakeMasterServer } from './fixtures/fake-master-server'

class FakeTimer implements IntervalTimer {
  fn: (() => void) | null = null
  ms = 0
  setInterval(fn: () => void, ms: number) {
    this.fn = fn
    this.ms = ms
    return 1
  }
  clearInterval() {
    this.fn = null
  }
}

function service(server: FakeMasterServer, options: { signedIn?: boolean; now?: () => Date } = {}) {
  const timer = new FakeTimer()
  const auth = { currentUser: () => (options.signedIn === false ? null : { loginId: 'x' }) } as unknown as AuthService
  const masters = new MasterService(
    new BackendClient({ request: async () => ({ status: 500, contentType: '', body: '' }) }, 'https://127.0.0.1'),
    auth,
    {
      cacheDir: null,
      syncIntervalMinutes: 15,
      timer,
      source: server,
      ...(options.now ? { now: options.now } : {}),
    },
  )
  return { masters, timer }
}

describe('MasterService: sync at login and every N minutes, status with the cache age, offline use', () => {
  it('before any sync the status is empty and lookups say so in Japanese', async () => {
    const { masters } = service(await seededServer())
    const status = MasterCacheStatus$.parse(masters.status())
    expect(status).toMatchObject({ state: 'empty', lastSyncedAt: null, syncIntervalMinutes: 15 })
    expect(() => masters.premiumTable(2026)).toThrow(BackendError)
    expect(() => masters.premiumTable(2026)).toThrow('マスタがまだ同期されていません')
  })

  it('a completed sign-in starts a sync (the answer does not wait for it); an unfinished one does not', async () => {
    const server = await seededServer()
    const { masters } = service(server)
    const handlers = syncMastersAfterLogin(
      { 'auth.login': async () => ({ loginId: 'kanri01' }) } as unknown as IpcHandlers,
      masters,
      () => true,
    )
    await handlers['auth.login']({ loginId: 'kanri01', password: 'x' } as never, { kind: 'bridge' } as never)
    expect(masters.status().syncing).toBe(true)
    await masters.syncNow()
    expect(masters.status()).toMatchObject({ state: 'ready', syncing: false, lastError: null })
    expect(server.calls.filter((c) => c === 'manifest')).toHaveLength(1)

    const waiting = syncMastersAfterLogin(
      { 'auth.login': async () => ({ status: 'totpRequired' }) } as unknown as IpcHandlers,
      masters,
      () => false,
    )
    await waiting['auth.login']({ loginId: 'kanri01', password: 'x' } as never, { kind: 'bridge' } as never)
    expect(masters.status().syncing).toBe(false)
  })

  it('syncs every syncIntervalMinutes of the terminal policy, only while someone is signed in', async () => {
    const server = await seededServer()
    const signedIn = service(server)
    signedIn.masters.start()
    expect(signedIn.timer.ms).toBe(15 * 60_000)
    signedIn.timer.fn!()
    await signedIn.masters.syncNow()
    expect(server.calls).toContain('manifest')
    const other = await seededServer()
    const signedOut = service(other, { signedIn: false })
    signedOut.masters.start()
    signedOut.timer.fn!()
    expect(other.calls).toEqual([])
    signedOut.masters.close()
  })

  it('offline: the sync fails softly (message, previous version kept) and lookups and premiums still work', async () => {
    const server = await seededServer()
    let clock = new Date('2026-11-26T09:00:00Z')
    const { masters } = service(server, { now: () => clock })
    await masters.syncNow()
    server.offline = true
    clock = new Date('2026-11-26T10:30:00Z')
    expect(await masters.syncNow()).toBeNull()
    const status = masters.status()
    expect(status.lastSyncedAt).toBe('2026-11-26T09:00:00.000Z')
    expect(status.now).toBe('2026-11-26T10:30:00.000Z')
    expect(status.lastError).toBe('マスタの同期に失敗しました。前回の版を使い続けます')
    expect(masters.search({ dataset: 'ref.banks', text: 'みずほ' }).rows[0]?.key).toBe('0001')
    expect(masters.search({ dataset: 'ward.parameters', on: '2026-11-26' }).rows).toHaveLength(1)
    expect(masters.premiumTable(2026).stages).toHaveLength(13)
    expect(() => masters.premiumTable(2027)).toThrow('2027年度に適用されるマスタ（区の保険料パラメータ）がありません')
  })
})
