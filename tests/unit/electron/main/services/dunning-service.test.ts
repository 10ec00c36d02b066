import { describe, expect, it, vi } from 'vitest'
import { DEMAND_NOTICES_FORM, DunningService } from '../../../../../electron/main/services/dunning-service'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }

// The 督促状 (docs/sources/domain.md §4.1) go from the server to the print control (C-28) through main: the renderer
// gets the outcome, never the PDF.
describe('DunningService', () => {
  it('passes the runs to the server with the session token', async () => {
    const call = vi.fn().mockResolvedValue({ runs: [] })
    const service = new DunningService({ call } as never, auth, { print: vi.fn() })
    expect(await service.call('dunning.runs', {})).toEqual({ runs: [] })
    expect(call).toHaveBeenCalledWith('dunning.runs', {}, TOKEN)
  })

  it('fetches the run’s 督促状 as one PDF and prints it as one job; the answer has no PDF', async () => {
    const call = vi.fn().mockResolvedValue({ runId: 3, notices: 2, withheld: 1, pages: 3, pdfBase64: 'JVBERi0=' })
    const print = vi.fn().mockResolvedValue({ ok: true })
    const service = new DunningService({ call } as never, auth, { print })
    const out = await service.printNotices({ runId: 3, printer: 'P1' })
    expect(call).toHaveBeenCalledWith('dunning.notices', { runId: 3 }, TOKEN)
    expect(print).toHaveBeenCalledTimes(1)
    expect(print).toHaveBeenCalledWith({
      form: DEMAND_NOTICES_FORM,
      printer: 'P1',
      personIds: [],
      document: { kind: 'pdf', base64: 'JVBERi0=' },
    })
    expect(out).toEqual({
      title: '介護保険料督促状（一括）（督促 第3号）',
      printer: 'P1',
      runId: 3,
      notices: 2,
      withheld: 1,
      pages: 3,
    })
    expect(JSON.stringify(out)).not.toContain('JVBERi0')
  })
})
