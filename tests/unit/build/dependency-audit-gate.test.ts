// Control C-04 (docs/controls.md): the dependency audit. The gate's rules are in docs/security.md "Dependency audit";
// the reports are in tests/fixtures/npm-audit/ (README there says what each holds).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  acceptRecordedReport,
  evaluateGate,
  parseAllowlist,
  type AllowlistEntry,
} from '../../../scripts/lib/dependency-audit'
import type { ShippedSets } from '../../../scripts/lib/shipped-packages'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const fixture = (name: string) =>
  JSON.parse(readFileSync(`${repoRoot}tests/fixtures/npm-audit/${name}`, 'utf8')) as unknown

// Written by hand for these tests (not read from the lockfile): what ships in each target.
const shipped: ShippedSets = {
  client: new Set([
    'node_modules/better-sqlite3',
    'node_modules/prebuild-install',
    'node_modules/tar-fs',
    'node_modules/zod',
  ]),
  server: new Set(['node_modules/fastify', 'node_modules/fast-uri', 'node_modules/zod']),
}

const TAR_FS: AllowlistEntry = {
  id: 'GHSA-q2w3-f5g6-h7j8',
  package: 'tar-fs',
  reason:
    'prebuild-install only unpacks at install time on the build machine; the packaged client never extracts tarballs.',
  reviewer: '情報政策課 山田',
  reviewed: '2026-11-01',
  expires: '2026-12-31',
}
const allow = (...entries: AllowlistEntry[]) => parseAllowlist({ entries })
const TODAY = '2026-12-03'

describe('a high or critical advisory on a package that ships fails the gate', () => {
  it('fails on the high tar-fs advisory in the client, naming advisory, package and range', () => {
    const result = evaluateGate(fixture('high-in-client.json'), shipped, allow(), TODAY)
    expect(result.ok).toBe(false)
    expect(result.verdicts.client.blocking.map((f) => [f.id, f.package, f.severity])).toEqual([
      ['GHSA-q2w3-f5g6-h7j8', 'tar-fs', 'high'],
    ])
    expect(result.lines.join('\n')).toMatch(/✗ client: high\s+GHSA-q2w3-f5g6-h7j8 tar-fs >=2\.0\.0 <2\.1\.6/)
  })

  it('counts the advisory once, on the package that has it, not on better-sqlite3 and prebuild-install it affects', () => {
    const result = evaluateGate(fixture('high-in-client.json'), shipped, allow(), TODAY)
    expect(result.verdicts.client.blocking).toHaveLength(1)
  })

  it('ignores the critical vite advisory: vite is build tooling and is not in what ships', () => {
    const result = evaluateGate(fixture('high-in-client.json'), shipped, allow(), TODAY)
    const all = [...result.verdicts.client.blocking, ...result.verdicts.server.blocking]
    expect(all.map((f) => f.package)).not.toContain('vite')
  })

  it('fails on the same advisory when the package ships in the server instead', () => {
    const serverOnly: ShippedSets = { client: new Set(), server: new Set(['node_modules/tar-fs']) }
    const result = evaluateGate(fixture('high-in-client.json'), serverOnly, allow(), TODAY)
    expect(result.ok).toBe(false)
    expect(result.verdicts.server.blocking.map((f) => f.package)).toEqual(['tar-fs'])
  })
})

describe('an allowlist entry accepts one advisory on one package until its expiry date', () => {
  it('passes when the high advisory is allowlisted, and still prints it', () => {
    const result = evaluateGate(fixture('high-in-client.json'), shipped, allow(TAR_FS), TODAY)
    expect(result.ok).toBe(true)
    expect(result.verdicts.client.allowed.map((a) => a.entry.id)).toEqual(['GHSA-q2w3-f5g6-h7j8'])
    expect(result.lines.join('\n')).toContain('allowlisted until 2026-12-31 by 情報政策課 山田')
  })

  it('accepts the entry on its expiry day and fails the day after, as an expired entry', () => {
    expect(evaluateGate(fixture('high-in-client.json'), shipped, allow(TAR_FS), '2026-12-31').ok).toBe(true)
    const dayAfter = evaluateGate(fixture('high-in-client.json'), shipped, allow(TAR_FS), '2027-01-01')
    expect(dayAfter.ok).toBe(false)
    expect(dayAfter.verdicts.client.expired.map((e) => e.id)).toEqual(['GHSA-q2w3-f5g6-h7j8'])
    expect(dayAfter.verdicts.client.blocking.map((f) => f.package)).toEqual(['tar-fs'])
    expect(dayAfter.lines.join('\n')).toContain('許可リストの期限切れ GHSA-q2w3-f5g6-h7j8 tar-fs（期限 2026-12-31')
  })

  it('fails on an expired entry even when its advisory is gone from the report', () => {
    const expired = { ...TAR_FS, reviewed: '2026-09-01', expires: '2026-11-30' }
    const result = evaluateGate(fixture('moderate-only.json'), shipped, allow(expired), TODAY)
    expect(result.ok).toBe(false)
    expect(result.lines.filter((l) => l.includes('期限切れ'))).toHaveLength(1)
  })

  it('does not accept the advisory for another package', () => {
    const otherPackage = { ...TAR_FS, package: 'tar-stream' }
    expect(evaluateGate(fixture('high-in-client.json'), shipped, allow(otherPackage), TODAY).ok).toBe(false)
  })

  it('reports a valid entry that matches nothing, without failing', () => {
    const result = evaluateGate(fixture('moderate-only.json'), shipped, allow(TAR_FS), TODAY)
    expect(result.ok).toBe(true)
    expect(result.lines.join('\n')).toContain('allowlist entry GHSA-q2w3-f5g6-h7j8 tar-fs matches nothing')
  })
})

