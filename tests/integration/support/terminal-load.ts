import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import https from 'node:https'
import { createPinnedAgent } from '../../../electron/main/security/node-tls-agent'
import { totpCode } from '../../../server/src/areas/accounts/totp'
import { DEMO_PASSWORD, demoTotpSecret } from '../../../server/src/demo/seed-database'
import type { DevPkiFiles, DevPkiInfo } from '../../../server/src/demo/dev-pki'
import { apiRoutes } from '../../../shared/api/routes'

/**
 * Simulated terminals: each signs a demo account in over pinned, kept-alive mutual TLS and then works in a loop —
 * an audited person search, then an audited, idempotent write (a print record whose form names a unique tag, so
 * the test can find its audit row). A request that fails (connection refused or cut, 5xx) is sent again with the
 * same body and so the same idempotency key, as the client does, until it succeeds or the deadline passes.
 */
export interface TerminalWork {
  /** Writes whose first answer was a success, by tag: how many answers said "replayed". */
  writes: Map<string, { replaysSeen: number }>
  /** Writes that never succeeded before the deadline (must be none). */
  unfinished: string[]
  /** Searches answered 200, searches never answered, and attempts whose answer was lost after the request went out. */
  searches: { answered: number; lost: number; lostAttempts: number }
  /** Every status or error seen on the way (for the failure message). */
  faults: string[]
}

export interface TerminalLoad {
  /** Resolves when every terminal has done its rounds. */
  done: Promise<TerminalWork>
  /** How many write rounds have succeeded so far. */
  progress(): number
}

interface Endpoint {
  origin: string
  pki: DevPkiFiles
  pkiInfo: DevPkiInfo
}

function post(agent: https.Agent, endpoint: Endpoint, path: string, body: unknown, token?: string) {
  return new Promise<{ status: number; body: string; replayed: boolean }>((resolve, reject) => {
    const req = https.request(
      new URL(path, endpoint.origin),
      {
        method: 'POST',
        agent,
        timeout: 20_000,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            replayed: res.headers['idempotent-replayed'] === 'true',
          }),
        )
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function startTerminalLoad(options: {
  endpoint: () => Endpoint
  loginIds: readonly string[]
  rounds: number
  personIds: readonly number[]
  /** How long one request may keep being retried. */
  retryForMs?: number
  tagPrefix: string
}): TerminalLoad {
  const work: TerminalWork = {
    writes: new Map(),
    unfinished: [],
    searches: { answered: 0, lost: 0, lostAttempts: 0 },
    faults: [],
  }
  let succeeded = 0
  const retryForMs = options.retryForMs ?? 90_000

  async function withRetry(
    holder: { agent?: https.Agent },
    send: (agent: https.Agent, e: Endpoint) => ReturnType<typeof post>,
  ) {
    const until = Date.now() + retryForMs
    for (;;) {
      const e = options.endpoint()
      const agent = (holder.agent ??= createPinnedAgent({
        ca: readFileSync(e.pki.caCert, 'utf8'),
        cert: readFileSync(e.pki.terminalCert, 'utf8'),
        key: readFileSync(e.pki.terminalKey, 'utf8'),
        pins: e.pkiInfo.serverSpkiPins,
        keepAlive: true,
      }))
      try {
        const res = await send(agent, e)
        if (res.status < 500) return { ...res, lostBefore: false }
        work.faults.push(`${res.status} ${res.body.slice(0, 120)}`)
      } catch (error) {
        work.faults.push(
          error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}` : '?',
        )
        agent.destroy()
        holder.agent = undefined
      }
      if (Date.now() > until) return undefined
      await sleep(250)
    }
  }

  async function terminal(loginId: string, index: number) {
    let token = ''
    const holder: { agent?: https.Agent } = {}
    const login = await withRetry(holder, (a, e) =>
      post(a, e, apiRoutes['auth.login'].path, { loginId, password: DEMO_PASSWORD }),
    )
    if (!login || login.status !== 200) throw new Error(`sign-in of ${loginId} failed: ${login?.body}`)
    const first = JSON.parse(login.body) as { status: string; challenge?: string; token?: string }
    if (first.status === 'signedIn') token = first.token!
    else {
      const verified = await withRetry(holder, (a, e) =>
        post(a, e, apiRoutes['auth.verifyTotp'].path, {
          challenge: first.challenge,
          code: totpCode(demoTotpSecret(loginId), new Date()),
        }),
      )
      if (!verified || verified.status !== 200) throw new Error(`TOTP of ${loginId} failed: ${verified?.body}`)
      token = (JSON.parse(verified.body) as { token: string }).token
    }
    for (let round = 0; round < options.rounds; round++) {
      let attempts = 0
      const search = await withRetry(holder, (a, e) => {
        attempts++
        return post(a, e, apiRoutes['person.search'].path, { kana: 'ア', pageSize: 5 }, token)
      })
      work.searches.lostAttempts += search?.status === 200 ? attempts - 1 : attempts
      if (search?.status === 200) work.searches.answered++
      else work.searches.lost++
      const tag = `${options.tagPrefix}-${index}-${round}`
      const body = {
        form: `障害試験 ${tag}`,
        printer: 'faults-test',
        personIds: [options.personIds[(index + round) % options.personIds.length]!],
        idempotencyKey: randomUUID(),
      }
      let replaysSeen = 0
      const write = await withRetry(holder, async (a, e) => {
        const res = await post(a, e, apiRoutes['print.record'].path, body, token)
        if (res.status === 200 && res.replayed) replaysSeen++
        return res
      })
      if (write?.status === 200) {
        work.writes.set(tag, { replaysSeen })
        succeeded++
      } else {
        work.unfinished.push(`${tag}: ${write ? `${write.status} ${write.body.slice(0, 200)}` : 'no answer'}`)
      }
    }
    holder.agent?.destroy()
  }

  const done = Promise.all(options.loginIds.map((id, i) => terminal(id, i))).then(() => work)
  return { done, progress: () => succeeded }
}
