import { describe, expect, it, vi } from 'vitest'
import { BackendError, type BackendClient } from '../../../../../../electron/main/backend/backend-client'
import { isVirtualPrinter, PrintService } from '../../../../../../electron/main/services/print/print-service'
import { printRoutes } from '../../../../../../server/src/areas/export/print-routes'
import { routeDeclarationProblems } from '../../../../../../server/src/core/http/app'

const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn('t'.repeat(40)) }
const OFFICE = '介護保険課 複合機 3F'

function setup(options: { allow?: string[]; auditFails?: boolean } = {}) {
  const order: string[] = []
  const call = vi.fn(async (name: string, input: Record<string, unknown>) => {
    order.push(`audit ${name} ${String(input.form)}`)
    if (options.auditFails) throw new BackendError('backendUnavailable', 'サーバーに接続できません')
    return { ok: true }
  })
  const print = vi.fn(async (printer: string) => void order.push(`print ${printer}`))
  const onRefused = vi.fn()
  const svc = new PrintService({ call } as unknown as BackendClient, auth, {
    printersAllowlist: options.allow ?? [OFFICE, 'Microsoft Print to PDF'],
    printers: {
      list: async () =>
        [OFFICE, 'Microsoft Print to PDF', 'Microsoft XPS Document Writer', 'OneNote (Desktop)', '会議室'].map(
          (name) => ({ name }),
        ),
      print,
      printPdf: async () => undefined,
    },
    onRefused,
  })
  return { svc, call, print, order, onRefused }
}

describe('printing (C-28)', () => {
  it('recognises virtual printers by name', () => {
    for (const name of [
      'Microsoft Print to PDF',
      'Microsoft XPS Document Writer',
      'Adobe PDF',
      'CUPS-PDF',
      'OneNote for Windows 10',
      'Fax',
      'Send To OneNote 2016',
    ])
      expect(isVirtualPrinter(name), name).toBe(true)
    for (const name of [OFFICE, 'RICOH IM C3000', 'EPSON LP-S380DN']) expect(isVirtualPrinter(name), name).toBe(false)
  })

  it('lists printers with why each one is refused (virtual even when allowlisted; not on the allowlist)', async () => {
    const { svc } = setup()
    const { printers } = await svc.printers()
    expect(printers.filter((p) => p.allowed).map((p) => p.name)).toEqual([OFFICE])
    expect(printers.find((p) => p.name === 'Microsoft Print to PDF')!.reason).toContain('仮想プリンタ')
    expect(printers.find((p) => p.name === '会議室')!.reason).toContain('許可されていない')
  })

  it('records the print on the server first, then prints', async () => {
    const { svc, call, order } = setup()
    await svc.print({ form: '被保険者台帳', printer: OFFICE, personIds: [3, 5] })
    expect(order).toEqual(['audit print.record 被保険者台帳', `print ${OFFICE}`])
    expect(call.mock.calls[0]![1]).toMatchObject({ form: '被保険者台帳', printer: OFFICE, personIds: [3, 5] })
    expect(String((call.mock.calls[0]![1] as { idempotencyKey: string }).idempotencyKey)).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('refuses virtual and unlisted printers without printing; each refusal goes to the security log', async () => {
    const { svc, call, print, onRefused } = setup()
    await expect(svc.print({ form: '台帳', printer: 'Microsoft Print to PDF', personIds: [1] })).rejects.toMatchObject({
      code: 'forbidden',
    })
    await expect(svc.print({ form: '台帳', printer: '会議室', personIds: [1] })).rejects.toMatchObject({
      code: 'forbidden',
    })
    expect(call).not.toHaveBeenCalled()
    expect(print).not.toHaveBeenCalled()
    expect(onRefused.mock.calls.map((c) => c[0])).toEqual([
      { printer: 'Microsoft Print to PDF', reason: 'virtual' },
      { printer: '会議室', reason: 'notAllowlisted' },
    ])
  })

  it('no audit row, no print', async () => {
    const { svc, print } = setup({ auditFails: true })
    await expect(svc.print({ form: '台帳', printer: OFFICE, personIds: [1] })).rejects.toMatchObject({
      code: 'backendUnavailable',
    })
    expect(print).not.toHaveBeenCalled()
  })

  it('the server route is a personal-data route with an audit row and an idempotency key', async () => {
    expect(routeDeclarationProblems(printRoutes() as never).filter((p) => p.startsWith('print'))).toEqual([])
    const targets: number[] = []
    let purpose = ''
    const [route] = printRoutes()
    await (route!.handle as unknown as (ctx: unknown) => Promise<unknown>)({
      input: { form: '被保険者台帳', printer: OFFICE, personIds: [3, 5, 5] },
      audit: { targets: (ids: number[]) => targets.push(...ids), purpose: (t: string) => (purpose = t) },
    })
    expect(targets).toEqual([3, 5])
    expect(purpose).toBe(`印刷: 被保険者台帳（2人、${OFFICE}）`)
  })
})