describe('moderate and low advisories are reported, not blocking', () => {
  it('passes with a moderate advisory in the server and a low one in both targets', () => {
    const result = evaluateGate(fixture('moderate-only.json'), shipped, allow(), TODAY)
    expect(result.ok).toBe(true)
    expect(result.verdicts.server.reported.map((f) => [f.package, f.severity]).sort()).toEqual([
      ['fast-uri', 'moderate'],
      ['zod', 'low'],
    ])
    expect(result.verdicts.client.reported.map((f) => f.package)).toEqual(['zod'])
  })
})

describe('no answer from the audit API is a failure, never a pass', () => {
  it('throws with the registry’s reason and the two ways out when npm printed an error instead of a report', () => {
    expect(() => evaluateGate(fixture('registry-refused.json'), shipped, allow(), TODAY)).toThrow(
      /npm audit が監査結果を返しませんでした（405 Method Not Allowed.*KAIGO_AUDIT_REPORT/s,
    )
  })

  it('throws on an empty answer', () => {
    expect(() => evaluateGate({}, shipped, allow(), TODAY)).toThrow(/監査結果を返しませんでした/)
  })
})

describe('a recorded report stands in for the API only for the same lockfile and for 7 days', () => {
  const sha = 'a'.repeat(64)
  const recorded = (recordedAt: string, lockfileSha256 = sha) => ({
    recordedAt,
    lockfileSha256,
    report: fixture('moderate-only.json'),
  })

  it('accepts a report recorded 7 days ago and refuses one recorded 8 days ago', () => {
    expect(acceptRecordedReport(recorded('2026-11-26'), sha, TODAY)).toEqual(fixture('moderate-only.json'))
    expect(() => acceptRecordedReport(recorded('2026-11-25'), sha, TODAY)).toThrow(/7 日以内/)
  })

  it('refuses a report recorded for another lockfile', () => {
    expect(() => acceptRecordedReport(recorded(TODAY, 'b'.repeat(64)), sha, TODAY)).toThrow(/別の package-lock.json/)
  })

  it('refuses a report dated in the future', () => {
    expect(() => acceptRecordedReport(recorded('2026-12-04'), sha, TODAY)).toThrow(/7 日以内/)
  })
})

describe('the allowlist file is checked field by field', () => {
  it('accepts the repository’s build/audit-allowlist.json', () => {
    expect(() =>
      parseAllowlist(JSON.parse(readFileSync(`${repoRoot}build/audit-allowlist.json`, 'utf8'))),
    ).not.toThrow()
  })

  it.each([
    ['an id that is not a GHSA id', { id: 'CVE-2026-1234' }, /entries\.0\.id: GHSA-xxxx-xxxx-xxxx/],
    ['a reason of a few words', { reason: 'not used' }, /entries\.0\.reason: 理由は 20 文字以上/],
    ['an impossible expiry date', { expires: '2026-02-30' }, /entries\.0\.expires: 存在しない日付/],
    ['an expiry more than 90 days after the review', { expires: '2027-01-31' }, /entries\.0\.expires: .*90 日以内/],
    ['an expiry before the review', { expires: '2026-10-31' }, /entries\.0\.expires: .*90 日以内/],
    ['an unknown field', { approvedBy: 'x' }, /entries\.0: .*approvedBy/],
  ])('refuses %s', (_label, change, message) => {
    expect(() => allow({ ...TAR_FS, ...change } as AllowlistEntry)).toThrow(message)
  })

  it('refuses an entry without a reviewer', () => {
    const { reviewer: _omitted, ...withoutReviewer } = TAR_FS
    expect(() => parseAllowlist({ entries: [withoutReviewer] })).toThrow(/entries\.0\.reviewer/)
  })
})
