import { create } from 'zustand'
import type { CertificationCase, PersonChecklists } from '../../../../shared/api/certification-cases'
import type { CertificationRecord } from '../../../../shared/api/certification-decisions'
import { registerPersonalData } from '../../app/personal-data-registry'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'

interface CertificationPersonState {
  personId: number | null
  /** The person's 認定 cases with their clock: an audited read on the server (certification.read). */
  cases: RequestState<{ cases: CertificationCase[] }>
  /** 基本チェックリスト and 事業対象者 of the person. */
  checklists: RequestState<PersonChecklists>
  /** The person's certifications of the 受給者台帳 (current and past, with their validity). */
  certifications: RequestState<{ certifications: CertificationRecord[] }>
  load(personId: number): Promise<void>
  reset(): void
}

const empty = { personId: null, cases: idleRequest, checklists: idleRequest, certifications: idleRequest }

/**
 * The person view's 要介護認定 panel: the person's cases (申請 → 通知) and 基本チェックリスト. It holds a resident's
 * certification data: cleared with the other personal-data stores on logout and lock.
 */
export const useCertificationPersonStore = create<CertificationPersonState>()((set, get) => ({
  ...empty,
  load: async (personId) => {
    set((s) => ({
      personId,
      cases: { ...(s.personId === personId ? s.cases : idleRequest), busy: true, error: null },
      checklists: { ...(s.personId === personId ? s.checklists : idleRequest), busy: true, error: null },
      certifications: { ...(s.personId === personId ? s.certifications : idleRequest), busy: true, error: null },
    }))
    const [cases, checklists, certifications] = await Promise.all([
      api.certification.cases({ personId }),
      api.certification.personChecklists({ personId }),
      api.certification.personCertifications({ personId }),
    ])
    if (get().personId !== personId) return
    set((s) => ({
      cases: settle(s.cases, cases),
      checklists: settle(s.checklists, checklists),
      certifications: settle(s.certifications, certifications),
    }))
  },
  reset: () => set(empty),
}))

registerPersonalData('certificationPerson', () => useCertificationPersonStore.getState().reset())
