import { create } from 'zustand'

interface EligibilityRevisionState {
  /** Bumped whenever a recording, a correction or a decision changed an eligibility history. */
  revision: number
  changed(): void
}

/** Tells the open history panel to load again after a dialog recorded something (no personal data held). */
export const useEligibilityRevision = create<EligibilityRevisionState>()((set) => ({
  revision: 0,
  changed: () => set((s) => ({ revision: s.revision + 1 })),
}))
