// Fuses are flipped by electron-builder at package time (electron-builder.yml `electronFuses`). Flipping needs the
// real Electron binary, so offline CI checks the configuration instead (electron-security.md §3); the release machine
// checks the artefact with `npx @electron/fuses read --app <path>`.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

/**
 * Reads one flat mapping section of a YAML file (`key:` followed by indented `child: scalar` lines). Enough for
 * `electronFuses`; no YAML library is a dependency of this project. Fails on anything it does not understand.
 */
function readFlatYamlSection(text: string, section: string): Record<string, string | boolean | number> {
  const lines = text.split(/\r?\n/)
  const start = lines.findIndex((l) => new RegExp(`^${section}:\\s*(#.*)?$`).test(l))
  if (start < 0) throw new Error(`section ${section} not found`)
  const out: Record<string, string | boolean | number> = {}
  let indent: string | undefined
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue // blank or comment
    const m = /^(\s+)([A-Za-z][\w-]*):\s*(.*?)\s*(#.*)?$/.exec(line)
    if (!m) break // next top-level key
    indent ??= m[1]
    if (m[1] !== indent) throw new Error(`nested value under ${section}.${m[2]} is not supported`)
    const raw = m[3]!
    if (raw === '') throw new Error(`empty or nested value for ${section}.${m[2]}`)
    if (m[2]! in out) throw new Error(`duplicate key ${section}.${m[2]}`)
    out[m[2]!] =
      raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : /^-?\d+$/.test(raw)
            ? Number(raw)
            : raw.replace(/^(['"])(.*)\1$/, '$2')
  }
  return out
}

const yml = readFileSync(`${repoRoot}electron-builder.yml`, 'utf8')
const fuses = readFlatYamlSection(yml, 'electronFuses')

/** kaigo-desk's decision for every fuse electron-builder can set (electron-security.md §3). */
const EXPECTED: Record<string, boolean> = {
  runAsNode: false, // no ELECTRON_RUN_AS_NODE
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false, // no NODE_OPTIONS / NODE_EXTRA_CA_CERTS
  enableNodeCliInspectArguments: false, // no --inspect, no SIGUSR1 inspector
  enableEmbeddedAsarIntegrityValidation: true, // effective on Windows and macOS; Linux has no support
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false, // the UI is served from app://, not file://
}

describe('electron-builder.yml electronFuses (checklist 19)', () => {
  it.each(Object.entries(EXPECTED))('%s is %s', (name, value) => {
    expect(fuses[name]).toBe(value)
  })

  it('sets no key that is not a fuse', () => {
    expect(Object.keys(fuses).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it("decides every fuse electron-builder's schema knows (a new fuse fails until someone decides it)", () => {
    const require = createRequire(import.meta.url)
    const schema = require('app-builder-lib/scheme.json') as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } }
    }
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties).filter(
      (k) => k !== 'resetAdHocDarwinSignature', // a signing helper, not a fuse
    )
    expect(known.sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it('packages the Electron version that is installed, a supported major (checklist 16)', () => {
    const require = createRequire(import.meta.url)
    const installed = (require('electron/package.json') as { version: string }).version
    const m = /^electronVersion:\s*['"]?([\d.]+)['"]?\s*$/m.exec(yml)
    expect(m?.[1]).toBe(installed)
    expect(Number(installed.split('.')[0])).toBeGreaterThanOrEqual(43) // the latest 3 stable majors (45, 44, 43)
  })

  it('packages the app as an asar (OnlyLoadAppFromAsar and integrity need one)', () => {
    expect(/^asar:\s*true\s*$/m.test(yml)).toBe(true)
  })

  it('the section reader refuses what it cannot read', () => {
    expect(() => readFlatYamlSection('a: 1\n', 'electronFuses')).toThrow()
    expect(() => readFlatYamlSection('electronFuses:\n  x:\n    y: true\n', 'electronFuses')).toThrow()
    expect(() => readFlatYamlSection('electronFuses:\n  x: true\n  x: false\n', 'electronFuses')).toThrow()
    expect(readFlatYamlSection('electronFuses:\n  # c\n  x: true # on\n  y: "s"\nnext: 1\n', 'electronFuses')).toEqual({
      x: true,
      y: 's',
    })
  })
})
