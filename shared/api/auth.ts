import { z } from 'zod'

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
    roles: z.array(z.string()),
  })
  .strict()
export type UserProfile = z.infer<typeof UserProfile$>

export const LoginResponse$ = z
  .object({ token: z.string().min(32), user: UserProfile$, idleTimeoutSeconds: z.number().int() })
  .strict()
export type LoginResponse = z.infer<typeof LoginResponse$>

export const Empty$ = z.object({}).strict()
export const Ok$ = z.object({ ok: z.literal(true) }).strict()

export const ServerMeta$ = z
  .object({ mode: z.enum(['demo', 'production']), apiVersion: z.literal(1), insurerName: z.string() })
  .strict()
export type ServerMeta = z.infer<typeof ServerMeta$>
