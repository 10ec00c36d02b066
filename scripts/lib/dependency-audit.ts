/**
 * The dependency audit gate (control C-04, docs/security.md "Dependency audit"): a high or critical advisory on a
 * package that ships (scripts/lib/shipped-packages.ts) fails `npm test`, unless `build/audit-allowlist.json` lists
 * it with a reason, a reviewer and an expiry date that has not passed. An expired allowlist entry fails by itself.
 * Moderate and low advisories are reported and do not fail. A report that is not an audit report (the registry
 * refused or could not be reached) fails with a message saying so: the gate never passes without an answer.
 *
 * The report is the JSON of `npm audit --json` (auditReportVersion 2), over the whole tree including devDependencies,
 * then narrowed to the shipped lockfile paths — `npm audit --omit=dev` would miss what electron-vite bundles.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { readLockfile, shippedPackages, type ShippedSets } from './shipped-packages'

export type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical'
const BLOCKING: ReadonlySet<Severity> = new Set(['high', 'critical'])

/** One advisory as npm audit reports it inside `vulnerabilities[*].via`. */
const Advisory$ = z.object({
  source: z.number(),
  name: z.string(),
  dependency: z.string(),
  title: z.string(),
  url: z.string(),
  severity: z.enum(['info', 'low', 'moderate', 'high', 'critical']),
  range: z.string(),
})
const Vulnerability$ = z.object({
  name: z.string(),
  severity: z.enum(['info', 'low', 'moderate', 'high', 'critical']),
  via: z.array(z.union([z.string(), Advisory$.passthrough()])),
  nodes: z.array(z.string()),
})
const AuditReport$ = z.object({
  auditReportVersion: z.literal(2),
  vulnerabilities: z.record(z.string(), Vulnerability$.passthrough()),
})
export type AuditReport = z.infer<typeof AuditReport$>

/** An allowlist entry is reviewed again at least this often. */
export const ALLOWLIST_MAX_DAYS = 90

const IsoDay$ = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日付は YYYY-MM-DD で書いてください')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '存在しない日付です')
const AllowlistEntry$ = z
  .object({
    id: z.string().regex(/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/, 'GHSA-xxxx-xxxx-xxxx の形で書いてください'),
    package: z.string().min(1),
    reason: z.string().min(20, '理由は 20 文字以上で書いてください'),
    reviewer: z.string().min(1),
    reviewed: IsoDay$,
    expires: IsoDay$,
  })
  .strict()
  .refine((e) => daysBetween(e.reviewed, e.expires) >= 0 && daysBetween(e.reviewed, e.expires) <= ALLOWLIST_MAX_DAYS, {
    message: `expires は reviewed から ${ALLOWLIST_MAX_DAYS} 日以内の日付にしてください`,
    path: ['expires'],
  })
export const AuditAllowlist$ = z.object({ $comment: z.string().optional(), entries: z.array(AllowlistEntry$) }).strict()
export type AuditAllowlist = z.infer<typeof AuditAllowlist$>
export type AllowlistEntry = z.infer<typeof AllowlistEntry$>

/** Parses the allowlist; a bad entry is an error naming the entry's index and field. */
export function parseAllowlist(json: unknown, file = 'build/audit-allowlist.json'): AuditAllowlist {
  const result = AuditAllowlist$.safeParse(json)
  if (result.success) return result.data
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(全体)'}: ${i.message}`)
  throw new Error(`${file} の形式が正しくありません:\n${lines.join('\n')}`)
}

export interface Finding {
  /** GHSA id from the advisory URL, or `npm:<source>` when the URL has none. */
  id: string
  package: string
  severity: Severity
  title: string
  url: string
  range: string
  /** The shipped lockfile paths of the vulnerable package. */
  nodes: string[]
}

/** The audit API gave no report (refused, unreachable): no verdict either way. */
export class AuditUnavailableError extends Error {}

/**
 * Reads the report. Anything that is not an audit report — npm's error object when the registry refused
 * (`{"message":"405 Method Not Allowed …"}`) or could not be reached — throws with that reason.
 */
