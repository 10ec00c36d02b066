import { z } from 'zod'
import { Role$ } from '../access/permissions'
import { IdempotencyKey$, IsoDate$, RecordId$, RowVersion$ } from './primitives'

/** Why a record is created or corrected: kept with the version (history is never overwritten). */
export const ChangeReason$ = z.string().trim().min(2, '変更理由を入力してください').max(200)

export const UserSummary$ = z
  .object({
    id: z.number().int(),
    loginId: z.string(),
    displayName: z.string(),
    department: z.string(),
    careArea: z.string().nullable(),
    /** Roles of the designations in force today. */
    roles: z.array(Role$),
    locked: z.boolean(),
    totpEnrolled: z.boolean(),
    deactivated: z.boolean(),
    rowVersion: RowVersion$,
  })
  .strict()
export type UserSummary = z.infer<typeof UserSummary$>

export const UserList$ = z.object({ items: z.array(UserSummary$) }).strict()

export const LoginId$ = z
  .string()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, 'ユーザーIDは英小文字で始まる3〜32文字の英小文字・数字・._- です')

export const UserCreateRequest$ = z
  .object({
    idempotencyKey: IdempotencyKey$,
    loginId: LoginId$,
    displayName: z.string().trim().min(1).max(60),
    department: z.string().trim().min(1).max(100),
    careArea: z.string().max(32).nullable().default(null),
    initialPassword: z.string().min(1).max(256),
    reason: ChangeReason$,
  })
  .strict()

export const UserUpdateRequest$ = z
  .object({
    userId: RecordId$,
    rowVersion: RowVersion$,
    displayName: z.string().trim().min(1).max(60).optional(),
    department: z.string().trim().min(1).max(100).optional(),
    careArea: z.string().max(32).nullable().optional(),
    reason: ChangeReason$,
  })
  .strict()

/** Unlock, deactivate, reset the second factor: status changes, each with an idempotency key and a reason. */
export const UserStatusRequest$ = z
  .object({ idempotencyKey: IdempotencyKey$, userId: RecordId$, reason: ChangeReason$ })
  .strict()

export const UserId$ = z.object({ userId: RecordId$ }).strict()

export const RecordVersion$ = z
  .object({
    version: z.number().int(),
    data: z.record(z.string(), z.unknown()),
    changedAt: z.string(),
    changedBy: z.number().int().nullable(),
    terminalId: z.string().nullable(),
    reason: z.string(),
  })
  .strict()
export const RecordHistory$ = z.object({ items: z.array(RecordVersion$) }).strict()

export const Designation$ = z
  .object({
    id: z.number().int(),
    userId: z.number().int(),
    role: Role$,
    kind: z.enum(['dataController', 'dataHandler']),
    validFrom: IsoDate$,
    validTo: IsoDate$.nullable(),
    rowVersion: RowVersion$,
    /** Who designated (user id of the first version; null for the seed and migrations) and when. */
    designatedBy: z.string().nullable(),
    designatedAt: z.string(),
    /** Who made the latest version, and why (the designation itself, or its latest correction). */
    changedBy: z.string().nullable(),
    reason: z.string(),
  })
  .strict()
export type Designation = z.infer<typeof Designation$>
export const DesignationList$ = z.object({ items: z.array(Designation$) }).strict()

export const DesignationCreateRequest$ = z
  .object({
    idempotencyKey: IdempotencyKey$,
    userId: RecordId$,
    role: Role$,
    validFrom: IsoDate$,
    validTo: IsoDate$.nullable().default(null),
    reason: ChangeReason$,
  })
  .strict()

/** A correction of a designation's dates (ending one early included): a new version, never an overwrite. */
export const DesignationCorrectRequest$ = z
  .object({
    designationId: RecordId$,
    rowVersion: RowVersion$,
    validFrom: IsoDate$.optional(),
    validTo: IsoDate$.nullable().optional(),
    reason: ChangeReason$,
  })
  .strict()

/**
 * Resetting a second factor takes two people (control C-06): one administrator asks with a reason, a different
 * administrator or 監督者 approves or rejects; only the approval clears the secret (and ends the user's sessions).
 */
export const TotpResetRequest$ = z
  .object({
    id: z.number().int(),
    userId: z.number().int(),
    loginId: z.string(),
    displayName: z.string(),
    reason: z.string(),
    status: z.enum(['pending', 'approved', 'rejected']),
    requestedBy: z.string(),
    requestedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionComment: z.string().nullable(),
  })
  .strict()
export type TotpResetRequest = z.infer<typeof TotpResetRequest$>
export const TotpResetRequestList$ = z.object({ items: z.array(TotpResetRequest$) }).strict()

export const TotpResetDecision$ = z
  .object({
    idempotencyKey: IdempotencyKey$,
    requestId: RecordId$,
    approve: z.boolean(),
    comment: z.string().trim().max(200).nullable().default(null),
  })
  .strict()
