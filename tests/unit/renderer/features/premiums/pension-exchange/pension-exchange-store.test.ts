import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  pensionExchange: {
    files: vi.fn(),
    importTargets: vi.fn(),
    importResults: vi.fn(),
    exportRequests: vi.fn(),
    approveFile: vi.fn(),
    saveFile: vi.fn(),
  },
}))
vi.mock('../../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { usePensionExchangeStore, exchangeFileGroups, sentFileActions, monthInJapan } =
  await import('../../../../../../renderer/src/features/premiums/pension-exchange/pension-exchange-store')
const { clearPersonalData, personalDataStores } =
  await import('../../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'forbidden' as const, message })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const store = () => usePensionExchangeStore.getState()

const file = (
  id: number,
  over: Partial<{ direction: 'received' | 'sent'; fileKind: string; records: number; createdAt: string }> = {},
) => ({
  id,
  direction: 'received' as const,
  fileKind: 'targets',
  fiscalYear: 2026,
  fileName: `Z11260${id}.dta`,
  records: 10,
  matched: 9,
  unmatched: 1,
  createdAt: '2026-05-20T01:00:00.000Z',
  ...over,
})

const dryRun = {
  status: 'dryRun' as const,
  fiscalYear: 2026,
  kind: 'requests' as const,
  fileId: null,
  fileName: null,
  contentBase64: null,
  records: 2,
  totalAmount: 48_000,
  lines: [
    { personId: 41, noticeCode: '01', category: '01', amounts: [8_000, 8_000, 8_000], previousAmounts: null },
    { personId: 42, noticeCode: '01', category: '01', amounts: [8_000, 8_000, 8_000], previousAmounts: null },
  ],
  skipped: [{ personId: 43, reason: '対象者情報がありません' }],
  truncated: false,
}
const prepared = { ...dryRun, status: 'awaitingApproval' as const, fileId: 12, fileName: 'Z1226001.dta' }
const approved = {
  fileId: 12,
  fileKind: 'requests',
  fiscalYear: 2026,
  fileName: 'Z1226001.dta',
  records: 2,
  status: 'approved' as const,
  preparedAt: '2026-07-01T01:00:00.000Z',
  approvedAt: '2026-07-01T02:00:00.000Z',
}

beforeEach(() => {
  vi.clearAllMocks()
  store().reset()
  api.pensionExchange.files.mockResolvedValue(ok({ files: [] }))
})

describe('the files exchanged are summed by kind and month, in Japan time', () => {
  it('puts a file stamped 15:00 UTC on the last day of a month in the next month (JST 00:00)', () => {
    expect(monthInJapan('2026-05-31T14:59:59.000Z')).toBe('2026-05')
    expect(monthInJapan('2026-05-31T15:00:00.000Z')).toBe('2026-06')
  })
  it('adds the records, matched and unmatched of the files of one kind in one month', () => {
    const groups = exchangeFileGroups([
      file(1, { records: 10 }),
      file(2, { records: 5, createdAt: '2026-05-25T01:00:00.000Z' }),
      file(3, { direction: 'sent', fileKind: 'requests', records: 7, createdAt: '2026-07-01T01:00:00.000Z' }),
      file(4, { fileKind: 'results', records: 3, createdAt: '2026-10-16T01:00:00.000Z' }),
    ])
    expect(groups).toEqual([
      { direction: 'received', fileKind: 'results', month: '2026-10', files: 1, records: 3, matched: 9, unmatched: 1 },
      { direction: 'sent', fileKind: 'requests', month: '2026-07', files: 1, records: 7, matched: 9, unmatched: 1 },
      {
        direction: 'received',
        fileKind: 'targets',
        month: '2026-05',
        files: 2,
        records: 15,
        matched: 18,
        unmatched: 2,
      },
    ])
  })
})

describe('a sent file is signed off by a second person and saved by the clerk; a received one neither', () => {
  const none = { approvals: {}, preparedIds: [] as number[] }
  const both = { mayExchange: true, mayApprove: true }
  it('offers nothing for a received file or no file', () => {
    expect(sentFileActions(file(1), none, both)).toEqual({ approve: false, save: false })
    expect(sentFileActions(null, none, both)).toEqual({ approve: false, save: false })
  })
  it('never offers the sign-off to whoever prepared the file here', () => {
    const sent = file(12, { direction: 'sent', fileKind: 'requests' })
    expect(sentFileActions(sent, { approvals: {}, preparedIds: [12] }, both)).toEqual({ approve: false, save: true })
  })
  it('offers the sign-off only with the approval permission, and not again once signed off', () => {
    const sent = file(12, { direction: 'sent', fileKind: 'requests' })
    expect(sentFileActions(sent, none, { mayExchange: true, mayApprove: false }).approve).toBe(false)
    expect(sentFileActions(sent, none, { mayExchange: false, mayApprove: true })).toEqual({
      approve: true,
      save: false,
    })
    expect(sentFileActions(sent, { approvals: { 12: approved }, preparedIds: [] }, both).approve).toBe(false)
  })
})

describe('imports: main chooses and reads the file; the store keeps the server’s report', () => {
  it('imports a 対象者情報 file for the year and reloads the list once it is applied', async () => {
    api.pensionExchange.importTargets.mockResolvedValue(
      ok({
        status: 'applied',
        fiscalYear: 2026,
        records: 3,
        matched: 3,
        unmatchedCount: 0,
        unmatched: [],
        problems: [],
        truncated: false,
        dummyRecords: 1,
        fileName: 'Z1126002.dta',
      }),
    )
    await store().loadFiles(2026)
    api.pensionExchange.files.mockClear()
    expect(await store().importTargets(2026, false)).toBe(true)
    expect(api.pensionExchange.importTargets).toHaveBeenCalledWith({ fiscalYear: 2026, dryRun: false })
    expect(store().targets.data?.matched).toBe(3)
    expect(api.pensionExchange.files).toHaveBeenCalledWith({ fiscalYear: 2026 })
  })
  it('keeps the line report of a refused 結果 file and reloads nothing (nothing was applied)', async () => {
    const problem = { recordNumber: 3, bytePosition: 1, field: 'レコード区分', message: 'レコード区分「9」は不正です' }
    api.pensionExchange.importResults.mockResolvedValue(
      ok({
        status: 'rejected',
        fiscalYear: null,
        records: 0,
        matched: 0,
        unmatchedCount: 0,
        unmatched: [],
        problems: [problem],
        truncated: false,
        withheld: 0,
        notWithheld: 0,
        withheldAmount: 0,
        fileName: 'Z1426001.dta',
      }),
    )
    await store().loadFiles(2026)
    api.pensionExchange.files.mockClear()
    await store().importResults(true)
    expect(api.pensionExchange.importResults).toHaveBeenCalledWith({ dryRun: true })
    expect(store().results.data?.problems).toEqual([problem])
    expect(api.pensionExchange.files).not.toHaveBeenCalled()
  })
  it('shows the refusal of main (a cancelled dialog) as the import’s error', async () => {
    api.pensionExchange.importTargets.mockResolvedValue({
      ok: false,
      code: 'invalidRequest',
      message: 'ファイルが選択されなかったため中止しました',
    })
    expect(await store().importTargets(2026, false)).toBe(false)
    expect(store().targets.error).toBe('ファイルが選択されなかったため中止しました')
  })
})

describe('the 依頼 file: dry run, preparation, sign-off and save', () => {
  it('runs the dry run with a fresh idempotency key and records nothing', async () => {
    api.pensionExchange.exportRequests.mockResolvedValue(ok(dryRun))
    await store().exportDryRun(2026, 'requests')
    const req = api.pensionExchange.exportRequests.mock.calls[0]![0]
    expect(req).toMatchObject({ fiscalYear: 2026, kind: 'requests', dryRun: true })
    expect(req.idempotencyKey).toMatch(UUID)
    expect(store().requests.data?.totalAmount).toBe(48_000)
    expect(store().preparedIds).toEqual([])
  })
  it('prepares the file, remembers it as prepared here and says it awaits a 監督者', async () => {
    api.pensionExchange.exportRequests.mockResolvedValue(ok(prepared))
    expect(await store().prepare(2026, 'requests')).toBe(true)
    expect(api.pensionExchange.exportRequests.mock.calls[0]![0]).not.toHaveProperty('dryRun')
    expect(store().preparedIds).toEqual([12])
    expect(store().selectedFileId).toBe(12)
    expect(store().write.data).toBe(
      '2026年度 特別徴収依頼ファイル Z1226001.dta（第12号・2件）を作成しました。監督者の承認が必要です',
    )
  })
  it('records the sign-off the server answered', async () => {
    api.pensionExchange.approveFile.mockResolvedValue(ok(approved))
    expect(await store().approve(12)).toBe(true)
    expect(api.pensionExchange.approveFile.mock.calls[0]![0]).toMatchObject({ fileId: 12 })
    expect(store().approvals[12]?.status).toBe('approved')
  })
  it('shows the server’s four-eyes refusal in Japanese and records no sign-off', async () => {
    api.pensionExchange.approveFile.mockResolvedValue(
      refused('送付ファイルを作成した職員は承認できません（別の監督者が承認してください）'),
    )
    expect(await store().approve(12)).toBe(false)
    expect(store().write.error).toBe('送付ファイルを作成した職員は承認できません（別の監督者が承認してください）')
    expect(store().approvals).toEqual({})
  })
  it('saves through main and keeps only the name, destination and SHA-256', async () => {
    const saved = {
      fileId: 12,
      fileName: 'Z1226001.dta',
      destination: '/exports/Z1226001.dta',
      fileSha256: 'a'.repeat(64),
      records: 2,
    }
    api.pensionExchange.saveFile.mockResolvedValue(ok(saved))
    expect(await store().save(12)).toBe(true)
    expect(api.pensionExchange.saveFile).toHaveBeenCalledWith({ fileId: 12 })
    expect(store().saved).toEqual(saved)
    expect(store().write.data).toBe('Z1226001.dta を保存しました（2件）')
  })
})

describe('logout and lock clear what the screen showed', () => {
  it('registers with the personal-data registry and empties the reports', async () => {
    expect(personalDataStores()).toContain('pensionExchange')
    api.pensionExchange.exportRequests.mockResolvedValue(ok(prepared))
    await store().prepare(2026, 'requests')
    clearPersonalData()
    expect(store().requests.data).toBeNull()
    expect(store().preparedIds).toEqual([])
    expect(store().fiscalYear).toBeNull()
  })
})
