/**
 * The master datasets (docs/masters.md): what exists, how each row's payload looks, and the one row shape that the server
 * stores, the HTTP contract carries and the terminal cache keeps. Pure (zod only).
 *
 * A row is `{ key, validFrom, validTo, payload }`: `payload` is canonical JSON text (see hash.ts), so the bytes the
 * server hashed are the bytes the terminal stores and hashes again. Keys are printable ASCII so that every home
 * (JavaScript, SQLite BINARY, PostgreSQL COLLATE "C") orders them the same way.
 */
import { z } from 'zod'
import { IsoDate$ } from '../api/primitives'
import { UnverifiedField$ } from './common'
import { WardParameterPayload$ } from './ward-parameters'

/** Printable ASCII, 1–64 characters. */
export const MASTER_KEY_PATTERN = /^[\x21-\x7e]{1,64}$/
export const MasterKey$ = z.string().regex(MASTER_KEY_PATTERN, 'マスタのキーが不正です')

/** One row of a master dataset in one version. */
export interface MasterRow {
  readonly key: string
  /** First day the row applies (inclusive); null for undated reference rows. */
  readonly validFrom: string | null
  /** Last day the row applies (inclusive); null when open-ended. */
  readonly validTo: string | null
  /** Canonical JSON text of the payload. */
  readonly payload: string
}

export const MasterRow$ = z
  .object({
    key: MasterKey$,
    validFrom: IsoDate$.nullable(),
    validTo: IsoDate$.nullable(),
    payload: z.string().max(65_536),
  })
  .strict()

export type MasterCategory = 'national' | 'ward' | 'reference'

export const masterDatasetNames = [
  'national.pensionIncomeBoundary',
  'national.standardStageTables',
  'national.monthlyBenefitCaps',
  'national.unitPriceRatios',
  'national.copayThresholds',
  'national.highCostCaps',
  'national.reliefPensionIncomeBoundary',
  'national.facilityReliefThresholds',
  'national.facilityReliefAmounts',
  'national.validityLimits',
  'national.specifiedDiseases',
  'national.basicChecklistItems',
  'national.basicChecklistCriteria',
  'ward.parameters',
  'ref.insurer',
  'ref.banks',
  'ref.bankBranches',
  'ref.providers',
  'ref.serviceTypes',
  'ref.serviceCodes',
  'ref.noticeTexts',
] as const
export type MasterDatasetName = (typeof masterDatasetNames)[number]
export const MasterDatasetName$ = z.enum(masterDatasetNames)

export interface MasterDatasetInfo {
  readonly label: string
  readonly category: MasterCategory
  /**
   * true: the dataset is one timeline keyed by effective date — the row in force on a date is the one with the latest
   * validFrom ≤ the date (like `versionAt`). false: rows are looked up by key; their dates, when set, bound validity.
   */
  readonly timeline: boolean
}

/** Japanese labels for staff, and how rows are looked up. */
export const masterCatalog: Readonly<Record<MasterDatasetName, MasterDatasetInfo>> = {
  'national.pensionIncomeBoundary': { label: '年金収入等の境界額（保険料）', category: 'national', timeline: true },
  'national.standardStageTables': { label: '標準段階表（13段階・年度別）', category: 'national', timeline: true },
  'national.monthlyBenefitCaps': { label: '区分支給限度基準額', category: 'national', timeline: true },
  'national.unitPriceRatios': { label: '1単位の単価（地域区分×人件費割合）', category: 'national', timeline: true },
  'national.copayThresholds': { label: '利用者負担割合の判定基準', category: 'national', timeline: true },
  'national.highCostCaps': { label: '高額介護サービス費の負担上限額', category: 'national', timeline: true },
  'national.reliefPensionIncomeBoundary': {
    label: '年金収入等の境界額（高額介護・補足給付）',
    category: 'national',
    timeline: true,
  },
  'national.facilityReliefThresholds': { label: '補足給付の所得・資産要件', category: 'national', timeline: true },
  'national.facilityReliefAmounts': {
    label: '補足給付の基準費用額・負担限度額',
    category: 'national',
    timeline: true,
  },
  'national.validityLimits': { label: '認定有効期間の上限', category: 'national', timeline: true },
  'national.specifiedDiseases': { label: '特定疾病（16疾病）', category: 'national', timeline: false },
  'national.basicChecklistItems': { label: '基本チェックリスト（25項目）', category: 'national', timeline: false },
  'national.basicChecklistCriteria': { label: '事業対象者の判定基準', category: 'national', timeline: false },
  'ward.parameters': { label: '区の保険料パラメータ', category: 'ward', timeline: true },
  'ref.insurer': { label: '保険者情報', category: 'reference', timeline: false },
  'ref.banks': { label: '金融機関', category: 'reference', timeline: false },
  'ref.bankBranches': { label: '金融機関店舗', category: 'reference', timeline: false },
  'ref.providers': { label: '事業所', category: 'reference', timeline: false },
  'ref.serviceTypes': { label: 'サービス種類', category: 'reference', timeline: false },
  'ref.serviceCodes': { label: 'サービスコード', category: 'reference', timeline: false },
  'ref.noticeTexts': { label: '文言マスタ', category: 'reference', timeline: false },
}

