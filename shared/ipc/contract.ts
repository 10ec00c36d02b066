import { z } from 'zod'
import { LoginRequest$, Empty$, Ok$, UserProfile$ } from '../api/auth'
import { PersonId$, PersonSearchQuery$, PersonSearchResult$, PersonSummary$ } from '../api/person'
import type { IpcChannelName } from './channels'

export const AppInfo$ = z
  .object({
    /** 'electron' in the real shell; 'browser' when the renderer runs in Chromium against the loopback bridge. */
    shell: z.enum(['electron', 'browser']),
    /** 検証モード: browser shell, demo backend only. */
    verificationMode: z.boolean(),
    serverMode: z.enum(['demo', 'production']).nullable(),
    insurerName: z.string().nullable(),
    version: z.string(),
  })
  .strict()
export type AppInfo = z.infer<typeof AppInfo$>

/**
 * The IPC contract: one channel per operation, named `area.verb`. Main parses every request with `req`
 * and every response with `res`; the preload exposes exactly one function per channel.
 */
export const ipcChannels = {
  'app.info': { req: Empty$, res: AppInfo$ },
  'auth.login': { req: LoginRequest$, res: UserProfile$ },
  'auth.logout': { req: Empty$, res: Ok$ },
  'auth.currentUser': { req: Empty$, res: UserProfile$.nullable() },
  'person.search': { req: PersonSearchQuery$, res: PersonSearchResult$ },
  'person.summary': { req: PersonId$, res: PersonSummary$ },
} as const satisfies Record<IpcChannelName, { req: z.ZodType; res: z.ZodType }>

export type IpcChannel = keyof typeof ipcChannels
export type IpcRequest<K extends IpcChannel> = z.input<(typeof ipcChannels)[K]['req']>
export type IpcResponse<K extends IpcChannel> = z.output<(typeof ipcChannels)[K]['res']>
// Every declared channel has a name in channels.ts and vice versa.
const _sameChannels: [IpcChannel] extends [IpcChannelName]
  ? [IpcChannelName] extends [IpcChannel]
    ? true
    : never
  : never = true
void _sameChannels

/** Stable error codes crossing IPC; `message` is Japanese and safe to show to staff. */
export const IpcErrorCode$ = z.enum([
  'invalidRequest',
  'untrustedSender',
  'notAuthenticated',
  'forbidden',
  'notFound',
  'conflict',
  'locked',
  'rateLimited',
  'backendUnavailable',
  'backendRejected',
  'internal',
])
export type IpcErrorCode = z.infer<typeof IpcErrorCode$>

export type IpcResult<T> = { ok: true; value: T } | { ok: false; code: IpcErrorCode; message: string }

export const IpcFailure$ = z.object({ ok: z.literal(false), code: IpcErrorCode$, message: z.string() }).strict()
