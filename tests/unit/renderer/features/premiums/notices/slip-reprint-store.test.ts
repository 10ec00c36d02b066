import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  premiums: { noticeIssuances: vi.fn(), printNotice: vi.fn() },
  print: { printers: vi.fn() },
}))
vi.mock('../../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useNoticeStore } = await import('../../../../../../renderer/src/features/premiums/notices/notice-store')

const ok = <T>(value: T) => ({ ok: true as const, value })
const store = () => useNoticeStore.getState()
const PRINTER = '事務室プリンタ（検証モード）'

beforeEach(async () => {
  vi.clearAllMocks()
  store().reset()
  api.print.printers.mockResolvedValue(ok({ printers: [{ name: PRINTER, allowed: true, reason: null }] }))
  api.premiums.printNotice.mockResolvedValue(ok({ title: '納付書', printer: PRINTER, pages: 2, issuances: [] }))
  api.premiums.noticeIssuances.mockResolvedValue(ok({ personId: 41, issuances: [] }))
  await store().loadPrinters()
})

describe('the reprint of single 納付書: only the 期 chosen travel to main', () => {
  it('sends the 期 chosen as installmentSeqs', async () => {
    expect(await store().print(41, 3, 'paymentSlips', [3, 5])).toBe(true)
    expect(api.premiums.printNotice.mock.calls[0]![0]).toMatchObject({
      assessmentId: 3,
      what: 'paymentSlips',
      installmentSeqs: [3, 5],
      printer: PRINTER,
    })
  })
  it('sends no installmentSeqs when none are chosen (every 納期)', async () => {
    await store().print(41, 3, 'paymentSlips')
    expect(api.premiums.printNotice.mock.calls[0]![0]).not.toHaveProperty('installmentSeqs')
  })
})
