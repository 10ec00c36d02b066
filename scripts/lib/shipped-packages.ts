/**
 * What ships (control C-04): the npm packages that end up in the packaged client and in the running server, as
 * `package-lock.json` paths (`node_modules/react`, `node_modules/@mui/material/node_modules/clsx`, …). The dependency
 * audit and the SBOM look only at these.
 *
 * npm's own production/development split does not answer the question for this repository:
 * - the client's `dependencies` hold only better-sqlite3, but electron-vite bundles every package that `electron/`,
 *   `renderer/` and `shared/` import (React, MUI, zod, zustand, …, all `devDependencies`) into `out/`, and
 *   electron-builder packs the Electron runtime itself (`electron`, also a devDependency) into the installer;
 * - the server runs from source under `tsx` (`server/package.json` `start`), and runs `shared/`, which imports
 *   packages that are hoisted from the root (wanakana);
 * - `npm sbom --omit dev` drops packages that the server needs when the root also lists them as devDependencies
 *   (zod, @peculiar/x509 were missing from its output on npm 11.19).
 * So the roots are read from the sources (value imports, not `import type`) and from the manifests, and the closure is
 * walked over the lockfile with Node's resolution (nearest `node_modules` upwards). `@types/*` packages are left out:
 * type declarations are erased and never loaded.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

export interface LockPackage {
  name?: string
  version?: string
  dev?: boolean
  link?: boolean
  resolved?: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
}
export interface Lockfile {
  lockfileVersion: number
  packages: Record<string, LockPackage>
}

/** The package a bare import specifier names: `@mui/material/Button` → `@mui/material`, `node:fs` → undefined. */
export function packageOfSpecifier(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined
  const parts = specifier.split('/')
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
  return NODE_BUILTINS.has(name) ? undefined : name
}
const NODE_BUILTINS = new Set(['fs', 'path', 'crypto', 'os', 'url', 'child_process', 'module', 'events', 'stream'])

/** The packages one TypeScript source imports at run time: `import type` and type-only specifiers do not count. */
export function valueImportsOf(sourceText: string, fileName = 'file.ts'): Set<string> {
  const file = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.ES2022, false)
  const found = new Set<string>()
  const add = (specifier: string) => {
    const name = packageOfSpecifier(specifier)
    if (name) found.add(name)
  }
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)))
      if (!typeOnly) add(node.moduleSpecifier.text)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) add(node.moduleSpecifier.text)
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

function sourceFiles(dir: string, skip: (path: string) => boolean): string[] {
  const files: string[] = []
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (skip(path) || entry === 'node_modules') continue
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path, skip))
    else if (/\.(ts|tsx|mts|cts)$/.test(entry) && !entry.endsWith('.d.ts')) files.push(path)
  }
  return files
}

/** Every package imported at run time by the sources under `dirs` (relative to the repository). */
export function valueImportsUnder(
  repoRoot: string,
  dirs: readonly string[],
  skip: readonly string[] = [],
): Set<string> {
  const found = new Set<string>()
  const skipped = (path: string) => skip.includes(relative(repoRoot, path).split('\\').join('/'))
  for (const dir of dirs)
    for (const file of sourceFiles(join(repoRoot, dir), skipped))
      for (const name of valueImportsOf(readFileSync(file, 'utf8'), file)) found.add(name)
  return found
}

