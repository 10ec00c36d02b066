/**
 * `npm test`: lint, the server's import map, the dependency audit, typecheck, Vitest (unit + integration; integration also on
 * PostgreSQL when DATABASE_URL is set), the client build and the Playwright E2E suite in Chromium. Ends with one
 * plain line `N passed, N failed` summing every runner, which is what CI reads.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { runElectronegativityGate } from './lib/electronegativity-gate'

const root = resolve(import.meta.dirname, '..')
const tmp = join(root, '.tmp')
mkdirSync(tmp, { recursive: true })

interface Tally {
  name: string
  passed: number
  failed: number
  skipped: number
}
const tallies: Tally[] = []

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n━━ ${cmd} ${args.join(' ')}`)
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status ?? 1
}

/** A step that is one check: passes or fails as a whole. */
function step(name: string, cmd: string, args: string[]) {
  const ok = run(cmd, args) === 0
  tallies.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 })
}

step('lint', 'npx', ['eslint', '.', '--max-warnings', '0'])
// The import map inside server/src (.dependency-cruiser.cjs): core ← areas ← composition roots, demo kept out.
step('import-map', 'npx', ['depcruise', 'server/src', '--config', '.dependency-cruiser.cjs'])
// Known high/critical advisories in what ships (client and server), docs/security.md "Dependency audit" (C-04).
// Without an answer from the audit API (a registry proxy that refuses it) the step is skipped, loudly, and the
// release build's strict gate (`npm run dist`) refuses; KAIGO_AUDIT_REPORT names a recorded report instead.
{
  const status = run('npx', ['tsx', 'scripts/dependency-audit.ts'])
  tallies.push({
    name: 'dependency-audit',
    passed: status === 0 ? 1 : 0,
    failed: status === 0 || status === 3 ? 0 : 1,
    skipped: status === 3 ? 1 : 0,
  })
}
step('typecheck', 'npm', ['run', '--silent', 'typecheck'])
step('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn'])

// Electronegativity: HIGH findings fail unless docs/security.md explains them (docs/sources/electron-security.md §14).
{
  console.log('\n━━ electronegativity')
  let ok = false
  try {
    const { findings, unexplained } = runElectronegativityGate(root)
    for (const f of findings) console.log(`  ${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.location}`)
    for (const f of unexplained) console.log(`  ✗ unexplained HIGH finding: ${f.check} in ${f.file}:${f.location}`)
    ok = unexplained.length === 0
  } catch (error) {
    console.log(`  ✗ ${error instanceof Error ? error.message : String(error)}`)
  }
  tallies.push({ name: 'electronegativity', passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 })
}

// Vitest: read the JSON report; a crash before the report counts as one failure.
const vitestReport = join(tmp, 'vitest.json')
rmSync(vitestReport, { force: true })
const vitestStatus = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
])
if (existsSync(vitestReport)) {
  const r = JSON.parse(readFileSync(vitestReport, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
    numTodoTests: number
    testResults: { status: string; assertionResults: unknown[] }[]
  }
  // A test file that failed to load has no assertion results: count it as a failure.
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length
  tallies.push({
    name: 'vitest',
    passed: r.numPassedTests,
    failed: r.numFailedTests + brokenFiles,
    skipped: r.numPendingTests + r.numTodoTests,
  })
  if (vitestStatus !== 0 && r.numFailedTests + brokenFiles === 0)
    tallies.push({ name: 'vitest-exit', passed: 0, failed: 1, skipped: 0 })
} else {
  tallies.push({ name: 'vitest', passed: 0, failed: 1, skipped: 0 })
}

// Client build (needed by the E2E suite), then Playwright in Debian's Chromium.
const buildOk = run('npx', ['electron-vite', 'build'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }) === 0
tallies.push({ name: 'build', passed: buildOk ? 1 : 0, failed: buildOk ? 0 : 1, skipped: 0 })
const pwReport = join(tmp, 'playwright.json')
rmSync(pwReport, { force: true })
const pwStatus = buildOk ? run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport }) : 1
if (existsSync(pwReport)) {
  const r = JSON.parse(readFileSync(pwReport, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number }
    errors?: unknown[]
  }
  const setupErrors = r.errors?.length ?? 0
  tallies.push({
    name: 'playwright',
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected + setupErrors,
    skipped: r.stats.skipped,
  })
  if (pwStatus !== 0 && r.stats.unexpected + setupErrors === 0)
    tallies.push({ name: 'playwright-exit', passed: 0, failed: 1, skipped: 0 })
} else {
  tallies.push({ name: 'playwright', passed: 0, failed: 1, skipped: 0 })
}

console.log('\n━━ summary')
for (const t of tallies)
  console.log(
    `  ${t.name.padEnd(16)} ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`,
  )
const passed = tallies.reduce((n, t) => n + t.passed, 0)
const failed = tallies.reduce((n, t) => n + t.failed, 0)
const skipped = tallies.reduce((n, t) => n + t.skipped, 0)
if (skipped) console.log(`  (${skipped} skipped: tests gated to PostgreSQL or to an opt-in environment)`)
// CI reads the last line: exactly "N passed, N failed".
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
