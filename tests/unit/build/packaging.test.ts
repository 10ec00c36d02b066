// docs/decisions/0001: the packaged client holds only client code and the client's runtime dependencies.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const config = parse(readFileSync(`${repoRoot}electron-builder.yml`, 'utf8')) as { files: string[]; asar: boolean }
const pkg = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as {
  main: string
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
  workspaces: string[]
}
const serverPkg = JSON.parse(readFileSync(`${repoRoot}server/package.json`, 'utf8')) as {
  dependencies: Record<string, string>
}

describe('what electron-builder packs into app.asar', () => {
  const included = config.files.filter((f) => !f.startsWith('!'))
  const excluded = config.files.filter((f) => f.startsWith('!')).map((f) => f.slice(1))

  it('includes only the bundled main, preload and renderer, and package.json', () => {
    expect(included.sort()).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json'].sort())
    expect(config.asar).toBe(true)
    expect(pkg.main).toBe('out/main/index.js')
  })

  it('excludes the server, the sources, the tests and the server-only packages explicitly', () => {
    for (const path of [
      'server/**',
      'tests/**',
      'scripts/**',
      'shared/**',
      'electron/**',
      'renderer/**',
      '**/node_modules/@electric-sql/**',
    ]) {
      expect(excluded).toContain(path)
    }
  })

  it('ships better-sqlite3 as the only runtime dependency: everything else is bundled by electron-vite', () => {
    expect(Object.keys(pkg.dependencies)).toEqual(['better-sqlite3'])
  })

  it('keeps the server a separate workspace that the client package does not depend on', () => {
    expect(pkg.workspaces).toEqual(['server'])
    for (const name of Object.keys(serverPkg.dependencies)) expect(pkg.dependencies).not.toHaveProperty(name)
    expect(pkg.dependencies).not.toHaveProperty('@kaigo-desk/server')
  })

  it('pins better-sqlite3 to 12.x (13 needs Node 22 and crashes on Node 20)', () => {
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^~?\^?12\./)
  })
})
