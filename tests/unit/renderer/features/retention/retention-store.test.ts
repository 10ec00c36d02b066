import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { RetentionRunStatus, RetentionRunSummary } from '../../../../../shared/api/retention'

const api = vi.hoisted(() => ({
  retention: {
    runs: vi.fn(),
    prepare: vi.fn(),
    runPersons: vi.fn(),
    approve: vi.fn(),
    erase: vi.fn(),
    printReport: vi.fn(),
  },
  print: { printers: vi.fn() },
}))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { isEmptyRun, retentionStatusLabels, runActions, useRetentionStore } =
  await import('../../../../../renderer/src/features/retention/retention-store')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'forbidden' as const, message })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** A run as the server answers it (shared/api/retention.ts RetentionRunSummary$). */
const kinds = (persons: number, files: number, requests: number): RetentionRunSummary['kinds'] => [
  { kind: 'insuredPerson', label: '被保険者の記録', records: persons, oldest: null, newest: null },
  { kind: 'intakeFile', label: '住基異動の取込記録', records: files, oldest: null, newest: null },
  { kind: 'exportRequest', label: '持出申請', records: requests, oldest: null, newest: null },
]
const run = (id: number, status: RetentionRunStatus, records = kinds(0, 0, 0)): RetentionRunSummary => ({
  id,
  status,
  asOf: '2026-12-03',
  kinds: records,
  preparedBy: '検証 一郎（shikaku01）',
  preparedAt: '2026-12-03T00:10:00.000Z',
  approvedBy: status === 'prepared' ? null : '監督 花子（kantoku01）',
  approvedAt: status === 'prepared' ? null : '2026-12-03T00:20:00.000Z',
  erasedBy: status === 'erased' ? '検証 一郎（shikaku01）' : null,
  erasedAt: status === 'erased' ? '2026-12-03T00:30:00.000Z' : null,
  erasedRows: null,
  keptAtErasure: null,
  backups: [],
})

beforeEach(() => {
  vi.clearAllMocks()
  useRetentionStore.getState().reset()
})

describe('a run is empty when no record of any kind is past its retention', () => {
  it('is empty with 0 of every kind', () => {
    expect(isEmptyRun(run(1, 'prepared'))).toBe(true)
  })
  it('is not empty with a single record of any one kind', () => {
    expect(isEmptyRun(run(1, 'prepared', kinds(1, 0, 0)))).toBe(false)
    expect(isEmptyRun(run(1, 'prepared', kinds(0, 1, 0)))).toBe(false)
    expect(isEmptyRun(run(1, 'prepared', kinds(0, 0, 1)))).toBe(false)
  })
})

describe('the actions of a run: four eyes, each in its state (C-20)', () => {
  const preparer = { loginId: 'shikaku01', mayPersons: true, mayApprove: false, mayPrepare: true, mayView: true }
  const supervisor = { loginId: 'kantoku01', mayPersons: true, mayApprove: true, mayPrepare: false, mayView: true }

  it('lets a 監督者 who did not prepare it approve a prepared run, and check its persons', () => {
    expect(runActions(run(1, 'prepared'), supervisor)).toEqual({
      persons: true,
      approve: true,
      erase: false,
      print: false,
    })
  })
  it('never offers the sign-off to the preparer, even one who holds the 監督者 permission', () => {
    expect(runActions(run(1, 'prepared'), { ...preparer, mayApprove: true }).approve).toBe(false)
  })
  it('does not take a user id that only ends like the preparer’s for the preparer (xshikaku01)', () => {
    expect(runActions(run(1, 'prepared'), { ...supervisor, loginId: 'xshikaku01' }).approve).toBe(true)
  })
  it('offers the erasure to the preparing side once approved, not before', () => {
    expect(runActions(run(1, 'prepared'), preparer).erase).toBe(false)
    expect(runActions(run(1, 'approved'), preparer)).toEqual({
      persons: true,
      approve: false,
      erase: true,
      print: false,
    })
    expect(runActions(run(1, 'approved'), supervisor).erase).toBe(false)
  })
  it('offers only the 消去報告書 of an erased run: no persons are left to check', () => {
    expect(runActions(run(1, 'erased'), preparer)).toEqual({
      persons: false,
      approve: false,
      erase: false,
      print: true,
    })
  })
  it('offers nothing on a superseded run', () => {
    expect(runActions(run(1, 'superseded'), { ...supervisor, mayPrepare: true })).toEqual({
      persons: false,
      approve: false,
      erase: false,
      print: false,
    })
  })
  it('labels every status in Japanese', () => {
    expect(retentionStatusLabels).toEqual({
      prepared: '承認待ち',
      approved: '承認済み（消去待ち）',
      erased: '消去済み',
      superseded: '取消（新しい試行あり）',
    })
  })
})

