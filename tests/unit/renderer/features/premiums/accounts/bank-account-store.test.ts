import { beforeEach, describe, expect, it, vi } from 'vitest'
import { revision } from './fixtures'

const api = vi.hoisted(() => ({
  premiumRecords: {
    bankAccounts: vi.fn(),
    registerBankAccount: vi.fn(),
    changeBankAccount: vi.fn(),
    stopDirectDebit: vi.fn(),
  },
}))
vi.mock('../../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useBankAccountStore, accountInForce } =
  await import('../../../../../../renderer/src/features/premiums/accounts/bank-account-store')
const { clearPersonalData, personalDataStores } =
  await import('../../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'invalidRequest' as const, message })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const store = () => useBankAccountStore.getState()
const draft = {
  validFrom: '2026-05-01',
  validTo: null,
  bankCode: '0005',
  branchCode: '123',
  accountType: '1' as const,
  accountNumber: '7654321',
  holderKana: 'テスト タロウ',
  reason: '口座振替依頼書の受付',
}

beforeEach(() => {
  vi.clearAllMocks()
  store().reset()
})

describe('the account in force on a date: the newest start first, its validity inclusive on both ends', () => {
  const older = revision({ accountId: 4, validFrom: '2025-04-01', validTo: '2026-03-31' })
  const newer = revision({ accountId: 5, validFrom: '2026-04-01', validTo: null })
  it('is the older account on its last day and the newer one on its first', () => {
    expect(accountInForce([newer, older], '2026-03-31')?.accountId).toBe(4)
    expect(accountInForce([newer, older], '2026-04-01')?.accountId).toBe(5)
  })
  it('is none before the first account starts', () => {
    expect(accountInForce([newer, older], '2025-03-31')).toBeNull()
  })
  it('is none after an account that ended (stopped) with no other', () => {
    expect(accountInForce([older], '2026-04-01')).toBeNull()
  })
})

describe('loading a person’s accounts: an audited read, only the newest answer kept', () => {
  it('reads the person’s accounts and history', async () => {
    const data = { personId: 41, accounts: [revision()], history: [revision()] }
    api.premiumRecords.bankAccounts.mockResolvedValue(ok(data))
    await store().load(41)
    expect(api.premiumRecords.bankAccounts).toHaveBeenCalledWith({ personId: 41 })
    expect(store().accounts.data).toEqual(data)
  })
  it('drops the answer for a person no longer shown', async () => {
    let answer: (v: unknown) => void = () => undefined
    api.premiumRecords.bankAccounts.mockReturnValueOnce(new Promise((r) => (answer = r)))
    const first = store().load(41)
    api.premiumRecords.bankAccounts.mockResolvedValueOnce(ok({ personId: 42, accounts: [], history: [] }))
    await store().load(42)
    answer(ok({ personId: 41, accounts: [revision()], history: [] }))
    await first
    expect(store().accounts.data?.personId).toBe(42)
  })
  it('shows the server’s Japanese refusal', async () => {
    api.premiumRecords.bankAccounts.mockResolvedValue(refused('この方の情報は参照できません'))
    await store().load(41)
    expect(store().accounts.error).toBe('この方の情報は参照できません')
  })
})

describe('register, change and stop: a fresh key or the revision changed, then a reload', () => {
  beforeEach(() => api.premiumRecords.bankAccounts.mockResolvedValue(ok({ personId: 41, accounts: [], history: [] })))

  it('registers with a fresh idempotency key and reloads', async () => {
    await store().load(41)
    api.premiumRecords.registerBankAccount.mockResolvedValue(ok(revision()))
    expect(await store().register(41, draft)).toBe(true)
    const req = api.premiumRecords.registerBankAccount.mock.calls[0]![0] as { idempotencyKey: string }
    expect(req).toMatchObject({ personId: 41, ...draft })
    expect(req.idempotencyKey).toMatch(UUID)
    expect(store().write.data).toBe('口座振替の開始を登録しました')
    expect(api.premiumRecords.bankAccounts).toHaveBeenCalledTimes(2)
  })
  it('changes the revision shown: its revision number is the rowVersion', async () => {
    await store().load(41)
    api.premiumRecords.changeBankAccount.mockResolvedValue(ok(revision({ revision: 3 })))
    await store().change(revision({ revision: 2 }), draft)
    expect(api.premiumRecords.changeBankAccount).toHaveBeenCalledWith({ accountId: 5, rowVersion: 2, ...draft })
  })
  it('stops with the last debit day and the reason', async () => {
    await store().load(41)
    api.premiumRecords.stopDirectDebit.mockResolvedValue(ok(revision({ action: 'stop' })))
    await store().stop(revision({ revision: 2 }), '2026-09-30', '本人の申出')
    expect(api.premiumRecords.stopDirectDebit).toHaveBeenCalledWith({
      accountId: 5,
      rowVersion: 2,
      stopOn: '2026-09-30',
      reason: '本人の申出',
    })
    expect(store().write.data).toBe('口座振替の停止を登録しました')
  })
  it('shows the server’s check of the bank code and keeps the form’s data', async () => {
    await store().load(41)
    api.premiumRecords.registerBankAccount.mockResolvedValue(refused('金融機関コード: 0005 は全銀マスタにありません'))
    expect(await store().register(41, draft)).toBe(false)
    expect(store().write.error).toBe('金融機関コード: 0005 は全銀マスタにありません')
    expect(api.premiumRecords.bankAccounts).toHaveBeenCalledTimes(1)
  })
  it('sends a double press once', async () => {
    await store().load(41)
    api.premiumRecords.registerBankAccount.mockResolvedValue(ok(revision()))
    const [a, b] = await Promise.all([store().register(41, draft), store().register(41, draft)])
    expect([a, b]).toEqual([true, false])
    expect(api.premiumRecords.registerBankAccount).toHaveBeenCalledTimes(1)
  })
})

describe('the store holds a resident’s account: registered and emptied on logout and lock', () => {
  it('is registered as premiumBankAccounts and cleared', async () => {
    api.premiumRecords.bankAccounts.mockResolvedValue(ok({ personId: 41, accounts: [revision()], history: [] }))
    await store().load(41)
    expect(personalDataStores()).toContain('premiumBankAccounts')
    clearPersonalData()
    expect(store().personId).toBeNull()
    expect(store().accounts.data).toBeNull()
  })
})
