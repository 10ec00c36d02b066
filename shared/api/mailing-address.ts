/**
 * 送付先 (mailingAddress) contract: where a person's notices are mailed instead of the 住民票 address, for a period
 * and with a reason (施設入所, 成年後見人, 長期入院 …). Append-only history: a registration is never changed; ending
 * or correcting one writes a new row that supersedes it. A 支援措置 person's 送付先 is as protected as the address
 * (person.revealProtectedAddress).
 */
import { z } from 'zod'
import { IdempotencyKey$, IsoDate$, RecordId$ } from './primitives'

export const mailingAddressReasons = ['facility', 'guardian', 'hospital', 'family', 'other'] as const
export type MailingAddressReason = (typeof mailingAddressReasons)[number]
export const mailingAddressReasonLabels: Record<MailingAddressReason, string> = {
  facility: '施設入所',
  guardian: '成年後見人',
  hospital: '長期入院',
  family: '親族等の代理受領',
  other: 'その他',
}

/** 郵便番号 as printed: 7 digits, with or without the hyphen (stored as 123-4567). */
export const PostalCode$ = z
  .string()
  .trim()
  .regex(/^\d{3}-?\d{4}$/, '郵便番号は7桁の数字（例: 160-0022）で入力してください')
  .transform((v) => `${v.replace('-', '').slice(0, 3)}-${v.replace('-', '').slice(3)}`)

const Text$ = (max: number, what: string) =>
  z.string().trim().min(1, `${what}を入力してください`).max(max, `${what}は${max}文字以内で入力してください`)

export const RecordMailingAddressRequest$ = z
  .object({
    personId: RecordId$,
    recipientName: Text$(60, '送付先の宛名'),
    /** 様方・気付 etc. printed under the name (optional). */
    careOf: z.string().trim().max(60).optional(),
    postalCode: PostalCode$,
    mailingAddress: Text$(120, '送付先の住所'),
    reason: z.enum(mailingAddressReasons),
    /** Required for その他; free text otherwise. */
    note: z.string().trim().max(200).optional(),
    validFrom: IsoDate$,
    validTo: IsoDate$.optional(),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
  .refine((r) => r.reason !== 'other' || Boolean(r.note), {
    message: '理由が「その他」のときは備考に理由を入力してください',
    path: ['note'],
  })
  .refine((r) => !r.validTo || r.validTo >= r.validFrom, {
    message: '有効期間の終了日は開始日以降の日付を指定してください',
    path: ['validTo'],
  })
export type RecordMailingAddressRequest = z.input<typeof RecordMailingAddressRequest$>

/** Ends a 送付先 on `validTo` (or withdraws it as registered in error when `withdraw` is true). */
export const EndMailingAddressRequest$ = z
  .object({
    personId: RecordId$,
    mailingAddressId: RecordId$,
    validTo: IsoDate$.optional(),
    withdraw: z.boolean().default(false),
    endReason: Text$(200, '終了の理由'),
    idempotencyKey: IdempotencyKey$,
  })
  .strict()
  .refine((r) => r.withdraw || Boolean(r.validTo), { message: '終了日を入力してください', path: ['validTo'] })
export type EndMailingAddressRequest = z.input<typeof EndMailingAddressRequest$>

export const MailingAddress$ = z
  .object({
    id: z.number().int(),
    personId: z.number().int(),
    recipientName: z.string(),
    careOf: z.string().nullable(),
    postalCode: z.string(),
    mailingAddress: z.string(),
    reason: z.enum(mailingAddressReasons),
    note: z.string().nullable(),
    validFrom: IsoDate$,
    validTo: IsoDate$.nullable(),
    /** The row this one replaces (an ending, a withdrawal), null for a first registration. */
    supersedesId: z.number().int().nullable(),
    /** true: registered in error, withdrawn (never in force). */
    withdrawn: z.boolean(),
    endReason: z.string().nullable(),
    recordedAt: z.string(),
    recordedBy: z.number().int().nullable(),
  })
  .strict()
export type MailingAddress = z.infer<typeof MailingAddress$>

export const MailingAddressesQuery$ = z.object({ personId: RecordId$ }).strict()
export type MailingAddressesQuery = z.input<typeof MailingAddressesQuery$>

export const PersonMailingAddresses$ = z
  .object({
    personId: z.number().int(),
    /** The 送付先 in force today, null when notices go to the 住民票 address. */
    current: MailingAddress$.nullable(),
    /** The registrations in force or to come (not superseded), newest first. */
    effective: z.array(MailingAddress$),
    /** Every row ever written, oldest first (the append-only history). */
    history: z.array(MailingAddress$),
  })
  .strict()
export type PersonMailingAddresses = z.infer<typeof PersonMailingAddresses$>
