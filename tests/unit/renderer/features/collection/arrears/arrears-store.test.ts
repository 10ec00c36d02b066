import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  arrears: {
    workList: vi.fn(),
    case: vi.fn(),
    recordContact: vi.fn(),
    recordPlan: vi.fn(),
    restrictionStep: vi.fn(),
    restrictionDecide: vi.fn(),
    printNotice: vi.fn(),
  },
  person: { search: vi.fn() },
  print: { printers: vi.fn() },
}))
vi.mock('../../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useArrearsStore } = await import('../../../../../../renderer/src/features/collection/arrears/arrears-store')
const { clearPersonalData, personalDataStores } =
  await import('../../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const store = () => useArrearsStore.getState()
const aCase = (id: number) => ({ person: { id, name: '検証 太郎', insuredNumber: '0098000001', certified: true } })

describe('the 滞納管理 store', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    store().reset()
  })

  it('opens a case by 被保険者番号, and says so in Japanese when nobody has it', async () => {
    api.person.search.mockResolvedValueOnce(ok({ items: [] }))
    expect(await store().openByInsuredNumber('0098000009')).toBe(false)
    expect(store().caseFile.error).toBe('被保険者番号 0098000009 の方は見つかりません')
    api.person.search.mockResolvedValueOnce(ok({ items: [{ id: 7 }] }))
    api.arrears.case.mockResolvedValueOnce(ok(aCase(7)))
    expect(await store().openByInsuredNumber('0098000001')).toBe(true)
    expect(api.arrears.case).toHaveBeenCalledWith({ personId: 7 })
    expect(store().caseFile.data?.person.id).toBe(7)
  })

  it('sends a decision or a release to the 監督者’s channel, the other steps to the clerk’s', async () => {
    api.arrears.case.mockResolvedValue(ok(aCase(7)))
    await store().open(7)
    api.arrears.restrictionStep.mockResolvedValue(ok(aCase(7)))
    api.arrears.restrictionDecide.mockResolvedValue(ok(aCase(7)))
    await store().restrictionStep('reimbursementOnly', 'notice', '2026-08-01', '')
    await store().restrictionStep('reimbursementOnly', 'decision', '2026-08-01', '')
    expect(api.arrears.restrictionStep).toHaveBeenCalledWith(expect.objectContaining({ personId: 7, step: 'notice' }))
    expect(api.arrears.restrictionDecide).toHaveBeenCalledWith(
      expect.objectContaining({ personId: 7, step: 'decision' }),
    )
  })

  it('keeps the refusal of a plan as the message and the case as it was', async () => {
    api.arrears.case.mockResolvedValue(ok(aCase(7)))
    await store().open(7)
    api.arrears.recordPlan.mockResolvedValue({
      ok: false,
      message: '分納額の合計 8,000円 が対象の滞納額 10,000円 と一致しません',
    })
    expect(
      await store().recordPledge('pledge', '2026-08-01', [{ dueOn: '2026-08-31', amount: 8_000 }], '', false),
    ).toBe(false)
    expect(store().write.error).toContain('一致しません')
    expect(store().caseFile.data?.person.id).toBe(7)
  })

  it('asks for a printer before printing a notice', async () => {
    expect(await store().printNotice('demandLetter')).toBe(false)
    expect(store().write.error).toBe('プリンタを選んでください')
    expect(api.arrears.printNotice).not.toHaveBeenCalled()
  })

  it('is cleared on logout and lock', async () => {
    api.arrears.case.mockResolvedValue(ok(aCase(7)))
    await store().open(7)
    expect(personalDataStores()).toContain('arrears')
    clearPersonalData()
    expect(store().caseFile.data).toBeNull()
  })
})
