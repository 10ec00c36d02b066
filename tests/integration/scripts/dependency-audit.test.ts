// Control C-04: the dependency-audit step of `npm test` (scripts/dependency-audit.ts), run as CI runs it, on the
// repository's real lockfile and sources. Reports from tests/fixtures/npm-audit/.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { lockfileSha256 } from '../../../scripts/lib/dependency-audit'
import { todayInJapan } from '../../../shared/domain/dates'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const temp = mkdtempSync(join(tmpdir(), 'kaigo-audit-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

function gate(env: Record<string, string>, args: string[] = []) {
  const result = spawnSync('npx', ['tsx', 'scripts/dependency-audit.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

/** What `--record` writes on a connected machine, made from a fixture for today's lockfile. */
function recorded(fixture: string): string {
  const file = join(temp, `recorded-${fixture}`)
  const report = JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/npm-audit', fixture), 'utf8')) as unknown
  // The script dates the record with the wall clock, so the test does too.
  const recordedAt = todayInJapan(new Date())
  writeFileSync(file, JSON.stringify({ recordedAt, lockfileSha256: lockfileSha256(repoRoot), report }))
  return file
}

describe('the dependency-audit step of npm test', () => {
  const unreachable = {
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_fetch_retries: '0',
    npm_config_fetch_timeout: '5000',
    KAIGO_AUDIT_REPORT: '',
  }

  it('is not audited (exit 3, counted as skipped, never as passed) when the registry cannot be reached', () => {
    const { status, output } = gate(unreachable)
    expect(status).toBe(3)
    expect(output).toContain('未監査')
    expect(output).toContain('npm audit が監査結果を返しませんでした')
    expect(output).toContain('KAIGO_AUDIT_REPORT')
  })

  it('fails the release gate (--strict) when the registry cannot be reached', () => {
    const { status, output } = gate(unreachable, ['--strict'])
    expect(status).toBe(1)
    expect(output).toContain('npm audit が監査結果を返しませんでした')
  })

  it('fails on a recorded report with a high advisory on tar-fs, which the packaged client contains', () => {
    const { status, output } = gate({ KAIGO_AUDIT_REPORT: recorded('high-in-client.json') })
    expect(status).toBe(1)
    expect(output).toMatch(/✗ client: high\s+GHSA-q2w3-f5g6-h7j8 tar-fs/)
    // vite's critical advisory is build tooling: not reported as blocking.
    expect(output).not.toMatch(/✗ \w+: critical/)
  })

  it('passes on a recorded report with moderate and low advisories only, and prints them', () => {
    const { status, output } = gate({ KAIGO_AUDIT_REPORT: recorded('moderate-only.json') })
    expect(status).toBe(0)
    expect(output).toMatch(/server: moderate\s+GHSA-h2j3-m4p5-q6r7 fast-uri/)
    expect(output).toContain('(recorded report:')
  })
})
