/**
 * The manifest that travels with a legacy extract (docs/sources/migration.md §1.2: edition, extraction period, row
 * counts, SHA-256 per file) — `manifest.json` beside one CSV file per group. The same format is written by the
 * export, so the ward can leave as easily as it arrived.
 */
import { z } from 'zod'

export const MANIFEST_FILE_NAME = 'manifest.json'
export const MANIFEST_FORMAT = 'kaigo-desk.legacy-extract/1'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

export const ExtractManifest$ = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    /** The spec's edition id (DATA_LIST_EDITIONS) and the editions it stands for. */
    edition: z
      .object({
        id: z.string().min(1).max(60),
        dataList: z.string().max(20),
        standard: z.string().max(20),
        infrastructureIf: z.string().max(20),
      })
      .strict(),
    /** Who extracted (e.g. '旧システム（富士通Japan）'). */
    sender: z.string().max(100),
    /** ISO 8601 with offset. */
    extractedAt: z.string().max(40),
    /** 抽出対象期間. */
    period: z.object({ from: isoDate, to: isoDate }).strict(),
    /** full = 全件, delta = 差分 since period.from. */
    kind: z.enum(['full', 'delta']),
    files: z
      .array(
        z
          .object({
            group: z.string().min(1).max(40),
            fileName: z.string().min(1).max(100),
            /** Data rows (without the header). */
            rows: z.number().int().min(0),
            bytes: z.number().int().min(0),
            sha256: z.string().regex(/^[0-9a-f]{64}$/),
          })
          .strict(),
      )
      .min(1)
      .max(100),
    /**
     * The legacy system's own control totals (件数・金額照合表, docs/sources/migration.md §2.3–§2.4), against which the
     * 仮移行 is reconciled: keys as in `controlTotalKeys`. Optional: without them only the row counts are checked.
     */
    controlTotals: z
      .array(z.object({ key: z.string().min(1).max(80), value: z.number().int() }).strict())
      .max(500)
      .optional(),
  })
  .strict()
export type ExtractManifest = z.infer<typeof ExtractManifest$>

/**
 * The keys of the control totals (the reconciliation's figures per kind): `persons` (宛名 人数), `rows.<group>` (件数),
 * `insured.category1@<date>` (第1号被保険者数 on the day), `certified@<date>` (認定者数 on the day),
 * `insured.category<1|2>.<current|lost>` (被保険者 rows by 区分 and 喪失の有無), `certification.level.<code>` (認定 rows
 * by 要介護状態区分), `assessment.amount.<年度>` (賦課 年額の合計), `payment.amount.<年度>` (収納額の合計),
 * `payment.amount.<年度>.<期別>` (収納額 per installment), and, against a source database only, `matched.<group>` (rows
 * equal item by item to the source's row of the same key).
 */
export const controlTotalKeys = {
  persons: 'persons',
  rows: (group: string) => `rows.${group}`,
  category1On: (date: string) => `insured.category1@${date}`,
  certifiedOn: (date: string) => `certified@${date}`,
  assessed: (fiscalYear: number | string) => `assessment.amount.${fiscalYear}`,
  paid: (fiscalYear: number | string) => `payment.amount.${fiscalYear}`,
  insuredByStatus: (category: 1 | 2 | string, status: 'current' | 'lost') => `insured.category${category}.${status}`,
  certifiedByLevel: (careLevel: string) => `certification.level.${careLevel}`,
  paidInstallment: (fiscalYear: number | string, installment: number | string) =>
    `payment.amount.${fiscalYear}.${installment}`,
  matched: (group: string) => `matched.${group}`,
} as const