// ── payload schemas ───────────────────────────────────────────────────────────────────────────────────────────────

const yen = z.number().int().nonnegative()
const stage = z.number().int().min(1).max(99)

/** A national row: the value of one `Versioned` entry of shared/domain/parameters, with its legal source. */
const national = <T extends z.ZodType>(value: T) =>
  z.object({ value, source: z.string().min(1), unverified: z.boolean().optional() }).strict()

export const ResolvedStageStructure$ = z
  .object({
    pensionIncomeBoundary: yen,
    publicAssistanceStage: stage,
    oldAgeWelfarePensionStage: stage,
    householdExemptBands: z.array(z.object({ stage, upTo: yen.nullable() }).strict()),
    householdTaxableBands: z.array(z.object({ stage, upTo: yen.nullable() }).strict()),
    selfTaxableBands: z.array(z.object({ stage, below: yen.nullable() }).strict()),
    rates: z.array(
      z
        .object({ stage, rateBp: z.number().int().positive(), reducedRateBp: z.number().int().positive().optional() })
        .strict(),
    ),
  })
  .strict()

const benefitLevels = ['support1', 'support2', 'care1', 'care2', 'care3', 'care4', 'care5', 'transitionalCare'] as const
const reliefStages = ['1', '2', '3-1', '3-2'] as const
const roomTypes = [
  'multiBedTokuyou',
  'multiBedRokenWithFee',
  'multiBedRokenNoFee',
  'conventionalTokuyou',
  'conventionalRoken',
  'unitSemiPrivate',
  'unitPrivate',
] as const
const ReliefRow$ = z.object({ base: yen, limits: z.record(z.enum(reliefStages), yen) }).strict()
const pair = z.tuple([yen, yen])

export const PersonnelRatio$ = z.union([z.literal(70), z.literal(55), z.literal(45), z.literal(0)])

