// build/ holds what electron-builder.yml names (buildResources): icons, the NSIS include and sample policies.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { TerminalPolicySchema, type TerminalPolicy } from '../../../shared/policy/terminal-policy'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const at = (path: string) => `${repoRoot}${path}`

interface BuilderConfig {
  directories: { buildResources: string }
  extraResources: { from: string; to: string; filter: string[] }[]
  win: { icon: string }
  nsis: { include: string; installerIcon: string; uninstallerIcon: string }
  linux: { icon: string }
  mac: { icon: string }
}
const config = parse(readFileSync(at('electron-builder.yml'), 'utf8')) as BuilderConfig

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Width and height from a PNG's IHDR (the first chunk, right after the signature). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
  expect(png.toString('ascii', 12, 16)).toBe('IHDR')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

/** The images of an ICO file: its directory (ICONDIR + ICONDIRENTRY), a width/height byte of 0 meaning 256. */
function icoImages(ico: Buffer): { width: number; height: number; data: Buffer }[] {
  expect(ico.readUInt16LE(0)).toBe(0) // reserved
  expect(ico.readUInt16LE(2)).toBe(1) // 1 = icon
  const count = ico.readUInt16LE(4)
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + 16 * i
    const size = ico.readUInt32LE(entry + 8)
    const offset = ico.readUInt32LE(entry + 12)
    expect(offset + size).toBeLessThanOrEqual(ico.length)
    return {
      width: ico[entry] || 256,
      height: ico[entry + 1] || 256,
      data: ico.subarray(offset, offset + size),
    }
  })
}

/** The entries of an ICNS file: 'icns', total length, then (type, length, data) records. */
function icnsEntries(icns: Buffer): Map<string, Buffer> {
  expect(icns.toString('ascii', 0, 4)).toBe('icns')
  expect(icns.readUInt32BE(4)).toBe(icns.length)
  const entries = new Map<string, Buffer>()
  for (let offset = 8; offset < icns.length;) {
    const length = icns.readUInt32BE(offset + 4)
    expect(length).toBeGreaterThan(8)
    entries.set(icns.toString('ascii', offset, offset + 4), icns.subarray(offset + 8, offset + length))
    offset += length
  }
  return entries
}

describe('every resource electron-builder.yml names exists in build/', () => {
  it('uses build/ as buildResources and takes every icon, include and extra resource from it', () => {
    expect(config.directories.buildResources).toBe('build')
    const named = [
      config.win.icon,
      config.nsis.include,
      config.nsis.installerIcon,
      config.nsis.uninstallerIcon,
      config.linux.icon,
      config.mac.icon,
      ...config.extraResources.map((r) => r.from),
    ]
    for (const path of named) {
      expect(path.startsWith('build/'), path).toBe(true)
      expect(existsSync(at(path)), path).toBe(true)
    }
  })

  it('ships the sample policies as resources/policies/*.json', () => {
    expect(config.extraResources).toEqual([{ from: 'build/policies', to: 'policies', filter: ['*.json'] }])
  })
})

describe('application icons are real images of the sizes electron-builder needs', () => {
  it('Windows: icon.ico holds 16 … 256 px images, each a PNG or a 32-bit DIB of its size', () => {
    const images = icoImages(readFileSync(at(config.win.icon)))
    expect(images.map((i) => i.width)).toEqual(expect.arrayContaining([16, 32, 48, 256]))
    for (const image of images) {
      expect(image.width).toBe(image.height)
      if (image.data.subarray(0, 8).equals(PNG_SIGNATURE)) {
        expect(pngSize(image.data)).toEqual({ width: image.width, height: image.height })
      } else {
        expect(image.data.readUInt32LE(0)).toBe(40) // BITMAPINFOHEADER
        expect(image.data.readInt32LE(4)).toBe(image.width)
        expect(image.data.readInt32LE(8)).toBe(image.height * 2) // XOR + AND masks
      }
    }
  })

  it('macOS: icon.icns holds PNG entries up to 1024 px (ic10)', () => {
    const entries = icnsEntries(readFileSync(at(config.mac.icon)))
    const expected: Record<string, number> = { icp4: 16, icp5: 32, ic07: 128, ic08: 256, ic09: 512, ic10: 1024 }
    for (const [type, size] of Object.entries(expected)) {
      const data = entries.get(type)
      expect(data, type).toBeDefined()
      expect(pngSize(data!)).toEqual({ width: size, height: size })
    }
  })

  it('Linux: build/icons/<n>x<n>.png are PNGs of their named size, up to 512', () => {
    const files = readdirSync(at(config.linux.icon)).filter((f) => f.endsWith('.png'))
    expect(files).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '48x48.png', '256x256.png', '512x512.png']))
    for (const file of files) {
      const n = Number(/^(\d+)x\1\.png$/.exec(file)?.[1])
      expect(pngSize(readFileSync(at(`${config.linux.icon}/${file}`)))).toEqual({ width: n, height: n })
    }
    expect(pngSize(readFileSync(at('build/icon.png')))).toEqual({ width: 512, height: 512 })
  })

  it('keeps the committed binaries small (under 200 KB each)', () => {
    for (const path of [config.win.icon, config.mac.icon, 'build/icon.png']) {
      expect(statSync(at(path)).size, path).toBeLessThan(200_000)
    }
  })
})

