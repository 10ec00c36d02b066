import type { ServerMeta } from '../../shared/api/auth'
import type { AppInfo } from '../../shared/ipc/contract'
import { defaultTerminalPolicy } from '../../shared/policy/terminal-policy'
import { BackendClient } from './backend/backend-client'
import type { HttpTransport } from './backend/http-transport'
import { createIpcHandlers } from './ipc/handlers'
import { createIpcRouter, type IpcHandlers, type IpcRouter, type IpcRouterOptions } from './ipc/router'
import type { IpcSender } from './ipc/sender'
import { AdminService } from './services/admin-service'
import { AuthService } from './services/auth-service'
import { RetentionService } from './services/retention-service'
import { PremiumService } from './services/premium-service'
import { DunningService } from './services/dunning-service'
import { ArrearsService } from './services/arrears-service'
import { CertificationService } from './services/certification-service'
import { CertificationDecisionService } from './services/certification-decision-service'
import { PremiumRecordsService } from './services/premium-records-service'
import { PaymentIntakeService } from './services/payment-intake-service'
import { CollectionService } from './services/collection-service'
import { StatisticsService } from './services/statistics-service'
import { BenefitsService } from './services/benefits-service'
import { MigrationService, type MigrationExtractSource } from './services/migration-service'
import { PensionExchangeService, type PensionFileSource } from './services/pension-exchange-service'
import { KokuhorenService, type UpdateResultSource } from './services/kokuhoren-service'
import { ExportService, type ExportServiceDeps } from './services/export/export-service'
import { PrintService, type PrintServiceDeps } from './services/print/print-service'
import { guardLockedHandlers, LockService } from './services/lock/lock-service'
import { RendererEvents } from './services/lock/renderer-events'
import { LoginSession } from './services/login-session'
import { PersonService } from './services/person-service'
import { syncMastersAfterLogin } from './services/master-cache/login-hook'
import { MasterService } from './services/master-cache/master-service'
import type { SecurityAuditSink } from './security/audit'
import type { DataKey } from './services/at-rest/data-key'
import type { SecurityEventForwarder } from './services/security-events/security-event-forwarder'

export interface AppServicesOptions {
  transport: HttpTransport
  backendOrigin: string
  allowedServerModes: readonly ServerMeta['mode'][]
  appInfo: Omit<AppInfo, 'serverMode' | 'insurerName'>
  isTrustedSender(sender: IpcSender): boolean
  onRefused?: IpcRouterOptions['onRefused']
  onError?: IpcRouterOptions['onError']
  /** Terminal policy requireTotpOnUnlock (C-31); default true. */
  requireTotpOnUnlock?: boolean
  /** Called after every logout through IPC (C-35: the composition root clears the clipboard, closes child windows). */
  onLogout?(): void
  /** Export control (C-21): destination dialog, OS volume check, file writer, policy. Absent: export refused. */
  exports?: ExportServiceDeps
  /**
   * データ移行: the folder dialog from which main reads a legacy extract, and the file reader. Absent: loading an
   * extract is refused (no folder is ever chosen).
   */
  migrationSource?: MigrationExtractSource
  /**
   * 年金特別徴収: the file dialog from which main reads a 対象者情報 or 結果 file, and the file reader. Absent: importing
   * a file is refused (no file is ever chosen).
   */
  pensionFileSource?: PensionFileSource
  /**
   * 国保連連携: the file dialog from which main reads a 受給者情報更新結果情報 file, and the file reader. Absent: the
   * import is refused (no file is ever chosen).
   */
  updateResultSource?: UpdateResultSource
  /** Printing (C-28): the policy's allowlist and the printer adapter. Absent: no printer at all. */
  printing?: PrintServiceDeps
  /**
   * Master cache: its directory in the user profile, the data key that seals the file (C-07; absent or null, or no
   * directory: in memory only) and the terminal policy's sync interval (default: the policy default).
   */
  masterCache?: { dir: string | null | (() => string | null); dataKey?: DataKey | null; syncIntervalMinutes?: number }
  /**
   * The security sink of the composition root (local security log + server forwarder): refused exports and prints
   * are reported to it (C-21, C-28). Absent: not reported.
   */
  securityAudit?: SecurityAuditSink
  /** Sends buffered security events to the server audit log whenever someone is signed in (C-01). */
  securityEvents?: SecurityEventForwarder
}

