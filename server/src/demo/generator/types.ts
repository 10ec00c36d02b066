import type { DummyHousehold, DummyPerson, IsoDate } from '../dummy-ward-model'

export interface DummyWardOptions {
  /** Unsigned 32-bit integer. The same seed (with the same scale and asOf) always gives the same ward. */
  seed: number
  /** Total persons (insured category 1 + other household members). Default 84,410 (Shinjuku scale). */
  scale?: number
  /** Reference date for ages and statuses. Default 2026-04-01 (賦課期日 of FY2026). */
  asOf?: IsoDate
}

/** Whole households with their members; a household is never split across chunks. */
export interface DummyWardChunk {
  /** 0-based position of the chunk. */
  index: number
  households: DummyHousehold[]
  persons: DummyPerson[]
}

/** The counts a ward of the given options will have, known before generating it. */
export interface DummyWardPlan {
  seed: number
  asOf: IsoDate
  scale: number
  /** 第1号被保険者 (65+ in the ward, or placed elsewhere under 住所地特例). */
  insuredCategory1: number
  /** Everyone else: household members under 65 and residents of 適用除外施設. */
  others: number
  households: number
  /** 住所地特例 persons (category 1, each in a facility outside the ward). */
  residenceExceptions: number
  /** Residents of 適用除外施設 in the ward (not insured). */
  excludedFacilityResidents: number
  /** 生活保護 recipients (category 1). */
  publicAssistance: number
  /** 老齢福祉年金 recipients. */
  oldAgeWelfarePension: number
}
