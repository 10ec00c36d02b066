import { create } from 'zustand'
import type { PersonSearchResult, PersonSummary } from '../../../../shared/api/person'
import { registerLockReset } from '../lock/lock-store'

export interface SearchForm {
  kana: string
  name: string
  birthDate: string
  insuredNumber: string
  address: string
  phone: string
}

export const emptySearchForm: SearchForm = {
  kana: '',
  name: '',
  birthDate: '',
  insuredNumber: '',
  address: '',
  phone: '',
}

interface PersonSearchState {
  form: SearchForm
  /** The criteria of the shown result, so paging repeats the same search even after the form was edited. */
  lastForm: SearchForm | null
  result: PersonSearchResult | null
  selected: PersonSummary | null
  setForm(patch: Partial<SearchForm>): void
  setResult(result: PersonSearchResult | null, form: SearchForm | null): void
  select(summary: PersonSummary | null): void
  reset(): void
}

/** Search screen state; cleared on logout and lock so no personal data outlives the session in memory. */
export const usePersonSearchStore = create<PersonSearchState>()((set) => ({
  form: emptySearchForm,
  lastForm: null,
  result: null,
  selected: null,
  setForm: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
  setResult: (result, lastForm) => set({ result, lastForm }),
  select: (selected) => set({ selected }),
  reset: () => set({ form: emptySearchForm, lastForm: null, result: null, selected: null }),
}))

// C-31: emptied with every other personal-data store when the screen locks.
registerLockReset(() => usePersonSearchStore.getState().reset())
