/**
 * `npm run bench`: runs the benchmark modules of tests/bench/index.ts and writes docs/benchmarks.md with the date and
 * the machine (CPU model, cores, memory, Node). `npm run bench -- <id>…` runs only the matching modules and replaces
 * only their sections of docs/benchmarks.md (each then carries its own date and load average; the other sections and
 * the header stay as the last run wrote them); `--print` prints instead of writing. Exits 1 when a module missed a
 * budget.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { benchModules } from '../tests/bench/index'

const root = resolve(import.meta.dirname, '..')
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const printOnly = process.argv.includes('--print')
const modules = only.length > 0 ? benchModules.filter((m) => only.includes(m.id)) : benchModules
const unknown = only.filter((id) => !benchModules.some((m) => m.id === id))
if (unknown.length > 0) {
  console.error(`unknown bench modules: ${unknown.join(', ')} (known: ${benchModules.map((m) => m.id).join(', ')})`)
  process.exit(2)
}
const loads = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')

const cpu = cpus()
const machine = [
  `- Date: ${new Date().toISOString()}`,
  `- CPU: ${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length} cores`,
  `- Memory: ${(totalmem() / 1_073_741_824).toFixed(1)} GiB`,
  `- Node: ${process.version} (${platform()} ${release()})`,
  `- Load average at start (1/5/15 min): ${loads()} — other work on the machine inflates the times`,
].join('\n')

const sections = new Map<string, string>()
const failures: string[] = []
for (const module of modules) {
  const tmpDir = mkdtempSync(join(tmpdir(), `kaigo-bench-${module.id}-`))
  console.log(`━━ ${module.title}`)
  try {
    const started = new Date().toISOString()
    const loadAtStart = loads()
    const section = await module.run({ tmpDir, log: (line) => console.log(`   ${line}`) })
    // A section written alone says when it ran and how loaded the machine was (the header is the full run's).
    const alone =
      only.length === 0
        ? ''
        : `Written alone by \`npm run bench -- ${module.id}\`: ${started} to ${new Date().toISOString()}; load average ` +
          `(1/5/15 min) at start ${loadAtStart}, at the end ${loads()} (${cpu.length} cores).\n\n`
    sections.set(module.id, `## ${module.title}\n\n${alone}${section.markdown.trim()}\n`)
    failures.push(...section.failures.map((f) => `${module.id}: ${f}`))
  } finally {
    rmSync(tmpDir, { recursive: true, force: true })
  }
}

const target = join(root, 'docs/benchmarks.md')
const header = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (scripts/bench.ts; modules in tests/bench/). Numbers are from one run on the machine',
  'below; compare runs on the same machine only. A section rewritten alone (`npm run bench -- <module>`) names its own',
  'date and load.',
  '',
  machine,
  '',
].join('\n')

/** The sections of the document as written, by heading (`## …` up to the next `## `), and the text before them. */
function sectionsOf(text: string): { head: string; sections: { title: string; body: string }[] } {
  const parts = text.split(/^(?=## )/m)
  const head = parts[0]!.startsWith('## ') ? '' : parts.shift()!
  return {
    head,
    sections: parts.map((body) => ({ title: body.slice(3, body.indexOf('\n')).trim(), body: body.trimEnd() + '\n' })),
  }
}

/**
 * The document with the sections of this run: all of them for a full run; for a partial run the previous document
 * with the sections of the modules run replaced (or inserted after the section of the module before it).
 */
function documentOf(): string {
  if (only.length === 0 || !existsSync(target))
    return [header, ...benchModules.map((m) => sections.get(m.id)).filter((s) => s !== undefined)].join('\n')
  const previous = sectionsOf(readFileSync(target, 'utf8'))
  const out = [...previous.sections]
  for (const [index, module] of benchModules.entries()) {
    const body = sections.get(module.id)
    if (body === undefined) continue
    const at = out.findIndex((s) => s.title === module.title)
    if (at >= 0) out[at] = { title: module.title, body }
    else {
      const before = benchModules
        .slice(0, index)
        .map((m) => out.findIndex((s) => s.title === m.title))
        .reduce((a, b) => Math.max(a, b), -1)
      out.splice(before + 1, 0, { title: module.title, body })
    }
  }
  return [previous.head.trimEnd() + '\n', ...out.map((s) => s.body)].join('\n')
}

const document = documentOf()
if (printOnly) console.log(document)
else {
  const options = (await resolveConfig(target)) ?? {}
  writeFileSync(target, await format(document, { ...options, parser: 'markdown' }))
  console.log(`docs/benchmarks.md written${only.length > 0 ? ` (sections: ${only.join(', ')})` : ''}`)
}
if (failures.length > 0) {
  console.error(`budgets missed:\n${failures.map((f) => `  ${f}`).join('\n')}`)
  process.exit(1)
}
console.log('all budgets met')
process.exit(0)