describe('the runs', () => {
  it('lists the runs and selects the newest (the server answers newest first)', async () => {
    api.retention.runs.mockResolvedValue(ok({ items: [run(2, 'prepared'), run(1, 'superseded')] }))
    await useRetentionStore.getState().refresh()
    expect(useRetentionStore.getState().runs.map((r) => r.id)).toEqual([2, 1])
    expect(useRetentionStore.getState().selectedId).toBe(2)
  })
  it('keeps the run chosen by the user across a refresh', async () => {
    api.retention.runs.mockResolvedValue(ok({ items: [run(2, 'prepared'), run(1, 'superseded')] }))
    useRetentionStore.getState().select(1)
    await useRetentionStore.getState().refresh()
    expect(useRetentionStore.getState().selectedId).toBe(1)
  })
  it('shows the Japanese message of a refused list and keeps the runs shown before', async () => {
    useRetentionStore.setState({ runs: [run(1, 'prepared') as never] })
    api.retention.runs.mockResolvedValue(refused('この操作を行う権限がありません'))
    await useRetentionStore.getState().refresh()
    expect(useRetentionStore.getState().loadError).toBe('この操作を行う権限がありません')
    expect(useRetentionStore.getState().runs).toHaveLength(1)
  })
})

describe('the dry run, the sign-off and the erasure', () => {
  it('prepares with a fresh idempotency key, selects the new run and says when nothing is past retention', async () => {
    api.retention.prepare.mockResolvedValue(ok(run(3, 'prepared')))
    api.retention.runs.mockResolvedValue(ok({ items: [run(3, 'prepared')] }))
    expect(await useRetentionStore.getState().prepare()).toBe(true)
    expect(api.retention.prepare.mock.calls[0]![0].idempotencyKey).toMatch(UUID)
    const s = useRetentionStore.getState()
    expect(s.selectedId).toBe(3)
    expect(s.write.data).toBe('消去対象の確認（第3号）: 保存期間を過ぎた記録はありません')
  })
  it('says that a run with records needs the 監督者’s sign-off', async () => {
    api.retention.prepare.mockResolvedValue(ok(run(4, 'prepared', kinds(2, 0, 1))))
    api.retention.runs.mockResolvedValue(ok({ items: [] }))
    await useRetentionStore.getState().prepare()
    expect(useRetentionStore.getState().write.data).toBe(
      '消去対象の確認（第4号）を作成しました。監督者の承認が必要です',
    )
  })
  it('sends a double press once', async () => {
    let answer: (v: unknown) => void = () => undefined
    api.retention.prepare.mockReturnValue(new Promise((r) => (answer = r)))
    api.retention.runs.mockResolvedValue(ok({ items: [] }))
    const first = useRetentionStore.getState().prepare()
    expect(await useRetentionStore.getState().prepare()).toBe(false)
    answer(ok(run(5, 'prepared')))
    expect(await first).toBe(true)
    expect(api.retention.prepare).toHaveBeenCalledTimes(1)
  })
  it('approves and erases with a new key each, and refreshes the list', async () => {
    api.retention.approve.mockResolvedValue(ok(run(6, 'approved')))
    api.retention.erase.mockResolvedValue(ok(run(6, 'erased')))
    api.retention.runs.mockResolvedValue(ok({ items: [run(6, 'erased')] }))
    expect(await useRetentionStore.getState().approve(6)).toBe(true)
    expect(useRetentionStore.getState().write.data).toBe('第6号の消去を承認しました')
    expect(await useRetentionStore.getState().erase(6)).toBe(true)
    expect(useRetentionStore.getState().write.data).toBe('第6号の消去を実行しました')
    const approveKey = api.retention.approve.mock.calls[0]![0].idempotencyKey
    const eraseKey = api.retention.erase.mock.calls[0]![0].idempotencyKey
    expect(api.retention.approve.mock.calls[0]![0]).toEqual({ runId: 6, idempotencyKey: approveKey })
    expect(api.retention.erase.mock.calls[0]![0]).toEqual({ runId: 6, idempotencyKey: eraseKey })
    expect(approveKey).not.toBe(eraseKey)
    expect(api.retention.runs).toHaveBeenCalledTimes(2)
  })
  it('shows the server’s refusal of the preparer’s own sign-off as it is, without refreshing', async () => {
    const message = '自分が準備した消去処理は承認できません。別の監督者に承認を依頼してください'
    api.retention.approve.mockResolvedValue(refused(message))
    expect(await useRetentionStore.getState().approve(6)).toBe(false)
    expect(useRetentionStore.getState().write).toEqual({ busy: false, error: message, data: null })
    expect(api.retention.runs).not.toHaveBeenCalled()
  })
})

