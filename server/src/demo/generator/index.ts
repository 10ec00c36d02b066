/**
 * Deterministic dummy ward generator (control C-23): households and persons of a Shinjuku-like ward, generated from a
 * seed. Tests, demos and benchmarks use this data only; nothing in it belongs to a real person.
 */
export { generateDummyWard, generateDummyWardChunks, planDummyWard } from './generate'
export type { DummyWardChunk, DummyWardOptions, DummyWardPlan } from './types'
export { DEFAULT_AS_OF, DEFAULT_SCALE, MAX_SCALE, MIN_SCALE, RATES, SHINJUKU_INSURED_CATEGORY1 } from './plan'
export { DUMMY_INDIVIDUAL_NUMBER_PREFIX, individualNumberCheckDigit, isValidIndividualNumber } from './numbers'
export {
  incomeFigures,
  NON_TAXABLE_LIMIT_EXEMPT,
  NON_TAXABLE_LIMIT_SINGLE,
  pensionIncomeBoundary,
  pensionMiscIncome,
  taxableIncomeBands,
} from './income'
export { KATAGAKI_SEPARATOR } from './addresses'
export { WARD_PREFIX } from './data/towns'
