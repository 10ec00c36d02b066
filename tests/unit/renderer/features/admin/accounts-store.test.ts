import { beforeEach, describe, expect, it, vi } from 'vitest'

// The store reaches main only through the bridge; here the bridge answers as main would.
const api = vi.hoisted(() => ({
  admin: {
    users: vi.fn(),
    totpResets: vi.fn(),
    createUser: vi.fn(),
    lockUser: vi.fn(),
    unlockUser: vi.fn(),
    requestTotpReset: vi.fn(),
    decideTotpReset: vi.fn(),
  },
}))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useAccountsStore } = await import('../../../../../renderer/src/features/admin/accounts-store')

const staff = {
  id: 12,
  loginId: 'kensho.hanako',
  displayName: '検証 花子',
  department: '介護保険課 資格係',
  careArea: null,
  roles: [],
  locked: false,
  totpEnrolled: true,
  deactivated: false,
  rowVersion: 1,
}
const pending = {
  id: 4,
  userId: 12,
  loginId: 'kensho.hanako',
  displayName: '検証 花子',
  reason: '端末の紛失',
  status: 'pending' as const,
  requestedBy: 'kanri01',
  requestedAt: '2026-12-03T01:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  decisionComment: null,
}
const ok = <T>(value: T) => ({ ok: true as const, value })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

beforeEach(() => {
  vi.clearAllMocks()
  useAccountsStore.getState().reset()
  api.admin.users.mockResolvedValue(ok({ items: [staff] }))
  api.admin.totpResets.mockResolvedValue(ok({ items: [pending] }))
})

const account = {
  loginId: 'kensho.hanako',
  displayName: '検証 花子',
  department: '介護保険課 資格係',
  initialPassword: 'Initial#Pass2026',
  reason: '4月の異動',
}

describe('creating an account: checked before it is sent, then sent once with a fresh idempotency key', () => {
  it.each([
    ['a user id starting with a digit', { loginId: '1kensho' }, 'ユーザーIDは英小文字で始まる'],
    ['a user id of 2 characters (3 is the minimum)', { loginId: 'ab' }, 'ユーザーIDは英小文字で始まる'],
    ['an upper-case user id', { loginId: 'Kensho' }, 'ユーザーIDは英小文字で始まる'],
    ['a blank name', { displayName: '  ' }, '氏名を入力してください'],
    ['a blank department', { department: '' }, '所属を入力してください'],
    ['no initial password', { initialPassword: '' }, '初期パスワードを入力してください'],
    ['a reason of 1 character (2 is the minimum)', { reason: '異' }, '理由を2文字以上で入力してください'],
  ])('refuses %s without calling main', async (_, change, message) => {
    expect(await useAccountsStore.getState().create({ ...account, ...change })).toBe(false)
    expect(useAccountsStore.getState().write.error).toContain(message)
    expect(api.admin.createUser).not.toHaveBeenCalled()
  })

  it('accepts a user id of exactly 3 characters and a reason of exactly 2, then lists the accounts again', async () => {
    api.admin.createUser.mockResolvedValue(ok(staff))
    expect(await useAccountsStore.getState().create({ ...account, loginId: 'abc', reason: '異動' })).toBe(true)
    const sent = api.admin.createUser.mock.calls[0]![0]
    expect(sent).toMatchObject({ loginId: 'abc', reason: '異動', careArea: null })
    expect(sent.idempotencyKey).toMatch(UUID)
    expect(api.admin.users).toHaveBeenCalledOnce()
    expect(useAccountsStore.getState()).toMatchObject({ users: [staff], write: { data: 'abc を作成しました' } })
  })

  it("keeps main's Japanese message and the list shown before when the server refuses", async () => {
    await useAccountsStore.getState().refresh()
    api.admin.createUser.mockResolvedValue({
      ok: false,
      code: 'conflict',
      message: 'このユーザーIDは既に使われています',
    })
    expect(await useAccountsStore.getState().create(account)).toBe(false)
    expect(useAccountsStore.getState().write).toMatchObject({
      busy: false,
      error: 'このユーザーIDは既に使われています',
    })
    expect(useAccountsStore.getState().users).toEqual([staff])
  })

  it('sends a double press once', async () => {
    let answer!: (v: unknown) => void
    api.admin.createUser.mockReturnValue(new Promise((r) => (answer = r)))
    const first = useAccountsStore.getState().create(account)
    expect(await useAccountsStore.getState().create(account)).toBe(false)
    answer(ok(staff))
    expect(await first).toBe(true)
    expect(api.admin.createUser).toHaveBeenCalledOnce()
  })
})

describe('lock, unlock, reset request: each with its reason', () => {
  it('locks with the reason and a fresh key per press', async () => {
    api.admin.lockUser.mockResolvedValue(ok({ ...staff, locked: true }))
    await useAccountsStore.getState().lock(staff, '不正利用の疑い')
    await useAccountsStore.getState().lock(staff, '不正利用の疑い')
    const [a, b] = api.admin.lockUser.mock.calls.map((c) => c[0])
    expect(a).toMatchObject({ userId: 12, reason: '不正利用の疑い' })
    expect(a.idempotencyKey).not.toBe(b.idempotencyKey)
    expect(useAccountsStore.getState().write.data).toBe('kensho.hanako をロックしました')
  })

  it('refuses an unlock with an empty reason, and a reset request for an account without a second factor', async () => {
    expect(await useAccountsStore.getState().unlock(staff, ' ')).toBe(false)
    expect(await useAccountsStore.getState().requestReset({ ...staff, totpEnrolled: false }, '端末の紛失')).toBe(false)
    expect(useAccountsStore.getState().write.error).toBe('このアカウントには二要素認証が登録されていません')
    expect(api.admin.unlockUser).not.toHaveBeenCalled()
    expect(api.admin.requestTotpReset).not.toHaveBeenCalled()
  })

  it('says that a reset request waits for another person', async () => {
    api.admin.requestTotpReset.mockResolvedValue(ok(pending))
    expect(await useAccountsStore.getState().requestReset(staff, '端末の紛失')).toBe(true)
    expect(useAccountsStore.getState().write.data).toContain('別の管理者または監督者の承認が必要です')
    expect(useAccountsStore.getState().resets).toEqual([pending])
  })
})

describe('deciding a reset (the second person)', () => {
  it('approves with the comment, a blank comment travelling as null', async () => {
    api.admin.decideTotpReset.mockResolvedValue(ok({ ...pending, status: 'approved' }))
    await useAccountsStore.getState().decideReset(pending, true, '本人と面談済み')
    await useAccountsStore.getState().decideReset(pending, false, '   ')
    const [approve, reject] = api.admin.decideTotpReset.mock.calls.map((c) => c[0])
    expect(approve).toMatchObject({ requestId: 4, approve: true, comment: '本人と面談済み' })
    expect(reject).toMatchObject({ requestId: 4, approve: false, comment: null })
  })

  it("shows the server's refusal of the requester's own approval", async () => {
    api.admin.decideTotpReset.mockResolvedValue({
      ok: false,
      code: 'forbidden',
      message: '申請した本人は承認できません（二者による確認）',
    })
    expect(await useAccountsStore.getState().decideReset(pending, true, '')).toBe(false)
    expect(useAccountsStore.getState().write.error).toBe('申請した本人は承認できません（二者による確認）')
    expect(api.admin.users).not.toHaveBeenCalled()
  })
})