/** Node's resolution over the lockfile: the nearest `node_modules/<name>` from `fromPath` upwards. */
export function resolveInLock(lock: Lockfile, fromPath: string, name: string): string | undefined {
  let base = fromPath
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`
    if (lock.packages[candidate]) return candidate
    if (!base) return undefined
    const cut = base.lastIndexOf('/node_modules/')
    base = cut >= 0 ? base.slice(0, cut) : ''
  }
}

/**
 * The lockfile paths reachable from `roots` (names resolved from `fromPath`) over `dependencies`,
 * `optionalDependencies` and non-optional `peerDependencies`. A workspace link is followed to its folder.
 * `leaves` are taken without their own dependencies (the Electron runtime: its npm package's dependencies are the
 * downloader, not part of the installer). An optional peer is followed only when it is one of `chosenPeers`, the
 * packages the project installs on purpose: MUI's styling engine (@emotion/react, @emotion/styled) is an optional peer
 * that the client bundles, while drizzle-orm's optional peers are every database driver, of which the server loads
 * only its own.
 */
export function closureInLock(
  lock: Lockfile,
  roots: Iterable<string>,
  fromPath = '',
  leaves: ReadonlySet<string> = new Set(),
  chosenPeers: ReadonlySet<string> = new Set(),
): Set<string> {
  const seen = new Set<string>()
  const queue: { path: string; leaf: boolean }[] = []
  const missing: string[] = []
  for (const name of roots) {
    const path = resolveInLock(lock, fromPath, name)
    if (path) queue.push({ path, leaf: leaves.has(name) })
    else missing.push(name)
  }
  if (missing.length) throw new Error(`package-lock.json に見つからないパッケージ: ${missing.join(', ')}`)
  while (queue.length) {
    const next = queue.shift()!
    const entry = lock.packages[next.path]
    if (!entry) continue
    const path = entry.link && entry.resolved ? entry.resolved : next.path
    const leaf = next.leaf
    if (seen.has(path)) continue
    seen.add(path)
    if (leaf) continue
    const target = lock.packages[path] ?? entry
    const optionalPeers = target.peerDependenciesMeta ?? {}
    const names = [
      ...Object.keys(target.dependencies ?? {}),
      ...Object.keys(target.optionalDependencies ?? {}),
      ...Object.keys(target.peerDependencies ?? {}).filter((n) => !optionalPeers[n]?.optional || chosenPeers.has(n)),
    ]
    for (const name of names) {
      // Type declarations are erased at build time and never loaded.
      if (name.startsWith('@types/')) continue
      const dep = resolveInLock(lock, path, name)
      // An optional dependency of another platform is absent from the lockfile's tree on this one: fine.
      if (dep) queue.push({ path: dep, leaf: false })
    }
  }
  return seen
}

/** The name and version of a lockfile path (`node_modules/a/node_modules/@b/c` → `@b/c`). */
export function nameAtPath(lock: Lockfile, path: string): { name: string; version: string } {
  const entry = lock.packages[path] ?? {}
  const cut = path.lastIndexOf('node_modules/')
  const name = entry.name ?? (cut >= 0 ? path.slice(cut + 'node_modules/'.length) : path)
  return { name, version: entry.version ?? '' }
}

export interface ShippedSets {
  /** The packaged client: Electron runtime, better-sqlite3 and everything electron-vite bundles. */
  client: Set<string>
  /** The running server: its dependencies, what server/src and shared/ import, and tsx that runs it. */
  server: Set<string>
}

/**
 * Server files that are development tooling, not run by the deployed server: the generator of
 * docs/permissions.md formats with prettier.
 */
export const SERVER_DEV_ONLY_FILES = ['server/src/cli/permissions-doc-format.ts']

export function readLockfile(repoRoot: string): Lockfile {
  return JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as Lockfile
}

export function shippedPackages(repoRoot: string, lock: Lockfile = readLockfile(repoRoot)): ShippedSets {
  const root = lock.packages[''] ?? {}
  const server = lock.packages['server'] ?? {}
  const clientRoots = new Set<string>([
    ...Object.keys(root.dependencies ?? {}),
    'electron',
    ...valueImportsUnder(repoRoot, ['electron', 'renderer', 'shared']),
  ])
  const serverRoots = new Set<string>([
    ...Object.keys(server.dependencies ?? {}),
    ...valueImportsUnder(repoRoot, ['server/src', 'shared'], SERVER_DEV_ONLY_FILES),
    'tsx',
  ])
  const clientChosen = new Set([...Object.keys(root.dependencies ?? {}), ...Object.keys(root.devDependencies ?? {})])
  return {
    client: closureInLock(lock, clientRoots, '', new Set(['electron']), clientChosen),
    server: closureInLock(lock, serverRoots, 'server', new Set(), new Set(Object.keys(server.dependencies ?? {}))),
  }
}
