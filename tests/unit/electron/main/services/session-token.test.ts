import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppServices } from '../../../../../electron/main/app-services'
import type { HttpRequest, HttpTransport } from '../../../../../electron/main/backend/http-transport'

// The backend session token is held in main-process memory only — never on disk, never sent to the
// renderer (controls C-06, C-07). Dynamic: a sign-in through the real IPC router, with a fake backend. Static: the
// only modules of electron/main that write files are the export writer, the security log and the master cache.
const TOKEN = 'SESSION-TOKEN-' + 'x'.repeat(40)
const user = {
  loginId: 'shikaku01',
  displayName: '検証 一郎',
  department: '介護保険課 資格係',
  roles: ['eligibilityClerk'],
  permissions: ['person.search', 'person.read'],
}

function fakeBackend(): { transport: HttpTransport; sent: HttpRequest[] } {
  const sent: HttpRequest[] = []
  const answer = (body: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(body) })
  return {
    sent,
    transport: {
      async request(req) {
        sent.push(req)
        const path = new URL(req.url).pathname
        if (path === '/api/v1/meta') return answer({ mode: 'demo', apiVersion: 1, insurerName: '新宿区' })
        if (path === '/api/v1/auth/login')
          return answer({ status: 'signedIn', token: TOKEN, user, idleTimeoutSeconds: 900 })
        return { status: 503, contentType: 'application/json', body: '{}' }
      },
    },
  }
}

describe('the session token stays in main memory (C-06, C-07)', () => {
  it('a sign-in through IPC answers the profile, never the token; later calls carry it as a bearer header', async () => {
    const { transport, sent } = fakeBackend()
    const services = createAppServices({
      transport,
      backendOrigin: 'https://kaigo.example.lg.jp',
      allowedServerModes: ['demo'],
      appInfo: { shell: 'browser', verificationMode: true, version: '0.0.0' },
      isTrustedSender: () => true,
    })
    try {
      const login = await services.router.dispatch(
        'auth.login',
        { loginId: 'shikaku01', password: 'Kaigo#Demo2026' },
        { kind: 'bridge' },
      )
      expect(login, JSON.stringify(login)).toMatchObject({ ok: true })
      expect(JSON.stringify(login)).not.toContain(TOKEN)
      const current = await services.router.dispatch('auth.currentUser', {}, { kind: 'bridge' })
      expect(JSON.stringify(current)).toContain('検証 一郎')
      expect(JSON.stringify(current)).not.toContain(TOKEN)
      await services.router.dispatch('auth.logout', {}, { kind: 'bridge' })
      expect(sent.find((r) => r.url.endsWith('/api/v1/auth/logout'))?.headers.authorization).toBe(`Bearer ${TOKEN}`)
      expect(services.auth.currentUser()).toBeNull()
    } finally {
      services.masters.close?.()
    }
  })

  it('no module of electron/main writes files except the export writer, the security log and the master cache', () => {
    const root = join(import.meta.dirname, '../../../../../electron/main')
    const files = readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))
    const writers = files.filter((f) =>
      /\b(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|better-sqlite3)\b/.test(
        readFileSync(join(root, f), 'utf8'),
      ),
    )
    expect(writers.map((f) => relative('.', f).replace(/\\/g, '/')).sort()).toEqual(
      [
        'app-services.ts', // the fail-closed "export is not configured" writer (throws)
        'headless-main.ts', // passes writeNewFile to the export service (browser mode)
        'index.ts', // passes writeNewFile to the export service (Electron)
        'platform/export-destination.ts',
        'platform/security-log-file.ts',
        'services/at-rest/data-key.ts', // the wrapped data key and the atomic writer of sealed files (C-07)
        'services/export/export-service.ts',
        // the one save of a file the server hands over unchanged (the 事業状況報告 Excel/PDF, the 口座振替依頼 file for
        // the bank) through the export control's injected writer (policy, save dialog, drive check)
        'services/export/save-approved-file.ts',
        'services/master-cache/cache-db.ts',
      ].sort(),
    )
  })
})
