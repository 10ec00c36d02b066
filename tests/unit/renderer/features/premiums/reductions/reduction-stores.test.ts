import { beforeEach, describe, expect, it, vi } from 'vitest'
import { application } from './fixtures'

const api = vi.hoisted(() => ({
  premiumRecords: {
    personReductions: vi.fn(),
    reductionApply: vi.fn(),
    reductionWithdraw: vi.fn(),
    reductionQueue: vi.fn(),
    reductionDecide: vi.fn(),
  },
}))
vi.mock('../../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useReductionPersonStore } =
  await import('../../../../../../renderer/src/features/premiums/reductions/reduction-person-store')
const { useReductionQueueStore, mayDecide, decisionMessage } =
  await import('../../../../../../renderer/src/features/premiums/reductions/reduction-queue-store')
const { clearPersonalData, personalDataStores } =
  await import('../../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'forbidden' as const, message })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const person = () => useReductionPersonStore.getState()
const queue = () => useReductionQueueStore.getState()
const draft = {
  fiscalYear: '2026',
  kind: 'reduction' as const,
  reliefReason: 'disaster' as const,
  seqs: '3,4',
  figures: { damagePercent: '60', previousIncome: '', expectedIncome: '' },
  documents: 'り災証明書',
  receivedOn: '2026-08-03',
  deferredUntil: '',
  note: '',
}

beforeEach(() => {
  vi.clearAllMocks()
  person().reset()
  queue().reset()
})

describe('a person’s applications: read, apply, withdraw', () => {
  beforeEach(() => api.premiumRecords.personReductions.mockResolvedValue(ok({ applications: [application()] })))

  it('reads the person’s applications', async () => {
    await person().load(41)
    expect(api.premiumRecords.personReductions).toHaveBeenCalledWith({ personId: 41 })
    expect(person().applications.data?.applications[0]?.id).toBe(7)
  })
  it('records an application with the figures of its reason and a fresh key, then reloads', async () => {
    await person().load(41)
    api.premiumRecords.reductionApply.mockResolvedValue(ok(application({ id: 8 })))
    expect(await person().apply(41, draft)).toBe(true)
    const req = api.premiumRecords.reductionApply.mock.calls[0]![0] as Record<string, unknown>
    expect(req).toMatchObject({
      personId: 41,
      fiscalYear: 2026,
      kind: 'reduction',
      reliefReason: 'disaster',
      seqs: [3, 4],
      figures: { damagePercent: 60, previousIncome: null, expectedIncome: null },
      documents: ['り災証明書'],
      deferredUntil: null,
    })
    expect(req['idempotencyKey']).toMatch(UUID)
    expect(person().write.data).toBe('申請 #8 を受け付けました。監督者の決定を待っています')
    expect(api.premiumRecords.personReductions).toHaveBeenCalledTimes(2)
  })
  it('sends nothing when the form lacks a figure the reason needs', async () => {
    await person().load(41)
    const missing = { ...draft, figures: { damagePercent: '', previousIncome: '', expectedIncome: '' } }
    expect(await person().apply(41, missing)).toBe(false)
    expect(person().write.error).toBe('損害割合（%）を入力してください')
    expect(api.premiumRecords.reductionApply).not.toHaveBeenCalled()
  })
  it('withdraws a pending application with a fresh key', async () => {
    await person().load(41)
    api.premiumRecords.reductionWithdraw.mockResolvedValue(ok(application({ status: 'withdrawn' })))
    expect(await person().withdraw(application(), '本人の申出')).toBe(true)
    const req = api.premiumRecords.reductionWithdraw.mock.calls[0]![0] as Record<string, unknown>
    expect(req).toMatchObject({ applicationId: 7, comment: '本人の申出' })
    expect(req['idempotencyKey']).toMatch(UUID)
  })
})

describe('four eyes: the recorder of an application is offered no decision', () => {
  it('offers a pending application to another 監督者', () => {
    expect(mayDecide(application(), 'kantoku01')).toBe(true)
  })
  it('offers nothing to its recorder', () => {
    expect(mayDecide(application(), 'fuka01')).toBe(false)
  })
  it('offers nothing once decided', () => {
    expect(mayDecide(application({ status: 'approved' }), 'kantoku01')).toBe(false)
  })
})

describe('the 監督者’s queue and decisions', () => {
  it('reads the pending applications and selects the first', async () => {
    api.premiumRecords.reductionQueue.mockResolvedValue(ok({ applications: [application(), application({ id: 9 })] }))
    await queue().refresh()
    expect(api.premiumRecords.reductionQueue).toHaveBeenCalledWith({})
    expect(queue().selectedId).toBe(7)
  })
  it('keeps the selection while it is still pending', async () => {
    api.premiumRecords.reductionQueue.mockResolvedValue(ok({ applications: [application(), application({ id: 9 })] }))
    await queue().refresh()
    queue().select(9)
    await queue().refresh(2026)
    expect(api.premiumRecords.reductionQueue).toHaveBeenLastCalledWith({ fiscalYear: 2026 })
    expect(queue().selectedId).toBe(9)
  })
  it('approves with a fresh key and the 猶予期限 decided, and reloads the queue', async () => {
    api.premiumRecords.reductionQueue.mockResolvedValue(ok({ applications: [] }))
    const decided = application({
      status: 'approved',
      decision: {
        outcome: 'approved',
        reductionAmount: 36_840,
        deferredUntil: null,
        comment: '',
        decidedOn: '2026-08-05',
        decidedAt: '2026-08-05T01:00:00.000Z',
        decidedBy: { loginId: 'kantoku01', displayName: '監督 次郎' },
        assessmentVersion: 3,
        steps: [],
      },
    })
    api.premiumRecords.reductionDecide.mockResolvedValue(
      ok({ application: decided, assessment: { changed: true, assessment: { version: 3 } } as never }),
    )
    expect(await queue().decide(7, { decision: 'approve', deferredUntil: '', comment: '' })).toBe(true)
    const req = api.premiumRecords.reductionDecide.mock.calls[0]![0] as Record<string, unknown>
    expect(req).toMatchObject({ applicationId: 7, decision: 'approve', deferredUntil: null, comment: '' })
    expect(req['idempotencyKey']).toMatch(UUID)
    expect(queue().write.data).toBe('申請 #7（試験 花子）を承認しました（賦課 第3版）')
    expect(api.premiumRecords.reductionQueue).toHaveBeenCalledTimes(1)
  })
  it('refuses a rejection without the reason the applicant is told, before any call', async () => {
    expect(await queue().decide(7, { decision: 'reject', deferredUntil: '', comment: '  ' })).toBe(false)
    expect(queue().write.error).toBe('却下の理由を入力してください')
    expect(api.premiumRecords.reductionDecide).not.toHaveBeenCalled()
  })
  it('shows the server’s refusal of the recorder', async () => {
    api.premiumRecords.reductionQueue.mockResolvedValue(ok({ applications: [application()] }))
    api.premiumRecords.reductionDecide.mockResolvedValue(refused('申請を受け付けた本人は決定できません'))
    expect(await queue().decide(7, { decision: 'approve', deferredUntil: '', comment: '' })).toBe(false)
    expect(queue().write.error).toBe('申請を受け付けた本人は決定できません')
  })
  it('says 「賦課 変更なし」 when the approval changed nothing and names a rejection', () => {
    const rejected = application({ decision: { outcome: 'rejected' } as never })
    expect(decisionMessage({ application: rejected, assessment: null })).toBe('申請 #7（試験 花子）を却下しました')
    expect(decisionMessage({ application: application(), assessment: { changed: false } as never })).toBe(
      '申請 #7（試験 花子）を承認しました（賦課 変更なし）',
    )
  })
})

describe('both stores are registered and emptied on logout and lock', () => {
  it('clears the person’s applications and the queue', async () => {
    api.premiumRecords.personReductions.mockResolvedValue(ok({ applications: [application()] }))
    api.premiumRecords.reductionQueue.mockResolvedValue(ok({ applications: [application()] }))
    await person().load(41)
    await queue().refresh()
    expect(personalDataStores()).toEqual(expect.arrayContaining(['premiumReductionsPerson', 'premiumReductionQueue']))
    clearPersonalData()
    expect(person().applications.data).toBeNull()
    expect(queue().queue.data).toBeNull()
  })
})
