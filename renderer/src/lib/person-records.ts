import type { IpcResult } from '../../../shared/ipc/contract'
import { idleRequest, settle, type RequestState } from './request'

/** A zustand store that holds the records of one person at a time (null: none). */
interface PersonStore {
  personId: number | null
}

export interface PersonRecordsLoader {
  /**
   * Loads the person's records: busy while the call runs (the records shown stay when it is the same person; another
   * person starts from the store's empty state), then the answer or its Japanese error. Only the answer of the newest
   * call for the person still held is kept, so a slow old answer never replaces a newer one.
   */
  load(personId: number): Promise<void>
  /** Forgets any answer still on its way (the store's reset calls it before clearing). */
  forget(): void
}

/**
 * The one way a person-view store loads a person's records (`useRequest` is the same rule for components): the
 * records live under `key` as a RequestState; `settled` may derive more of the state from the answer.
 */
export function personRecordsLoader<K extends string, T, S extends PersonStore & { [P in K]: RequestState<T> }>(
  set: (update: (state: S) => Partial<S>) => void,
  get: () => S,
  options: {
    key: K
    /** The store's state with no person: taken when another person is loaded. */
    empty: Partial<S>
    call: (personId: number) => Promise<IpcResult<T>>
    settled?: (state: S, records: RequestState<T>) => Partial<S>
  },
): PersonRecordsLoader {
  const { key, empty, call } = options
  const settled = options.settled ?? ((_: S, records: RequestState<T>) => ({ [key]: records }) as Partial<S>)
  let newest = 0
  return {
    load: async (personId) => {
      const mine = ++newest
      set(
        (s) =>
          (s.personId === personId
            ? { [key]: { ...s[key], busy: true, error: null } }
            : { ...empty, personId, [key]: { ...idleRequest, busy: true } }) as Partial<S>,
      )
      const result = await call(personId)
      if (mine !== newest || get().personId !== personId) return
      set((s) => settled(s, settle<T>(s[key], result)))
    },
    forget: () => {
      newest++
    },
  }
}
