/**
 * The shape of a generated dummy ward (control C-23: tests, demos and benchmarks use generated data only).
 * Every value here is fictitious; the generator is deterministic for a given seed.
 */
export type IsoDate = string

export type Sex = 'male' | 'female'

export type HouseholdRelationship =
  '世帯主' | '妻' | '夫' | '子' | '子の妻' | '子の夫' | '父' | '母' | '孫' | '兄' | '姉' | '弟' | '妹' | '同居人'

export interface DummyHousehold {
  /** 世帯番号: 10 digits, unique in the ward. */
  householdId: string
  /** 郵便番号 '160-0022'. */
  postalCode: string
  /** 町丁目 e.g. '新宿三丁目'. */
  town: string
  /** Full address as printed: '東京都新宿区新宿三丁目12番3号' (+ building / room where relevant). */
  address: string
}

/** 住所地特例: placed in a facility in another municipality while this ward stays the insurer. */
export interface DummyResidenceException {
  facilityType: string
  facilityName: string
  /** Municipality of the facility, e.g. '埼玉県所沢市'. */
  facilityMunicipality: string
  since: IsoDate
}

/** 適用除外施設 (施行規則第170条) entry: not insured while there. */
export interface DummyExcludedFacility {
  facilityType: string
  facilityName: string
  since: IsoDate
}

export interface DummyPerson {
  /** 宛名番号 / 住民コード: 10 digits, unique, never reused. */
  personId: string
  householdId: string
  relationship: HouseholdRelationship
  /** 漢字氏名, family and given. */
  familyName: string
  givenName: string
  /** カナ氏名 in full-width katakana. */
  familyNameKana: string
  givenNameKana: string
  sex: Sex
  birthDate: IsoDate
  /** '03-xxxx-xxxx' style dummy number, or null. */
  phone: string | null
  /** 12-digit fake 個人番号 with a valid check digit. Never printed in full by the application. */
  individualNumber: string
  /** 被保険者番号 (10 digits) for insured persons; null for others. */
  insuredNumber: string | null
  insuredCategory: 1 | 2 | null
  /** 資格取得日 for insured persons. */
  acquiredOn: IsoDate | null
  /** 支援措置対象者: address must never leak. */
  isProtected: boolean
  /** 住民税 本人課税. */
  residentTaxable: boolean
  /** 合計所得金額 (yen, may be negative for losses; floor at 0 is the domain's job). */
  totalIncome: number
  /** 課税年金収入額 (yen). */
  taxablePensionIncome: number
  /** 年金収入等 = 課税年金収入額 + その他の合計所得金額 (yen). */
  pensionAndOtherIncome: number
  onPublicAssistance: boolean
  oldAgeWelfarePension: boolean
  residenceException: DummyResidenceException | null
  excludedFacility: DummyExcludedFacility | null
}

export interface DummyWard {
  seed: number
  /** The reference date ages and statuses are computed for. */
  asOf: IsoDate
  households: DummyHousehold[]
  persons: DummyPerson[]
}
