import { z } from 'zod'
import { IsoDate$, RecordId$ } from './primitives'

export const InsuredNumber$ = z.string().regex(/^\d{10}$/, '被保険者番号は10桁の数字です')
export const Sex$ = z.enum(['male', 'female'])

/** Person search (資格担当の検索). At least one criterion is required. Sent as a POST body so terms never reach URLs or logs. */
export const PersonSearchQuery$ = z
  .object({
    kana: z.string().trim().max(60).optional(),
    name: z.string().trim().max(60).optional(),
    birthDate: IsoDate$.optional(),
    insuredNumber: InsuredNumber$.optional(),
    /** Address fragment (part of the street address, e.g. '西新宿2-8'); never finds anyone at a protected address. */
    address: z.string().trim().max(80).optional(),
    /** Phone number or its last digits (4 or more; hyphens ignored); never finds anyone at a protected address. */
    phone: z
      .string()
      .trim()
      .max(20)
      .regex(/^[\d０-９\-－()（） ]*$/, '電話番号は数字とハイフンで入力してください')
      .refine((v) => v.normalize('NFKC').replace(/\D/g, '').length >= 4, '電話番号は4桁以上入力してください')
      .optional(),
    page: z.number().int().min(1).max(10_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(50),
  })
  .strict()
  .refine((q) => Boolean(q.kana || q.name || q.birthDate || q.insuredNumber || q.address || q.phone), {
    message: '検索条件を1つ以上入力してください',
  })
export type PersonSearchQuery = z.input<typeof PersonSearchQuery$>

export const PersonSearchItem$ = z
  .object({
    id: z.number().int(),
    insuredNumber: z.string().nullable(),
    name: z.string(),
    nameKana: z.string(),
    birthDate: IsoDate$,
    sex: Sex$,
    /** null when masked: the address is protected (addressProtected). */
    address: z.string().nullable(),
    /** The person's own 支援措置 flag (支援措置対象者). */
    isProtected: z.boolean(),
    /**
     * 支援措置 applies to the address: the person, or someone of the household or at the same address, is protected
     * (shared/domain/support-measure.ts). The address is masked for everyone; person.revealAddress shows it.
     */
    addressProtected: z.boolean(),
  })
  .strict()
export type PersonSearchItem = z.infer<typeof PersonSearchItem$>

export const PersonSearchResult$ = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(PersonSearchItem$),
  })
  .strict()
export type PersonSearchResult = z.infer<typeof PersonSearchResult$>

export const PersonId$ = z.object({ personId: RecordId$ }).strict()

export const HouseholdMember$ = z
  .object({ id: z.number().int(), name: z.string(), relationship: z.string(), birthDate: IsoDate$ })
  .strict()

export const PersonSummary$ = z
  .object({
    id: z.number().int(),
    residentCode: z.string(),
    insuredNumber: z.string().nullable(),
    insuredCategory: z.union([z.literal(1), z.literal(2)]).nullable(),
    acquiredOn: IsoDate$.nullable(),
    name: z.string(),
    nameKana: z.string(),
    birthDate: IsoDate$,
    sex: Sex$,
    postalCode: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    /** The person's own 支援措置 flag (支援措置対象者). */
    isProtected: z.boolean(),
    /** 支援措置 applies to the address (as in the search): 郵便番号, address and phone are null. */
    addressProtected: z.boolean(),
    /** Always masked in the summary: revealing needs step-up and a reason (controls C-06, C-28). */
    individualNumberMasked: z.string(),
    householdCode: z.string(),
    /** The other members, without the protected ones unless the caller holds person.revealProtectedAddress. */
    householdMembers: z.array(HouseholdMember$),
    /** true when protected members were left out of householdMembers (支援措置). */
    householdMembersWithheld: z.boolean(),
  })
  .strict()
export type PersonSummary = z.infer<typeof PersonSummary$>

/** Why a protected value is revealed: recorded as the purpose of the audit row (control C-08, C-28). */
export const RevealReason$ = z.string().trim().min(4, '表示する理由を4文字以上で入力してください').max(200)

/** Revealing a マイナンバー: the specific permission, a stated reason and a recent step-up (control C-28). */
export const RevealIndividualNumberRequest$ = z.object({ personId: RecordId$, reason: RevealReason$ }).strict()
export const RevealedIndividualNumber$ = z
  .object({ personId: z.number().int(), individualNumber: z.string().regex(/^\d{12}$/) })
  .strict()

/** Revealing the address of a 支援措置対象者: the specific permission, a stated reason and a recent step-up. */
export const RevealAddressRequest$ = RevealIndividualNumberRequest$
export const RevealedAddress$ = z
  .object({
    personId: z.number().int(),
    postalCode: z.string(),
    address: z.string(),
    phone: z.string().nullable(),
  })
  .strict()