export function parseAuditReport(json: unknown): AuditReport {
  const result = AuditReport$.safeParse(json)
  if (result.success) return result.data
  const reason =
    typeof json === 'object' && json !== null && 'message' in json ? String((json as { message: unknown }).message) : ''
  throw new AuditUnavailableError(
    `npm audit が監査結果を返しませんでした${reason ? `（${reason}）` : ''}。` +
      'レジストリの監査 API（/-/npm/v1/security/advisories/bulk）に接続できる環境で実行するか、' +
      '接続できる端末で記録した監査結果を KAIGO_AUDIT_REPORT で渡してください（docs/security.md「Dependency audit」）。',
  )
}

/** The advisories of the report that affect a shipped lockfile path, one per (advisory, package). */
export function shippedFindings(report: AuditReport, shipped: ReadonlySet<string>): Finding[] {
  const findings = new Map<string, Finding>()
  for (const vulnerability of Object.values(report.vulnerabilities)) {
    const nodes = vulnerability.nodes.filter((n) => shipped.has(n))
    if (nodes.length === 0) continue
    for (const via of vulnerability.via) {
      // A string names another vulnerable package this one depends on; that package has its own entry.
      if (typeof via === 'string' || via.dependency !== vulnerability.name) continue
      const id = /GHSA(-[0-9a-z]{4}){3}/i.exec(via.url)?.[0] ?? `npm:${via.source}`
      const key = `${id}|${via.dependency}`
      const known = findings.get(key)
      if (known) known.nodes = [...new Set([...known.nodes, ...nodes])]
      else
        findings.set(key, {
          id,
          package: via.dependency,
          severity: via.severity,
          title: via.title,
          url: via.url,
          range: via.range,
          nodes,
        })
    }
  }
  return [...findings.values()]
}

export interface Verdict {
  /** High or critical, shipped, not allowlisted: each fails the gate. */
  blocking: Finding[]
  /** High or critical, shipped, allowlisted by a valid entry. */
  allowed: { finding: Finding; entry: AllowlistEntry }[]
  /** Moderate, low, info: reported. */
  reported: Finding[]
  /** Allowlist entries whose expiry date has passed: each fails the gate. */
  expired: AllowlistEntry[]
  /** Valid entries that match no finding any more: reported, so that someone removes them. */
  unused: AllowlistEntry[]
}

/** `today` is the calendar date in Japan (YYYY-MM-DD); an entry is valid up to and including its `expires` day. */
export function judge(findings: readonly Finding[], allowlist: AuditAllowlist, today: string): Verdict {
  const expired = allowlist.entries.filter((e) => e.expires < today)
  const valid = allowlist.entries.filter((e) => e.expires >= today)
  const verdict: Verdict = { blocking: [], allowed: [], reported: [], expired, unused: [] }
  const used = new Set<AllowlistEntry>()
  for (const finding of findings) {
    if (!BLOCKING.has(finding.severity)) {
      verdict.reported.push(finding)
      continue
    }
    const entry = valid.find((e) => e.id.toLowerCase() === finding.id.toLowerCase() && e.package === finding.package)
    if (entry) {
      used.add(entry)
      verdict.allowed.push({ finding, entry })
    } else verdict.blocking.push(finding)
  }
  verdict.unused = valid.filter((e) => !used.has(e))
  return verdict
}

export const passes = (v: Verdict) => v.blocking.length === 0 && v.expired.length === 0

/** The lines the gate prints for one target. */
export function describeVerdict(target: string, v: Verdict): string[] {
  const lines: string[] = []
  const line = (f: Finding) => `${f.severity.padEnd(8)} ${f.id} ${f.package} ${f.range} — ${f.title} (${f.url})`
  for (const f of v.blocking) lines.push(`  ✗ ${target}: ${line(f)}`)
  for (const e of v.expired)
    lines.push(`  ✗ ${target}: 許可リストの期限切れ ${e.id} ${e.package}（期限 ${e.expires}、確認者 ${e.reviewer}）`)
  for (const { finding, entry } of v.allowed)
    lines.push(`  ! ${target}: allowlisted until ${entry.expires} by ${entry.reviewer}: ${line(finding)}`)
  for (const f of v.reported) lines.push(`    ${target}: ${line(f)}`)
  for (const e of v.unused) lines.push(`    ${target}: allowlist entry ${e.id} ${e.package} matches nothing; remove it`)
  return lines
}

