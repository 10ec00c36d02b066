import { create } from 'zustand'
import type {
  EndMailingAddressRequest,
  MailingAddress,
  PersonMailingAddresses,
  RecordMailingAddressRequest,
} from '../../../../../shared/api/mailing-address'
import { registerPersonalData } from '../../../app/personal-data-registry'
import { personRecordsLoader } from '../../../lib/person-records'
import { idleRequest, settle, type RequestState } from '../../../lib/request'
import { api } from '../../../platform/bridge'

type Draft<T> = Omit<T, 'idempotencyKey' | 'personId'>

interface MailingAddressState {
  /** The person whose 送付先 are held (null: none). */
  personId: number | null
  /** The person's 送付先: an audited read on the server (a 支援措置 person's only with the protection permission). */
  addresses: RequestState<PersonMailingAddresses>
  /** The last registration, ending or withdrawal: busy, its Japanese error, or the row written. */
  saving: RequestState<MailingAddress>
  load(personId: number): Promise<void>
  record(personId: number, draft: Draft<RecordMailingAddressRequest>): Promise<boolean>
  end(personId: number, draft: Draft<EndMailingAddressRequest>): Promise<boolean>
  reset(): void
}

const empty = { personId: null, addresses: idleRequest, saving: idleRequest }

/**
 * The person view's 送付先 panel: where the person's notices go (施設・成年後見人・長期入院 …) and its history. It holds a
 * resident's addresses: cleared with the other personal-data stores on logout and lock.
 */
export const useMailingAddressStore = create<MailingAddressState>()((set, get) => {
  const records = personRecordsLoader(set, get, {
    key: 'addresses',
    empty,
    call: (personId) => api.person.mailingAddresses({ personId }),
  })
  const write = async (personId: number, call: () => ReturnType<typeof api.person.recordMailingAddress>) => {
    if (get().saving.busy) return false
    set((s) => ({ saving: { ...s.saving, busy: true, error: null, data: null } }))
    const res = await call()
    if (get().personId !== personId) return false
    set((s) => ({ saving: settle(s.saving, res) }))
    if (res.ok) await get().load(personId)
    return res.ok
  }
  return {
    ...empty,
    load: records.load,
    record: (personId, draft) =>
      write(personId, () =>
        api.person.recordMailingAddress({ ...draft, personId, idempotencyKey: crypto.randomUUID() }),
      ),
    end: (personId, draft) =>
      write(personId, () => api.person.endMailingAddress({ ...draft, personId, idempotencyKey: crypto.randomUUID() })),
    reset: () => {
      records.forget()
      set(empty)
    },
  }
})

registerPersonalData('mailingAddress', () => useMailingAddressStore.getState().reset())
