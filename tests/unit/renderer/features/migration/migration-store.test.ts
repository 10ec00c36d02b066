import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  migration: {
    openExtract: vi.fn(),
    sendNextChunk: vi.fn(),
    finishExtract: vi.fn(),
    extracts: vi.fn(),
    report: vi.fn(),
    acceptReport: vi.fn(),
    gaijiList: vi.fn(),
    decideGaiji: vi.fn(),
    rehearsalDryRun: vi.fn(),
    startRehearsal: vi.fn(),
    trialStores: vi.fn(),
    reconcile: vi.fn(),
    reconciliation: vi.fn(),
    reconciliationReports: vi.fn(),
    differenceRecords: vi.fn(),
    signOffReconciliation: vi.fn(),
    recordDecision: vi.fn(),
    eraseTrialStore: vi.fn(),
  },
}))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useMigrationStore, bytesText, uploadPercent, fileVerified, findingTotal, decisionState } =
  await import('../../../../../renderer/src/features/migration/migration-store')
const { clearPersonalData, personalDataStores } = await import('../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'invalidRequest' as const, message })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const store = () => useMigrationStore.getState()
const NAME = '𠮷田 花子'

const file = (overrides: Record<string, unknown> = {}) => ({
  group: '宛名',
  fileName: 'atena.csv',
  rows: 120,
  bytes: 30_000,
  receivedBytes: 30_000,
  sha256: 'a'.repeat(64),
  receivedSha256: 'a'.repeat(64),
  encoding: 'UTF-8',
  scan: 'notScanned',
  ...overrides,
})
const extract = (id: number, overrides: Record<string, unknown> = {}) => ({
  id,
  status: 'validated',
  editionId: 'kaigo-working-2026',
  sender: '旧システム（ダミー）',
  extractedAt: '2026-11-30T15:00:00.000Z',
  periodFrom: '2021-01-04',
  periodTo: '2026-11-30',
  kind: 'full',
  receivedAt: '2026-12-01T01:00:00.000Z',
  validatedAt: '2026-12-01T01:01:00.000Z',
  acceptedAt: null,
  acceptedBy: null,
  files: [file()],
  findingCounts: { gaiji: 1 },
  openGaiji: 1,
  warnings: [],
  ...overrides,
})
const finding = {
  id: 1,
  fileName: 'atena.csv',
  group: '宛名',
  line: 5,
  item: '氏名（姓）',
  value: NAME,
  expected: null,
  rule: 'gaiji',
  message: '外字「𠮷」（U+20BB7）が含まれています',
  personKey: '1900000001',
}
const gaijiEntry = (decision: unknown = null) => ({
  character: '𠮷',
  codePoint: 'U+20BB7',
  occurrences: 1,
  persons: 1,
  candidates: ['吉'],
  decision,
  samples: [{ fileName: 'atena.csv', line: 5, item: '氏名（姓）', value: NAME, personKey: '1900000001' }],
})
const trialStore = (id: number, overrides: Record<string, unknown> = {}) => ({
  id,
  label: '第1回仮移行',
  status: 'ready',
  storeKind: 'pglite',
  extractId: 3,
  createdBy: 'ikou01',
  createdAt: '2026-12-01T02:00:00.000Z',
  loadedAt: '2026-12-01T02:00:05.000Z',
  erasedAt: null,
  erasureReportId: null,
  tableTimings: [{ table: 'migration_staged_rows', rows: 500, milliseconds: 120 }],
  ...overrides,
})
const reconciliation = (overrides: Record<string, unknown> = {}) => ({
  id: 9,
  version: 1,
  trialStoreId: 4,
  extractId: 3,
  createdBy: 'ikou01',
  createdAt: '2026-12-01T03:00:00.000Z',
  sha256: 'c'.repeat(64),
  lines: [
    { key: 'persons', label: '宛名 人数', scope: 'count', expected: 100, staged: 100, loaded: 99, difference: -1 },
  ],
  differences: [
    {
      id: 21,
      scope: 'count',
      key: 'persons',
      item: '宛名 人数',
      legacyValue: '100',
      loadedValue: '99',
      records: 1,
      explanation: null,
    },
  ],
  unexplained: 1,
  signoff: null,
  ...overrides,
})
const signoff = {
  supervisorLogin: 'kantoku01',
  supervisorName: '検証 四季',
  signedAt: '2026-12-01T04:00:00Z',
  comment: '確認',
}
const upload = (sentBytes: number, complete: boolean) => ({
  extract: extract(3, { status: 'receiving', findingCounts: {}, openGaiji: 0 }),
  folderName: 'extract-2026-11',
  sentBytes,
  totalBytes: 300_000,
  complete,
})

/** The server's lists after a refresh: the extracts given, one 外字, the stores given. */
function lists(extracts: unknown[], stores: unknown[] = []) {
  api.migration.extracts.mockResolvedValue(ok({ extracts }))
  api.migration.gaijiList.mockResolvedValue(ok({ entries: [gaijiEntry()], open: 1 }))
  api.migration.trialStores.mockResolvedValue(ok({ stores }))
}

/** One row of the 突合結果報告 list as the server answers it. */
const listed = (id: number, overrides: Record<string, unknown> = {}) => ({
  id,
  version: 1,
  trialStoreId: 4,
  trialStoreLabel: '第1回仮移行',
  extractId: 3,
  against: 'extract',
  createdBy: 'ikou01',
  createdAt: '2026-12-01T03:00:00.000Z',
  sha256: 'c'.repeat(64),
  differences: 1,
  unexplained: 1,
  records: 1,
  latest: false,
  signoff: null,
  decision: null,
  ...overrides,
})

beforeEach(() => {
  vi.clearAllMocks()
  store().reset()
  api.migration.reconciliationReports.mockResolvedValue(ok({ total: 0, reports: [] }))
})

describe('how the cockpit reads its figures', () => {
  it('shows bytes as staff read them', () => {
    expect(bytesText(512)).toBe('512 B')
    expect(bytesText(131_072)).toBe('128.0 KB')
    expect(bytesText(5 * 1024 * 1024)).toBe('5.0 MB')
  })
  it('shows the upload in whole percent, an empty extract as done', () => {
    expect(uploadPercent(0, 300)).toBe(0)
    expect(uploadPercent(299, 300)).toBe(99)
    expect(uploadPercent(300, 300)).toBe(100)
    expect(uploadPercent(0, 0)).toBe(100)
  })
  it('counts a file verified only when bytes and SHA-256 both match the manifest', () => {
    expect(fileVerified(file() as never)).toBe(true)
    expect(fileVerified(file({ receivedSha256: null }) as never)).toBe(false)
    expect(fileVerified(file({ receivedSha256: 'b'.repeat(64) }) as never)).toBe(false)
    expect(fileVerified(file({ receivedBytes: 29_999 }) as never)).toBe(false)
  })
  it('totals the findings over every rule', () => {
    expect(findingTotal(extract(1, { findingCounts: { gaiji: 2, required: 3 } }) as never)).toBe(5)
    expect(findingTotal(extract(1, { findingCounts: {} }) as never)).toBe(0)
  })
})

describe('the 移行判定 follows the sign-off and the unexplained differences', () => {
  it('allows no decision before the report is signed off', () => {
    expect(decisionState(reconciliation() as never)).toEqual({
      mayDecide: false,
      mayGo: false,
      problem: '突合結果報告が監督者に承認されるまで移行判定はできません',
    })
  })
  it('allows only 移行不可 while a difference is unexplained', () => {
    const state = decisionState(reconciliation({ signoff, unexplained: 2 }) as never)
    expect(state).toMatchObject({ mayDecide: true, mayGo: false })
    expect(state.problem).toContain('説明のない差異が 2 件')
  })
  it('allows 移行可 once signed off with every difference explained', () => {
    expect(decisionState(reconciliation({ signoff, unexplained: 0 }) as never)).toEqual({
      mayDecide: true,
      mayGo: true,
      problem: null,
    })
    expect(decisionState(null).mayDecide).toBe(false)
  })
})

describe('loading an extract through main', () => {
  it('sends chunk after chunk with the progress, finishes it, then shows the new extract and its report', async () => {
    api.migration.openExtract.mockResolvedValue(ok(upload(0, false)))
    const seen: number[] = []
    api.migration.sendNextChunk.mockImplementation(async () => {
      seen.push(store().upload.data?.sentBytes ?? -1)
      return ok(upload(seen.length === 1 ? 131_072 : 300_000, seen.length === 2))
    })
    api.migration.finishExtract.mockResolvedValue(ok(extract(3)))
    lists([extract(3), extract(2, { status: 'accepted' })])
    api.migration.report.mockResolvedValue(ok({ extractId: 3, total: 1, findings: [finding] }))

    expect((await store().loadExtract())?.id).toBe(3)
    expect(api.migration.sendNextChunk).toHaveBeenCalledTimes(2)
    expect(api.migration.sendNextChunk).toHaveBeenCalledWith({ extractId: 3 })
    expect(seen).toEqual([0, 131_072])
    expect(api.migration.finishExtract).toHaveBeenCalledWith({ extractId: 3 })
    expect(store().upload).toMatchObject({ busy: false, error: null })
    expect(store().selectedId).toBe(3)
    expect(store().write.data).toBe('抽出データ 第3号（extract-2026-11）を受け入れ、検証しました')
    expect(api.migration.report).toHaveBeenCalledWith({ extractId: 3, offset: 0, limit: 100 })
    expect(store().report.data?.findings[0]?.rule).toBe('gaiji')
    expect(store().gaiji.data?.open).toBe(1)
  })
  it('stops at a refused chunk and finishes nothing', async () => {
    api.migration.openExtract.mockResolvedValue(ok(upload(0, false)))
    api.migration.sendNextChunk.mockResolvedValue(refused('この抽出データは受信を終えています'))
    expect(await store().loadExtract()).toBeNull()
    expect(store().upload).toMatchObject({ busy: false, error: 'この抽出データは受信を終えています' })
    expect(api.migration.finishExtract).not.toHaveBeenCalled()
  })
  it('shows why main could not open the folder and sends nothing', async () => {
    api.migration.openExtract.mockResolvedValue(refused('フォルダが選択されなかったため中止しました'))
    expect(await store().loadExtract()).toBeNull()
    expect(store().upload.error).toBe('フォルダが選択されなかったため中止しました')
    expect(api.migration.sendNextChunk).not.toHaveBeenCalled()
  })
  it('opens the dialog once for a double press', async () => {
    let answer: (v: unknown) => void = () => {}
    api.migration.openExtract.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)))
    const first = store().loadExtract()
    expect(await store().loadExtract()).toBeNull()
    answer(refused('中止'))
    await first
    expect(api.migration.openExtract).toHaveBeenCalledTimes(1)
  })
})

