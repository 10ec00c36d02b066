/**
 * Search as you type without flooding the server: typing is debounced; at most one search is in flight;
 * criteria typed while one is running wait and replace each other, so only the newest is sent when it returns; and
 * an answer to anything but the newest criteria is dropped (the list never jumps back to an older result). Pure
 * TypeScript with an injected timer, so the rules are tested without a browser.
 */
export interface Timer {
  set(fn: () => void, ms: number): unknown
  clear(handle: unknown): void
}

export interface SearchSchedulerOptions<Q, R> {
  /** Pause after the last keystroke before a typed search is sent. */
  delayMs: number
  run(query: Q): Promise<R>
  /** The answer to the newest criteria (never a stale one). */
  onResult(result: R, query: Q): void
  /** True from the moment a search is due until its answer is shown. */
  onBusy?(busy: boolean): void
  timer?: Timer
}

export interface SearchScheduler<Q> {
  /** Typed criteria: sent after the pause, unless newer ones come first. */
  schedule(query: Q): void
  /** Enter / F5: sent at once (or right after the one in flight). */
  now(query: Q): void
  /** Forget anything due and ignore the answer in flight (e.g. the form was cleared). */
  cancel(): void
  /** How many searches were actually sent (for tests and the bench of the screen). */
  readonly sent: number
}

const windowTimer: Timer = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

export function createSearchScheduler<Q, R>(options: SearchSchedulerOptions<Q, R>): SearchScheduler<Q> {
  const timer = options.timer ?? windowTimer
  let debounce: unknown = null
  let inFlight = false
  let pending: { query: Q } | null = null
  /** Bumped for every new criteria: an answer counts only if nothing newer was asked since it was sent. */
  let generation = 0
  let sent = 0

  const clearDebounce = () => {
    if (debounce !== null) timer.clear(debounce)
    debounce = null
  }

  function send(query: Q) {
    const mine = generation
    inFlight = true
    sent++
    const settle = (answer: { result: R } | null) => {
      inFlight = false
      const next = pending
      pending = null
      if (next) return send(next.query)
      if (mine !== generation) return
      // Not busy any more before the result is shown: an F-key pressed on the new result is not refused as busy.
      if (debounce === null) options.onBusy?.(false)
      if (answer) options.onResult(answer.result, query)
    }
    options.run(query).then(
      (result) => settle({ result }),
      () => settle(null),
    )
  }

  function submit(query: Q) {
    generation++
    options.onBusy?.(true)
    if (inFlight) pending = { query }
    else send(query)
  }

  return {
    schedule(query) {
      clearDebounce()
      generation++
      debounce = timer.set(() => {
        debounce = null
        submit(query)
      }, options.delayMs)
    },
    now(query) {
      clearDebounce()
      submit(query)
    },
    cancel() {
      clearDebounce()
      pending = null
      generation++
      options.onBusy?.(false)
    },
    get sent() {
      return sent
    },
  }
}
