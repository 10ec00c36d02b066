// Compile-time proof (checked by `tsc -p tsconfig.tests.json`) that the real Electron objects fit the narrow
// parameters of the security modules, so the composition root can pass them in without casts.
import type { App, BrowserWindow, PowerMonitor, Protocol, Session, WebContents } from 'electron'
import { describe, expect, it } from 'vitest'
import { appSchemePrivileges, type createAppProtocolHandler } from '../../../../../electron/main/security/app-protocol'
import type { installPinning } from '../../../../../electron/main/security/cert-pinning'
import type { installClientCertSelection } from '../../../../../electron/main/security/client-cert'
import { type installContentProtection, protectWindow } from '../../../../../electron/main/security/content-protection'
import type {
  installCrashRecovery,
  installInputGuards,
  KioskWindowDeps,
} from '../../../../../electron/main/security/kiosk'
import type { guardWebContents, installNavigationGuards } from '../../../../../electron/main/security/navigation'
import type { hardenSession, installRequestFilter } from '../../../../../electron/main/security/session-hardening'
import type { enforceSingleInstance } from '../../../../../electron/main/security/single-instance'
import { createMainWindowOptions } from '../../../../../electron/main/security/window-options'
import type { IdleSource } from '../../../../../electron/main/services/idle-lock'

type P0<F extends (...a: never[]) => unknown> = Parameters<F>[0]

const fits = {
  hardenSession: (s: Session): P0<typeof hardenSession> => s,
  installRequestFilter: (s: Session): P0<typeof installRequestFilter> => s,
  installPinning: (s: Session): P0<typeof installPinning> => s,
  installNavigationGuards: (a: App): P0<typeof installNavigationGuards> => a,
  guardWebContents: (w: WebContents): P0<typeof guardWebContents> => w,
  installClientCertSelection: (a: App): P0<typeof installClientCertSelection> => a,
  installContentProtection: (a: App): P0<typeof installContentProtection> => a,
  protectWindow: (w: BrowserWindow) => protectWindow(w),
  enforceSingleInstance: (a: App): P0<typeof enforceSingleInstance> => a,
  getMainWindow: (w: BrowserWindow): ReturnType<Parameters<typeof enforceSingleInstance>[1]> => w,
  kioskWindow: (w: BrowserWindow): KioskWindowDeps['window'] => w,
  installInputGuards: (w: WebContents): P0<typeof installInputGuards> => w,
  installCrashRecovery: (w: WebContents): P0<typeof installCrashRecovery> => w,
  idleSource: (p: PowerMonitor): IdleSource => p,
  protocolHandler: (h: ReturnType<typeof createAppProtocolHandler>): Parameters<Protocol['handle']>[1] => h,
  schemes: (): Parameters<Protocol['registerSchemesAsPrivileged']>[0] => appSchemePrivileges(),
  windowOptions: (): ConstructorParameters<typeof BrowserWindow>[0] =>
    createMainWindowOptions({ preloadPath: '/p.js', isPackaged: true, kiosk: false }),
}

describe('Electron type compatibility', () => {
  it('real Electron objects fit every injected parameter (checked at compile time)', () => {
    expect(Object.keys(fits)).toHaveLength(17)
  })
})
