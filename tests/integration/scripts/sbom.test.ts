// Control C-04: the SBOMs of what ships (scripts/sbom.ts, docs/security.md "Dependency audit"), written by npm's own
// CycloneDX writer from the installed tree. Expected names are picked by hand: the client's one runtime dependency
// and what electron-builder adds (electron-builder.yml), two of server/package.json's dependencies.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const out = mkdtempSync(join(tmpdir(), 'kaigo-sbom-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

interface Bom {
  bomFormat: string
  specVersion: string
  serialNumber: string
  metadata: { component: { name: string; type: string; 'bom-ref': string } }
  components: { 'bom-ref': string; name: string; version: string; purl: string }[]
  dependencies: { ref: string; dependsOn: string[] }[]
}
const boms: Record<'client' | 'server', Bom> = {} as never

beforeAll(() => {
  const result = spawnSync('npx', ['tsx', 'scripts/sbom.ts', '--out', out], { cwd: repoRoot, encoding: 'utf8' })
  expect(result.stderr).not.toContain('✗')
  expect(result.status).toBe(0)
  for (const target of ['client', 'server'] as const)
    boms[target] = JSON.parse(readFileSync(join(out, `${target}.cdx.json`), 'utf8')) as Bom
}, 120_000)

const names = (bom: Bom) => bom.components.map((c) => c.name)

describe.each(['client', 'server'] as const)('the %s SBOM is a CycloneDX document', (target) => {
  it('declares CycloneDX 1.5 with a serial number and names its subject', () => {
    const bom = boms[target]
    expect(bom.bomFormat).toBe('CycloneDX')
    expect(bom.specVersion).toBe('1.5')
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f-]{36}$/)
    expect(bom.metadata.component.name).toBe(target === 'client' ? 'kaigo-desk' : '@kaigo-desk/server')
    expect(bom.metadata.component.type).toBe('application')
  })

  it('gives every component an npm package URL, and every dependency edge ends at a listed component', () => {
    const bom = boms[target]
    for (const c of bom.components) expect(c.purl).toMatch(/^pkg:npm\//)
    const refs = new Set([bom.metadata.component['bom-ref'], ...bom.components.map((c) => c['bom-ref'])])
    for (const d of bom.dependencies) {
      expect(refs).toContain(d.ref)
      for (const r of d.dependsOn) expect(refs).toContain(r)
    }
  })

  it.each(['vitest', 'eslint', 'typescript', 'electron-builder', 'drizzle-kit', '@types/node'])(
    'lists no development tool: %s',
    (name) => expect(names(boms[target])).not.toContain(name),
  )
})

describe('the client SBOM lists what the installer contains', () => {
  it.each(['better-sqlite3', 'electron', 'react', '@mui/material', 'zod'])('lists %s', (name) =>
    expect(names(boms.client)).toContain(name),
  )
  it.each(['fastify', 'pg', '@electric-sql/pglite'])('does not list the server’s %s', (name) =>
    expect(names(boms.client)).not.toContain(name),
  )
})

describe('the server SBOM lists what the server loads', () => {
  it.each(['fastify', 'pg', 'zod', 'tsx'])('lists %s', (name) => expect(names(boms.server)).toContain(name))
  it.each(['better-sqlite3', 'react', 'electron'])('does not list the client’s %s', (name) =>
    expect(names(boms.server)).not.toContain(name),
  )
})
