/**
 * Issued forms of 資格: 被保険者証 and 資格者証. The layout — the folded card or A4 — is a ward
 * parameter (shared/masters/ward-parameters.ts `forms`), never the terminal's choice.
 */
import { z } from 'zod'
import { IdempotencyKey$, IsoDate$, RecordId$ } from '../api/primitives'

export const cardLayouts = ['card', 'a4'] as const
export const CardLayout$ = z.enum(cardLayouts)
export type CardLayout = z.infer<typeof CardLayout$>
export const cardLayoutLabels: Record<CardLayout, string> = { card: 'カード', a4: 'A4' }

/** The printed items the preview shows (the renderer may not frame a PDF). */
export const PrintedPersonItems$ = z
  .object({
    insuredNumber: z.string(),
    name: z.string(),
    nameKana: z.string(),
    birthDate: IsoDate$,
    sex: z.enum(['male', 'female']),
    address: z.string().nullable(),
    category: z.union([z.literal(1), z.literal(2)]),
    acquiredOn: IsoDate$.nullable(),
    insurerNumber: z.string(),
    insurerName: z.string(),
  })
  .strict()
export type PrintedPersonItems = z.infer<typeof PrintedPersonItems$>

/**
 * 資格者証の交付・再交付: issued while the 被保険者証 is held by the ward for a 要介護認定 application
 * (docs/sources/certification.md §1.2). The application date and the expiry are printed; a second issuance needs its reason.
 */
export const IssueProvisionalCardRequest$ = z
  .object({
    personId: RecordId$,
    /** 認定申請年月日 (not in the future). */
    applicationDate: IsoDate$,
    /** 有効期限 of this 資格者証 (from today on, after the application date). */
    validUntil: IsoDate$,
    reissueReason: z.string().trim().min(1).max(100).optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
export type IssueProvisionalCardRequest = z.input<typeof IssueProvisionalCardRequest$>

export const IssuedProvisionalCard$ = z
  .object({
    kind: z.enum(['issue', 'reissue']),
    /** 1 for the first issue; n for the n-th 再交付. */
    count: z.number().int(),
    issuedOn: IsoDate$,
    layout: CardLayout$,
    fileName: z.string(),
    pdfBase64: z.string(),
    card: PrintedPersonItems$.extend({ applicationDate: IsoDate$, validUntil: IsoDate$ }).strict(),
  })
  .strict()
export type IssuedProvisionalCard = z.infer<typeof IssuedProvisionalCard$>