export interface AppServices {
  session: LoginSession
  auth: AuthService
  persons: PersonService
  router: IpcRouter
  /** Main → renderer events (C-31). */
  events: RendererEvents
  lock: LockService
  masters: MasterService
  exports: ExportService
  printing: PrintService
}

/** Wires the main-process services; shared by the Electron composition root and the headless (browser-mode) main. */
export function createAppServices(options: AppServicesOptions): AppServices {
  const backend = new BackendClient(options.transport, options.backendOrigin)
  const session = new LoginSession()
  const auth = new AuthService(backend, session, { allowedServerModes: options.allowedServerModes })
  const persons = new PersonService(backend, auth)
  const events = new RendererEvents()
  // The lock screen re-authenticates with the password and the TOTP code together (C-31): LockService calls
  // login({ loginId, password }), so the code of the pending 'lock.unlock' request is handed over here.
  let unlockCode: string | undefined
  const lockAuth = {
    currentUser: () => auth.currentUser(),
    logout: () => auth.logout(),
    login: (req: { loginId: string; password: string; totpCode?: string }) =>
      auth.loginWithCode({ ...req, totpCode: req.totpCode ?? unlockCode }),
  }
  const lock = new LockService(lockAuth, events, {
    requireTotpOnUnlock: options.requireTotpOnUnlock ?? true,
    backendSupportsTotp: true,
  })
  const securityAudit = options.securityAudit
  const exports = new ExportService(backend, auth, {
    ...(options.exports ?? refuseExports),
    // C-21: every refused export reaches the security log and, through the forwarder, the server audit.
    onRefused: (e) => {
      securityAudit?.record({ kind: 'export-refused', requestId: e.requestId, reason: e.reason })
      options.exports?.onRefused?.(e)
    },
  })
  const printing = new PrintService(backend, auth, {
    ...(options.printing ?? noPrinters),
    onRefused: (e) => {
      securityAudit?.record({ kind: 'print-refused', printer: e.printer, reason: e.reason })
      options.printing?.onRefused?.(e)
    },
  })
  // C-01: the security events of main go to the server audit log with the signed-in user's session.
  options.securityEvents?.connect({
    isSignedIn: () => auth.currentUser() !== null,
    send: async (events, idempotencyKey) => {
      await auth.authenticated((token) => backend.call('security.clientEvents', { idempotencyKey, events }, token))
    },
  })
  const masters = new MasterService(backend, auth, {
    cacheDir: options.masterCache?.dir ?? null,
    dataKey: options.masterCache?.dataKey ?? null,
    syncIntervalMinutes: options.masterCache?.syncIntervalMinutes ?? defaultTerminalPolicy.syncIntervalMinutes,
  })
  masters.start()
  const admin = new AdminService(backend, auth, printing)
  const retention = new RetentionService(backend, auth, printing)
  const premiums = new PremiumService(backend, auth, printing)
  const migration = new MigrationService(backend, auth, options.migrationSource ?? noExtractSource)
  const router = createIpcRouter({
    handlers: guardLockedHandlers(
      syncMastersAfterLogin(
        withUnlockCode(
          createIpcHandlers({
            auth,
            persons,
            lock,
            exports,
            printing,
            masters,
            admin,
            retention,
            premiums,
            dunning: new DunningService(backend, auth, printing),
            arrears: new ArrearsService(backend, auth, printing),
            certification: new CertificationService(backend, auth),
            certificationDecision: new CertificationDecisionService(backend, auth, printing),
            premiumRecords: new PremiumRecordsService(backend, auth, {
              ...(options.exports ?? refuseExports),
              onRefused: (e) =>
                securityAudit?.record({ kind: 'export-refused', requestId: e.requestId, reason: e.reason }),
            }),
            paymentIntake: new PaymentIntakeService(backend, auth),
            collection: new CollectionService(backend, auth, printing),
            statistics: new StatisticsService(backend, auth, {
              ...(options.exports ?? refuseExports),
              onRefused: (e) =>
                securityAudit?.record({ kind: 'export-refused', requestId: e.requestId, reason: e.reason }),
            }),
            pensionExchange: new PensionExchangeService(
              backend,
              auth,
              options.pensionFileSource ?? noPensionFileSource,
              {
                ...(options.exports ?? refuseExports),
                onRefused: (e) =>
                  securityAudit?.record({ kind: 'export-refused', requestId: e.requestId, reason: e.reason }),
              },
            ),
            migration,
            benefits: new BenefitsService(backend, auth, printing),
            kokuhoren: new KokuhorenService(
              backend,
              auth,
              {
                ...(options.exports ?? refuseExports),
                onRefused: (e) =>
                  securityAudit?.record({ kind: 'export-refused', requestId: e.requestId, reason: e.reason }),
              },
              options.updateResultSource ?? noUpdateResultSource,
            ),
            appInfo: options.appInfo,
          }),
          (code) => void (unlockCode = code),
        ),
        {
          afterLogin: () => {
            masters.afterLogin()
            options.securityEvents?.afterLogin()
          },
        },
        () => auth.currentUser() !== null,
      ),
      lock,
      () => {
        // The extract's bytes held for sending are personal data: forgotten with the session.
        migration.clear()
        options.onLogout?.()
      },
    ),
    isTrustedSender: options.isTrustedSender,
    ...(options.onRefused ? { onRefused: options.onRefused } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  })
  return { session, auth, persons, router, events, lock, masters, exports, printing }
}

/** Hands the TOTP code of a 'lock.unlock' request to the lock's re-authentication for that request only. */
function withUnlockCode(handlers: IpcHandlers, setCode: (code: string | undefined) => void): IpcHandlers {
  return {
    ...handlers,
    'lock.unlock': async (req, sender) => {
      setCode(req.totpCode)
      try {
        return await handlers['lock.unlock'](req, sender)
      } finally {
        setCode(undefined)
      }
    },
  }
}

/** No folder dialog configured: no extract can be loaded. */
const noExtractSource: MigrationExtractSource = {
  chooseFolder: async () => null,
  readFile: async () => {
    throw new Error('no extract source')
  },
}

/** No file dialog configured: no 特別徴収 file can be imported. */
const noPensionFileSource: PensionFileSource = {
  chooseFile: async () => null,
  readFile: async () => {
    throw new Error('no pension file source')
  },
}

/** No file dialog configured: no 更新結果 file can be imported. */
const noUpdateResultSource: UpdateResultSource = {
  chooseFile: async () => null,
  readFile: async () => {
    throw new Error('no update result source')
  },
}

/** No export configuration: every export is refused (control C-21, fail closed). */
const refuseExports: ExportServiceDeps = {
  policy: { exportAllowed: false, allowRemovableExport: false, allowNetworkExport: false },
  chooseDestination: async () => null,
  classify: async () => 'unknown',
  writeFile: async () => {
    throw new Error('export is not configured')
  },
}

/** No printer configuration: no printer is offered (control C-28, fail closed). */
const noPrinters: PrintServiceDeps = {
  printersAllowlist: [],
  printers: {
    list: async () => [],
    print: async () => Promise.reject(new Error('printing is not configured')),
    printPdf: async () => Promise.reject(new Error('printing is not configured')),
  },
}
