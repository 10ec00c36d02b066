import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  kokuhoren: {
    sendDryRun: vi.fn(),
    sendDetail: vi.fn(),
    sendList: vi.fn(),
    sendApprove: vi.fn(),
    sendReject: vi.fn(),
    sendCommit: vi.fn(),
    saveSendFile: vi.fn(),
    importUpdateResults: vi.fn(),
    workList: vi.fn(),
    workItemResolve: vi.fn(),
  },
}))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useKokuhorenStore, sendActions, importMessage, monthLabel, queueChangeLabel } =
  await import('../../../../../renderer/src/features/kokuhoren/kokuhoren-store')
const { clearPersonalData, personalDataStores } = await import('../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'backendRejected' as const, message })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const store = () => useKokuhorenStore.getState()
const NAME = '検証 花子'

const summary = (overrides: Record<string, unknown> = {}) => ({
  sendId: 4,
  processingMonth: '2026-12',
  round: 'additional' as const,
  cutoffOn: '2026-12-10',
  status: 'awaitingApproval' as const,
  asOf: '2026-12-07',
  records: 1,
  queued: 2,
  refused: 1,
  preparedName: '検証 九重',
  approvedName: null,
  rejectionReason: null,
  committedAt: null,
  fileName: null,
  sha256: null,
  ...overrides,
})
const detail = (overrides: Record<string, unknown> = {}) => ({
  send: summary(overrides),
  records: [
    {
      personId: 41,
      insuredNumber: '0000012345',
      name: NAME,
      changedOn: '2026-12-01',
      changeKind: '1',
      changeReason: '01',
      changes: ['certified', 'carePlanOffice'],
      careLevel: '21',
    },
  ],
  refusals: [
    {
      personId: 42,
      insuredNumber: null,
      name: '検証 太郎',
      changedOn: '2026-12-01',
      problems: ['被保険者番号がありません'],
    },
  ],
})
const workItem = {
  workItemId: 9,
  importId: 2,
  fileName: 'KEKKA.CSV',
  line: 2,
  personId: 41,
  insuredNumber: '0000012345',
  name: NAME,
  changedOn: '2026-12-01',
  changeReason: '01',
  sendId: 4,
  errors: [{ code: '12P4', meaning: '…', known: true }],
  explanation: '12P4: …',
  status: 'open' as const,
  resolvedName: null,
  resolvedAt: null,
  resolution: null,
  rowVersion: 1,
}
const imported = (
  status: 'applied' | 'alreadyImported' | 'rejected',
  problems: { line: number; message: string }[] = [],
) => ({
  fileName: 'KEKKA.CSV',
  result: {
    status,
    importId: status === 'rejected' ? null : 2,
    processingMonth: '2026-12',
    records: 3,
    accepted: 1,
    rejected: 1,
    unmatched: 1,
    problems,
    warnings: [],
  },
})

beforeEach(() => {
  clearPersonalData()
  vi.clearAllMocks()
  api.kokuhoren.sendList.mockResolvedValue(ok({ sends: [summary()] }))
  api.kokuhoren.sendDetail.mockResolvedValue(ok(detail()))
  api.kokuhoren.workList.mockResolvedValue(ok({ open: 1, resolved: 0, items: [workItem] }))
})

describe('what the screen offers on a send', () => {
  const clerk = { mayOperate: true, mayApprove: false, loginId: 'kyufu01', displayName: '検証 九重' }
  const supervisor = { mayOperate: false, mayApprove: true, loginId: 'kantoku01', displayName: '検証 四季' }
  it('offers the sign-off and the rejection of a send awaiting it to a 監督者 who did not prepare it', () => {
    expect(sendActions(summary(), supervisor)).toEqual({
      approve: true,
      reject: true,
      commit: false,
      saveFile: false,
      ownSend: false,
    })
  })
  it('offers no sign-off to the 監督者 who prepared the send (named by 氏名)', () => {
    const own = sendActions(summary({ preparedName: '検証 四季' }), { ...supervisor, mayOperate: true })
    expect(own).toMatchObject({ approve: false, reject: false, ownSend: true })
  })
  it('offers the commit only once approved, and the file only once committed, to the 給付担当', () => {
    expect(sendActions(summary(), clerk)).toMatchObject({ approve: false, commit: false, saveFile: false })
    expect(sendActions(summary({ status: 'approved' }), clerk)).toMatchObject({ commit: true, saveFile: false })
    expect(sendActions(summary({ status: 'committed' }), clerk)).toMatchObject({ commit: false, saveFile: true })
    expect(sendActions(summary({ status: 'committed' }), supervisor)).toMatchObject({ saveFile: false })
  })
  it('offers nothing without a send', () => {
    expect(sendActions(null, clerk)).toEqual({
      approve: false,
      reject: false,
      commit: false,
      saveFile: false,
      ownSend: false,
    })
  })
})

describe('labels', () => {
  it('writes a 処理対象年月 as staff read it', () => {
    expect(monthLabel('2027-01')).toBe('2027年1月')
  })
  it('names the queue’s change kinds in Japanese and shows an unknown one as it is', () => {
    expect(['certified', 'carePlanOffice', 'resubmission', 'futureKind'].map(queueChangeLabel)).toEqual([
      '認定',
      '居宅届出',
      '再送付',
      'futureKind',
    ])
  })
  it('sums an import up, or says the file was refused or came before', () => {
    expect(importMessage(imported('applied'))).toBe(
      'KEKKA.CSV を取り込みました: 3 件（正常 1 件・エラー 1 件・照合できない 1 件）',
    )
    expect(importMessage(imported('alreadyImported'))).toBe('KEKKA.CSV は取込済みです（何も変更していません）')
    expect(importMessage(imported('rejected', [{ line: 1, message: 'x' }]))).toBe(
      'KEKKA.CSV は取り込めませんでした（1 件の誤り）',
    )
  })
})

describe('the send of a month', () => {
  it('lists the month’s sends, shows the latest with its records and 保留, and loads the open work list', async () => {
    expect(await store().setMonth('2026-12')).toBe(true)
    expect(api.kokuhoren.sendList).toHaveBeenCalledWith({ processingMonth: '2026-12' })
    expect(api.kokuhoren.sendDetail).toHaveBeenCalledWith({ sendId: 4 })
    expect(api.kokuhoren.workList).toHaveBeenCalledWith({ status: 'open' })
    expect(store().selectedId).toBe(4)
    expect(store().detail.data?.refusals[0]?.problems).toEqual(['被保険者番号がありません'])
  })
  it('runs the 試算 of the month with a fresh idempotency key and shows what it planned', async () => {
    await store().setMonth('2026-12')
    api.kokuhoren.sendDryRun.mockResolvedValue(ok(detail({ sendId: 5 })))
    const planned = await store().dryRun()
    expect(planned?.send.sendId).toBe(5)
    expect(api.kokuhoren.sendDryRun).toHaveBeenCalledWith({
      processingMonth: '2026-12',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().write.data).toBe('2026年12月追加分を試算しました（送付 第5号）: 1 件・保留 1 人')
  })
  it('keeps the server’s Japanese refusal of a month past its cut-off', async () => {
    await store().setMonth('2026-11')
    const message =
      '処理対象年月 2026-11 の送付は締切を過ぎています。次の送付は 2026-12 の追加分（締切 2026-12-10）です'
    api.kokuhoren.sendDryRun.mockResolvedValue(refused(message))
    expect(await store().dryRun()).toBeNull()
    expect(store().write.error).toBe(message)
  })
  it('signs the send shown off, then reloads it', async () => {
    await store().setMonth('2026-12')
    api.kokuhoren.sendApprove.mockResolvedValue(ok(summary({ status: 'approved', approvedName: '検証 四季' })))
    expect(await store().approve()).toBe(true)
    expect(api.kokuhoren.sendApprove).toHaveBeenCalledWith({ sendId: 4, idempotencyKey: expect.stringMatching(UUID) })
    expect(store().write.data).toBe('送付 第4号を承認しました')
    expect(api.kokuhoren.sendDetail).toHaveBeenCalledTimes(2)
  })
  it('rejects the send shown with the reason', async () => {
    await store().setMonth('2026-12')
    api.kokuhoren.sendReject.mockResolvedValue(ok(summary({ status: 'rejected', rejectionReason: '確認中' })))
    expect(await store().reject('確認中')).toBe(true)
    expect(api.kokuhoren.sendReject).toHaveBeenCalledWith({
      sendId: 4,
      reason: '確認中',
      idempotencyKey: expect.stringMatching(UUID),
    })
  })
  it('commits, then saves the file through main and keeps only its name, place and SHA-256', async () => {
    await store().setMonth('2026-12')
    api.kokuhoren.sendCommit.mockResolvedValue(
      ok(summary({ status: 'committed', fileName: 'J5261201.CSV', sha256: 'a'.repeat(64) })),
    )
    expect(await store().commit()).toBe(true)
    expect(store().write.data).toBe('送付 第4号を実行しました（J5261201.CSV・1 件）')
    const saved = {
      sendId: 4,
      fileName: 'J5261201.CSV',
      destination: '/home/staff/J5261201.CSV',
      fileSha256: 'a'.repeat(64),
      serverSha256: 'a'.repeat(64),
      records: 1,
    }
    api.kokuhoren.saveSendFile.mockResolvedValue(ok(saved))
    expect(await store().saveFile()).toBe(true)
    expect(api.kokuhoren.saveSendFile).toHaveBeenCalledWith({ sendId: 4 })
    expect(store().saved).toEqual(saved)
    expect(store().write.data).toBe('J5261201.CSV を保存しました（/home/staff/J5261201.CSV）')
  })
  it('sends a write once when pressed twice', async () => {
    await store().setMonth('2026-12')
    let answer: (v: unknown) => void = () => undefined
    api.kokuhoren.sendCommit.mockReturnValue(new Promise((resolve) => (answer = resolve)))
    const first = store().commit()
    expect(await store().commit()).toBe(false)
    answer(ok(summary({ status: 'committed' })))
    expect(await first).toBe(true)
    expect(api.kokuhoren.sendCommit).toHaveBeenCalledTimes(1)
  })
})

describe('the 更新結果 and the work list', () => {
  it('imports through main’s dialog and reloads the work list', async () => {
    await store().setMonth('2026-12')
    api.kokuhoren.importUpdateResults.mockResolvedValue(ok(imported('applied')))
    expect(await store().importUpdateResults()).toBe(true)
    expect(api.kokuhoren.importUpdateResults).toHaveBeenCalledWith({})
    expect(store().lastImport?.result.rejected).toBe(1)
    expect(api.kokuhoren.workList).toHaveBeenCalledTimes(2)
  })
  it('shows a refused file as an error, with its problems kept for the list', async () => {
    const problems = [
      { line: 1, message: '1行目（コントロールレコード）第7項目「保険者番号」: 区の保険者番号 131045 ではありません' },
    ]
    api.kokuhoren.importUpdateResults.mockResolvedValue(ok(imported('rejected', problems)))
    expect(await store().importUpdateResults()).toBe(false)
    expect(store().write.error).toBe('KEKKA.CSV は取り込めませんでした（1 件の誤り）')
    expect(store().lastImport?.result.problems).toEqual(problems)
  })
  it('resolves an item with the row version it read and the reason', async () => {
    await store().setMonth('2026-12')
    api.kokuhoren.workItemResolve.mockResolvedValue(ok({ ...workItem, status: 'resolved', rowVersion: 2 }))
    expect(await store().resolve(workItem, '居宅届出を登録')).toBe(true)
    expect(api.kokuhoren.workItemResolve).toHaveBeenCalledWith({
      workItemId: 9,
      rowVersion: 1,
      reason: '居宅届出を登録',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().write.data).toBe(`${NAME}（2026-12-01）を解消しました。次の試算で再送付します`)
  })
  it('asks for the filter chosen', async () => {
    await store().loadWorkList('all')
    expect(api.kokuhoren.workList).toHaveBeenLastCalledWith({ status: 'all' })
    expect(store().workFilter).toBe('all')
  })
})

describe('personal data', () => {
  it('is registered and emptied on logout and lock', async () => {
    await store().setMonth('2026-12')
    expect(JSON.stringify(store())).toContain(NAME)
    expect(personalDataStores()).toContain('kokuhoren')
    clearPersonalData()
    expect(JSON.stringify(store())).not.toContain(NAME)
    expect(store().month).toBeNull()
  })
})