describe('the persons of a run (an audited read)', () => {
  it('keeps exactly what main answers, and forgets it when another run is selected', async () => {
    const persons = {
      runId: 3,
      persons: [
        {
          personId: 9,
          insuredNumber: '0000000009',
          name: '検証 太郎',
          nameKana: 'ケンショウ タロウ',
          lostOn: '2021-04-01',
          keepUntil: '2026-04-01',
        },
      ],
    }
    api.retention.runPersons.mockResolvedValue(ok(persons))
    useRetentionStore.getState().select(3)
    await useRetentionStore.getState().loadPersons(3)
    expect(api.retention.runPersons).toHaveBeenCalledWith({ runId: 3 })
    expect(useRetentionStore.getState().persons.data).toEqual(persons)
    useRetentionStore.getState().select(2)
    expect(useRetentionStore.getState().persons.data).toBeNull()
  })
})

describe('the 消去報告書', () => {
  it('has main print the report of the run on the chosen printer, and says so', async () => {
    api.retention.printReport.mockResolvedValue(
      ok({ title: '消去報告書（第6号）', printer: '事務室プリンタ', runId: 6 }),
    )
    expect(await useRetentionStore.getState().print(6, '事務室プリンタ')).toBe(true)
    expect(api.retention.printReport).toHaveBeenCalledWith({ runId: 6, printer: '事務室プリンタ' })
    expect(useRetentionStore.getState().printing.data).toBe('消去報告書（第6号）を 事務室プリンタ に印刷しました')
  })
  it('refuses to print without an allowed printer, without calling main', async () => {
    expect(await useRetentionStore.getState().print(6, '')).toBe(false)
    expect(useRetentionStore.getState().printing.error).toBe('この端末で使用できるプリンタがありません')
    expect(api.retention.printReport).not.toHaveBeenCalled()
  })
  it('chooses the first allowed printer, never a refused one', async () => {
    api.print.printers.mockResolvedValue(
      ok({
        printers: [
          { name: 'Microsoft Print to PDF', allowed: false, reason: '仮想プリンタ' },
          { name: '事務室プリンタ', allowed: true, reason: null },
        ],
      }),
    )
    await useRetentionStore.getState().loadPrinters()
    expect(useRetentionStore.getState().printer).toBe('事務室プリンタ')
  })
})
