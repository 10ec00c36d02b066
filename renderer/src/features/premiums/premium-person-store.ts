import { create } from 'zustand'
import type { AssessResult, PersonAssessments } from '../../../../shared/api/premiums'
import { registerPersonalData } from '../../app/personal-data-registry'
import { personRecordsLoader } from '../../lib/person-records'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'
import { fiscalYearsOf, versionsOfYear } from './premium-view'

interface PremiumPersonState {
  /** The person whose assessments are held (null: none). */
  personId: number | null
  /** Every version of every year of the person: an audited read on the server (premiums.read). */
  assessments: RequestState<PersonAssessments>
  fiscalYear: number | null
  /** The version shown in the why panel (null: the one in force of the year). */
  versionId: number | null
  /** The last (re)assessment: busy, its Japanese error, or what it did. */
  assessment: RequestState<AssessResult>
  /** Loads the person's assessments; only the answer of the newest call is kept. */
  load(personId: number): Promise<void>
  selectYear(fiscalYear: number): void
  selectVersion(versionId: number): void
  /** 賦課（更正）: assesses the person's year now; a second press while one runs is ignored. */
  assess(personId: number, fiscalYear: number): Promise<boolean>
  reset(): void
}

const empty = {
  personId: null,
  assessments: idleRequest,
  fiscalYear: null,
  versionId: null,
  assessment: idleRequest,
}

/** The year to show: the one chosen if the person has it, else the newest. */
const yearToShow = (data: PersonAssessments, wanted: number | null): number | null => {
  const years = fiscalYearsOf(data.versions)
  return wanted !== null && years.includes(wanted) ? wanted : (years[0] ?? null)
}

/**
 * The person view's 保険料（賦課） panel: a person's years, versions, 期割 and the stored explanation of each version.
 * It holds a resident's premium and income: cleared with the other personal-data stores on logout and lock.
 */
export const usePremiumPersonStore = create<PremiumPersonState>()((set, get) => {
  const records = personRecordsLoader(set, get, {
    key: 'assessments',
    empty,
    call: (personId) => api.premiums.personAssessments({ personId }),
    settled: (s, assessments) => {
      const fiscalYear = assessments.data ? yearToShow(assessments.data, s.fiscalYear) : s.fiscalYear
      return { assessments, fiscalYear, versionId: fiscalYear === s.fiscalYear ? s.versionId : null }
    },
  })
  return {
    ...empty,
    load: records.load,
    selectYear: (fiscalYear) => set((s) => (s.fiscalYear === fiscalYear ? s : { fiscalYear, versionId: null })),
    selectVersion: (versionId) => set({ versionId }),
    assess: async (personId, fiscalYear) => {
      if (get().assessment.busy) return false
      set((s) => ({ assessment: { ...s.assessment, busy: true, error: null, data: null } }))
      const res = await api.premiums.assess({ personId, fiscalYear, idempotencyKey: crypto.randomUUID() })
      if (get().personId !== personId) return false
      set((s) => ({
        assessment: settle(s.assessment, res),
        ...(res.ok ? { fiscalYear, versionId: null } : {}),
      }))
      if (res.ok) await get().load(personId)
      return res.ok
    },
    reset: () => {
      records.forget()
      set(empty)
    },
  }
})

/** The versions of the year shown (newest first) and the version shown in the why panel. */
export function shownVersions(state: Pick<PremiumPersonState, 'assessments' | 'fiscalYear' | 'versionId'>) {
  const versions =
    state.assessments.data && state.fiscalYear !== null
      ? versionsOfYear(state.assessments.data.versions, state.fiscalYear)
      : []
  const version = versions.find((v) => v.id === state.versionId) ?? versions[0] ?? null
  return { versions, version }
}

registerPersonalData('premiumPerson', () => usePremiumPersonStore.getState().reset())
