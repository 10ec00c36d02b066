// Control C-04: what the dependency audit and the SBOM look at. The expected names are picked by hand from
// electron.vite.config.ts (main and preload bundle everything but `dependencies`), electron-builder.yml
// (the Electron runtime, better-sqlite3 unpacked from app.asar), server/package.json and its start script (tsx).
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  closureInLock,
  nameAtPath,
  readLockfile,
  shippedPackages,
  valueImportsOf,
  type Lockfile,
} from '../../../scripts/lib/shipped-packages'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const lock = readLockfile(repoRoot)
const shipped = shippedPackages(repoRoot, lock)
const names = (paths: Set<string>) => new Set([...paths].map((p) => nameAtPath(lock, p).name))

describe('the packaged client holds the Electron runtime, better-sqlite3 and what electron-vite bundles', () => {
  const client = names(shipped.client)

  it.each(['electron', 'better-sqlite3', 'react', 'react-dom', '@mui/material', '@emotion/react', 'zod', 'zustand'])(
    'includes %s',
    (name) => expect(client).toContain(name),
  )

  it('includes better-sqlite3’s install-time dependencies, which electron-builder copies along', () => {
    expect(client).toContain('prebuild-install')
    expect(client).toContain('tar-fs')
  })

  it.each(['vitest', 'vite', 'electron-builder', 'eslint', 'fastify', '@electric-sql/pglite', 'pg', '@electron/get'])(
    'excludes %s (build tooling, the server, or the Electron downloader)',
    (name) => expect(client).not.toContain(name),
  )
})

describe('the server holds its dependencies, what shared/ needs and tsx that runs it', () => {
  const server = names(shipped.server)

  it.each(['fastify', 'pg', '@electric-sql/pglite', '@node-rs/argon2', 'drizzle-orm', 'zod', 'tsx', 'esbuild'])(
    'includes %s',
    (name) => expect(server).toContain(name),
  )

  it('includes wanakana, which shared/text/kana.ts imports although server/package.json does not list it', () => {
    expect(server).toContain('wanakana')
  })

  it.each(['vitest', 'drizzle-kit', '@types/pg', 'prettier', 'react', 'electron', 'better-sqlite3'])(
    'excludes %s',
    (name) => expect(server).not.toContain(name),
  )
})

describe('run-time imports are told from type imports', () => {
  it('counts value, side-effect, re-export and dynamic imports, and skips import type and node: modules', () => {
    const source = `
      import { z } from 'zod'
      import type { App } from 'electron'
      import { type Session } from 'electron-type-only'
      import 'side-effect'
      import Button from '@mui/material/Button'
      export { x } from 're-exported'
      export type { Y } from 'type-reexport'
      import { readFileSync } from 'node:fs'
      const pg = await import('pg')
    `
    expect([...valueImportsOf(source)].sort()).toEqual(['@mui/material', 'pg', 're-exported', 'side-effect', 'zod'])
  })
})

describe('the closure follows Node’s resolution over the lockfile', () => {
  const tiny: Lockfile = {
    lockfileVersion: 3,
    packages: {
      '': { dependencies: { a: '1' } },
      'node_modules/a': {
        version: '1.0.0',
        dependencies: { b: '2' },
        peerDependencies: { p: '1', q: '1' },
        peerDependenciesMeta: { q: { optional: true } },
      },
      'node_modules/a/node_modules/b': { version: '2.0.0' },
      'node_modules/b': { version: '1.0.0' },
      'node_modules/p': { version: '1.0.0' },
      'node_modules/q': { version: '1.0.0' },
    },
  }

  it('takes the nested copy of b under a, not the hoisted one, and required peers but not optional ones', () => {
    expect([...closureInLock(tiny, ['a'])].sort()).toEqual([
      'node_modules/a',
      'node_modules/a/node_modules/b',
      'node_modules/p',
    ])
  })

  it('refuses a root that is not in the lockfile', () => {
    expect(() => closureInLock(tiny, ['missing'])).toThrow(/package-lock.json に見つからないパッケージ: missing/)
  })
})
