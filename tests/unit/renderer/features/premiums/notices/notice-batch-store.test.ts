import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  premiums: { noticeBatchCount: vi.fn(), printNoticeBatch: vi.fn() },
  print: { printers: vi.fn() },
}))
vi.mock('../../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useNoticeBatchStore } =
  await import('../../../../../../renderer/src/features/premiums/notices/notice-batch-store')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'unavailable' as const, message })
const store = () => useNoticeBatchStore.getState()
const PRINTER = '事務室プリンタ（検証モード）'
// 250 versions: 100 + 100 + 50 → three print requests (NOTICE_BATCH_LIMIT = 100, shared/api/notices.ts).
const counts = { persons: 250, decision: 200, change: 50, paymentSlip: 1_500, toMailingAddress: 20, withheld: 2 }
const page = (n: number, nextPage: number | null, pages: number) =>
  ok({ title: 't', printer: PRINTER, runId: 3, page: n, batchId: `b${n}`, counts, pages, nextPage })

beforeEach(async () => {
  vi.clearAllMocks()
  store().reset()
  api.print.printers.mockResolvedValue(ok({ printers: [{ name: PRINTER, allowed: true, reason: null }] }))
  await store().loadPrinters()
})

describe('the dry run comes first: nothing is printed before the counts are shown', () => {
  it('refuses to print a run whose counts were not asked', async () => {
    expect(await store().printRun(3)).toBe(false)
    expect(store().printing.error).toBe('先に印刷する件数を確認してください')
    expect(api.premiums.printNoticeBatch).not.toHaveBeenCalled()
  })
  it('keeps the counts of the run', async () => {
    api.premiums.noticeBatchCount.mockResolvedValue(ok({ runId: 3, counts }))
    expect(await store().countRun(3)).toBe(true)
    expect(api.premiums.noticeBatchCount.mock.calls[0]![0]).toMatchObject({ runId: 3, withSlips: true })
    expect(store().count.data).toEqual({ runId: 3, counts })
  })
  it('refuses to print run 4 with the counts of run 3', async () => {
    api.premiums.noticeBatchCount.mockResolvedValue(ok({ runId: 3, counts }))
    await store().countRun(3)
    expect(await store().printRun(4)).toBe(false)
    expect(api.premiums.printNoticeBatch).not.toHaveBeenCalled()
  })
})

describe('page by page, with the progress; a failed page is asked again with its own key', () => {
  beforeEach(async () => {
    api.premiums.noticeBatchCount.mockResolvedValue(ok({ runId: 3, counts }))
    await store().countRun(3)
  })
  it('prints pages 1, 2, 3 until the server says there is no next page', async () => {
    api.premiums.printNoticeBatch
      .mockResolvedValueOnce(page(1, 2, 9_001))
      .mockResolvedValueOnce(page(2, 3, 9_001))
      .mockResolvedValueOnce(page(3, null, 2_001))
    expect(await store().printRun(3)).toBe(true)
    const calls = api.premiums.printNoticeBatch.mock.calls.map((c) => c[0])
    expect(calls.map((c) => c.page)).toEqual([1, 2, 3])
    expect(new Set(calls.map((c) => c.idempotencyKey)).size).toBe(3)
    expect(store().progress).toEqual({ runId: 3, printed: 3, total: 3, pages: 20_003, nextPage: null })
    expect(store().printing.data).toBe(`第3号の通知書を ${PRINTER} に印刷しました（3回・20,003ページ）`)
  })
  it('stops at a failed page and goes on from it with the same key', async () => {
    api.premiums.printNoticeBatch
      .mockResolvedValueOnce(page(1, 2, 9_001))
      .mockResolvedValueOnce(refused('プリンタに接続できません'))
    expect(await store().printRun(3)).toBe(false)
    expect(store().printing.error).toBe('プリンタに接続できません')
    expect(store().progress).toMatchObject({ printed: 1, total: 3, nextPage: 2 })
    const failedKey = api.premiums.printNoticeBatch.mock.calls[1]![0].idempotencyKey
    api.premiums.printNoticeBatch.mockResolvedValueOnce(page(2, 3, 9_001)).mockResolvedValueOnce(page(3, null, 2_001))
    expect(await store().printRun(3)).toBe(true)
    const again = api.premiums.printNoticeBatch.mock.calls.slice(2).map((c) => c[0])
    expect(again.map((c) => c.page)).toEqual([2, 3])
    expect(again[0].idempotencyKey).toBe(failedKey)
    expect(store().progress).toMatchObject({ printed: 3, nextPage: null })
  })
  it('ignores a second press while printing', async () => {
    let answer: (v: unknown) => void = () => undefined
    api.premiums.printNoticeBatch.mockReturnValueOnce(new Promise((r) => (answer = r)))
    const first = store().printRun(3)
    expect(await store().printRun(3)).toBe(false)
    answer(page(1, null, 3))
    expect(await first).toBe(true)
    expect(api.premiums.printNoticeBatch).toHaveBeenCalledTimes(1)
  })
})
