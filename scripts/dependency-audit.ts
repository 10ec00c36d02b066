/**
 * The dependency audit gate of `npm test` (control C-04; docs/security.md "Dependency audit"):
 *   tsx scripts/dependency-audit.ts                 audit what ships; exit 1 on a blocking advisory; exit 3 (not
 *                                                   audited, said loudly) when the audit API gives no answer
 *   tsx scripts/dependency-audit.ts --strict        the release gate (`npm run dist`): no answer is exit 1 too
 *   tsx scripts/dependency-audit.ts --record <file> on a machine that reaches the audit API: record the report
 *                                                   for a CI that does not (KAIGO_AUDIT_REPORT=<file>)
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { todayInJapan } from '../shared/domain/dates'
import {
  AuditUnavailableError,
  lockfileSha256,
  parseAuditReport,
  runDependencyAuditGate,
  runNpmAudit,
} from './lib/dependency-audit'

const root = resolve(import.meta.dirname, '..')
// The script is its own composition root: the only place that reads the wall clock.
const today = todayInJapan(new Date())
const args = process.argv.slice(2)

try {
  if (args[0] === '--record') {
    const file = args[1]
    if (!file) throw new Error('使い方: tsx scripts/dependency-audit.ts --record <file>')
    const report = runNpmAudit(root)
    parseAuditReport(report)
    writeFileSync(file, JSON.stringify({ recordedAt: today, lockfileSha256: lockfileSha256(root), report }, null, 2))
    console.log(`recorded the audit report of ${today} in ${file}`)
  } else {
    const { ok, lines } = runDependencyAuditGate(root, today)
    for (const line of lines) console.log(line)
    process.exitCode = ok ? 0 : 1
  }
} catch (error) {
  if (error instanceof AuditUnavailableError && !args.includes('--strict')) {
    // The test suite on a machine whose registry proxy refuses the audit API (POST): the gate has no verdict, so the
    // step is counted as skipped — never as passed — and the release build (`--strict`) refuses to package.
    console.log(`  ⚠ 依存関係の監査を実施できませんでした（未監査）: ${error.message}`)
    process.exitCode = 3
  } else {
    console.error(`  ✗ ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