describe('sample policies for the three terminal kinds', () => {
  const load = (name: string): TerminalPolicy =>
    TerminalPolicySchema.parse(JSON.parse(readFileSync(at(`build/policies/${name}.json`), 'utf8')))
  const ward = load('ward-terminal')
  const laptop = load('consultation-centre-laptop')
  const kiosk = load('kiosk')

  it('are exactly the three kinds, and each passes the strict policy schema', () => {
    const samples = readdirSync(at('build/policies')).filter((f) => f.endsWith('.json'))
    expect(samples.sort()).toEqual(['consultation-centre-laptop.json', 'kiosk.json', 'ward-terminal.json'])
  })

  it('all talk to the same backend with the same pins, each with its own client certificate', () => {
    expect(new Set([ward.backendOrigin, laptop.backendOrigin, kiosk.backendOrigin]).size).toBe(1)
    expect(laptop.serverPins).toEqual(ward.serverPins)
    expect(kiosk.serverPins).toEqual(ward.serverPins)
    const certs = [ward, laptop, kiosk].map((p) => JSON.stringify(p.clientCertificate))
    expect(new Set(certs).size).toBe(3)
  })

  it('ward terminal: no kiosk, may export to network paths only, prints on listed printers', () => {
    expect(ward.kiosk).toBe(false)
    expect(ward.exportAllowed).toBe(true)
    expect(ward.allowNetworkExport).toBe(true)
    expect(ward.allowRemovableExport).toBe(false)
    expect(ward.printersAllowlist.length).toBeGreaterThan(0)
  })

  it('consultation-centre laptop: no kiosk, never exports or prints, locks sooner than a ward terminal', () => {
    expect(laptop.kiosk).toBe(false)
    expect(laptop.exportAllowed).toBe(false)
    expect(laptop.printersAllowlist).toEqual([])
    expect(laptop.idleLockMinutes).toBeLessThan(ward.idleLockMinutes)
  })

  it('kiosk: kiosk mode on, the shortest idle lock, never exports', () => {
    expect(kiosk.kiosk).toBe(true)
    expect(kiosk.idleLockMinutes).toBeLessThan(laptop.idleLockMinutes)
    expect(kiosk.exportAllowed).toBe(false)
    expect(kiosk.allowRemovableExport || kiosk.allowNetworkExport).toBe(false)
  })

  it('every sample asks for TOTP on unlock', () => {
    for (const p of [ward, laptop, kiosk]) expect(p.requireTotpOnUnlock).toBe(true)
  })
})

describe('the NSIS include installs the machine-wide policy read-only for staff', () => {
  const nsh = readFileSync(at(config.nsis.include), 'utf8')

  it('defines the customInstall and customUnInstall macros electron-builder calls', () => {
    expect(nsh).toMatch(/^!macro customInstall$/m)
    expect(nsh).toMatch(/^!macro customUnInstall$/m)
  })

  it('places terminal-policy.json in %ProgramData%\\kaigo-desk, the path the loader reads', () => {
    expect(nsh).toContain('!define KAIGO_POLICY_DIR_NAME "kaigo-desk"')
    expect(nsh).toContain('!define KAIGO_POLICY_FILE_NAME "terminal-policy.json"')
    expect(nsh).toContain('ReadEnvStr $R9 "PROGRAMDATA"')
  })

  it('removes inherited ACEs and grants Users (S-1-5-32-545) read only, Administrators and SYSTEM full control', () => {
    const icacls = nsh.split('\n').filter((line) => line.includes('icacls'))
    expect(icacls).toHaveLength(2) // the directory and the file
    for (const line of icacls) {
      expect(line).toContain('/inheritance:r')
      expect(line).toContain('/grant:r')
      expect(line).toMatch(/KAIGO_SID_ADMINISTRATORS\}:(\(OI\)\(CI\))?F"/)
      expect(line).toMatch(/KAIGO_SID_SYSTEM\}:(\(OI\)\(CI\))?F"/)
      expect(line).toMatch(/KAIGO_SID_USERS\}:(\(OI\)\(CI\))?RX?"/)
    }
    expect(nsh).toContain('!define KAIGO_SID_USERS "*S-1-5-32-545"')
    expect(nsh).toContain('!define KAIGO_SID_ADMINISTRATORS "*S-1-5-32-544"')
    expect(nsh).toContain('!define KAIGO_SID_SYSTEM "*S-1-5-18"')
  })

  it('deletes the policy on uninstall, but not when the uninstaller runs for an update', () => {
    const uninstall = nsh.slice(nsh.indexOf('!macro customUnInstall'))
    expect(uninstall).toContain('${IfNot} ${isUpdated}')
    expect(uninstall).toContain('Delete "$R9\\${KAIGO_POLICY_DIR_NAME}\\${KAIGO_POLICY_FILE_NAME}"')
    expect(uninstall).toContain('RMDir "$R9\\${KAIGO_POLICY_DIR_NAME}"')
  })
})
