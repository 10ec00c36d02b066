// Change only with a security review.
// Single-instance lock (docs/security.md, "Further shell controls"; control C-33: one window per terminal).
// A second start focuses the existing window; its command line is ignored (never used to open files or URLs).
import type { App, BrowserWindow } from 'electron'

type FocusableWindow = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>

/**
 * Returns false when another instance holds the lock: the caller must not create windows (app.quit() is already
 * called). Call before 'ready'.
 */
export function enforceSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  getMainWindow: () => FocusableWindow | null,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => {
    // argv and workingDirectory of the second instance are deliberately not read.
    const win = getMainWindow()
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
  })
  return true
}
