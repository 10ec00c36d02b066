import { beforeEach, describe, expect, it, vi } from 'vitest'
import { runDetail, runSummary } from './fixtures'

const api = vi.hoisted(() => ({
  premiums: {
    batchRuns: vi.fn(),
    batchRun: vi.fn(),
    batchDryRun: vi.fn(),
    batchApprove: vi.fn(),
    batchReject: vi.fn(),
    batchCommit: vi.fn(),
  },
}))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { batchRunActions, runTitle, usePremiumBatchStore, DIFF_PAGE_SIZE } =
  await import('../../../../../renderer/src/features/premiums/premium-batch-store')
const { clearPersonalData, personalDataStores } = await import('../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const store = () => usePremiumBatchStore.getState()

beforeEach(() => {
  vi.clearAllMocks()
  store().reset()
  api.premiums.batchRuns.mockResolvedValue(ok({ runs: [] }))
})

describe('four eyes: the sign-off is offered to a 監督者 who did not prepare the run', () => {
  const clerk = { loginId: 'fuka01', displayName: '検証 二葉', mayBatch: true, mayApprove: false }
  const supervisor = { loginId: 'kantoku01', displayName: '検証 四季', mayBatch: false, mayApprove: true }

  it('offers approve and 差戻し of a dry run to the 監督者, not the commit', () => {
    expect(batchRunActions(runSummary(1, 'awaitingApproval'), supervisor)).toEqual({
      approve: true,
      reject: true,
      commit: false,
    })
  })
  it('never offers the sign-off to the preparer, even one holding the 監督者 permission', () => {
    expect(batchRunActions(runSummary(1, 'awaitingApproval'), { ...clerk, mayApprove: true })).toEqual({
      approve: false,
      reject: false,
      commit: false,
    })
  })
  it('recognises the preparer by display name, and by 「氏名（ユーザーID）」 where a summary carries the id', () => {
    const preparer = { ...clerk, mayApprove: true }
    expect(batchRunActions(runSummary(1, 'awaitingApproval'), preparer).approve).toBe(false)
    const withId = runSummary(1, 'awaitingApproval', { preparedBy: '検証 二葉（fuka01）' })
    expect(batchRunActions(withId, { ...preparer, displayName: '別名' }).approve).toBe(false)
  })
  it('does not take a user id that only ends like the preparer’s for the preparer (xfuka01)', () => {
    const withId = runSummary(1, 'awaitingApproval', { preparedBy: '検証 二葉（fuka01）' })
    expect(batchRunActions(withId, { ...supervisor, loginId: 'xfuka01' }).approve).toBe(true)
  })
  it('offers the commit to the preparing side once approved, and its resumption while committing', () => {
    expect(batchRunActions(runSummary(1, 'approved'), clerk).commit).toBe(true)
    expect(batchRunActions(runSummary(1, 'committing'), clerk).commit).toBe(true)
    expect(batchRunActions(runSummary(1, 'approved'), supervisor).commit).toBe(false)
  })
  it('offers nothing on a committed, rejected or superseded run', () => {
    const both = { loginId: 'kantoku02', displayName: '監督 二郎', mayBatch: true, mayApprove: true }
    for (const status of ['committed', 'rejected', 'superseded'] as const)
      expect(batchRunActions(runSummary(1, status), both)).toEqual({ approve: false, reject: false, commit: false })
  })
  it('names a run by number, year and kind', () => {
    expect(runTitle(runSummary(3, 'approved'))).toBe('第3号 2026年度 本算定')
    expect(runTitle(runSummary(4, 'approved', { kind: 'provisional' }))).toBe('第4号 2026年度 仮算定')
    expect(runTitle(runSummary(5, 'approved', { kind: 'change' }))).toBe('第5号 2026年度 異動賦課')
  })
})

describe('the dry run, the sign-off and the 差戻し', () => {
  it('runs the dry run with a fresh key, lists the runs again and shows the new run', async () => {
    const summary = runSummary(3, 'awaitingApproval')
    api.premiums.batchDryRun.mockResolvedValue(ok(runDetail(summary)))
    api.premiums.batchRuns.mockResolvedValue(ok({ runs: [summary] }))
    api.premiums.batchRun.mockResolvedValue(ok(runDetail(summary)))
    expect(await store().dryRun('final', 2026)).toBe(true)
    const req = api.premiums.batchDryRun.mock.calls[0]![0]
    expect(req).toEqual({ kind: 'final', fiscalYear: 2026, idempotencyKey: req.idempotencyKey })
    expect(req.idempotencyKey).toMatch(UUID)
    expect(store().selectedId).toBe(3)
    expect(api.premiums.batchRun).toHaveBeenCalledWith({ runId: 3, offset: 0, limit: DIFF_PAGE_SIZE })
    expect(store().write.data).toBe('第3号 2026年度 本算定の試算を作成しました（対象 3人）。監督者の承認が必要です')
  })
  it('sends a double press once', async () => {
    let answer: (v: unknown) => void = () => undefined
    api.premiums.batchDryRun.mockReturnValue(new Promise((r) => (answer = r)))
    api.premiums.batchRun.mockResolvedValue(ok(runDetail(runSummary(3, 'awaitingApproval'))))
    const first = store().dryRun('final', 2026)
    expect(store().write.busy).toBe(true)
    expect(await store().dryRun('final', 2026)).toBe(false)
    answer(ok(runDetail(runSummary(3, 'awaitingApproval'))))
    expect(await first).toBe(true)
    expect(api.premiums.batchDryRun).toHaveBeenCalledTimes(1)
    expect(store().write.busy).toBe(false)
  })
  it('shows the server’s refusal of the preparer’s own sign-off as it is', async () => {
    const message = '自分が試算したバッチは承認できません。別の監督者に承認を依頼してください'
    api.premiums.batchApprove.mockResolvedValue({ ok: false, code: 'forbidden', message })
    expect(await store().approve(3)).toBe(false)
    expect(store().write).toEqual({ busy: false, error: message, data: null })
  })
  it('approves and rejects with the reason, each with a key of its own', async () => {
    api.premiums.batchApprove.mockResolvedValue(ok(runSummary(3, 'approved')))
    api.premiums.batchReject.mockResolvedValue(ok(runSummary(4, 'rejected')))
    api.premiums.batchRun.mockResolvedValue(ok(runDetail(runSummary(3, 'approved'))))
    expect(await store().approve(3)).toBe(true)
    expect(store().write.data).toBe('第3号 2026年度 本算定を承認しました')
    expect(await store().reject(4, '第6段階の人数が前年と比べて多すぎる')).toBe(true)
    expect(store().write.data).toBe('第4号 2026年度 本算定を差し戻しました')
    const approveKey = api.premiums.batchApprove.mock.calls[0]![0].idempotencyKey
    const rejectReq = api.premiums.batchReject.mock.calls[0]![0]
    expect(rejectReq).toEqual({
      runId: 4,
      reason: '第6段階の人数が前年と比べて多すぎる',
      idempotencyKey: rejectReq.idempotencyKey,
    })
    expect(approveKey).not.toBe(rejectReq.idempotencyKey)
  })
})

describe('the diff is read a page at a time', () => {
  it('asks for the page at the offset and keeps the newest answer only', async () => {
    const summary = runSummary(3, 'awaitingApproval')
    let slow: (v: unknown) => void = () => undefined
    api.premiums.batchRun
      .mockReturnValueOnce(new Promise((r) => (slow = r)))
      .mockResolvedValueOnce(ok(runDetail(summary, 50)))
    const first = store().select(3, 0)
    await store().select(3, 50)
    slow(ok(runDetail(summary, 0)))
    await first
    expect(api.premiums.batchRun.mock.calls.map((c) => c[0])).toEqual([
      { runId: 3, offset: 0, limit: 50 },
      { runId: 3, offset: 50, limit: 50 },
    ])
    expect(store().detail.data?.diff.offset).toBe(50)
  })
})

describe('the commit: chunk after chunk until committed, with its progress', () => {
  it('calls again until the run is committed, each call with a fresh key, and shows the progress', async () => {
    usePremiumBatchStore.setState({ runs: [runSummary(3, 'approved')] })
    const seen: unknown[] = []
    api.premiums.batchCommit
      .mockResolvedValueOnce(ok({ status: 'committing', committedChunks: 1, totalChunks: 3, written: 1000 }))
      .mockResolvedValueOnce(ok({ status: 'committing', committedChunks: 2, totalChunks: 3, written: 1000 }))
      .mockResolvedValueOnce(ok({ status: 'committed', committedChunks: 3, totalChunks: 3, written: 12 }))
    api.premiums.batchCommit.mockImplementation(async () => {
      throw new Error('called too often')
    })
    const off = usePremiumBatchStore.subscribe((s) => seen.push(s.progress?.committedChunks))
    api.premiums.batchRun.mockResolvedValue(ok(runDetail(runSummary(3, 'committed'))))
    expect(await store().commit(3)).toBe(true)
    off()
    expect(api.premiums.batchCommit).toHaveBeenCalledTimes(3)
    const keys = api.premiums.batchCommit.mock.calls.map((c) => c[0].idempotencyKey)
    expect(new Set(keys).size).toBe(3)
    expect(seen).toContain(1)
    expect(seen).toContain(2)
    expect(store().progress).toEqual({ runId: 3, committedChunks: 3, totalChunks: 3 })
    expect(store().write.data).toBe('第3号を実行しました（3区分すべて反映済み）')
  })
  it('stops at an interruption and says so; the chunks committed stay (pressing again resumes)', async () => {
    usePremiumBatchStore.setState({ runs: [runSummary(3, 'approved')] })
    api.premiums.batchCommit
      .mockResolvedValueOnce(ok({ status: 'committing', committedChunks: 1, totalChunks: 3, written: 1000 }))
      .mockResolvedValueOnce({ ok: false, code: 'backendUnavailable', message: 'サーバーに接続できません' })
    api.premiums.batchRun.mockResolvedValue(ok(runDetail(runSummary(3, 'committing', { committedChunks: 1 }))))
    expect(await store().commit(3)).toBe(false)
    expect(store().write.error).toBe('サーバーに接続できません')
    expect(store().progress).toEqual({ runId: 3, committedChunks: 1, totalChunks: 3 })
  })
  it('stops instead of looping when a call commits nothing new', async () => {
    usePremiumBatchStore.setState({ runs: [runSummary(3, 'committing', { committedChunks: 2 })] })
    api.premiums.batchCommit.mockResolvedValue(
      ok({ status: 'committing', committedChunks: 2, totalChunks: 3, written: 0 }),
    )
    api.premiums.batchRun.mockResolvedValue(ok(runDetail(runSummary(3, 'committing'))))
    expect(await store().commit(3)).toBe(false)
    expect(api.premiums.batchCommit).toHaveBeenCalledTimes(1)
    expect(store().write.error).toBe('第3号の実行が進みません（2/3区分）。状態を確かめてから、もう一度実行してください')
  })
})

describe('the personal-data registry empties the batch cockpit (residents’ names in the diff) on logout and lock', () => {
  it('is registered as premiumBatches and forgets the runs and the diff', async () => {
    expect(personalDataStores()).toContain('premiumBatches')
    api.premiums.batchRun.mockResolvedValue(ok(runDetail(runSummary(3, 'awaitingApproval'))))
    await store().select(3)
    expect(JSON.stringify(store())).toContain('山田 太郎')
    clearPersonalData()
    expect(JSON.stringify(store())).not.toContain('山田')
    expect(store().selectedId).toBeNull()
  })
})
