/**
 * The Electronegativity gate (docs/sources/electron-security.md §14): run the scanner over electron/,
 * parse its CSV (it exits 0 whatever it finds) and fail on every HIGH finding that docs/security.md does not
 * explain as a false positive. Returns the unexplained HIGH findings.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

export interface Finding {
  check: string
  severity: string
  confidence: string
  file: string
  location: string
}

/** Splits one CSV line with quoted fields ("" escapes a quote). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      fields.push(field.trim())
      field = ''
    } else field += ch
  }
  fields.push(field.trim())
  return fields
}

export function parseFindings(csv: string): Finding[] {
  return csv
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map(splitCsvLine)
    .map(([check = '', severity = '', confidence = '', file = '', location = '']) => ({
      check,
      severity,
      confidence,
      file,
      location,
    }))
}

/** The (check, file) pairs explained in the false-positive table of docs/security.md. */
export function explainedFalsePositives(securityDoc: string): Set<string> {
  const section = securityDoc.slice(securityDoc.indexOf('## Electronegativity'))
  const explained = new Set<string>()
  for (const line of section.split('\n')) {
    const m = /^\|\s*([A-Z_]+_CHECK)\s*\|\s*([^|]+?)\s*\|\s*(.+?)\s*\|$/.exec(line)
    if (m && m[3]!.length > 20) explained.add(`${m[1]}|${m[2]}`)
  }
  return explained
}

export function unexplainedHighFindings(findings: readonly Finding[], explained: ReadonlySet<string>): Finding[] {
  return findings.filter((f) => f.severity === 'HIGH' && !explained.has(`${f.check}|${f.file}`))
}

export function runElectronegativityGate(repoRoot: string): { findings: Finding[]; unexplained: Finding[] } {
  const out = join(repoRoot, '.tmp', 'electronegativity.csv')
  rmSync(out, { force: true })
  const bin = join(repoRoot, 'node_modules', '.bin', 'electronegativity')
  spawnSync(bin, ['-i', 'electron', '-o', out, '-r', '-v', 'false', '-e', '45.5.0'], {
    cwd: repoRoot,
    stdio: 'inherit',
  })
  if (!existsSync(out)) throw new Error('electronegativity wrote no report')
  const findings = parseFindings(readFileSync(out, 'utf8'))
  const explained = explainedFalsePositives(readFileSync(join(repoRoot, 'docs', 'security.md'), 'utf8'))
  return { findings, unexplained: unexplainedHighFindings(findings, explained) }
}
