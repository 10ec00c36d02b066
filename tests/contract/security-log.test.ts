import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Session } from 'electron'
import { describe, expect, it } from 'vitest'
import { createSecurityLog } from '../../electron/main/platform/security-log'
import { readSecurityLog, securityLogWriter } from '../../electron/main/platform/security-log-file'
import { DataKey } from '../../electron/main/services/at-rest/data-key'
import { installRequestFilter } from '../../electron/main/security/session-hardening'

type BeforeRequest = (
  details: { url: string; resourceType: string; webContentsId?: number },
  callback: (response: { cancel?: boolean }) => void,
) => void

// C-01: a request from the renderer to any origin other than the backend is cancelled AND
// audited — the event reaches the local security log file, without the query (no personal data in the log).
describe('blocked requests reach the local security log (C-01)', () => {
  it('cancels a request to a foreign origin and appends a redacted line to security.log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaigo-seclog-'))
    const file = join(dir, 'logs', 'security.log')
    const stderr: string[] = []
    // The file's lines are sealed with the terminal's data key (C-07); read back with the same key.
    const key = DataKey.generate()
    const audit = createSecurityLog(
      securityLogWriter(
        () => file,
        Promise.resolve(key),
        undefined,
        (l) => stderr.push(l),
      ),
    )
    await Promise.resolve()
    let filter: BeforeRequest | undefined
    const session = { webRequest: { onBeforeRequest: (l: BeforeRequest) => (filter = l) } }
    installRequestFilter(
      session as unknown as Pick<Session, 'webRequest'>,
      {
        backendOrigin: 'https://kaigo.example.lg.jp',
        isPackaged: true,
      },
      audit,
    )

    const verdict = (url: string) => {
      let v: { cancel?: boolean } | undefined
      filter!({ url, resourceType: 'xhr', webContentsId: 3 }, (r) => (v = r))
      return v
    }
    expect(verdict('https://kaigo.example.lg.jp/api/v1/persons/search')).toEqual({})
    expect(verdict('https://evil.example.com/collect?name=山田太郎&no=123456789012')).toEqual({ cancel: true })
    expect(verdict('http://kaigo.example.lg.jp/api/v1/meta')).toEqual({ cancel: true })

    const lines = readSecurityLog(readFileSync(file, 'utf8'), key).map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({
      source: 'security',
      kind: 'request-blocked',
      url: 'https://evil.example.com/collect',
      resourceType: 'xhr',
      webContentsId: 3,
    })
    expect(readSecurityLog(readFileSync(file, 'utf8'), key).join('\n')).not.toMatch(/山田|123456789012/)
    expect(stderr).toHaveLength(2)
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('a failing log file never breaks the guard (stderr keeps the line)', async () => {
    const stderr: string[] = []
    const write = securityLogWriter(
      () => {
        throw new Error('no logs dir')
      },
      Promise.resolve(DataKey.generate()),
      undefined,
      (l) => stderr.push(l),
    )
    await Promise.resolve()
    expect(() => write('{"kind":"request-blocked"}')).not.toThrow()
    expect(stderr).toEqual(['{"kind":"request-blocked"}'])
  })
})
