/**
 * One engine, two homes: the domain functions of shared/domain fed with tables read from the masters. The terminal
 * passes a reader over its better-sqlite3 cache, the server one over a snapshot of its database; the results are the
 * same because the rows (and their hashes) are the same.
 */
import {
  annualPremium,
  directPaymentInstallments,
  fiscalYearStart,
  lateCharge,
  ParameterNotFoundError,
  premiumStage,
  type BenefitLevel,
  type IsoDate,
  type LateChargeInput,
  type PremiumStageInput,
  type StageTable,
} from '../domain'
import type { UnverifiedField } from './common'
import {
  masterCatalog,
  parseMasterPayload,
  type MasterDatasetName,
  type MasterPayload,
  type MasterRecord,
  type MasterRow,
} from './datasets'
import { compareKeys } from './hash'
import { directPaymentDueDates, stageTableFromWard } from './ward-parameters'

/** Read access to one consistent version of the masters. */
export interface MasterReader {
  /** The live row of `dataset` with this key, or null. */
  get(dataset: MasterDatasetName, key: string): MasterRow | null
  /**
   * Among the rows of `dataset` whose key starts with `keyPrefix` ('' = all), the one with the latest validFrom ≤ `on`
   * (null when there is none), whatever its validTo.
   */
  latestFrom(dataset: MasterDatasetName, on: IsoDate, keyPrefix?: string): MasterRow | null
}

export function toRecord<D extends MasterDatasetName>(dataset: D, row: MasterRow): MasterRecord<D> {
  return {
    key: row.key,
    validFrom: row.validFrom,
    validTo: row.validTo,
    value: parseMasterPayload(dataset, row.payload),
  }
}

/** Whether a keyed row applies on `on` (its dates, when set, bound it). */
export function validOn(row: Pick<MasterRow, 'validFrom' | 'validTo'>, on: IsoDate): boolean {
  return (row.validFrom === null || row.validFrom <= on) && (row.validTo === null || on <= row.validTo)
}

/**
 * The row in force on `on` (latest validFrom ≤ on, and on ≤ its validTo when set). Throws ParameterNotFoundError
 * when none applies — never a silent fallback, as in shared/domain's `versionAt`.
 */
export function inForce<D extends MasterDatasetName>(
  reader: MasterReader,
  dataset: D,
  on: IsoDate,
  keyPrefix = '',
): MasterRecord<D> {
  const row = reader.latestFrom(dataset, on, keyPrefix)
  if (row === null || (row.validTo !== null && on > row.validTo)) {
    throw new ParameterNotFoundError(`${masterCatalog[dataset].label}${keyPrefix ? ` ${keyPrefix}` : ''}`, on)
  }
  return toRecord(dataset, row)
}

/** A reader over plain row lists (the server's snapshot, tests). */
export function memoryMasterReader(rows: Partial<Record<MasterDatasetName, readonly MasterRow[]>>): MasterReader {
  const byKey = new Map<string, MasterRow>()
  const sorted = new Map<MasterDatasetName, MasterRow[]>()
  for (const [dataset, list] of Object.entries(rows) as [MasterDatasetName, MasterRow[]][]) {
    for (const row of list) byKey.set(`${dataset}\u0000${row.key}`, row)
    sorted.set(
      dataset,
      [...list].sort((a, b) => compareKeys(a.validFrom ?? '', b.validFrom ?? '') || compareKeys(a.key, b.key)),
    )
  }
  return {
    get: (dataset, key) => byKey.get(`${dataset}\u0000${key}`) ?? null,
    latestFrom(dataset, on, keyPrefix = '') {
      let found: MasterRow | null = null
      for (const row of sorted.get(dataset) ?? []) {
        if (row.validFrom === null || row.validFrom > on) continue
        if (keyPrefix && !row.key.startsWith(keyPrefix)) continue
        found = row
      }
      return found
    },
  }
}

// ── premium (賦課) ────────────────────────────────────────────────────────────────────────────────────────────────

/** The ward parameter version in force on a date. */
export function wardParametersOn(reader: MasterReader, on: IsoDate): MasterRecord<'ward.parameters'> {
  return inForce(reader, 'ward.parameters', on)
}

/**
 * The stage table of a fiscal year from the masters: the ward parameters in force on 4/1 (賦課期日) and that year's
 * 年金収入等 boundary L from the national master.
 */
export function stageTableFromMasters(reader: MasterReader, fiscalYear: number): StageTable {
  const on = fiscalYearStart(fiscalYear)
  const ward = wardParametersOn(reader, on).value.value
  const boundary = inForce(reader, 'national.pensionIncomeBoundary', on).value.value
  return stageTableFromWard(ward, fiscalYear, boundary)
}

export interface PremiumTable {
  readonly fiscalYear: number
  /** validFrom of the ward parameter version used. */
  readonly wardVersionFrom: IsoDate | null
  readonly basePremium: number
  readonly rounding: StageTable['rounding']
  readonly pensionIncomeBoundary: number
  readonly unverified: UnverifiedField[]
  readonly stages: { stage: number; rateBp: number; reducedRateBp: number | null; annual: number }[]
}

