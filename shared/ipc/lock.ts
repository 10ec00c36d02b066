// Lock screen contract (controls C-31, C-35): what the renderer may ask while the screen is locked.
import { z } from 'zod'

export const LockStatus$ = z
  .object({
    locked: z.boolean(),
    /** The locked user (staff, not a resident): shown on the lock screen so the right person unlocks. */
    user: z.object({ loginId: z.string(), displayName: z.string(), department: z.string() }).strict().nullable(),
    /** TOTP asked as well as the password (terminal policy requireTotpOnUnlock, when the backend supports it). */
    totpRequired: z.boolean(),
  })
  .strict()
export type LockStatus = z.infer<typeof LockStatus$>

export const UnlockRequest$ = z
  .object({
    password: z.string().min(1, 'パスワードを入力してください').max(256),
    totpCode: z
      .string()
      .regex(/^\d{6}$/, 'ワンタイムパスワードは6桁の数字です')
      .optional(),
  })
  .strict()
export type UnlockRequest = z.infer<typeof UnlockRequest$>

export const LockReason$ = z.enum(['idle', 'os-lock', 'suspend', 'manual'])

/** Events main sends to the renderer (main → renderer only; the renderer never sends events). */
export const SessionLockedEvent$ = z.object({ reason: LockReason$ }).strict()
export const SessionUnlockedEvent$ = z.object({}).strict()
