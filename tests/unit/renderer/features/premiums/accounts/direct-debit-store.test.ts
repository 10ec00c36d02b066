import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  premiumRecords: {
    directDebitDryRun: vi.fn(),
    directDebitFile: vi.fn(),
    directDebitApprove: vi.fn(),
    saveDirectDebitFile: vi.fn(),
  },
}))
vi.mock('../../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useDirectDebitStore, shownFile, directDebitActions } =
  await import('../../../../../../renderer/src/features/premiums/accounts/direct-debit-store')
const { clearPersonalData, personalDataStores } =
  await import('../../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'forbidden' as const, message })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const store = () => useDirectDebitStore.getState()
const DATE = '2026-07-27'

const dryRun = (issued: null | { requestId: number; approved: boolean }) => ({
  transferDate: DATE,
  count: 3,
  total: 24_300,
  withoutAccount: 2,
  issued: issued && { ...issued, issue: 1, records: 3, total: 24_300, createdAt: '2026-07-10T01:00:00.000Z' },
})
const prepared = (status: 'awaitingApproval' | 'approved') => ({
  requestId: 9,
  transferDate: DATE,
  issue: 1,
  fileName: 'kouza-20260727-1.txt',
  count: 3,
  total: 24_300,
  status,
})

beforeEach(() => {
  vi.clearAllMocks()
  store().reset()
})

describe('the dry run of a 振替日: what the file would hold and the file already made', () => {
  it('shows the count, total, those paying by 納付書 and no file yet', async () => {
    api.premiumRecords.directDebitDryRun.mockResolvedValue(ok(dryRun(null)))
    expect(await store().runDryRun(DATE)).toBe(true)
    expect(api.premiumRecords.directDebitDryRun).toHaveBeenCalledWith({ transferDate: DATE })
    expect(store().dryRun.data?.withoutAccount).toBe(2)
    expect(shownFile(store())).toBeNull()
  })
  it('shows the file already made for the date, as not prepared here', async () => {
    api.premiumRecords.directDebitDryRun.mockResolvedValue(ok(dryRun({ requestId: 4, approved: false })))
    await store().runDryRun(DATE)
    expect(shownFile(store())).toMatchObject({ requestId: 4, count: 3, approved: false, preparedHere: false })
  })
})

describe('four eyes: the preparer is offered no sign-off; only an approved file is offered for saving', () => {
  const session = { mayFile: true, mayApprove: true }
  it('offers the sign-off of a file made by someone else to a 監督者', () => {
    const shown = { requestId: 4, issue: 1, count: 3, total: 1, approved: false, preparedHere: false }
    expect(directDebitActions(shown, session)).toEqual({ approve: true, save: false })
    expect(directDebitActions(shown, { ...session, mayApprove: false }).approve).toBe(false)
  })
  it('offers no sign-off of the file prepared here', async () => {
    api.premiumRecords.directDebitDryRun.mockResolvedValue(ok(dryRun({ requestId: 9, approved: false })))
    api.premiumRecords.directDebitFile.mockResolvedValue(ok(prepared('awaitingApproval')))
    await store().runDryRun(DATE)
    await store().prepare(DATE)
    expect(shownFile(store())).toMatchObject({ requestId: 9, preparedHere: true })
    expect(directDebitActions(shownFile(store()), session)).toEqual({ approve: false, save: false })
  })
  it('offers the save of an approved file to those who make the file', () => {
    const shown = { requestId: 4, issue: 1, count: 3, total: 1, approved: true, preparedHere: true }
    expect(directDebitActions(shown, session)).toEqual({ approve: false, save: true })
    expect(directDebitActions(shown, { ...session, mayFile: false }).save).toBe(false)
  })
})

describe('prepare, approve and save', () => {
  beforeEach(() => api.premiumRecords.directDebitDryRun.mockResolvedValue(ok(dryRun(null))))

  it('prepares with a fresh key, says a 監督者 must approve, and runs the dry run again', async () => {
    api.premiumRecords.directDebitFile.mockResolvedValue(ok(prepared('awaitingApproval')))
    await store().runDryRun(DATE)
    expect(await store().prepare(DATE)).toBe(true)
    const req = api.premiumRecords.directDebitFile.mock.calls[0]![0] as { transferDate: string; idempotencyKey: string }
    expect(req.transferDate).toBe(DATE)
    expect(req).not.toHaveProperty('reissue')
    expect(req.idempotencyKey).toMatch(UUID)
    expect(store().write.data).toContain('監督者の承認が必要です')
    expect(api.premiumRecords.directDebitDryRun).toHaveBeenCalledTimes(2)
  })
  it('sends the reason of a re-issue', async () => {
    api.premiumRecords.directDebitFile.mockResolvedValue(ok(prepared('awaitingApproval')))
    await store().prepare(DATE, '金融機関でデータが読めなかった')
    expect(api.premiumRecords.directDebitFile.mock.calls[0]![0]).toMatchObject({
      reissue: { reason: '金融機関でデータが読めなかった' },
    })
  })
  it('approves with a fresh key and shows the server’s refusal of the preparer', async () => {
    await store().runDryRun(DATE)
    api.premiumRecords.directDebitApprove.mockResolvedValueOnce(refused('作成した本人は承認できません'))
    expect(await store().approve(9)).toBe(false)
    expect(store().write.error).toBe('作成した本人は承認できません')
    api.premiumRecords.directDebitApprove.mockResolvedValueOnce(ok(prepared('approved')))
    expect(await store().approve(9)).toBe(true)
    expect(
      (api.premiumRecords.directDebitApprove.mock.calls[1]![0] as { idempotencyKey: string }).idempotencyKey,
    ).toMatch(UUID)
  })
  it('saves through main and keeps only the name, destination and hash', async () => {
    const saved = {
      requestId: 9,
      transferDate: DATE,
      fileName: 'kouza-20260727-1.txt',
      destination: '/home/u/kouza-20260727-1.txt',
      fileSha256: 'a'.repeat(64),
      count: 3,
      total: 24_300,
    }
    api.premiumRecords.saveDirectDebitFile.mockResolvedValue(ok(saved))
    expect(await store().save(9)).toBe(true)
    expect(api.premiumRecords.saveDirectDebitFile).toHaveBeenCalledWith({ requestId: 9 })
    expect(store().saved).toEqual(saved)
    expect(store().write.data).toBe('kouza-20260727-1.txt を保存しました（3件）')
  })
  it('shows the export control’s refusal', async () => {
    api.premiumRecords.saveDirectDebitFile.mockResolvedValue(
      refused('USBメモリ等の外部記憶媒体には保存できません（端末ポリシー）'),
    )
    expect(await store().save(9)).toBe(false)
    expect(store().write.error).toContain('外部記憶媒体')
  })
})

describe('the store is registered and emptied on logout and lock', () => {
  it('is registered as premiumDirectDebit and cleared', async () => {
    api.premiumRecords.directDebitDryRun.mockResolvedValue(ok(dryRun(null)))
    await store().runDryRun(DATE)
    expect(personalDataStores()).toContain('premiumDirectDebit')
    clearPersonalData()
    expect(store().dryRun.data).toBeNull()
    expect(store().transferDate).toBeNull()
  })
})
