// Change only with a security review.
// Printing (control C-28): the renderer cannot print by itself (window.print is not the way; main prints the
// window through this service). A print goes only to a printer on the terminal policy's allowlist; virtual
// printers (PDF, XPS, OneNote, fax, "print to file") are a way to export and are refused here whatever the
// allowlist says — exports go through the export service. Every print is recorded on the server first (form,
// number of persons); no audit row, no print.
import { randomUUID } from 'node:crypto'
import type { PrinterList, PrintRequest } from '../../../../shared/api/print'
import { BackendError, type BackendClient } from '../../backend/backend-client'
import type { AuthService } from '../auth-service'

/** Names of printers that write files instead of paper (case-insensitive). */
export const VIRTUAL_PRINTER_PATTERNS: readonly RegExp[] = [
  /pdf/i,
  /xps/i,
  /onenote/i,
  /fax/i,
  /document writer/i,
  /print to file/i,
  /send to/i,
  /cups-pdf/i,
  /snagit/i,
  /image writer/i,
]

export const isVirtualPrinter = (name: string) => VIRTUAL_PRINTER_PATTERNS.some((p) => p.test(name))

export interface PrinterAdapter {
  /** Electron: webContents.getPrintersAsync(). */
  list(): Promise<{ name: string; displayName?: string }[]>
  /** Electron: webContents.print({ silent: true, deviceName }) of the main window. */
  print(printer: string): Promise<void>
  /** An issued form's PDF to the printer (Electron: a hidden, sandboxed window showing it; never a file). */
  printPdf(printer: string, pdf: Uint8Array, title: string): Promise<void>
}

/** The bytes of a PDF sent for printing, or null when they are not a PDF. */
export function pdfBytes(base64: string): Uint8Array | null {
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'))
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-' ? bytes : null
}

export interface PrintServiceDeps {
  printersAllowlist: readonly string[]
  printers: PrinterAdapter
  newKey?: () => string
  /** Every refused print (control C-28), for the security log and the server audit. */
  onRefused?(event: { printer: string; reason: 'virtual' | 'notAllowlisted' | 'unknownPrinter' }): void
}

export class PrintService {
  constructor(
    private readonly backend: BackendClient,
    private readonly auth: Pick<AuthService, 'authenticated'>,
    private readonly deps: PrintServiceDeps,
  ) {}

  /** Why a printer may not be used, or null. */
  refusal(name: string): string | null {
    if (isVirtualPrinter(name))
      return '仮想プリンタ（PDF・XPS 等）への印刷はできません。持出は持出管理から行ってください'
    if (!this.deps.printersAllowlist.includes(name)) return 'この端末で許可されていないプリンタです（端末ポリシー）'
    return null
  }

  async printers(): Promise<PrinterList> {
    const found = await this.deps.printers.list()
    return {
      printers: found.map((p) => {
        const reason = this.refusal(p.name)
        return { name: p.name, allowed: reason === null, reason }
      }),
    }
  }

  async print(req: PrintRequest): Promise<{ ok: true }> {
    const reason = this.refusal(req.printer)
    if (reason) {
      this.deps.onRefused?.({
        printer: req.printer.slice(0, 100),
        reason: isVirtualPrinter(req.printer) ? 'virtual' : 'notAllowlisted',
      })
      throw new BackendError('forbidden', reason)
    }
    const pdf = req.document ? pdfBytes(req.document.base64) : null
    if (req.document && !pdf) throw new BackendError('invalidRequest', '印刷するファイルが PDF ではありません')
    const known = await this.deps.printers.list()
    if (!known.some((p) => p.name === req.printer)) {
      this.deps.onRefused?.({ printer: req.printer.slice(0, 100), reason: 'unknownPrinter' })
      throw new BackendError('notFound', 'プリンタが見つかりません')
    }
    // The audit row first: a print the server did not record never happens.
    await this.auth.authenticated((token) =>
      this.backend.call(
        'print.record',
        // The form, printer and persons only: the document itself never goes to the audit.
        {
          form: req.form,
          printer: req.printer,
          personIds: req.personIds,
          idempotencyKey: (this.deps.newKey ?? randomUUID)(),
        },
        token,
      ),
    )
    if (pdf) await this.deps.printers.printPdf(req.printer, pdf, req.form)
    else await this.deps.printers.print(req.printer)
    return { ok: true }
  }
}
