// control C-28, Electron adapter: printers and silent printing, for PrintService only.
import { BrowserWindow, type WebContents } from 'electron'
import type { PrinterAdapter } from '../services/print/print-service'

function silentPrint(wc: WebContents, printer: string): Promise<void> {
  return new Promise((resolve, reject) =>
    wc.print({ silent: true, printBackground: false, deviceName: printer }, (success, reason) =>
      success ? resolve() : reject(new Error(reason)),
    ),
  )
}

export function electronPrinterAdapter(contents: () => WebContents | null): PrinterAdapter {
  return {
    async list() {
      const wc = contents()
      return wc ? (await wc.getPrintersAsync()).map((p) => ({ name: p.name, displayName: p.displayName })) : []
    },
    print(printer) {
      const wc = contents()
      if (!wc) return Promise.reject(new Error('no window'))
      return silentPrint(wc, printer)
    },
    /**
     * An issued form's PDF: shown in a hidden, sandboxed window without preload (Chromium's PDF viewer, loaded from
     * a data: URL held in memory — never a file), printed silently to the allowlisted printer, then closed. The
     * navigation guards of web-contents-created apply to this window too.
     */
    async printPdf(printer, pdf, title) {
      const win = new BrowserWindow({
        show: false,
        title,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true },
      })
      try {
        await win.loadURL(`data:application/pdf;base64,${Buffer.from(pdf).toString('base64')}`)
        await silentPrint(win.webContents, printer)
      } finally {
        win.destroy()
      }
    },
  }
}