export const masterPayloadSchemas = {
  'national.pensionIncomeBoundary': national(yen),
  'national.standardStageTables': national(ResolvedStageStructure$),
  'national.monthlyBenefitCaps': national(z.record(z.enum(benefitLevels), yen)),
  'national.unitPriceRatios': national(
    z.record(z.enum(['1', '2', '3', '4', '5', '6', '7', '8']), z.record(z.enum(['70', '55', '45', '0']), yen)),
  ),
  'national.copayThresholds': national(
    z
      .object({
        threeTenthsTotalIncome: yen,
        threeTenthsSingle: yen,
        threeTenthsMulti: yen,
        twoTenthsTotalIncome: yen,
        twoTenthsSingle: yen,
        twoTenthsMulti: yen,
      })
      .strict(),
  ),
  'national.highCostCaps': national(
    z
      .object({
        taxable690: yen,
        taxable380: yen,
        taxableGeneral: yen,
        householdExempt: yen,
        lowIncomeIndividual: yen,
        publicAssistance: yen,
        taxableIncome690: yen,
        taxableIncome380: yen,
      })
      .strict(),
  ),
  'national.reliefPensionIncomeBoundary': national(yen),
  'national.facilityReliefThresholds': national(
    z
      .object({
        stage31UpTo: yen,
        savingsLimits: z.record(z.enum(reliefStages), pair),
        category2SavingsLimits: pair,
      })
      .strict(),
  ),
  'national.facilityReliefAmounts': national(
    z.object({ food: ReliefRow$, foodShortStay: ReliefRow$, rooms: z.record(z.enum(roomTypes), ReliefRow$) }).strict(),
  ),
  'national.validityLimits': national(
    z
      .object({
        minimum: z.number().int().positive(),
        new: z.number().int().positive(),
        levelChange: z.number().int().positive(),
        renewalSameLevel: z.number().int().positive(),
        renewalDifferentLevel: z.number().int().positive(),
      })
      .strict(),
  ),
  'national.specifiedDiseases': z
    .object({
      number: z.number().int().min(1).max(16),
      name: z.string().min(1),
      source: z.string(),
      unverified: z.boolean().optional(),
    })
    .strict(),
  'national.basicChecklistItems': z
    .object({
      number: z.number().int().min(1).max(25),
      question: z.string().min(1),
      /** The answer that counts (該当): 'yes' (はい), 'no' (いいえ) or 'bmi' (item 12, from height and weight). */
      countsWhen: z.enum(['yes', 'no', 'bmi']),
      source: z.string(),
    })
    .strict(),
  'national.basicChecklistCriteria': z
    .object({
      id: z.string().min(1),
      items: z.array(z.number().int().min(1).max(25)).min(1),
      atLeast: z.number().int().min(1),
      depression: z.boolean(),
      source: z.string(),
    })
    .strict(),
  'ward.parameters': WardParameterPayload$,
  'ref.insurer': z
    .object({
      insurerNumber: z.string().regex(/^\d{6}$/),
      name: z.string().min(1),
      municipalityCode: z.string().regex(/^\d{6}$/),
      department: z.string(),
      postalCode: z.string(),
      address: z.string(),
      regionGrade: z.number().int().min(1).max(8),
      source: z.string(),
      unverified: z.array(UnverifiedField$),
    })
    .strict(),
  'ref.banks': z.object({ code: z.string().regex(/^\d{4}$/), name: z.string(), kana: z.string() }).strict(),
  'ref.bankBranches': z
    .object({
      bankCode: z.string().regex(/^\d{4}$/),
      branchCode: z.string().regex(/^\d{3}$/),
      name: z.string(),
      kana: z.string(),
    })
    .strict(),
  'ref.providers': z
    .object({
      providerNumber: z.string().regex(/^\d{10}$/),
      name: z.string(),
      nameKana: z.string(),
      corporation: z.string(),
      serviceTypes: z.array(z.string().regex(/^[0-9A-Z]{2}$/)).min(1),
      postalCode: z.string(),
      address: z.string(),
      phone: z.string(),
      dummy: z.literal(true),
    })
    .strict(),
  'ref.serviceTypes': z
    .object({
      code: z.string().regex(/^[0-9A-Z]{2}$/),
      name: z.string(),
      group: z.enum(['居宅', '施設', '地域密着型', '介護予防', '地域密着型介護予防']),
      personnelRatio: PersonnelRatio$,
      source: z.string(),
      unverified: z.boolean(),
    })
    .strict(),
  'ref.serviceCodes': z
    .object({
      code: z.string().regex(/^[0-9A-Z]{6}$/),
      serviceType: z.string().regex(/^[0-9A-Z]{2}$/),
      name: z.string(),
      units: z.number().int().nonnegative(),
      per: z.enum(['回', '日', '月']),
      sample: z.literal(true),
    })
    .strict(),
  'ref.noticeTexts': z
    .object({
      id: z.string().min(1),
      form: z.string(),
      title: z.string(),
      body: z.string(),
      placeholders: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/)),
    })
    .strict(),
} as const satisfies Record<MasterDatasetName, z.ZodType>

export type MasterPayload<D extends MasterDatasetName> = z.output<(typeof masterPayloadSchemas)[D]>

/** Parses the canonical JSON payload of a row of `dataset`; throws when the text is not a valid payload. */
export function parseMasterPayload<D extends MasterDatasetName>(dataset: D, payload: string): MasterPayload<D> {
  return masterPayloadSchemas[dataset].parse(JSON.parse(payload)) as MasterPayload<D>
}

/** A row with its payload parsed. */
export interface MasterRecord<D extends MasterDatasetName> {
  readonly key: string
  readonly validFrom: string | null
  readonly validTo: string | null
  readonly value: MasterPayload<D>
}
