import { describe, expect, it } from 'vitest'
import { createMainWindowOptions } from '../../../../../electron/main/security/window-options'

const base = { preloadPath: '/app/out/preload/index.js' }

describe('createMainWindowOptions', () => {
  it('isolates and sandboxes the renderer with no Node (checklist 2, 3, 4)', () => {
    const wp = createMainWindowOptions({ ...base, isPackaged: true, kiosk: false }).webPreferences!
    expect(wp).toMatchObject({
      preload: base.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    })
  })

  it('keeps web security on and experimental/blink features off (checklist 6, 8, 9, 10)', () => {
    const wp = createMainWindowOptions({ ...base, isPackaged: true, kiosk: false }).webPreferences!
    expect(wp.webSecurity).toBe(true)
    expect(wp.allowRunningInsecureContent).toBe(false)
    expect(wp.experimentalFeatures).toBe(false)
    expect(wp.enableBlinkFeatures).toBeUndefined()
    expect(wp.disableBlinkFeatures).toBe('Auxclick')
  })

  it('disables the <webview> tag, drag-drop navigation and the spellchecker download (checklist 11, 12)', () => {
    const wp = createMainWindowOptions({ ...base, isPackaged: false, kiosk: false }).webPreferences!
    expect(wp.webviewTag).toBe(false)
    expect(wp.navigateOnDragDrop).toBe(false)
    expect(wp.spellcheck).toBe(false)
  })

  it('turns devtools off when packaged and in kiosk mode, on only for unpackaged development', () => {
    expect(createMainWindowOptions({ ...base, isPackaged: true, kiosk: false }).webPreferences!.devTools).toBe(false)
    expect(createMainWindowOptions({ ...base, isPackaged: false, kiosk: true }).webPreferences!.devTools).toBe(false)
    expect(createMainWindowOptions({ ...base, isPackaged: false, kiosk: false }).webPreferences!.devTools).toBe(true)
  })

  it('creates the window hidden so content protection is set before anything is shown', () => {
    expect(createMainWindowOptions({ ...base, isPackaged: true, kiosk: false }).show).toBe(false)
  })

  it('kiosk: fullscreen kiosk window, no frame, not closable/minimizable by the user (C-33)', () => {
    const o = createMainWindowOptions({ ...base, isPackaged: true, kiosk: true })
    expect(o).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      closable: false,
      minimizable: false,
      maximizable: false,
      resizable: false,
      autoHideMenuBar: true,
    })
  })

  it('non-kiosk: no kiosk or fullscreen flags', () => {
    const o = createMainWindowOptions({ ...base, isPackaged: true, kiosk: false })
    expect(o.kiosk).toBeUndefined()
    expect(o.fullscreen).toBeUndefined()
  })
})
