import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  paymentIntake: {
    import: vi.fn(),
    workList: vi.fn(),
    decide: vi.fn(),
    withholdingFiles: vi.fn(),
    postWithholding: vi.fn(),
  },
}))
vi.mock('../../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { usePaymentIntakeStore, importSummary, paymentFileProblem } =
  await import('../../../../../../renderer/src/features/collection/payments/payment-intake-store')
const { clearPersonalData, personalDataStores } =
  await import('../../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const store = () => usePaymentIntakeStore.getState()
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const item = (id: number, status = 'open') => ({
  id,
  rowVersion: 1,
  status,
  reason: 'partial',
  reasonLabel: '一部納付',
  message: '…',
  fileName: 'CVS.csv',
  line: id + 1,
  channel: 'convenience',
  detail: '速報',
  amount: 5_000,
  paidOn: '2026-07-30',
  reference: '2026009800000102',
  insuredNumber: '0098000001',
  fiscalYear: 2026,
  seq: 2,
  person: { id: 7, name: '山田 太郎' },
  balance: 10_500,
  assignedTo: null,
  note: null,
})
const imported = {
  status: 'applied',
  fileId: 1,
  lines: 5,
  applied: 1,
  appliedAmount: 10_500,
  work: 4,
  workAmount: 38_540,
  notTransferred: 0,
  alreadyCounted: 0,
  problemCount: 0,
  problems: [],
}

beforeEach(() => {
  vi.clearAllMocks()
  store().reset()
})

describe('the import: the file in base64 with a fresh key, then the work list', () => {
  it('sends the kind, the bytes and 検証のみ, and reloads the work list after an applied file', async () => {
    api.paymentIntake.import.mockResolvedValue(ok(imported))
    api.paymentIntake.workList.mockResolvedValue(ok({ items: [item(1)], openCount: 1 }))
    store().setKind('convenience')
    await store().importFile({ fileName: 'CVS.csv', bytes: new TextEncoder().encode('ab'), dryRun: false })
    expect(api.paymentIntake.import).toHaveBeenCalledWith({
      kind: 'convenience',
      fileName: 'CVS.csv',
      contentBase64: 'YWI=',
      dryRun: false,
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(api.paymentIntake.workList).toHaveBeenCalledWith({ status: 'open' })
    expect(store().list.data?.openCount).toBe(1)
  })
  it('summarises what landed in Japanese', () => {
    expect(importSummary(imported as never)).toBe(
      '（5件中 消込 1件 10,500円、要確認 4件 38,540円、振替不能 0件、計上済 0件）',
    )
  })
  it('refuses no file, an empty file and one above 20 MB before sending', () => {
    expect(paymentFileProblem(null)).toBe('取り込むファイルを選んでください')
    expect(paymentFileProblem({ size: 0 })).toBe('ファイルが空です')
    expect(paymentFileProblem({ size: 20_000_000 })).toBeNull()
    expect(paymentFileProblem({ size: 20_000_001 })).toMatch(/大きすぎます/)
  })
})

describe('the work list: the keyboard cursor and a decision', () => {
  it('moves the cursor within the list only', async () => {
    api.paymentIntake.workList.mockResolvedValue(ok({ items: [item(1), item(2)], openCount: 2 }))
    await store().load()
    store().move(1)
    store().move(1)
    expect(store().cursor).toBe(1)
    store().move(-5)
    expect(store().cursor).toBe(0)
  })
  it('decides with the row version read and a note, then reloads', async () => {
    api.paymentIntake.decide.mockResolvedValue(ok({ ...item(1), status: 'assigned' }))
    api.paymentIntake.workList.mockResolvedValue(ok({ items: [], openCount: 0 }))
    expect(await store().decide(item(1) as never, 'assign', '窓口で確認')).toBe(true)
    expect(api.paymentIntake.decide).toHaveBeenCalledWith({
      itemId: 1,
      rowVersion: 1,
      action: 'assign',
      note: '窓口で確認',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().decision.data).toBe('CVS.csv 2行目の入金を消込しました')
  })
  it('is cleared on logout and lock (personal data)', async () => {
    api.paymentIntake.workList.mockResolvedValue(ok({ items: [item(1)], openCount: 1 }))
    await store().load()
    expect(personalDataStores()).toContain('paymentIntake')
    clearPersonalData()
    expect(store().list.data).toBeNull()
  })
})

describe('特別徴収結果の収納計上: a received file posted with a fresh key, then the lists reloaded', () => {
  const file = {
    pensionFileId: 12,
    fileName: 'Z1426010.dta',
    fiscalYear: 2026,
    receivedAt: '2026-10-16T00:00:00.000Z',
    withheldCount: 4,
    withheldAmount: 26_000,
    posted: null,
  }
  it('a dry run sends 検証のみ and reloads nothing', async () => {
    api.paymentIntake.postWithholding.mockResolvedValue(ok({ ...imported, status: 'validated', fileId: null }))
    expect(await store().postWithholding(12, true)).toBe(true)
    expect(api.paymentIntake.postWithholding).toHaveBeenCalledWith({
      pensionFileId: 12,
      dryRun: true,
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(api.paymentIntake.workList).not.toHaveBeenCalled()
    expect(api.paymentIntake.withholdingFiles).not.toHaveBeenCalled()
  })
  it('a posting reloads the work list and the files', async () => {
    api.paymentIntake.postWithholding.mockResolvedValue(ok(imported))
    api.paymentIntake.workList.mockResolvedValue(ok({ items: [], openCount: 0 }))
    api.paymentIntake.withholdingFiles.mockResolvedValue(ok({ files: [file] }))
    expect(await store().postWithholding(12, false)).toBe(true)
    expect(store().posting.data?.applied).toBe(1)
    expect(api.paymentIntake.workList).toHaveBeenCalledTimes(1)
    expect(store().withholdingFiles.data?.files).toEqual([file])
  })
  it('keeps the server’s Japanese refusal', async () => {
    api.paymentIntake.postWithholding.mockResolvedValue({
      ok: false,
      code: 'notFound',
      message: '特別徴収結果のファイルが見つかりません',
    })
    expect(await store().postWithholding(99, false)).toBe(false)
    expect(store().posting.error).toContain('特別徴収結果のファイルが見つかりません')
  })
})
