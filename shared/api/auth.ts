import { z } from 'zod'
import { Permission$, Role$ } from '../access/permissions'

export const LoginRequest$ = z
  .object({
    loginId: z.string().trim().min(1, 'ユーザーIDを入力してください').max(64),
    password: z.string().min(1, 'パスワードを入力してください').max(256),
  })
  .strict()
export type LoginRequest = z.infer<typeof LoginRequest$>

export const UserProfile$ = z
  .object({
    loginId: z.string(),
    displayName: z.string(),
    department: z.string(),
    /** For display (role labels) only: what the user may do is `permissions`. */
    roles: z.array(Role$),
    /** The permissions usable in this session; the renderer asks "may I?" with these, never "which role?". */
    permissions: z.array(Permission$),
  })
  .strict()
export type UserProfile = z.infer<typeof UserProfile$>

/** A 6-digit TOTP code (RFC 6238) from the staff member's authenticator. */
export const TotpCode$ = z.string().regex(/^\d{6}$/, '確認コードは6桁の数字です')

export const SignedIn$ = z
  .object({
    status: z.literal('signedIn'),
    token: z.string().min(32),
    user: UserProfile$,
    idleTimeoutSeconds: z.number().int(),
  })
  .strict()
export type SignedIn = z.infer<typeof SignedIn$>

/**
 * Sign-in is two steps for every account that touches personal data (controls C-06, C-30): the password answers
 * with a challenge, and the TOTP code for that challenge opens the session. An account without TOTP yet gets a
 * new secret to enrol with the same step.
 */
export const LoginResponse$ = z.discriminatedUnion('status', [
  SignedIn$,
  z.object({ status: z.literal('totpRequired'), challenge: z.string().min(32) }).strict(),
  z
    .object({
      status: z.literal('totpEnrolmentRequired'),
      challenge: z.string().min(32),
      /** Base32 secret to add to the authenticator app (shown once). */
      secret: z.string().regex(/^[A-Z2-7]{16,}$/),
      otpauthUri: z.string().startsWith('otpauth://totp/'),
    })
    .strict(),
])
export type LoginResponse = z.infer<typeof LoginResponse$>

export const TotpVerifyRequest$ = z.object({ challenge: z.string().min(32).max(128), code: TotpCode$ }).strict()
export type TotpVerifyRequest = z.infer<typeof TotpVerifyRequest$>

/** Step-up re-authentication for sensitive actions: password and a fresh TOTP code again. */
export const StepUpRequest$ = z
  .object({ password: z.string().min(1, 'パスワードを入力してください').max(256), code: TotpCode$ })
  .strict()
export const StepUpResponse$ = z.object({ validUntil: z.string() }).strict()

export const ChangePasswordRequest$ = z
  .object({
    currentPassword: z.string().min(1, '現在のパスワードを入力してください').max(256),
    newPassword: z.string().min(1, '新しいパスワードを入力してください').max(256),
  })
  .strict()

export const ServerMeta$ = z
  .object({ mode: z.enum(['demo', 'production']), apiVersion: z.literal(1), insurerName: z.string() })
  .strict()
export type ServerMeta = z.infer<typeof ServerMeta$>
