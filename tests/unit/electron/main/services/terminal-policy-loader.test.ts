import { describe, expect, it } from 'vitest'
import {
  loadTerminalPolicy,
  terminalPolicyPath,
  type PolicyFileStat,
  type PolicyFs,
} from '../../../../../electron/main/services/terminal-policy-loader'
import { TerminalPolicySchema, defaultTerminalPolicy } from '../../../../../shared/policy/terminal-policy'

const PIN = 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg='
const FP = 'ab'.repeat(32)
const valid = {
  backendOrigin: 'https://kaigo-api.city.example.lg.jp',
  serverPins: [PIN],
  clientCertificate: { sha256: FP },
}

const SYSTEM_DIRS = new Set([
  '/',
  '/etc',
  '/etc/kaigo-desk',
  '/Library',
  '/Library/Application Support',
  '/Library/Application Support/kaigo-desk',
])

type Entry = { uid?: number; mode?: number; kind?: 'file' | 'dir' | 'link'; content?: string }

/** A fake POSIX tree: by default every directory is root:root 0755 and the file root:root 0644. */
function fakeFs(entries: Record<string, Entry>): PolicyFs & { reads: string[] } {
  const reads: string[] = []
  const stat = (e: Entry, size: number): PolicyFileStat => ({
    uid: e.uid ?? 0,
    mode: e.mode ?? (e.kind === 'dir' ? 0o40755 : 0o100644),
    size,
    isFile: () => (e.kind ?? 'file') === 'file',
    isDirectory: () => e.kind === 'dir',
    isSymbolicLink: () => e.kind === 'link',
  })
  return {
    reads,
    async lstat(p) {
      const e = entries[p] ?? (SYSTEM_DIRS.has(p) ? { kind: 'dir' as const } : undefined)
      if (!e) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
      return stat(e, e.content?.length ?? 0)
    },
    async readFile(p) {
      reads.push(p)
      const e = entries[p]
      if (!e || e.content === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' })
      return e.content
    },
  }
}

const LINUX = '/etc/kaigo-desk/terminal-policy.json'
const load = (fs: PolicyFs, platform: NodeJS.Platform = 'linux') =>
  loadTerminalPolicy({ fs, platform, isPackaged: true })

describe('terminal policy location', () => {
  it('is administrator-owned per OS', () => {
    expect(terminalPolicyPath('linux')).toBe('/etc/kaigo-desk/terminal-policy.json')
    expect(terminalPolicyPath('darwin')).toBe('/Library/Application Support/kaigo-desk/terminal-policy.json')
    expect(terminalPolicyPath('win32')).toBe('C:\\ProgramData\\kaigo-desk\\terminal-policy.json')
    expect(terminalPolicyPath('win32', 'D:\\ProgramData')).toBe('D:\\ProgramData\\kaigo-desk\\terminal-policy.json')
  })

  it('does not follow a user-set %ProgramData%', () => {
    const saved = process.env.ProgramData
    process.env.ProgramData = 'C:\\Users\\mallory\\fake'
    try {
      expect(terminalPolicyPath('win32')).toBe('C:\\ProgramData\\kaigo-desk\\terminal-policy.json')
    } finally {
      if (saved === undefined) delete process.env.ProgramData
      else process.env.ProgramData = saved
    }
  })
})

describe('loadTerminalPolicy', () => {
  it('loads a valid root-owned file and fills in the defaults', async () => {
    const r = await load(fakeFs({ [LINUX]: { content: JSON.stringify(valid) } }))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.policy).toEqual({ ...valid, ...defaultTerminalPolicy, printersAllowlist: [] })
    expect(r.policy.idleLockMinutes).toBe(5)
    expect(r.policy.kiosk).toBe(false)
    expect(r.policy.exportAllowed).toBe(false)
  })

  it('accepts a UTF-8 BOM (Notepad)', async () => {
    const r = await load(fakeFs({ [LINUX]: { content: '\uFEFF' + JSON.stringify(valid) } }))
    expect(r.ok).toBe(true)
  })

  it('refuses to start without a policy, with a Japanese message', async () => {
    const r = await load(fakeFs({}))
    expect(r).toMatchObject({ ok: false, code: 'MISSING', path: LINUX })
    if (r.ok) return
    expect(r.message).toContain('端末ポリシーファイルがありません')
    expect(r.message).toContain('起動できません')
    expect(r.message).toContain(LINUX)
  })

  it.each([
    ['owned by a user', { uid: 1000 }],
    ['group-writable', { mode: 0o100664 }],
    ['world-writable', { mode: 0o100666 }],
    ['a symlink', { kind: 'link' as const }],
  ])('refuses a policy file that is %s', async (_name, entry) => {
    const fs = fakeFs({ [LINUX]: { content: JSON.stringify(valid), ...entry } })
    const r = await load(fs)
    expect(r).toMatchObject({ ok: false, code: 'INSECURE_PERMISSIONS' })
    if (!r.ok) expect(r.message).toContain('安全ではありません')
    expect(fs.reads).toEqual([]) // never even read
  })

  it('refuses when a parent directory is writable by a non-admin user', async () => {
    const r = await load(
      fakeFs({
        [LINUX]: { content: JSON.stringify(valid) },
        '/etc/kaigo-desk': { kind: 'dir', uid: 1000, mode: 0o40755 },
      }),
    )
    expect(r).toMatchObject({ ok: false, code: 'INSECURE_PERMISSIONS' })
    const r2 = await load(
      fakeFs({ [LINUX]: { content: JSON.stringify(valid) }, '/etc/kaigo-desk': { kind: 'dir', mode: 0o40777 } }),
    )
    expect(r2).toMatchObject({ ok: false, code: 'INSECURE_PERMISSIONS' })
  })

  it('checks ownership on macOS too', async () => {
    const mac = '/Library/Application Support/kaigo-desk/terminal-policy.json'
    expect((await load(fakeFs({ [mac]: { content: JSON.stringify(valid) } }), 'darwin')).ok).toBe(true)
    expect(await load(fakeFs({ [mac]: { content: JSON.stringify(valid), uid: 501 } }), 'darwin')).toMatchObject({
      ok: false,
      code: 'INSECURE_PERMISSIONS',
    })
  })

  it('refuses malformed JSON', async () => {
    const r = await load(fakeFs({ [LINUX]: { content: '{ kiosk: true' } }))
    expect(r).toMatchObject({ ok: false, code: 'INVALID_JSON' })
  })

  it('refuses an invalid policy and names the fields', async () => {
    const r = await load(
      fakeFs({ [LINUX]: { content: JSON.stringify({ ...valid, serverPins: [], idleLockMinutes: 0, kisok: true }) } }),
    )
    expect(r).toMatchObject({ ok: false, code: 'INVALID_POLICY' })
    if (r.ok) return
    expect(r.message).toContain('端末ポリシーファイルの内容に誤りがあります')
    expect(r.detail).toContain('serverPins')
    expect(r.detail).toContain('idleLockMinutes')
    expect(r.detail).toContain('kisok')
  })

  it('refuses an oversized file before reading it', async () => {
    const r = await load(fakeFs({ [LINUX]: { content: ' '.repeat(70_000) + JSON.stringify(valid) } }))
    expect(r).toMatchObject({ ok: false, code: 'TOO_LARGE' })
  })

  it('allows a development override only in unpackaged builds', async () => {
    const fs = fakeFs({ '/home/dev/policy.json': { content: JSON.stringify(valid), uid: 1000 } })
    const r = await loadTerminalPolicy({
      fs,
      platform: 'linux',
      isPackaged: false,
      devPathOverride: '/home/dev/policy.json',
    })
    expect(r.ok).toBe(true)
    await expect(
      loadTerminalPolicy({ fs, platform: 'linux', isPackaged: true, devPathOverride: '/home/dev/policy.json' }),
    ).rejects.toThrow(/packaged/)
  })

  it('on Windows reads from ProgramData (ACLs are the installer’s job)', async () => {
    const win = 'C:\\ProgramData\\kaigo-desk\\terminal-policy.json'
    const r = await load(fakeFs({ [win]: { content: JSON.stringify(valid), uid: 1000 } }), 'win32')
    expect(r).toMatchObject({ ok: true, path: win })
  })
})

