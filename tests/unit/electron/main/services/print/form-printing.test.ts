import { describe, expect, it, vi } from 'vitest'
import { BROWSER_MODE_PRINTER, BROWSER_MODE_VIRTUAL_PRINTER } from '../../../../../../electron/main/headless-main'
import { createIpcHandlers, type HandlerServices } from '../../../../../../electron/main/ipc/handlers'
import { createIpcRouter } from '../../../../../../electron/main/ipc/router'
import { BackendClient } from '../../../../../../electron/main/backend/backend-client'
import { PrintService } from '../../../../../../electron/main/services/print/print-service'
import { RecordingPrinter } from '../../../../../../electron/main/services/print/recording-printer'
import { renderInsuranceCard } from '../../../../../../server/src/areas/forms/insurance-card'

const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn('t'.repeat(40)) }

/**
 * The path of a form's print inside main, as browser mode wires it: IPC router (zod) → handler → PrintService
 * (allowlist, virtual printers refused) → server audit (print.record) → the printer adapter. The backend is a
 * recording HTTP transport; everything else is the real code.
 */
async function setup() {
  const requests: { path: string; body: Record<string, unknown> }[] = []
  const transport = {
    request: vi.fn(async (req: { url: string; body?: string }) => {
      requests.push({ path: new URL(req.url).pathname, body: JSON.parse(req.body ?? '{}') as Record<string, unknown> })
      return { status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true }) }
    }),
  }
  const backend = new BackendClient(transport as never, 'https://127.0.0.1:8443')
  const printer = new RecordingPrinter([BROWSER_MODE_PRINTER, BROWSER_MODE_VIRTUAL_PRINTER])
  const refused = vi.fn()
  const printing = new PrintService(backend, auth, {
    printersAllowlist: [BROWSER_MODE_PRINTER, BROWSER_MODE_VIRTUAL_PRINTER],
    printers: printer.adapter,
    onRefused: refused,
  })
  const router = createIpcRouter({
    handlers: createIpcHandlers({ printing } as unknown as HandlerServices),
    isTrustedSender: (s) => s.kind === 'bridge',
  })
  const pdf = await renderInsuranceCard(
    {
      insuredNumber: '0500000123',
      name: '髙橋　はな',
      nameKana: 'タカハシ　ハナ',
      birthDate: '1961-04-01',
      sex: 'female',
      address: null,
      issuedOn: '2026-03-31',
      insurerNumber: '131045',
      insurerName: '新宿区',
      category: 1,
      acquiredOn: '2026-03-31',
    },
    'card',
  )
  const base64 = Buffer.from(pdf).toString('base64')
  const print = (printerName: string, document: unknown = { kind: 'pdf', base64 }) =>
    router.dispatch(
      'print.print',
      { form: '介護保険資格者証', printer: printerName, personIds: [42], document },
      { kind: 'bridge' },
    )
  return { requests, transport, printer, refused, print, pdf }
}

describe('printing an issued form through main (C-28)', () => {
  it('audits form, printer and persons on the server first, then sends exactly the PDF to the allowlisted printer', async () => {
    const { requests, printer, print, pdf } = await setup()
    expect(await print(BROWSER_MODE_PRINTER)).toEqual({ ok: true, value: { ok: true } })
    expect(requests).toHaveLength(1)
    expect(requests[0]!.body).toMatchObject({
      form: '介護保険資格者証',
      printer: BROWSER_MODE_PRINTER,
      personIds: [42],
    })
    // The document itself never goes into the audit request.
    expect(Object.keys(requests[0]!.body).sort()).toEqual(['form', 'idempotencyKey', 'personIds', 'printer'])
    const [job] = printer.printed()
    expect(job).toMatchObject({ printer: BROWSER_MODE_PRINTER, kind: 'pdf', title: '介護保険資格者証' })
    expect(Buffer.from(job!.pdfBase64!, 'base64').equals(Buffer.from(pdf))).toBe(true)
  })

  it('refuses the virtual PDF printer even when allowlisted: nothing audited as printed, nothing printed', async () => {
    const { requests, printer, refused, print } = await setup()
    const res = await print(BROWSER_MODE_VIRTUAL_PRINTER)
    expect(res).toMatchObject({ ok: false, code: 'forbidden' })
    expect((res as { message: string }).message).toContain('仮想プリンタ')
    expect(requests).toHaveLength(0)
    expect(printer.printed()).toHaveLength(0)
    expect(refused).toHaveBeenCalledWith(expect.objectContaining({ reason: 'virtual' }))
  })

  it('refuses a document that is not a PDF, and a malformed one at the IPC schema, before any audit', async () => {
    const { requests, printer, print } = await setup()
    const html = Buffer.from('<html><body>not a form</body></html>').toString('base64')
    expect(await print(BROWSER_MODE_PRINTER, { kind: 'pdf', base64: html })).toMatchObject({
      ok: false,
      message: '印刷するファイルが PDF ではありません',
    })
    expect(await print(BROWSER_MODE_PRINTER, { kind: 'pdf', base64: 'not base64!' })).toMatchObject({
      ok: false,
      code: 'invalidRequest',
    })
    expect(await print(BROWSER_MODE_PRINTER, { kind: 'html', base64: html })).toMatchObject({
      ok: false,
      code: 'invalidRequest',
    })
    expect(requests).toHaveLength(0)
    expect(printer.printed()).toHaveLength(0)
  })

  it('records nothing in memory beyond the last 20 jobs, and hands them out once', async () => {
    const { printer } = await setup()
    for (let i = 0; i < 25; i++) await printer.adapter.printPdf(BROWSER_MODE_PRINTER, new Uint8Array([37]), `f${i}`)
    expect(printer.printed(true).map((j) => j.title)[0]).toBe('f5')
    expect(printer.printed()).toHaveLength(0)
  })
})
