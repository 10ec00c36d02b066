/**
 * `npm run bench`: runs the benchmark modules of tests/bench/index.ts and writes docs/benchmarks.md with the date and
 * the machine (CPU model, cores, memory, Node). `npm run bench -- <id>` runs only the matching modules and prints
 * them without writing the document. Exits 1 when a module missed a budget.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { benchModules } from '../tests/bench/index'

const root = resolve(import.meta.dirname, '..')
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const modules = only.length > 0 ? benchModules.filter((m) => only.includes(m.id)) : benchModules

const cpu = cpus()
const machine = [
  `- Date: ${new Date().toISOString()}`,
  `- CPU: ${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length} cores`,
  `- Memory: ${(totalmem() / 1_073_741_824).toFixed(1)} GiB`,
  `- Node: ${process.version} (${platform()} ${release()})`,
  `- Load average at start (1/5/15 min): ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')} — other work on the machine inflates the times`,
].join('\n')

const sections: string[] = []
const failures: string[] = []
for (const module of modules) {
  const tmpDir = mkdtempSync(join(tmpdir(), `kaigo-bench-${module.id}-`))
  console.log(`━━ ${module.title}`)
  try {
    const section = await module.run({ tmpDir, log: (line) => console.log(`   ${line}`) })
    sections.push(`## ${module.title}\n\n${section.markdown.trim()}\n`)
    failures.push(...section.failures.map((f) => `${module.id}: ${f}`))
  } finally {
    rmSync(tmpDir, { recursive: true, force: true })
  }
}

const document = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (scripts/bench.ts; modules in tests/bench/). Numbers are from one run on the machine',
  'below; compare runs on the same machine only.',
  '',
  machine,
  '',
  ...sections,
].join('\n')
if (only.length === 0) {
  const target = join(root, 'docs/benchmarks.md')
  const options = (await resolveConfig(target)) ?? {}
  writeFileSync(target, await format(document, { ...options, parser: 'markdown' }))
  console.log('docs/benchmarks.md written')
} else {
  console.log(document)
}
if (failures.length > 0) {
  console.error(`budgets missed:\n${failures.map((f) => `  ${f}`).join('\n')}`)
  process.exit(1)
}
console.log('all budgets met')
process.exit(0)
