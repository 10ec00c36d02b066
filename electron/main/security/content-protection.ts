// Change only with a security review.
// Screen-capture protection on every window (controls C-28, C-34): Windows WDA_EXCLUDEFROMCAPTURE, macOS
// NSWindowSharingNone. No effect on Linux (X11/Wayland offer no equivalent) and never against a phone camera.
import type { App, BrowserWindow } from 'electron'

type ProtectableWindow = Pick<BrowserWindow, 'setContentProtection'>

/** Protects one window. Call right after construction, before it is shown (windows are created with show:false). */
export function protectWindow<W extends ProtectableWindow>(win: W): W {
  win.setContentProtection(true)
  return win
}

/**
 * Protects every BrowserWindow the app ever creates, including ones nobody remembered to protect: all windows of
 * kaigo-desk can show personal data. Install before the first window is created.
 */
export function installContentProtection(app: Pick<App, 'on'>): void {
  app.on('browser-window-created', (_event, win) => {
    protectWindow(win)
  })
}
