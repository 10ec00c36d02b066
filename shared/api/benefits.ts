/**
 * 給付実績 contract (docs/benefits.md): import the 国保連's monthly 給付実績情報 file, and read a person's months of
 * service against the 区分支給限度基準額.
 */
import { z } from 'zod'
import { IdempotencyKey$, RecordId$, Yen$ } from './primitives'

export const BENEFIT_IMPORT_PROBLEM_LIMIT = 100

/** A service month 'YYYY-MM' (サービス提供年月). */
export const Month$ = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '年月は YYYY-MM で指定してください')

export const BenefitRecordImportRequest$ = z
  .object({
    fileName: z.string().trim().min(1).max(200),
    contentBase64: z.string().min(1),
    /** 検証のみ: the file is read and checked, nothing is written (status 'validated'). */
    dryRun: z.boolean(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type BenefitRecordImportRequest = z.input<typeof BenefitRecordImportRequest$>

const Totals$ = z
  .object({ units: z.number().int(), cost: Yen$, insurerShare: Yen$, copay: Yen$, publicExpense: Yen$ })
  .strict()

export const BenefitRecordImportResult$ = z
  .object({
    status: z.enum(['applied', 'validated', 'alreadyImported', 'rejected']),
    fileId: RecordId$.nullable(),
    processingMonth: z.string().nullable(),
    controlRecordCount: z.number().int(),
    claims: z.number().int(),
    details: z.number().int(),
    raw: z.number().int(),
    duplicates: z.number().int(),
    work: z.number().int(),
    totals: Totals$,
    problemCount: z.number().int(),
    problems: z.array(
      z.object({ line: z.number().int().nullable(), field: z.string().nullable(), message: z.string() }).strict(),
    ),
    warnings: z.array(z.string()),
  })
  .strict()
export type BenefitRecordImportResult = z.infer<typeof BenefitRecordImportResult$>

export const PersonBenefitMonthsQuery$ = z.object({ personId: RecordId$, fromMonth: Month$, toMonth: Month$ }).strict()
export type PersonBenefitMonthsQuery = z.input<typeof PersonBenefitMonthsQuery$>

export const PersonBenefitMonth$ = z
  .object({
    serviceMonth: z.string(),
    /** The level in force on the 1st of the month (要支援1 … 要介護5), null when none. */
    level: z.string().nullable(),
    /** 区分支給限度基準額 (units), null without a level. */
    capUnits: z.number().int().nullable(),
    /** Units of the home and community services counted against the cap (施設 services are not). */
    cappedUnits: z.number().int(),
    units: z.number().int(),
    cost: Yen$,
    insurerShare: Yen$,
    copay: Yen$,
    publicExpense: Yen$,
    claims: z.array(
      z
        .object({
          providerNumber: z.string(),
          serviceType: z.string().nullable(),
          units: z.number().int(),
          cost: Yen$,
          copay: Yen$,
        })
        .strict(),
    ),
  })
  .strict()
export const PersonBenefitMonths$ = z.object({ personId: RecordId$, months: z.array(PersonBenefitMonth$) }).strict()
export type PersonBenefitMonths = z.infer<typeof PersonBenefitMonths$>

export const benefitRecordApiRoutes = {
  // 給付実績 (docs/benefits.md): the monthly 給付実績情報 in, a person's months against the cap.
  'benefits.importRecords': {
    method: 'POST',
    path: '/api/v1/benefits/records/import',
    input: BenefitRecordImportRequest$,
    output: BenefitRecordImportResult$,
    waitMs: 120_000,
  },
  'benefits.personMonths': {
    method: 'POST',
    path: '/api/v1/benefits/records/person-months',
    input: PersonBenefitMonthsQuery$,
    output: PersonBenefitMonths$,
  },
} as const
