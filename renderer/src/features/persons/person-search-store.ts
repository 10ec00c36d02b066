import { create } from 'zustand'
import type { PersonSearchQuery, PersonSearchResult, PersonSummary } from '../../../../shared/api/person'
import { registerPersonalData } from '../../app/personal-data-registry'
import { api } from '../../platform/bridge'
import { emptySearchForm, type SearchForm } from './search-criteria'

export { emptySearchForm, type SearchForm } from './search-criteria'

interface PersonSearchState {
  form: SearchForm
  /** The criteria of the shown result, so paging repeats the same search even after the form was edited. */
  lastForm: SearchForm | null
  result: PersonSearchResult | null
  selected: PersonSummary | null
  setForm(patch: Partial<SearchForm>): void
  setResult(result: PersonSearchResult | null, form: SearchForm | null): void
  select(summary: PersonSummary | null): void
  /**
   * Reads a person's summary for the person view (audited on the server) and holds it: 'opened', 'signedOut' when
   * the session is gone, or the Japanese message of the failure.
   */
  open(
    personId: number,
  ): Promise<{ outcome: 'opened' } | { outcome: 'signedOut' } | { outcome: 'failed'; message: string }>
  reset(): void
}

/** The person search as the search screen's scheduler sends it. */
export const searchPersons = (query: PersonSearchQuery) => api.person.search(query)

/** Search screen state; cleared on logout and lock so no personal data outlives the session in memory. */
export const usePersonSearchStore = create<PersonSearchState>()((set) => ({
  form: emptySearchForm,
  lastForm: null,
  result: null,
  selected: null,
  setForm: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
  setResult: (result, lastForm) => set({ result, lastForm }),
  select: (selected) => set({ selected }),
  open: async (personId) => {
    const res = await api.person.summary({ personId })
    if (res.ok) {
      set({ selected: res.value })
      return { outcome: 'opened' }
    }
    if (res.code === 'notAuthenticated') return { outcome: 'signedOut' }
    return { outcome: 'failed', message: res.message }
  },
  reset: () => set({ form: emptySearchForm, lastForm: null, result: null, selected: null }),
}))

// C-31: emptied with every other personal-data store on logout and when the screen locks.
registerPersonalData('personSearch', () => usePersonSearchStore.getState().reset())
