import { describe, expect, it } from 'vitest'
import { create } from 'zustand'
import type { IpcResult } from '../../../../shared/ipc/contract'
import { personRecordsLoader } from '../../../../renderer/src/lib/person-records'
import { idleRequest, type RequestState } from '../../../../renderer/src/lib/request'

interface State {
  personId: number | null
  records: RequestState<string[]>
  other: string | null
}

/** A store whose calls answer when the test says so, one pending answer per call in order. */
function storeWithPendingCalls() {
  const pending: ((result: IpcResult<string[]>) => void)[] = []
  const empty = { personId: null, records: idleRequest, other: null }
  const store = create<State & { load(personId: number): Promise<void>; reset(): void }>()((set, get) => {
    const loader = personRecordsLoader(set, get, {
      key: 'records',
      empty,
      call: () => new Promise<IpcResult<string[]>>((resolve) => pending.push(resolve)),
    })
    return {
      ...empty,
      load: loader.load,
      reset: () => {
        loader.forget()
        set(empty)
      },
    }
  })
  return { store, pending }
}

describe('loading one person’s records into a store', () => {
  it('is busy while the call runs, then holds the answer', async () => {
    const { store, pending } = storeWithPendingCalls()
    const loading = store.getState().load(1)
    expect(store.getState()).toMatchObject({ personId: 1, records: { busy: true, error: null, data: null } })
    pending[0]!({ ok: true, value: ['a'] })
    await loading
    expect(store.getState().records).toEqual({ busy: false, error: null, data: ['a'] })
  })

  it('keeps the records shown while the same person reloads, and on a failure shows the Japanese message', async () => {
    const { store, pending } = storeWithPendingCalls()
    const first = store.getState().load(1)
    pending[0]!({ ok: true, value: ['a'] })
    await first
    const again = store.getState().load(1)
    expect(store.getState().records).toEqual({ busy: true, error: null, data: ['a'] })
    pending[1]!({ ok: false, code: 'conflict', message: '他の職員が先に更新しました' })
    await again
    expect(store.getState().records).toEqual({ busy: false, error: '他の職員が先に更新しました', data: ['a'] })
  })

  it('starts another person from the empty state', async () => {
    const { store, pending } = storeWithPendingCalls()
    const first = store.getState().load(1)
    pending[0]!({ ok: true, value: ['a'] })
    await first
    store.setState({ other: 'x' })
    void store.getState().load(2)
    expect(store.getState()).toMatchObject({ personId: 2, other: null, records: { busy: true, data: null } })
  })

  it('keeps only the newest answer: a slow old answer never replaces a newer one', async () => {
    const { store, pending } = storeWithPendingCalls()
    const old = store.getState().load(1)
    const newer = store.getState().load(1)
    pending[1]!({ ok: true, value: ['new'] })
    await newer
    pending[0]!({ ok: true, value: ['old'] })
    await old
    expect(store.getState().records.data).toEqual(['new'])
  })

  it('drops an answer that comes after the store was reset (logout, lock)', async () => {
    const { store, pending } = storeWithPendingCalls()
    const loading = store.getState().load(1)
    store.getState().reset()
    pending[0]!({ ok: true, value: ['a'] })
    await loading
    expect(store.getState()).toMatchObject({ personId: null, records: idleRequest })
  })
})
