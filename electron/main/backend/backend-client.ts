import { apiRoutes, type ApiInput, type ApiOutput, type ApiRouteName } from '../../../shared/api/routes'
import { Problem$ } from '../../../shared/api/problem'
import type { IpcErrorCode } from '../../../shared/ipc/contract'
import type { HttpTransport } from './http-transport'

/** A failure that is safe to show to staff: `message` is Japanese, `code` crosses IPC unchanged. */
export class BackendError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly status = 0,
  ) {
    super(message)
  }
}

const codeForStatus = (status: number, problemCode: string | undefined): IpcErrorCode => {
  if (status === 400) return 'invalidRequest'
  if (status === 401) return 'notAuthenticated'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'notFound'
  if (status === 409) return 'conflict'
  if (status === 423 || problemCode === 'accountLocked') return 'locked'
  if (status === 429) return 'rateLimited'
  return 'backendRejected'
}

/** Answers after which the request may not have reached the application: worth a retry, if it is safe. */
const RETRYABLE_STATUS = new Set([502, 503, 504])

export interface RetryPolicy {
  /** Further attempts after the first (default 2). */
  retries: number
  /** Wait before the first retry, doubled each time (default 250 ms). */
  delayMs: number
  sleep?: (ms: number) => Promise<void>
}

const DEFAULT_RETRY: RetryPolicy = { retries: 2, delayMs: 250 }

/** A request may be sent again only when it carries an idempotency key: the server then applies it at most once. */
export function isRetrySafe(body: unknown): boolean {
  const key = (body as { idempotencyKey?: unknown } | null)?.idempotencyKey
  return typeof key === 'string' && key.length > 0
}

/**
 * Typed calls of the HTTP contract: input parsed before sending, output parsed before returning. Retries only with
 * idempotency keys: a request whose input has an `idempotencyKey` is sent again, with the same body and
 * so the same key, after a network failure or a 502/503/504; every other request is sent exactly once — even reads
 * write an audit row on the server, so they are never repeated behind the user's back.
 */
export class BackendClient {
  constructor(
    private readonly transport: HttpTransport,
    readonly origin: string,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async call<K extends ApiRouteName>(name: K, input: ApiInput<K>, token?: string | null): Promise<ApiOutput<K>> {
    const spec = apiRoutes[name]
    const checked = spec.input.safeParse(input)
    if (!checked.success)
      throw new BackendError('invalidRequest', checked.error.issues[0]?.message ?? '入力内容に誤りがあります')
    const body = checked.data
    const url = new URL(spec.path, this.origin)
    if (spec.method === 'GET') {
      for (const [k, v] of Object.entries(body as Record<string, unknown>)) url.searchParams.set(k, String(v))
    }
    const headers: Record<string, string> = { accept: 'application/json' }
    if (token) headers.authorization = `Bearer ${token}`
    if (spec.method === 'POST') headers['content-type'] = 'application/json'
    const request = {
      method: spec.method,
      url: url.toString(),
      headers,
      ...(spec.method === 'POST' ? { body: JSON.stringify(body) } : {}),
      ...('waitMs' in spec ? { timeoutMs: spec.waitMs } : {}),
    }
    const attempts = isRetrySafe(body) ? 1 + Math.max(0, this.retry.retries) : 1
    const sleep = this.retry.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
    let response
    for (let attempt = 1; ; attempt++) {
      try {
        response = await this.transport.request(request)
        if (!RETRYABLE_STATUS.has(response.status) || attempt >= attempts) break
      } catch {
        if (attempt >= attempts)
          throw new BackendError('backendUnavailable', 'サーバーに接続できません。ネットワークを確認してください')
      }
      await sleep(this.retry.delayMs * 2 ** (attempt - 1))
    }
    let json: unknown
    try {
      json = JSON.parse(response.body)
    } catch {
      throw new BackendError('backendRejected', 'サーバーから不正な応答がありました', response.status)
    }
    if (response.status >= 400) {
      const problem = Problem$.safeParse(json)
      throw new BackendError(
        codeForStatus(response.status, problem.success ? problem.data.code : undefined),
        problem.success ? problem.data.title : 'サーバーでエラーが発生しました',
        response.status,
      )
    }
    const parsed = spec.output.safeParse(json)
    if (!parsed.success)
      throw new BackendError('backendRejected', 'サーバーから不正な応答がありました', response.status)
    return parsed.data as ApiOutput<K>
  }
}
