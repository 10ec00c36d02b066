// Fuses are flipped by electron-builder at package time (electron-builder.yml `electronFuses`). Flipping needs the
// real Electron binary, so offline CI checks the configuration instead (docs/sources/electron-security.md §3); the release machine
// checks the artefact with `npx @electron/fuses read --app <path>`.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

const yml = readFileSync(`${repoRoot}electron-builder.yml`, 'utf8')
const config = parse(yml) as { electronFuses: Record<string, unknown>; electronVersion: string }
const fuses = config.electronFuses

/** kaigo-desk's decision for every fuse electron-builder can set (docs/sources/electron-security.md §3). */
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
})
