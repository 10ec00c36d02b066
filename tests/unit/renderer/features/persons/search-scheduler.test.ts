import { describe, expect, it } from 'vitest'
import { createSearchScheduler, type Timer } from '../../../../../renderer/src/features/persons/search-scheduler'
import { emptySearchForm, typedEnough } from '../../../../../renderer/src/features/persons/search-criteria'

/** A timer driven by the test: `tick(ms)` runs what is due. */
function fakeTimer() {
  let now = 0
  let next = 1
  const due = new Map<number, { at: number; fn: () => void }>()
  const timer: Timer = {
    set: (fn, ms) => {
      const id = next++
      due.set(id, { at: now + ms, fn })
      return id
    },
    clear: (h) => void due.delete(h as number),
  }
  const tick = (ms: number) => {
    now += ms
    for (const [id, t] of [...due].sort((a, b) => a[1].at - b[1].at))
      if (t.at <= now) {
        due.delete(id)
        t.fn()
      }
  }
  return { timer, tick }
}

/** A server whose answers the test releases one by one. */
function slowServer() {
  const calls: { query: string; resolve: (r: string) => void }[] = []
  const run = (query: string) => new Promise<string>((resolve) => calls.push({ query, resolve }))
  return { calls, run }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

function setup() {
  const { timer, tick } = fakeTimer()
  const server = slowServer()
  const shown: string[] = []
  const busy: boolean[] = []
  const s = createSearchScheduler<string, string>({
    delayMs: 300,
    run: server.run,
    onResult: (r) => shown.push(r),
    onBusy: (b) => busy.push(b),
    timer,
  })
  return { s, tick, server, shown, busy }
}

describe('search as you type (debounce, one request in flight, stale answers dropped)', () => {
  it('sends one search for a burst of keystrokes, after the pause', async () => {
    const { s, tick, server } = setup()
    for (const q of ['ヤ', 'ヤマ', 'ヤマダ']) {
      s.schedule(q)
      tick(100)
    }
    expect(server.calls).toHaveLength(0)
    tick(300)
    expect(server.calls.map((c) => c.query)).toEqual(['ヤマダ'])
  })

  it('holds typed criteria while a search runs and sends only the newest afterwards', async () => {
    const { s, tick, server, shown } = setup()
    s.now('ヤ')
    for (const q of ['ヤマ', 'ヤマダ', 'ヤマダタ']) {
      s.schedule(q)
      tick(300)
    }
    expect(server.calls.map((c) => c.query)).toEqual(['ヤ'])
    server.calls[0]!.resolve('result ヤ')
    await flush()
    // The answer to 'ヤ' is stale (newer criteria were typed): never shown; the newest goes out now.
    expect(shown).toEqual([])
    expect(server.calls.map((c) => c.query)).toEqual(['ヤ', 'ヤマダタ'])
    server.calls[1]!.resolve('result ヤマダタ')
    await flush()
    expect(shown).toEqual(['result ヤマダタ'])
    expect(s.sent).toBe(2)
  })

  it('Enter searches at once, and shows busy until the newest answer is in', async () => {
    const { s, server, shown, busy } = setup()
    s.now('ヤマダ')
    expect(server.calls).toHaveLength(1)
    expect(busy).toEqual([true])
    server.calls[0]!.resolve('r')
    await flush()
    expect(shown).toEqual(['r'])
    expect(busy).toEqual([true, false])
  })

  it('after cancel (F2 clears the form) no pending or running search shows anything', async () => {
    const { s, tick, server, shown } = setup()
    s.now('ヤ')
    s.schedule('ヤマ')
    s.cancel()
    tick(1_000)
    server.calls[0]!.resolve('late')
    await flush()
    expect(shown).toEqual([])
    expect(server.calls).toHaveLength(1)
  })
})

describe('when typed criteria are enough to search as you type', () => {
  const form = (patch: Partial<typeof emptySearchForm>) => ({ ...emptySearchForm, ...patch })
  it.each([
    [{ kana: 'ヤマ' }, true],
    [{ kana: 'ヤ' }, false],
    [{ name: '髙橋' }, true],
    [{ address: '西新' }, true],
    [{ phone: '03-1' }, false],
    [{ phone: '4567' }, true],
    [{ insuredNumber: '050000012' }, false],
    [{ insuredNumber: '０５０００００１２３' }, true],
    [{ birthDate: 'S35.4' }, false],
    [{ birthDate: 'S35.4.1' }, true],
  ])('%o → %s', (patch, expected) => {
    expect(typedEnough(form(patch))).toBe(expected)
  })
})