/** Every stage's annual premium of a fiscal year, computed from the masters alone (works offline on the terminal). */
export function premiumTableFromMasters(reader: MasterReader, fiscalYear: number): PremiumTable {
  const on = fiscalYearStart(fiscalYear)
  const ward = wardParametersOn(reader, on)
  const table = stageTableFromMasters(reader, fiscalYear)
  return {
    fiscalYear,
    wardVersionFrom: ward.validFrom,
    basePremium: table.basePremium,
    rounding: table.rounding,
    pensionIncomeBoundary: table.pensionIncomeBoundary,
    unverified: ward.value.unverified.map((u) => ({ ...u })),
    stages: table.rates.map((r) => ({
      stage: r.stage,
      rateBp: r.rateBp,
      reducedRateBp: r.reducedRateBp ?? null,
      annual: annualPremium(r.stage, table),
    })),
  }
}

/** Stage and annual premium of one person's facts, with the fiscal year's tables from the masters. */
export function premiumFromMasters(reader: MasterReader, input: PremiumStageInput): { stage: number; annual: number } {
  const table = stageTableFromMasters(reader, input.fiscalYear)
  const stage = premiumStage(input, table)
  return { stage, annual: annualPremium(stage, table) }
}

/** 普通徴収: due dates and amounts of a fiscal year's annual amount, by the ward rule in force on 4/1. */
export function directPaymentScheduleFromMasters(
  reader: MasterReader,
  fiscalYear: number,
  annual: number,
): { dueDate: IsoDate; amount: number }[] {
  const ward = wardParametersOn(reader, fiscalYearStart(fiscalYear)).value.value
  const dueDates = directPaymentDueDates(ward, fiscalYear)
  const amounts = directPaymentInstallments(annual, dueDates.length, ward.directPayment.rule)
  return dueDates.map((dueDate, i) => ({ dueDate, amount: amounts[i] ?? 0 }))
}

/** 延滞金 with the ward's method and rates in force on the payment day. */
export function lateChargeFromMasters(reader: MasterReader, input: LateChargeInput): number {
  const ward = wardParametersOn(reader, input.paidOn).value.value
  return lateCharge(input, ward.lateCharge.rates, ward.lateCharge.method)
}

// ── benefits (給付) ───────────────────────────────────────────────────────────────────────────────────────────────

export const INSURER_KEY = 'insurer'

/** 区分支給限度基準額 (units) on a date. */
export function monthlyBenefitCapFromMasters(reader: MasterReader, level: BenefitLevel, on: IsoDate): number {
  return inForce(reader, 'national.monthlyBenefitCaps', on).value.value[level]
}

/** 保険者情報 (ref.insurer): the ward as insurer — number, name, 地域区分 — for forms and unit prices. */
export function insurerFromMasters(reader: MasterReader, on: IsoDate) {
  const row = reader.get('ref.insurer', INSURER_KEY)
  if (row === null) throw new ParameterNotFoundError(masterCatalog['ref.insurer'].label, on)
  return toRecord('ref.insurer', row).value
}

/**
 * 1単位の単価 (銭) of a service type on a date: the insurer's 地域区分 (ref.insurer) × the service type's 人件費割合
 * (ref.serviceTypes) in the national ratio table in force.
 */
export function unitPriceFromMasters(reader: MasterReader, serviceTypeCode: string, on: IsoDate): number {
  const insurer = insurerFromMasters(reader, on)
  const typeRow = reader.get('ref.serviceTypes', serviceTypeCode)
  if (typeRow === null || !validOn(typeRow, on)) {
    throw new ParameterNotFoundError(`サービス種類 ${serviceTypeCode}`, on)
  }
  const type = toRecord('ref.serviceTypes', typeRow).value
  const ratios = inForce(reader, 'national.unitPriceRatios', on).value.value
  const grade = ratios[String(insurer.regionGrade) as keyof typeof ratios]
  return grade[String(type.personnelRatio) as keyof typeof grade]
}

// ── texts (文言) ──────────────────────────────────────────────────────────────────────────────────────────────────

/** The notice text `id` in force on a date (keys are `${id}@${validFrom}`). */
export function noticeTextOn(reader: MasterReader, id: string, on: IsoDate): MasterPayload<'ref.noticeTexts'> {
  return inForce(reader, 'ref.noticeTexts', on, `${id}@`).value
}

/**
 * Fills the `{{name}}` placeholders of a notice text (values as the form prints them: the caller formats yen and
 * dates). Every placeholder must be declared and given, so a form never prints a bare `{{…}}`.
 */
export function renderNoticeText(
  text: Pick<MasterPayload<'ref.noticeTexts'>, 'body' | 'placeholders'>,
  values: Readonly<Record<string, string | number>>,
): string {
  const declared = new Set(text.placeholders)
  return text.body.replace(/\{\{([A-Za-z][A-Za-z0-9]*)\}\}/g, (_match, name: string) => {
    if (!declared.has(name)) throw new RangeError(`placeholder {{${name}}} is not declared`)
    const value = values[name]
    if (value === undefined) throw new RangeError(`no value for placeholder {{${name}}}`)
    return String(value)
  })
}
