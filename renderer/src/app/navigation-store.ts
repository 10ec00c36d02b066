import { create } from 'zustand'
import type { EligibilityEvent } from '../../../shared/eligibility/contract'
import { registerPersonalData } from './personal-data-registry'

/**
 * The one navigation model of the renderer (after GitHub Desktop's popup model): the screens form a stack — the
 * top one is shown, `back()` returns to the one below — and the dialogs (popups) over it form a stack of their own.
 * Every screen and dialog of a business area is a member of these unions; App.tsx renders them in switches that
 * TypeScript checks for exhaustiveness, so a new member cannot be forgotten.
 */
export type Screen =
  | { kind: 'personSearch' }
  | { kind: 'person'; personId: number }
  | { kind: 'correctionQueue' }
  | { kind: 'masters' }
  | { kind: 'export' }
  | { kind: 'admin' }
  | { kind: 'retention' }
  | { kind: 'premiumBatches' }
  | { kind: 'reductionQueue' }
  | { kind: 'directDebit' }
  | { kind: 'pensionExchange' }
  | { kind: 'dunning' }
  | { kind: 'paymentIntake' }
  | { kind: 'arrears' }
  | { kind: 'certificationClock' }
  | { kind: 'certificationBoard' }
  | { kind: 'statistics' }
  | { kind: 'eucExtract' }
  | { kind: 'migration' }
  | { kind: 'kokuhoren' }

export type Dialog =
  | { kind: 'age65Batch' }
  | { kind: 'residentChangeIntake' }
  | { kind: 'residentTaxIntake' }
  | { kind: 'insuranceCard'; personId: number }
  | { kind: 'provisionalCard'; personId: number }
  | { kind: 'facilityEvent'; personId: number }
  | { kind: 'eligibilityCorrection'; personId: number; events: readonly EligibilityEvent[] }
  | { kind: 'surveyEntry'; caseId: number }

export type ScreenKind = Screen['kind']
export type DialogKind = Dialog['kind']

const HOME: readonly Screen[] = [{ kind: 'personSearch' }]

interface NavigationState {
  /** Bottom to top; never empty (the person search is the home screen). */
  screens: readonly Screen[]
  /** Bottom to top; the top one has the focus. */
  dialogs: readonly Dialog[]
  /** Shows a screen over the current one (back returns). Showing the screen already on top does nothing. */
  show(screen: Screen): void
  /** Replaces the whole stack above the home screen, e.g. the correction queue opened from a person. */
  showFromHome(...screens: Screen[]): void
  /** Returns to the screen below (the home screen stays). */
  back(): void
  /** Leaves a screen wherever it is in the stack (e.g. the masters screen closed). */
  leave(kind: ScreenKind): void
  openDialog(dialog: Dialog): void
  /** Closes the top dialog. */
  closeDialog(): void
  /** The home screen, no dialog: logout, lock. */
  reset(): void
}

const sameScreen = (a: Screen | undefined, b: Screen) =>
  a !== undefined && a.kind === b.kind && (a.kind !== 'person' || b.kind !== 'person' || a.personId === b.personId)

export const useNavigationStore = create<NavigationState>()((set) => ({
  screens: HOME,
  dialogs: [],
  show: (screen) => set((s) => (sameScreen(s.screens.at(-1), screen) ? s : { screens: [...s.screens, screen] })),
  showFromHome: (...screens) => set({ screens: [...HOME, ...screens], dialogs: [] }),
  back: () => set((s) => (s.screens.length > 1 ? { screens: s.screens.slice(0, -1), dialogs: [] } : s)),
  leave: (kind) =>
    set((s) => {
      const screens = s.screens.filter((screen, i) => i === 0 || screen.kind !== kind)
      return screens.length === s.screens.length ? s : { screens, dialogs: [] }
    }),
  openDialog: (dialog) =>
    set((s) => (s.dialogs.at(-1)?.kind === dialog.kind ? s : { dialogs: [...s.dialogs, dialog] })),
  closeDialog: () => set((s) => ({ dialogs: s.dialogs.slice(0, -1) })),
  reset: () => set({ screens: HOME, dialogs: [] }),
}))

/** The screen shown. */
export const currentScreen = (s: Pick<NavigationState, 'screens'>): Screen => s.screens.at(-1) ?? HOME[0]!

/** Whether a screen of this kind is open anywhere in the stack (shown, or under the one shown). */
export const isOpen = (s: Pick<NavigationState, 'screens'>, kind: ScreenKind): boolean =>
  s.screens.some((screen) => screen.kind === kind)

/** For a switch over a union: TypeScript refuses the call when a member was not handled. */
export function assertNever(value: never): never {
  throw new Error(`unhandled: ${JSON.stringify(value)}`)
}

// The dialogs carry eligibility rows; the screens carry person ids.
registerPersonalData('navigation', () => useNavigationStore.getState().reset())
