import type { IpcHandlers } from '../../ipc/router'
import type { IpcSender } from '../../ipc/sender'
import type { MasterService } from './master-service'

/** The channels that can complete a sign-in (password, then the second factor when the account has one). */
const SIGN_IN_CHANNELS = ['auth.login', 'auth.verifyTotp'] as const

type AnyHandler = (req: unknown, sender: IpcSender) => Promise<unknown>

/**
 * "Sync at login": wraps the sign-in handlers so that every call that leaves a signed-in session starts a master sync
 * in the background (the answer does not wait for it). Composed in app-services.ts, so the login flow itself stays
 * untouched.
 */
export function syncMastersAfterLogin(
  handlers: IpcHandlers,
  masters: Pick<MasterService, 'afterLogin'>,
  isSignedIn: () => boolean,
): IpcHandlers {
  const wrapped: Record<string, AnyHandler> = { ...(handlers as unknown as Record<string, AnyHandler>) }
  for (const channel of SIGN_IN_CHANNELS) {
    const handler = wrapped[channel]
    if (!handler) continue
    wrapped[channel] = async (req, sender) => {
      const result = await handler(req, sender)
      if (isSignedIn()) masters.afterLogin()
      return result
    }
  }
  return wrapped as unknown as IpcHandlers
}