describe('TerminalPolicySchema', () => {
  const parse = (extra: object) => TerminalPolicySchema.safeParse({ ...valid, ...extra })

  it('accepts the three client-certificate forms and normalises fingerprints', () => {
    const colon = parse({ clientCertificate: { sha256: FP.toUpperCase().match(/../g)!.join(':') } })
    expect(colon.success && colon.data.clientCertificate).toEqual({ sha256: FP })
    expect(parse({ clientCertificate: { pkcs12Path: '/etc/kaigo-desk/terminal.p12' } }).success).toBe(true)
    expect(
      parse({ clientCertificate: { certPath: '/etc/kaigo-desk/t.crt', keyPath: '/etc/kaigo-desk/t.key' } }).success,
    ).toBe(true)
    expect(parse({ clientCertificate: { pkcs12Path: 'relative.p12' } }).success).toBe(false)
    expect(parse({ clientCertificate: { sha256: 'abc' } }).success).toBe(false)
  })

  it('requires an https origin without path and at least one well-formed pin', () => {
    for (const backendOrigin of [
      'http://x.example',
      'https://x.example/',
      'https://x.example/api',
      'https://X.example',
    ]) {
      expect(parse({ backendOrigin }).success, backendOrigin).toBe(false)
    }
    expect(parse({ backendOrigin: 'https://kaigo-api.example.lg.jp:8443' }).success).toBe(true)
    expect(parse({ serverPins: [] }).success).toBe(false)
    expect(parse({ serverPins: ['not-a-pin'] }).success).toBe(false)
  })

  it('keeps the idle lock on (1–30 minutes) and rejects removable/network export without exportAllowed', () => {
    expect(parse({ idleLockMinutes: 0 }).success).toBe(false)
    expect(parse({ idleLockMinutes: 31 }).success).toBe(false)
    expect(parse({ idleLockMinutes: 10 }).success).toBe(true)
    expect(parse({ allowRemovableExport: true }).success).toBe(false)
    expect(parse({ exportAllowed: true, allowRemovableExport: true }).success).toBe(true)
  })

  it('rejects unknown keys instead of ignoring them', () => {
    expect(parse({ kisok: true }).success).toBe(false)
  })
})
