import type { ServerMeta } from '../../shared/api/auth'
import type { AppInfo } from '../../shared/ipc/contract'
import { BackendClient } from './backend/backend-client'
import type { HttpTransport } from './backend/http-transport'
import { createIpcHandlers } from './ipc/handlers'
import { createIpcRouter, type IpcRouter, type IpcRouterOptions } from './ipc/router'
import type { IpcSender } from './ipc/sender'
import { AuthService } from './services/auth-service'
import { LoginSession } from './services/login-session'
import { PersonService } from './services/person-service'

export interface AppServicesOptions {
  transport: HttpTransport
  backendOrigin: string
  allowedServerModes: readonly ServerMeta['mode'][]
  appInfo: Omit<AppInfo, 'serverMode' | 'insurerName'>
  isTrustedSender(sender: IpcSender): boolean
  onRefused?: IpcRouterOptions['onRefused']
  onError?: IpcRouterOptions['onError']
}

export interface AppServices {
  session: LoginSession
  auth: AuthService
  persons: PersonService
  router: IpcRouter
}

/** Wires the main-process services; shared by the Electron composition root and the headless (browser-mode) main. */
export function createAppServices(options: AppServicesOptions): AppServices {
  const backend = new BackendClient(options.transport, options.backendOrigin)
  const session = new LoginSession()
  const auth = new AuthService(backend, session, { allowedServerModes: options.allowedServerModes })
  const persons = new PersonService(backend, auth)
  const router = createIpcRouter({
    handlers: createIpcHandlers({ auth, persons, appInfo: options.appInfo }),
    isTrustedSender: options.isTrustedSender,
    ...(options.onRefused ? { onRefused: options.onRefused } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  })
  return { session, auth, persons, router }
}
