import type { SurveyItem } from '../../../../shared/certification'

/** One answer: a choice number, or a set of them for the 複数可 items (choice 1 ない excludes the others). */
export type Answer = number | number[]

/**
 * The answer after a number key on an item (pure, tested without React): a single item takes the number; a
 * multiple item toggles it, 1 (ない) clearing the others and any other number clearing 1. Keys outside the item's
 * choices change nothing (null).
 */
export function answerAfterKey(item: SurveyItem, current: Answer | undefined, key: string): Answer | null {
  if (!/^[1-9]$/.test(key)) return null
  const n = Number(key)
  if (n > item.choices.length) return null
  if (item.multiple !== true) return n
  const set = Array.isArray(current) ? current : []
  if (n === 1) return [1]
  const without = set.filter((v) => v !== 1)
  const next = without.includes(n) ? without.filter((v) => v !== n) : [...without, n].sort((a, b) => a - b)
  return next.length === 0 ? [1] : next
}
