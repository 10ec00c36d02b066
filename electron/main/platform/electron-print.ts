// control C-28, Electron adapter: printers and silent printing of the main window, for PrintService only.
import type { WebContents } from 'electron'
import type { PrinterAdapter } from '../services/print/print-service'

export function electronPrinterAdapter(contents: () => WebContents | null): PrinterAdapter {
  return {
    async list() {
      const wc = contents()
      return wc ? (await wc.getPrintersAsync()).map((p) => ({ name: p.name, displayName: p.displayName })) : []
    },
    print(printer) {
      const wc = contents()
      if (!wc) return Promise.reject(new Error('no window'))
      return new Promise((resolve, reject) =>
        wc.print({ silent: true, printBackground: false, deviceName: printer }, (success, reason) =>
          success ? resolve() : reject(new Error(reason)),
        ),
      )
    },
  }
}