describe('the extracts and the validation report', () => {
  it('keeps the extract shown when it is still listed, else shows the newest', async () => {
    lists([extract(5), extract(3)])
    await store().refresh()
    expect(store().selectedId).toBe(5)
    api.migration.report.mockResolvedValue(ok({ extractId: 3, total: 0, findings: [] }))
    await store().select(3)
    await store().refresh()
    expect(store().selectedId).toBe(3)
    lists([extract(6)])
    await store().refresh()
    expect(store().selectedId).toBe(6)
  })
  it('filters the report by rule and pages it', async () => {
    lists([extract(3)])
    await store().refresh()
    api.migration.report.mockResolvedValue(ok({ extractId: 3, total: 250, findings: [finding] }))
    await store().loadReport('gaiji', 100)
    expect(api.migration.report).toHaveBeenCalledWith({ extractId: 3, rule: 'gaiji', offset: 100, limit: 100 })
    expect(store().reportRule).toBe('gaiji')
  })
  it('shows no report of another extract after a refusal', async () => {
    lists([extract(3)])
    await store().refresh()
    api.migration.report.mockResolvedValueOnce(ok({ extractId: 3, total: 1, findings: [finding] }))
    await store().loadReport(null)
    api.migration.report.mockResolvedValueOnce(refused('抽出データが見つかりません'))
    expect(await store().loadReport(null)).toBe(false)
    expect(store().report).toEqual({ busy: false, error: '抽出データが見つかりません', data: null })
  })
  it('keeps only the answer to the newest report asked for', async () => {
    lists([extract(3)])
    await store().refresh()
    let answerOld: (v: unknown) => void = () => {}
    api.migration.report
      .mockImplementationOnce(() => new Promise((resolve) => (answerOld = resolve)))
      .mockResolvedValueOnce(ok({ extractId: 3, total: 0, findings: [] }))
    const old = store().loadReport(null)
    await store().loadReport('required')
    answerOld(ok({ extractId: 3, total: 1, findings: [finding] }))
    expect(await old).toBe(false)
    expect(store().report.data?.total).toBe(0)
  })
  it('accepts the report of the extract shown with a fresh idempotency key and the note', async () => {
    lists([extract(3)])
    await store().refresh()
    api.migration.acceptReport.mockResolvedValue(ok(extract(3, { status: 'accepted' })))
    lists([extract(3, { status: 'accepted' })])
    expect(await store().acceptReport('指摘なしを確認')).toBe(true)
    expect(api.migration.acceptReport).toHaveBeenCalledWith({
      extractId: 3,
      note: '指摘なしを確認',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().write.data).toBe('抽出データ 第3号の検証結果を承認しました')
    expect(store().extracts.data?.[0]?.status).toBe('accepted')
  })
  it('shows the four-eyes refusal of the server', async () => {
    lists([extract(3)])
    await store().refresh()
    api.migration.acceptReport.mockResolvedValue(
      refused('自分が受け入れた抽出データの検証結果は承認できません。別の監督者に承認を依頼してください'),
    )
    expect(await store().acceptReport('確認')).toBe(false)
    expect(store().write.error).toContain('別の監督者に承認を依頼してください')
  })
})

describe('the 外字 workbench', () => {
  it('records a standard character with its reason and says what was decided', async () => {
    const decision = { replacement: '吉', reason: '届出', decidedBy: 'ikou01', decidedAt: '2026-12-01T01:00:00Z' }
    api.migration.decideGaiji.mockResolvedValue(ok(gaijiEntry(decision)))
    lists([extract(3)])
    expect(await store().decideGaiji('𠮷', '吉', '届出')).toBe(true)
    expect(api.migration.decideGaiji).toHaveBeenCalledWith({
      character: '𠮷',
      replacement: '吉',
      reason: '届出',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().write.data).toBe('外字「𠮷」を「吉」に置き換えると決定しました')
    expect(api.migration.gaijiList).toHaveBeenCalledWith({ status: 'all' })
  })
  it('says so when the character is kept as it is', async () => {
    const decision = { replacement: '𠮷', reason: '印字可', decidedBy: 'ikou01', decidedAt: '2026-12-01T01:00:00Z' }
    api.migration.decideGaiji.mockResolvedValue(ok(gaijiEntry(decision)))
    lists([])
    await store().decideGaiji('𠮷', '𠮷', '印字可')
    expect(store().write.data).toBe('外字「𠮷」をそのまま使用すると決定しました')
  })
})

describe('仮移行: a dry run first, then the load of the extract it planned', () => {
  const plan = {
    extractId: 3,
    groups: [{ group: '宛名', fileName: 'atena.csv', rows: 120 }],
    totalRows: 120,
    persons: 100,
    replaces: [],
  }
  it('runs nothing without a dry run of the extract shown', async () => {
    lists([extract(3, { status: 'accepted' })])
    await store().refresh()
    expect(await store().startRehearsal('第1回仮移行')).toBeNull()
    expect(api.migration.startRehearsal).not.toHaveBeenCalled()
  })
  it('plans, loads with the label and lists the new store', async () => {
    lists([extract(3, { status: 'accepted' })])
    await store().refresh()
    api.migration.rehearsalDryRun.mockResolvedValue(ok(plan))
    expect(await store().dryRun()).toBe(true)
    expect(api.migration.rehearsalDryRun).toHaveBeenCalledWith({ extractId: 3 })
    api.migration.startRehearsal.mockResolvedValue(ok(trialStore(4)))
    lists([extract(3, { status: 'accepted' })], [trialStore(4)])
    expect((await store().startRehearsal('第1回仮移行'))?.id).toBe(4)
    expect(api.migration.startRehearsal).toHaveBeenCalledWith({
      extractId: 3,
      label: '第1回仮移行',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().write.data).toBe('仮移行「第1回仮移行」を読み込みました（仮移行環境 第4号）')
    expect(store().plan.data).toBeNull()
    expect(store().stores.data?.[0]?.tableTimings[0]).toMatchObject({ rows: 500, milliseconds: 120 })
  })
  it('forgets the plan when another extract is shown', async () => {
    lists([extract(3, { status: 'accepted' }), extract(2, { status: 'accepted' })])
    await store().refresh()
    api.migration.rehearsalDryRun.mockResolvedValue(ok(plan))
    await store().dryRun()
    api.migration.report.mockResolvedValue(ok({ extractId: 2, total: 0, findings: [] }))
    await store().select(2)
    expect(store().plan.data).toBeNull()
    expect(await store().startRehearsal('x')).toBeNull()
  })
})

describe('突合, its drill-down, the sign-off and the 移行判定', () => {
  it('runs the 突合 on a store and shows its report', async () => {
    api.migration.reconcile.mockResolvedValue(ok(reconciliation()))
    expect(await store().reconcile(4)).toBe(true)
    expect(api.migration.reconcile).toHaveBeenCalledWith({
      trialStoreId: 4,
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().write.data).toBe('突合結果報告 第9号（第1版）を作成しました。差異 1 件')
    expect(store().reconciliation.data?.id).toBe(9)
  })
  it('opens a report by its number and drills down to the records of a difference', async () => {
    api.migration.reconciliation.mockResolvedValue(ok(reconciliation()))
    expect(await store().openReconciliation(9)).toBe(true)
    expect(api.migration.reconciliation).toHaveBeenCalledWith({ reportId: 9 })
    const records = {
      differenceId: 21,
      total: 1,
      records: [{ insuredNumber: '0000012345', item: '宛名', legacyValue: NAME, loadedValue: '（なし）' }],
    }
    api.migration.differenceRecords.mockResolvedValue(ok(records))
    expect(await store().openDifference(21)).toBe(true)
    expect(api.migration.differenceRecords).toHaveBeenCalledWith({
      reportId: 9,
      differenceId: 21,
      offset: 0,
      limit: 100,
    })
    expect(store().drillDown.data?.records[0]?.insuredNumber).toBe('0000012345')
    store().closeDrillDown()
    expect(store().drillDown.data).toBeNull()
  })
  it('ignores a drill-down answer that comes after it was closed', async () => {
    api.migration.reconciliation.mockResolvedValue(ok(reconciliation()))
    await store().openReconciliation(9)
    let answer: (v: unknown) => void = () => {}
    api.migration.differenceRecords.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)))
    const late = store().openDifference(21)
    store().closeDrillDown()
    answer(ok({ differenceId: 21, total: 0, records: [] }))
    expect(await late).toBe(false)
    expect(store().drillDown.data).toBeNull()
  })
  it('signs the report off with the explanation of each difference', async () => {
    api.migration.reconcile.mockResolvedValue(ok(reconciliation()))
    await store().reconcile(4)
    api.migration.signOffReconciliation.mockResolvedValue(ok(reconciliation({ signoff, unexplained: 0 })))
    const explanations = [{ differenceId: 21, text: '死亡者1名は旧システムで削除済み' }]
    expect(await store().signOff('確認', explanations)).toBe(true)
    expect(api.migration.signOffReconciliation).toHaveBeenCalledWith({
      reportId: 9,
      comment: '確認',
      explanations,
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().reconciliation.data?.signoff?.supervisorLogin).toBe('kantoku01')
    expect(store().write.data).toBe('突合結果報告 第9号を承認しました')
  })
  it('records the 移行判定 on the report shown', async () => {
    api.migration.reconciliation.mockResolvedValue(ok(reconciliation({ signoff, unexplained: 0 })))
    await store().openReconciliation(9)
    const decided = {
      id: 1,
      decision: 'go',
      reportId: 9,
      reportVersion: 1,
      reportSha256: 'c'.repeat(64),
      cutoverId: null,
      approverLogin: 'kantoku01',
      approverName: '検証 四季',
      decidedAt: '2026-12-01T05:00:00Z',
      reasons: '差異なし',
    }
    api.migration.recordDecision.mockResolvedValue(ok(decided))
    expect((await store().recordDecision('go', '差異なし'))?.id).toBe(1)
    expect(api.migration.recordDecision).toHaveBeenCalledWith({
      reportId: 9,
      decision: 'go',
      reasons: '差異なし',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().decision?.decision).toBe('go')
    expect(store().write.data).toBe('移行判定「移行可」を記録しました（突合結果報告 第9号 第1版）')
  })
  it('records nothing without a report shown', async () => {
    expect(await store().recordDecision('noGo', '差異あり')).toBeNull()
    expect(await store().signOff('確認', [])).toBe(false)
    expect(api.migration.recordDecision).not.toHaveBeenCalled()
  })
  it('lists the newest reports for the 監督者 to pick from, and opens the one picked', async () => {
    const reports = [
      listed(10, { version: 2, latest: true }),
      listed(9, { signoff: { supervisorLogin: 'kantoku01', signedAt: '2026-12-01T04:00:00Z' } }),
    ]
    api.migration.reconciliationReports.mockResolvedValue(ok({ total: 2, reports }))
    expect(await store().loadReports()).toBe(true)
    expect(api.migration.reconciliationReports).toHaveBeenCalledWith({ offset: 0, limit: 50 })
    expect(store().reports.data?.reports.map((r) => r.id)).toEqual([10, 9])
    api.migration.reconciliation.mockResolvedValue(ok(reconciliation()))
    expect(await store().openReconciliation(store().reports.data!.reports[1]!.id)).toBe(true)
    expect(api.migration.reconciliation).toHaveBeenCalledWith({ reportId: 9 })
  })
  it('lists the reports again after a 突合, a sign-off and a 移行判定', async () => {
    api.migration.reconcile.mockResolvedValue(ok(reconciliation()))
    await store().reconcile(4)
    expect(api.migration.reconciliationReports).toHaveBeenCalledTimes(1)
    api.migration.signOffReconciliation.mockResolvedValue(ok(reconciliation({ signoff, unexplained: 0 })))
    await store().signOff('確認', [{ differenceId: 21, text: '説明' }])
    expect(api.migration.reconciliationReports).toHaveBeenCalledTimes(2)
    api.migration.recordDecision.mockResolvedValue(
      ok({
        id: 1,
        decision: 'noGo',
        reportId: 9,
        reportVersion: 1,
        reportSha256: 'c'.repeat(64),
        cutoverId: null,
        approverLogin: 'kantoku01',
        approverName: '検証 四季',
        decidedAt: '2026-12-01T05:00:00Z',
        reasons: '再確認',
      }),
    )
    await store().recordDecision('noGo', '再確認')
    expect(api.migration.reconciliationReports).toHaveBeenCalledTimes(3)
  })
  it('shows why the list was refused and keeps no list of an earlier session after a reset', async () => {
    api.migration.reconciliationReports.mockResolvedValueOnce(ok({ total: 1, reports: [listed(9)] }))
    await store().loadReports()
    store().reset()
    expect(store().reports.data).toBeNull()
    api.migration.reconciliationReports.mockResolvedValueOnce({
      ok: false,
      code: 'forbidden',
      message: 'この操作の権限がありません',
    })
    expect(await store().loadReports()).toBe(false)
    expect(store().reports.error).toBe('この操作の権限がありません')
  })
  it('sends a write once for a double press', async () => {
    api.migration.reconcile.mockResolvedValue(ok(reconciliation()))
    await Promise.all([store().reconcile(4), store().reconcile(4)])
    expect(api.migration.reconcile).toHaveBeenCalledTimes(1)
  })
})

describe('erasure of a trial store', () => {
  it('sends the witness and keeps the 消去報告書 without its PDF', async () => {
    const report = {
      id: 2,
      trialStoreId: 4,
      target: '仮移行環境 第4号',
      items: [{ what: '行', count: 500 }],
      method: '暗号鍵の破棄とデータベースの削除',
      operatorLogin: 'ikou01',
      operatorName: '検証 十和',
      witnessName: '検証 四季',
      witnessTitle: '管理係長',
      erasedAt: '2026-12-01T06:00:00Z',
      verification: { keyDestroyed: true, storeDropped: true },
      pdfSha256: 'd'.repeat(64),
      pdfBase64: 'JVBERi0=',
    }
    api.migration.eraseTrialStore.mockResolvedValue(ok(report))
    lists([], [trialStore(4, { status: 'erased' })])
    expect(await store().eraseTrialStore(4, '検証 四季', '管理係長')).toBe(true)
    expect(api.migration.eraseTrialStore).toHaveBeenCalledWith({
      trialStoreId: 4,
      witnessName: '検証 四季',
      witnessTitle: '管理係長',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().erasure).toMatchObject({ id: 2, pdfSha256: 'd'.repeat(64) })
    expect(store().erasure).not.toHaveProperty('pdfBase64')
    expect(store().write.data).toBe('仮移行環境 第4号を消去しました（消去報告書 第2号）')
  })
})

describe('personal data', () => {
  it('is registered as migration and cleared with the findings, 外字 samples and drill-down', async () => {
    lists([extract(3)])
    await store().refresh()
    api.migration.report.mockResolvedValue(ok({ extractId: 3, total: 1, findings: [finding] }))
    await store().loadReport(null)
    expect(JSON.stringify(store())).toContain(NAME)
    expect(personalDataStores()).toContain('migration')
    clearPersonalData()
    expect(JSON.stringify(store())).not.toContain(NAME)
    expect(store().selectedId).toBeNull()
    expect(store().extracts.data).toBeNull()
  })
})
