import { create } from 'zustand'
import type { PersonSearchResult, PersonSummary } from '../../../shared/api/person'

export interface SearchForm {
  kana: string
  name: string
  birthDate: string
  insuredNumber: string
}

export const emptySearchForm: SearchForm = { kana: '', name: '', birthDate: '', insuredNumber: '' }

interface PersonSearchState {
  form: SearchForm
  result: PersonSearchResult | null
  selected: PersonSummary | null
  setForm(patch: Partial<SearchForm>): void
  setResult(result: PersonSearchResult | null): void
  select(summary: PersonSummary | null): void
  reset(): void
}

/** Search screen state; cleared on logout and lock so no personal data outlives the session in memory. */
export const usePersonSearchStore = create<PersonSearchState>()((set) => ({
  form: emptySearchForm,
  result: null,
  selected: null,
  setForm: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
  setResult: (result) => set({ result }),
  select: (selected) => set({ selected }),
  reset: () => set({ form: emptySearchForm, result: null, selected: null }),
}))
