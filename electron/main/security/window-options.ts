// Change only with a security review.
// BrowserWindow options for the main window as a pure factory (docs/sources/electron-security.md §2, checklist items
// 2, 3, 4, 10, 11; control C-33).
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'

export type MainWindowOptionsInput = {
  /** Absolute path of the bundled preload (out/preload/index.js). */
  preloadPath: string
  /** app.isPackaged: devtools are off in packaged builds. */
  isPackaged: boolean
  /** From the terminal policy only (kiosk.ts), never from the user. */
  kiosk: boolean
}

/** The web preferences every window of the app uses. Explicit even where Electron's default is the same. */
export function secureWebPreferences(o: { preloadPath?: string; isPackaged: boolean; kiosk: boolean }): WebPreferences {
  return {
    ...(o.preloadPath !== undefined ? { preload: o.preloadPath } : {}),
    sandbox: true, // default since v20; written out for auditors and electronegativity
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false, // the spellchecker downloads dictionaries
    safeDialogs: true,
    enableWebSQL: false,
    disableBlinkFeatures: 'Auxclick',
    devTools: !o.isPackaged && !o.kiosk,
  }
}

export function createMainWindowOptions(o: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    show: false, // shown on 'ready-to-show', after setContentProtection(true) (content-protection.ts)
    title: 'kaigo-desk',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(o),
  }
  if (!o.kiosk) return { ...common, width: 1440, height: 900, minWidth: 1024, minHeight: 700 }
  // Kiosk (C-33). "kiosk mode is simply implemented as fullscreen on Windows and Linux" (https://github.com/electron/electron/issues/7597): the real
  // lock-down is OS configuration (Assigned Access / Shell Launcher, a Wayland kiosk compositor), see docs/security.md.
  return {
    ...common,
    kiosk: true,
    fullscreen: true,
    fullscreenable: true,
    frame: false,
    movable: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    closable: false,
    alwaysOnTop: true,
    skipTaskbar: false,
  }
}
