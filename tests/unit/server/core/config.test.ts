import { describe, expect, it } from 'vitest'
import { loadServerConfig } from '../../../../server/src/core/config'

const production = {
  KAIGO_MODE: 'production',
  DATABASE_URL: 'postgres://app@db.example.lg.jp/kaigo',
  KAIGO_DATA_REGION: 'jp-east',
  KAIGO_SERVER_SECRET: 'x'.repeat(48),
}

// control C-11: production runs only under Japanese law, on PostgreSQL, with its own server secret.
describe('production start-up refuses without a declared domestic region (C-11)', () => {
  it('starts with a domestic region, PostgreSQL and a server secret', () => {
    expect(loadServerConfig(production).mode).toBe('production')
  })

  it('refuses no region, and a region outside Japan', () => {
    const { KAIGO_DATA_REGION: _r, ...noRegion } = production
    expect(() => loadServerConfig(noRegion)).toThrow(/国内のデータ所在リージョン/)
    expect(() => loadServerConfig({ ...production, KAIGO_DATA_REGION: 'us-east-1' })).toThrow(/C-11/)
  })

  it('refuses the embedded database and a missing, short or demo server secret', () => {
    const { DATABASE_URL: _u, ...embedded } = production
    expect(() => loadServerConfig(embedded)).toThrow(/DATABASE_URL/)
    const { KAIGO_SERVER_SECRET: _s, ...noSecret } = production
    expect(() => loadServerConfig(noSecret)).toThrow(/KAIGO_SERVER_SECRET/)
    expect(() => loadServerConfig({ ...production, KAIGO_SERVER_SECRET: 'x'.repeat(31) })).toThrow(
      /KAIGO_SERVER_SECRET/,
    )
    expect(loadServerConfig({ ...production, KAIGO_SERVER_SECRET: 'x'.repeat(32) }).mode).toBe('production')
  })

  it('demo mode needs none of it', () => {
    expect(loadServerConfig({}).mode).toBe('demo')
  })
})

describe('account and hardening settings are configurable, with the issue-3 defaults', () => {
  it('defaults: lockout after 5 failures for 15 min, idle 15 min, lifetime 8 h, step-up 5 min', () => {
    const c = loadServerConfig({})
    expect(c.lockout).toEqual({ maxFailures: 5, coolDownSeconds: 900 })
    expect([c.sessionIdleSeconds, c.sessionMaxSeconds, c.stepUpSeconds]).toEqual([900, 28_800, 300])
  })

  it('reads the lockout, the rate limits and the timeouts from the environment', () => {
    const c = loadServerConfig({
      KAIGO_LOCKOUT_MAX_FAILURES: '3',
      KAIGO_LOCKOUT_COOLDOWN_SECONDS: '60',
      KAIGO_RATE_USER_PER_MINUTE: '10',
      KAIGO_RATE_TERMINAL_PER_MINUTE: '20',
    })
    expect(c.lockout).toEqual({ maxFailures: 3, coolDownSeconds: 60 })
    expect(c.rateLimits).toEqual({ terminalPerMinute: 20, userPerMinute: 10 })
  })
})

// control C-03: no plaintext listener except a health probe on loopback.
describe('the plaintext health probe binds to loopback only', () => {
  it.each(['127.0.0.1', '::1', 'localhost'])('accepts %s', (host) => {
    expect(loadServerConfig({ KAIGO_HEALTH_PORT: '0', KAIGO_HEALTH_HOST: host }).health?.host).toBe(host)
  })

  it.each(['0.0.0.0', '192.168.1.10', '::'])('refuses %s', (host) => {
    expect(() => loadServerConfig({ KAIGO_HEALTH_PORT: '0', KAIGO_HEALTH_HOST: host })).toThrow(/C-03/)
  })
})
