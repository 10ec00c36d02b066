import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  premiums: { noticeIssuances: vi.fn(), printNotice: vi.fn() },
  print: { printers: vi.fn() },
}))
vi.mock('../../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useNoticeStore } = await import('../../../../../../renderer/src/features/premiums/notices/notice-store')
const { clearPersonalData, personalDataStores } =
  await import('../../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'forbidden' as const, message })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const store = () => useNoticeStore.getState()
const PRINTER = '事務室プリンタ（検証モード）'
const printers = {
  printers: [
    { name: 'Microsoft Print to PDF', allowed: false, reason: '仮想プリンタ' },
    { name: PRINTER, allowed: true, reason: null },
  ],
}
const row = { id: 1, personId: 41, recipientName: '検証 太郎', address: '東京都新宿区西新宿二丁目8番1号' }
const history = { personId: 41, issuances: [row] }
const printed = { title: '介護保険料額決定通知書（2026年度 第1版）', printer: PRINTER, pages: 5, issuances: [] }

beforeEach(() => {
  vi.clearAllMocks()
  store().reset()
})

describe('the printer: the first allowed one is chosen, a refused one never', () => {
  it('chooses the first allowed printer', async () => {
    api.print.printers.mockResolvedValue(ok(printers))
    await store().loadPrinters()
    expect(store().printer).toBe(PRINTER)
  })
  it('refuses to print without a printer, without asking main', async () => {
    api.print.printers.mockResolvedValue(ok({ printers: [printers.printers[0]] }))
    await store().loadPrinters()
    expect(await store().print(41, 3, 'notice')).toBe(false)
    expect(store().printing.error).toBe('この端末で使用できるプリンタがありません')
    expect(api.premiums.printNotice).not.toHaveBeenCalled()
  })
})

describe('printing a version’s notice: main prints it, the history is read again', () => {
  beforeEach(async () => {
    api.print.printers.mockResolvedValue(ok(printers))
    await store().loadPrinters()
  })
  it('sends the version, what to print, the printer and a fresh key; says what was printed', async () => {
    api.premiums.printNotice.mockResolvedValue(ok(printed))
    api.premiums.noticeIssuances.mockResolvedValue(ok(history))
    expect(await store().print(41, 3, 'notice')).toBe(true)
    const req = api.premiums.printNotice.mock.calls[0]![0]
    expect(req).toMatchObject({ assessmentId: 3, what: 'notice', withSlips: true, printer: PRINTER })
    expect(req.idempotencyKey).toMatch(UUID)
    expect(store().printing.data).toBe(
      `介護保険料額決定通知書（2026年度 第1版）を ${PRINTER} に印刷しました（5ページ）`,
    )
    expect(api.premiums.noticeIssuances).toHaveBeenCalledWith({ personId: 41 })
    expect(store().issuances.data).toEqual(history)
  })
  it('asks only for the 納付書 when reprinting them', async () => {
    api.premiums.printNotice.mockResolvedValue(ok({ ...printed, title: '納付書（2026年度 第1版）' }))
    api.premiums.noticeIssuances.mockResolvedValue(ok(history))
    await store().print(41, 3, 'paymentSlips')
    expect(api.premiums.printNotice.mock.calls[0]![0]).toMatchObject({ what: 'paymentSlips' })
  })
  it('sends once on a double press', async () => {
    let answer: (v: unknown) => void = () => undefined
    api.premiums.printNotice.mockReturnValue(new Promise((r) => (answer = r)))
    api.premiums.noticeIssuances.mockResolvedValue(ok(history))
    const first = store().print(41, 3, 'notice')
    expect(await store().print(41, 3, 'notice')).toBe(false)
    answer(ok(printed))
    expect(await first).toBe(true)
    expect(api.premiums.printNotice).toHaveBeenCalledTimes(1)
  })
  it('shows the refusal in Japanese and does not read the history again', async () => {
    api.premiums.printNotice.mockResolvedValue(refused('この端末で許可されていないプリンタです（端末ポリシー）'))
    expect(await store().print(41, 3, 'notice')).toBe(false)
    expect(store().printing.error).toBe('この端末で許可されていないプリンタです（端末ポリシー）')
    expect(api.premiums.noticeIssuances).not.toHaveBeenCalled()
  })
})

describe('the history: only the newest answer for the person shown', () => {
  it('drops a slow answer for a person no longer shown', async () => {
    let answer: (v: unknown) => void = () => undefined
    api.premiums.noticeIssuances.mockReturnValueOnce(new Promise((r) => (answer = r)))
    api.premiums.noticeIssuances.mockResolvedValueOnce(ok({ personId: 42, issuances: [] }))
    const first = store().loadIssuances(41)
    await store().loadIssuances(42)
    answer(ok(history))
    await first
    expect(store().issuances.data).toEqual({ personId: 42, issuances: [] })
  })
})

describe('the issuance history is a resident’s data: emptied on logout and lock', () => {
  it('is registered and cleared', async () => {
    expect(personalDataStores()).toContain('premiumNotices')
    api.premiums.noticeIssuances.mockResolvedValue(ok(history))
    await store().loadIssuances(41)
    clearPersonalData()
    expect(store().issuances.data).toBeNull()
    expect(store().personId).toBeNull()
    expect(JSON.stringify(store())).not.toContain('検証 太郎')
  })
})
