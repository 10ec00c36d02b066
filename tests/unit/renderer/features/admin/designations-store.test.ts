import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  admin: { designations: vi.fn(), createDesignation: vi.fn(), correctDesignation: vi.fn() },
}))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { inForce, useDesignationsStore } = await import('../../../../../renderer/src/features/admin/designations-store')

const designation = {
  id: 30,
  userId: 12,
  role: 'arrearsClerk' as const,
  kind: 'dataHandler' as const,
  validFrom: '2026-04-01',
  validTo: null,
  rowVersion: 2,
  designatedBy: 'kanri01',
  designatedAt: '2026-03-25T00:00:00.000Z',
  changedBy: 'kanri01',
  reason: '滞納係に配属',
}
const ok = <T>(value: T) => ({ ok: true as const, value })

beforeEach(async () => {
  vi.clearAllMocks()
  useDesignationsStore.getState().reset()
  api.admin.designations.mockResolvedValue(ok({ items: [designation] }))
  await useDesignationsStore.getState().select(12)
})

// Control C-25: valid_from ≤ day ≤ valid_to, both inclusive; an open end (null) runs on.
describe('a designation is in force from its first to its last day, both included', () => {
  const closed = { validFrom: '2026-04-01', validTo: '2027-03-31' }
  it.each([
    ['2026-03-31', false],
    ['2026-04-01', true],
    ['2027-03-31', true],
    ['2027-04-01', false],
  ])('%s → %s', (day, expected) => expect(inForce(closed, day)).toBe(expected))
  it('an open end runs on', () => expect(inForce({ validFrom: '2026-04-01', validTo: null }, '2099-12-31')).toBe(true))
})

describe('designating: checked before it is sent', () => {
  it.each([
    ['no role', { role: '' as const }, '役割を選んでください'],
    ['no start date', { validFrom: null }, '有効期間の開始日を入力してください'],
    ['an end before the start', { validTo: '2026-03-31' }, '有効期間の終了日は開始日以降にしてください'],
    ['a reason of 1 character', { reason: '配' }, '理由を2文字以上で入力してください'],
  ])('refuses %s', async (_, change, message) => {
    const d = {
      role: 'arrearsClerk' as const,
      validFrom: '2026-04-01',
      validTo: null,
      reason: '滞納係に配属',
      ...change,
    }
    expect(await useDesignationsStore.getState().create(d)).toBe(false)
    expect(useDesignationsStore.getState().write.error).toBe(message)
    expect(api.admin.createDesignation).not.toHaveBeenCalled()
  })

  it('accepts an end on the start day (one day), sends it for the selected account and lists again', async () => {
    api.admin.createDesignation.mockResolvedValue(ok(designation))
    const d = { role: 'arrearsClerk' as const, validFrom: '2026-04-01', validTo: '2026-04-01', reason: '一日だけ' }
    expect(await useDesignationsStore.getState().create(d)).toBe(true)
    expect(api.admin.createDesignation.mock.calls[0]![0]).toMatchObject({ userId: 12, ...d })
    expect(api.admin.designations).toHaveBeenCalledTimes(2)
  })
})

describe('ending a designation: a correction naming the version it read', () => {
  it('sends the row version, the end date and the reason', async () => {
    api.admin.correctDesignation.mockResolvedValue(ok({ ...designation, validTo: '2026-12-31', rowVersion: 3 }))
    expect(await useDesignationsStore.getState().end(designation, '2026-12-31', '異動のため終了')).toBe(true)
    expect(api.admin.correctDesignation).toHaveBeenCalledWith({
      designationId: 30,
      rowVersion: 2,
      validTo: '2026-12-31',
      reason: '異動のため終了',
    })
  })

  it('refuses an end before the start', async () => {
    expect(await useDesignationsStore.getState().end(designation, '2026-03-31', '異動のため終了')).toBe(false)
    expect(api.admin.correctDesignation).not.toHaveBeenCalled()
  })

  it('forgets the list of the account shown before when another is selected', async () => {
    let answer!: (v: unknown) => void
    api.admin.designations.mockReturnValue(new Promise((r) => (answer = r)))
    const loading = useDesignationsStore.getState().select(13)
    expect(useDesignationsStore.getState()).toMatchObject({ userId: 13, items: [] })
    answer(ok({ items: [] }))
    await loading
    expect(useDesignationsStore.getState().load.busy).toBe(false)
  })
})
