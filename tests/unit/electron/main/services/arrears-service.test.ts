import { describe, expect, it, vi } from 'vitest'
import { ArrearsService } from '../../../../../electron/main/services/arrears-service'

const TOKEN = 't'.repeat(40)
const auth = { authenticated: <T>(fn: (token: string) => Promise<T>) => fn(TOKEN) }

// The 催告書 and 給付制限 notices (docs/sources/domain.md §4.3) go from the server to the print control (C-28) through
// main: the renderer gets the title and text lines, never the PDF.
describe('ArrearsService', () => {
  it('passes the work list and the case writes to the server with the session token', async () => {
    const call = vi.fn().mockResolvedValue({ rows: [], total: 0 })
    const service = new ArrearsService({ call } as never, auth, { print: vi.fn() })
    expect(await service.call('arrears.workList', { limit: 10 })).toEqual({ rows: [], total: 0 })
    expect(call).toHaveBeenCalledWith('arrears.workList', { limit: 10 }, TOKEN)
  })

  it('prints the 催告書 as one job naming the person; the answer has no PDF', async () => {
    const call = vi.fn().mockResolvedValue({
      fileName: 'saikoku-7.pdf',
      contentBase64: 'JVBERi0=',
      text: ['介護保険料催告書', '氏名 検証'],
    })
    const print = vi.fn().mockResolvedValue({ ok: true })
    const service = new ArrearsService({ call } as never, auth, { print })
    const out = await service.printNotice({ personId: 7, notice: 'demandLetter', printer: 'P1' })
    expect(call).toHaveBeenCalledWith('arrears.noticePdf', { personId: 7, notice: 'demandLetter' }, TOKEN)
    expect(print).toHaveBeenCalledWith({
      form: '介護保険料催告書',
      printer: 'P1',
      personIds: [7],
      document: { kind: 'pdf', base64: 'JVBERi0=' },
    })
    expect(out).toEqual({ title: '介護保険料催告書', printer: 'P1', text: ['介護保険料催告書', '氏名 検証'] })
    expect(JSON.stringify(out)).not.toContain('JVBERi0')
  })
})
