// Browser mode's printers (control C-28): printing on paper stays with Electron, so browser mode offers a stand-in
// office printer that records what it was sent (in memory only, never on disk) and a virtual PDF printer that the
// PrintService always refuses. The E2E harness reads the recorded jobs through a test hook of the bridge.
import { createHash } from 'node:crypto'
import type { PrinterAdapter } from './print-service'

export interface RecordedPrintJob {
  printer: string
  /** The form name for a PDF, or 'window' when the window itself was printed. */
  title: string
  kind: 'pdf' | 'window'
  bytes: number
  sha256: string | null
  /** The PDF itself, base64 (E2E only reads it back to extract its text). */
  pdfBase64: string | null
}

export class RecordingPrinter {
  private readonly jobs: RecordedPrintJob[] = []

  constructor(private readonly names: readonly string[]) {}

  readonly adapter: PrinterAdapter = {
    list: async () => this.names.map((name) => ({ name })),
    print: async (printer) => {
      this.record({ printer, title: 'window', kind: 'window', bytes: 0, sha256: null, pdfBase64: null })
    },
    printPdf: async (printer, pdf, title) => {
      this.record({
        printer,
        title,
        kind: 'pdf',
        bytes: pdf.byteLength,
        sha256: createHash('sha256').update(pdf).digest('hex'),
        pdfBase64: Buffer.from(pdf).toString('base64'),
      })
    },
  }

  /** The jobs printed so far, oldest first; `take` empties the list. */
  printed(take = false): RecordedPrintJob[] {
    const copy = [...this.jobs]
    if (take) this.jobs.length = 0
    return copy
  }

  private record(job: RecordedPrintJob) {
    this.jobs.push(job)
    // Keeps only the last few jobs: the memory of a long browser-mode session stays small.
    if (this.jobs.length > 20) this.jobs.shift()
  }
}
