import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { DunningRunSummary } from '../../../../../../shared/api/dunning'

const api = vi.hoisted(() => ({
  dunning: {
    runs: vi.fn(),
    run: vi.fn(),
    dryRun: vi.fn(),
    approve: vi.fn(),
    reject: vi.fn(),
    commit: vi.fn(),
    printNotices: vi.fn(),
  },
  print: { printers: vi.fn() },
}))
vi.mock('../../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { dunningRunActions, useDunningStore } =
  await import('../../../../../../renderer/src/features/collection/dunning/dunning-store')
const { clearPersonalData, personalDataStores } =
  await import('../../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const store = () => useDunningStore.getState()

const summary = (over: Partial<DunningRunSummary> = {}): DunningRunSummary => ({
  id: 3,
  kind: 'demand',
  status: 'awaitingApproval',
  asOf: '2026-08-12',
  deadline: '2026-08-21',
  feePerNotice: 0,
  persons: 1,
  installments: 1,
  totalAmount: 8_800,
  lateNotices: 0,
  preparedBy: '賦課 一郎',
  preparedAt: '2026-08-12T00:00:00.000Z',
  approvedBy: null,
  approvedAt: null,
  rejectedBy: null,
  rejectionReason: null,
  committedAt: null,
  ...over,
})
const detail = (over: Partial<DunningRunSummary> = {}) => ({
  summary: summary(over),
  items: { offset: 0, limit: 50, total: 0, rows: [] },
})

beforeEach(() => {
  vi.clearAllMocks()
  store().reset()
  api.dunning.runs.mockResolvedValue(ok({ runs: [] }))
})

describe('four eyes: the sign-off is offered to a 監督者 who did not prepare the run', () => {
  const supervisor = { loginId: 'kantoku01', displayName: '監督 花子', mayBatch: false, mayApprove: true }
  const clerk = { loginId: 'fuka01', displayName: '賦課 一郎', mayBatch: true, mayApprove: false }
  it('a waiting run: sign-off and 差戻し for another 監督者, nothing for its preparer', () => {
    expect(dunningRunActions(summary(), supervisor)).toEqual({
      approve: true,
      reject: true,
      commit: false,
      print: false,
    })
    expect(dunningRunActions(summary(), { ...clerk, mayApprove: true })).toMatchObject({ approve: false })
  })
  it('an approved run is committed by the preparing side; a committed 督促 run is printed, a 不納欠損 run is not', () => {
    expect(dunningRunActions(summary({ status: 'approved' }), clerk)).toMatchObject({ commit: true })
    expect(dunningRunActions(summary({ status: 'committed' }), clerk)).toMatchObject({ print: true, commit: false })
    expect(dunningRunActions(summary({ status: 'committed', kind: 'writeOff' }), clerk)).toMatchObject({
      print: false,
    })
  })
})

describe('writes carry a fresh idempotency key and say what they did', () => {
  it('the dry run', async () => {
    api.dunning.dryRun.mockResolvedValue(ok(detail()))
    api.dunning.run.mockResolvedValue(ok(detail()))
    expect(await store().dryRun('demand')).toBe(true)
    expect(api.dunning.dryRun).toHaveBeenCalledWith({ kind: 'demand', idempotencyKey: expect.any(String) })
    expect(store().write.data).toBe('督促 第3号の試算を作成しました（1人・1期）。監督者の承認が必要です')
    expect(store().selectedId).toBe(3)
  })
  it('the print names the printer and never holds the PDF', async () => {
    api.dunning.printNotices.mockResolvedValue(
      ok({
        title: '介護保険料督促状（一括）（督促 第3号）',
        printer: 'P1',
        runId: 3,
        notices: 2,
        withheld: 1,
        pages: 3,
      }),
    )
    useDunningStore.setState({ printer: 'P1' })
    expect(await store().print(3)).toBe(true)
    expect(api.dunning.printNotices).toHaveBeenCalledWith({ runId: 3, printer: 'P1' })
    expect(store().write.data).toBe('介護保険料督促状（一括）（督促 第3号）を P1 に印刷しました（2通・窓口交付 1通）')
  })
})

describe('personal data', () => {
  it('the store is registered and emptied on logout and lock', async () => {
    expect(personalDataStores()).toContain('dunningRuns')
    api.dunning.run.mockResolvedValue(ok(detail()))
    await store().select(3)
    expect(store().detail.data).not.toBeNull()
    clearPersonalData()
    expect(store().detail.data).toBeNull()
    expect(store().selectedId).toBeNull()
  })
})
