/**
 * Every store that can hold personal data (a resident's name, address, number, history …) registers its reset here
 * when its module loads; logout and the screen lock call `clearPersonalData()`, so nothing a resident said or owns
 * outlives the session in memory (control C-31). A new store holding person data registers itself the same way —
 * the registry's test lists the stores that must be registered.
 */
const resets = new Map<string, () => void>()

/** Registers (or replaces) the reset of the store `name`; returns the unregistration. */
export function registerPersonalData(name: string, reset: () => void): () => void {
  resets.set(name, reset)
  return () => {
    if (resets.get(name) === reset) resets.delete(name)
  }
}

/** Empties every registered store (logout, lock). */
export function clearPersonalData(): void {
  for (const reset of [...resets.values()]) reset()
}

/** The names of the registered stores, in registration order. */
export function personalDataStores(): string[] {
  return [...resets.keys()]
}
