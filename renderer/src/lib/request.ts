import { useCallback, useEffect, useRef, useState } from 'react'
import type { IpcResult } from '../../../shared/ipc/contract'

/** What a call to the bridge is doing: running, its Japanese error message, or its last answer. */
export interface RequestState<T> {
  busy: boolean
  error: string | null
  data: T | null
}

export const idleRequest: RequestState<never> = { busy: false, error: null, data: null }

/**
 * The state after an answer of the bridge: its value as `data`, or its Japanese message as `error` (the data shown
 * before stays). Pure, so the rule is tested without React.
 */
export function settle<T>(state: RequestState<T>, result: IpcResult<T>): RequestState<T> {
  return result.ok
    ? { busy: false, error: null, data: result.value }
    : { busy: false, error: result.message, data: state.data }
}

export interface Request<A extends unknown[], T> extends RequestState<T> {
  /** Calls the bridge; a second call while one runs is ignored (answers null) — a double press sends once. */
  run(...args: A): Promise<IpcResult<T> | null>
  /** Shows a message of the caller's own (a check before the call), or clears it. */
  setError(message: string | null): void
  /** Forgets the answer and the error. */
  reset(): void
}

/**
 * `once` (writes): a call while one runs is ignored, so a double press sends once. `latest` (reads): every call is
 * sent and only the answer to the newest one is kept, so a slow old answer never replaces a newer one.
 */
export type RequestMode = 'once' | 'latest'

/**
 * The one way a feature calls the bridge with busy/error state: `const issue = useRequest(api.eligibility.…)`, then
 * `issue.run(req)`, `issue.busy`, `issue.error`, `issue.data`. Feature hooks build on it; components only render.
 */
export function useRequest<A extends unknown[], T>(
  call: (...args: A) => Promise<IpcResult<T>>,
  mode: RequestMode = 'once',
): Request<A, T> {
  const [state, setState] = useState<RequestState<T>>(idleRequest)
  const running = useRef(false)
  const newest = useRef(0)
  const callRef = useRef(call)
  useEffect(() => {
    callRef.current = call
  })

  const run = useCallback(
    async (...args: A) => {
      if (mode === 'once' && running.current) return null
      running.current = true
      const mine = ++newest.current
      setState((s) => ({ ...s, busy: true, error: null }))
      try {
        const result = await callRef.current(...args)
        if (mine !== newest.current) return null
        setState((s) => settle(s, result))
        return result
      } finally {
        if (mine === newest.current) {
          running.current = false
          setState((s) => (s.busy ? { ...s, busy: false } : s))
        }
      }
    },
    [mode],
  )
  const setError = useCallback((error: string | null) => setState((s) => ({ ...s, error })), [])
  const reset = useCallback(() => setState(idleRequest), [])
  return { ...state, run, setError, reset }
}