/** A report recorded on a connected machine for a CI without the audit API (docs/security.md). */
const RecordedReport$ = z.object({
  recordedAt: IsoDay$,
  lockfileSha256: z.string().regex(/^[0-9a-f]{64}$/),
  report: z.unknown(),
})
export const RECORDED_REPORT_MAX_AGE_DAYS = 7

export function lockfileSha256(repoRoot: string): string {
  return createHash('sha256')
    .update(readFileSync(join(repoRoot, 'package-lock.json')))
    .digest('hex')
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/**
 * A recorded report is accepted only for the same lockfile and for RECORDED_REPORT_MAX_AGE_DAYS days: advisories
 * are published every day, so an old answer is no answer.
 */
export function acceptRecordedReport(json: unknown, currentLockSha256: string, today: string): unknown {
  const recorded = RecordedReport$.safeParse(json)
  if (!recorded.success)
    throw new Error('KAIGO_AUDIT_REPORT のファイルは scripts/dependency-audit.ts --record の形式ではありません')
  const { recordedAt, lockfileSha256: sha, report } = recorded.data
  if (sha !== currentLockSha256)
    throw new Error('記録された監査結果は別の package-lock.json のものです。いまのロックファイルで記録し直してください')
  const age = daysBetween(recordedAt, today)
  if (age < 0 || age > RECORDED_REPORT_MAX_AGE_DAYS)
    throw new Error(
      `記録された監査結果（${recordedAt}）は ${RECORDED_REPORT_MAX_AGE_DAYS} 日以内のものではありません。記録し直してください`,
    )
  return report
}

/** Runs `npm audit --json` over the whole tree (devDependencies included: they are narrowed afterwards). */
export function runNpmAudit(repoRoot: string): unknown {
  const result = spawnSync('npm', ['audit', '--json', '--include=dev', '--include=optional', '--include=peer'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: '' },
  })
  // npm audit exits 1 when it finds anything, and also when it fails: the JSON tells which.
  try {
    return JSON.parse(result.stdout) as unknown
  } catch {
    return { message: (result.stderr || result.error?.message || 'no output').trim().split('\n').at(-1) }
  }
}

export interface GateResult {
  ok: boolean
  lines: string[]
  verdicts: { client: Verdict; server: Verdict }
}

export function evaluateGate(
  reportJson: unknown,
  shipped: ShippedSets,
  allowlist: AuditAllowlist,
  today: string,
): GateResult {
  const report = parseAuditReport(reportJson)
  const client = judge(shippedFindings(report, shipped.client), allowlist, today)
  const server = judge(shippedFindings(report, shipped.server), allowlist, today)
  // An expired entry is one problem, not one per target.
  const lines = [...describeVerdict('client', client), ...describeVerdict('server', { ...server, expired: [] })]
  const ok = passes(client) && passes(server)
  lines.push(
    ok
      ? `  dependency audit: no unallowlisted high or critical advisory in the ${shipped.client.size} client and ${shipped.server.size} server packages that ship`
      : '  dependency audit failed: update the package, or allowlist the advisory with a reason (docs/security.md)',
  )
  return { ok, lines, verdicts: { client, server } }
}

/** The whole gate: the report (live, or recorded via KAIGO_AUDIT_REPORT), the shipped sets, the allowlist. */
export function runDependencyAuditGate(repoRoot: string, today: string, env = process.env): GateResult {
  const allowlistFile = join(repoRoot, 'build', 'audit-allowlist.json')
  const allowlist = parseAllowlist(
    existsSync(allowlistFile) ? (JSON.parse(readFileSync(allowlistFile, 'utf8')) as unknown) : { entries: [] },
  )
  const recorded = env.KAIGO_AUDIT_REPORT
  const reportJson = recorded
    ? acceptRecordedReport(JSON.parse(readFileSync(recorded, 'utf8')) as unknown, lockfileSha256(repoRoot), today)
    : runNpmAudit(repoRoot)
  const result = evaluateGate(reportJson, shippedPackages(repoRoot, readLockfile(repoRoot)), allowlist, today)
  if (recorded) result.lines.unshift(`  (recorded report: ${recorded})`)
  return result
}
