/**
 * CycloneDX SBOMs of what ships (control C-04; docs/security.md "Dependency audit"): `dist/sbom/client.cdx.json` for
 * the packaged client and `dist/sbom/server.cdx.json` for the server.
 *
 *   tsx scripts/sbom.ts [client|server]... [--out <dir>]     (no target: both; default dir dist/sbom)
 *
 * npm writes the document (`npm sbom --sbom-format cyclonedx`, from the installed tree); this script narrows it to
 * the packages that ship (scripts/lib/shipped-packages.ts) — not `--omit dev`, which would leave out the Electron
 * runtime and everything electron-vite bundles, and which dropped zod and @peculiar/x509 from the server on npm 11.19.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { nameAtPath, readLockfile, shippedPackages, type Lockfile } from './lib/shipped-packages'

interface Component {
  'bom-ref': string
  name: string
  version: string
  [key: string]: unknown
}
interface Bom {
  bomFormat: string
  specVersion: string
  metadata: { component: Component; [key: string]: unknown }
  components: Component[]
  dependencies: { ref: string; dependsOn?: string[] }[]
  [key: string]: unknown
}

export type Target = 'client' | 'server'

/** The whole installed tree as npm describes it. */
export function npmSbom(repoRoot: string): Bom {
  const result = spawnSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--sbom-type', 'application'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: '' },
  })
  if (result.status !== 0) throw new Error(`npm sbom が失敗しました: ${result.stderr.trim()}`)
  return JSON.parse(result.stdout) as Bom
}

/** Keeps the components (and their dependency edges) whose name@version is a shipped lockfile path. */
export function narrowBom(full: Bom, lock: Lockfile, shipped: ReadonlySet<string>, target: Target): Bom {
  const keep = new Set(
    [...shipped].map((path) => {
      const { name, version } = nameAtPath(lock, path)
      return `${name}@${version}`
    }),
  )
  const subjectRef = target === 'client' ? full.metadata.component['bom-ref'] : '@kaigo-desk/server@0.1.0'
  const subjectPkg = target === 'client' ? lock.packages[''] : lock.packages['server']
  const subjectFound =
    target === 'client'
      ? full.metadata.component
      : full.components.find((c) => c['bom-ref'] === `@kaigo-desk/server@${subjectPkg?.version}`)
  if (!subjectFound) throw new Error(`npm sbom の出力に ${subjectRef} がありません`)
  // npm names the root and workspace components after their folders ("main", "server"): use the package names.
  const subject: Component = {
    ...subjectFound,
    type: 'application',
    name: target === 'client' ? 'kaigo-desk' : '@kaigo-desk/server',
  }
  const components = full.components.filter((c) => keep.has(c['bom-ref']) && c['bom-ref'] !== subject['bom-ref'])
  const refs = new Set([subject['bom-ref'], ...components.map((c) => c['bom-ref'])])
  const dependencies = full.dependencies
    .filter((d) => refs.has(d.ref))
    .map((d) => ({ ref: d.ref, dependsOn: (d.dependsOn ?? []).filter((r) => refs.has(r)) }))
  // The subject depends on what it loads directly, bundled devDependencies included: the top of the closure.
  const top = dependencies.find((d) => d.ref === subject['bom-ref'])
  const reached = new Set(dependencies.filter((d) => d.ref !== subject['bom-ref']).flatMap((d) => d.dependsOn))
  const direct = components.map((c) => c['bom-ref']).filter((r) => !reached.has(r))
  if (top) top.dependsOn = [...new Set([...top.dependsOn, ...direct])]
  else dependencies.unshift({ ref: subject['bom-ref'], dependsOn: direct })
  return { ...full, metadata: { ...full.metadata, component: subject }, components, dependencies }
}

export function writeSboms(repoRoot: string, targets: readonly Target[], outDir: string): string[] {
  const lock = readLockfile(repoRoot)
  const shipped = shippedPackages(repoRoot, lock)
  const full = npmSbom(repoRoot)
  mkdirSync(outDir, { recursive: true })
  return targets.map((target) => {
    const file = join(outDir, `${target}.cdx.json`)
    writeFileSync(file, `${JSON.stringify(narrowBom(full, lock, shipped[target], target), null, 2)}\n`)
    return file
  })
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const root = resolve(import.meta.dirname, '..')
  const args = process.argv.slice(2)
  const outAt = args.indexOf('--out')
  const outDir = outAt >= 0 ? resolve(args[outAt + 1] ?? '') : join(root, 'dist', 'sbom')
  const named = args.filter((a, i) => (a === 'client' || a === 'server') && args[i - 1] !== '--out') as Target[]
  try {
    for (const file of writeSboms(root, named.length ? named : ['client', 'server'], outDir))
      console.log(`wrote ${file}`)
  } catch (error) {
    console.error(`✗ ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
