import type { AppInfo } from '../../../shared/ipc/contract'
import type { AuthService } from '../services/auth-service'
import type { PersonService } from '../services/person-service'
import type { IpcHandlers } from './router'

export interface HandlerServices {
  auth: AuthService
  persons: PersonService
  appInfo: Omit<AppInfo, 'serverMode' | 'insurerName'>
}

/** One handler per channel; each delegates to a main-process service. */
export function createIpcHandlers(services: HandlerServices): IpcHandlers {
  return {
    'app.info': async () => {
      const meta = await services.auth.serverMeta().catch(() => null)
      return { ...services.appInfo, serverMode: meta?.mode ?? null, insurerName: meta?.insurerName ?? null }
    },
    'auth.login': (req) => services.auth.login(req),
    'auth.logout': async () => {
      await services.auth.logout()
      return { ok: true as const }
    },
    'auth.currentUser': async () => services.auth.currentUser(),
    'person.search': (req) => services.persons.search(req),
    'person.summary': (req) => services.persons.summary(req.personId),
  }
}
