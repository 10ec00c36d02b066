import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  benefits: { personMonths: vi.fn() },
  recipients: {
    overview: vi.fn(),
    copayRedetermine: vi.fn(),
    reductions: vi.fn(),
    reductionApply: vi.fn(),
    reductionDecide: vi.fn(),
    printReliefCertificate: vi.fn(),
  },
  highCost: { registerApplication: vi.fn(), personStatus: vi.fn() },
  reimbursement: { register: vi.fn(), personApplications: vi.fn() },
  print: { printers: vi.fn() },
}))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useBenefitsStore, reductionRequest, reductionTitle, emptyReductionDraft } =
  await import('../../../../../renderer/src/features/benefits/benefits-store')
const { clearPersonalData } = await import('../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const failed = (code: 'forbidden' | 'conflict' | 'backendRejected', message: string) => ({
  ok: false as const,
  code,
  message,
})
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const store = () => useBenefitsStore.getState()

const reduction = (id: number, status: 'applied' | 'approved' | 'rejected' = 'applied') => ({
  id,
  kind: 'socialWelfareCorp' as const,
  ratePercent: 25,
  appliedOn: '2026-12-01',
  validFrom: '2026-12-01',
  validTo: '2027-07-31',
  reason: '収入要件に該当',
  status,
  decidedOn: status === 'applied' ? null : '2026-12-02',
  decisionNote: null,
  rowVersion: status === 'applied' ? 1 : 2,
})
const overview = { personId: 7, copayPeriods: [], reliefCertifications: [], reductions: [], carePlanNotifications: [] }
const draft = {
  ...emptyReductionDraft('2026-12-01'),
  ratePercent: '２５',
  validFrom: '2026-12-01',
  validTo: '2027-07-31',
  reason: ' 収入要件に該当 ',
}

beforeEach(() => {
  clearPersonalData()
  vi.clearAllMocks()
  api.recipients.reductions.mockResolvedValue(ok({ personId: 7, reductions: [] }))
  api.recipients.overview.mockResolvedValue(ok(overview))
})

describe('the 減免 form', () => {
  it('sends the rate as an integer (full-width digits read) and the reason trimmed', () => {
    expect(reductionRequest(7, draft)).toEqual({
      ok: true,
      request: {
        personId: 7,
        kind: 'socialWelfareCorp',
        ratePercent: 25,
        appliedOn: '2026-12-01',
        validFrom: '2026-12-01',
        validTo: '2027-07-31',
        reason: '収入要件に該当',
      },
    })
  })

  it('sends an empty rate as null, for the server to say whether the kind needs one', () => {
    expect(reductionRequest(7, { ...draft, ratePercent: '' })).toMatchObject({
      ok: true,
      request: { ratePercent: null },
    })
  })

  it('refuses a rate that is not an integer, a missing date and a missing reason, naming the field', () => {
    expect(reductionRequest(7, { ...draft, ratePercent: '2.5' })).toEqual({
      ok: false,
      message: '減免の割合（％）（ratePercent）: 1〜100の整数で入力してください',
    })
    expect(reductionRequest(7, { ...draft, appliedOn: '' })).toEqual({
      ok: false,
      message: '申請日（appliedOn）: 日付を入力してください',
    })
    expect(reductionRequest(7, { ...draft, validTo: '' })).toEqual({
      ok: false,
      message: '有効期間の終了日（validTo）: 日付を入力してください',
    })
    expect(reductionRequest(7, { ...draft, reason: '  ' })).toEqual({
      ok: false,
      message: '理由（reason）: 申請の理由を入力してください',
    })
  })

  it('lists a 減免 with its kind in Japanese, its rate and its status', () => {
    expect(reductionTitle(reduction(1))).toBe('社会福祉法人等による利用者負担軽減 25% 申請中')
    expect(reductionTitle({ kind: 'homeHelp', ratePercent: 100, status: 'approved' })).toBe(
      '訪問介護利用者負担額減額 100% 承認',
    )
    expect(reductionTitle({ kind: 'userCopay', ratePercent: null, status: 'rejected' })).toBe(
      '利用者負担減免（法50条・60条） 却下',
    )
  })
})

describe('the 減免 of the 給付 panel', () => {
  it('loads the person’s 減免 as its own audited read', async () => {
    api.recipients.reductions.mockResolvedValue(ok({ personId: 7, reductions: [reduction(1)] }))
    await store().loadReductions(7)
    expect(api.recipients.reductions).toHaveBeenCalledWith({ personId: 7 })
    expect(store().reductions.data?.reductions).toEqual([reduction(1)])
  })

  it('records an application with a fresh key, says so and reads the 減免 and the 受給者 record again', async () => {
    api.recipients.reductionApply.mockResolvedValue(ok(reduction(12)))
    api.recipients.reductions.mockResolvedValue(ok({ personId: 7, reductions: [reduction(12)] }))
    expect(await store().applyReduction(7, draft)).toBe(true)
    expect(api.recipients.reductionApply).toHaveBeenCalledOnce()
    expect(api.recipients.reductionApply.mock.calls[0]![0]).toMatchObject({
      personId: 7,
      ratePercent: 25,
      reason: '収入要件に該当',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().write.data).toBe(
      '社会福祉法人等による利用者負担軽減の申請を受け付けました（第12号・令和8年12月1日〜令和9年7月31日）。監督者の決定を待ちます',
    )
    expect(api.recipients.reductions).toHaveBeenCalledWith({ personId: 7 })
    expect(api.recipients.overview).toHaveBeenCalledWith({ personId: 7 })
    expect(store().reductions.data?.reductions).toEqual([reduction(12)])
  })

  it('shows the server’s Japanese refusal naming the field, and reads nothing again', async () => {
    const message = '社会福祉法人等による利用者負担軽減の減免の割合（ratePercent）は25％・50％のいずれかです'
    api.recipients.reductionApply.mockResolvedValue(failed('backendRejected', message))
    expect(await store().applyReduction(7, { ...draft, ratePercent: '30' })).toBe(false)
    expect(store().write).toEqual({ busy: false, error: message, data: null })
    expect(api.recipients.reductions).not.toHaveBeenCalled()
  })

  it('sends nothing for a form that fails its own check', async () => {
    expect(await store().applyReduction(7, { ...draft, validFrom: '' })).toBe(false)
    expect(store().write.error).toBe('有効期間の開始日（validFrom）: 日付を入力してください')
    expect(api.recipients.reductionApply).not.toHaveBeenCalled()
  })

  it('decides an application with its row version and reason, and reads it back', async () => {
    api.recipients.reductionDecide.mockResolvedValue(ok(reduction(12, 'approved')))
    expect(await store().decideReduction(7, reduction(12), true, ' 要件を確認 ')).toBe(true)
    expect(api.recipients.reductionDecide).toHaveBeenCalledWith({
      recordId: 12,
      approve: true,
      rowVersion: 1,
      reason: '要件を確認',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().write.data).toBe('減免の申請 第12号を承認しました（社会福祉法人等による利用者負担軽減）')
    expect(api.recipients.reductions).toHaveBeenCalledWith({ personId: 7 })
  })

  it('sends no decision without a reason', async () => {
    expect(await store().decideReduction(7, reduction(12), false, '')).toBe(false)
    expect(store().write.error).toBe('理由（reason）: 決定の理由を入力してください')
    expect(api.recipients.reductionDecide).not.toHaveBeenCalled()
  })

  it('shows the four-eyes refusal of whoever recorded the application, and reads nothing again', async () => {
    const message = '自分が受け付けた申請は決定できません。別の職員に決定を依頼してください'
    api.recipients.reductionDecide.mockResolvedValue(failed('forbidden', message))
    expect(await store().decideReduction(7, reduction(12), true, '要件を確認')).toBe(false)
    expect(store().write.error).toBe(message)
    expect(api.recipients.reductions).not.toHaveBeenCalled()
  })

  it('reads the 減免 again when the application was decided meanwhile', async () => {
    api.recipients.reductionDecide.mockResolvedValue(failed('conflict', 'この申請はすでに決定されています'))
    expect(await store().decideReduction(7, reduction(12), false, '要件外')).toBe(false)
    expect(store().write.error).toBe('この申請はすでに決定されています')
    expect(api.recipients.reductions).toHaveBeenCalledWith({ personId: 7 })
  })
})

describe('the 負担限度額認定証 of the 給付 panel', () => {
  const printers = [
    { name: 'Microsoft Print to PDF', allowed: false, reason: '仮想プリンタ' },
    { name: '窓口プリンタ1', allowed: true, reason: null },
  ]

  it('chooses the first allowed printer and has main print the certificate there', async () => {
    api.print.printers.mockResolvedValue(ok({ printers }))
    api.recipients.printReliefCertificate.mockResolvedValue(
      ok({ title: '介護保険負担限度額認定証', printer: '窓口プリンタ1' }),
    )
    await store().loadPrinters()
    expect(store().printer).toBe('窓口プリンタ1')
    expect(await store().printReliefCertificate(7, 3)).toBe(true)
    expect(api.recipients.printReliefCertificate).toHaveBeenCalledWith({
      recordId: 3,
      personId: 7,
      printer: '窓口プリンタ1',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().write.data).toBe('介護保険負担限度額認定証を 窓口プリンタ1 に印刷しました')
  })

  it('prints nothing without a printer', async () => {
    api.print.printers.mockResolvedValue(ok({ printers: [printers[0]] }))
    await store().loadPrinters()
    expect(await store().printReliefCertificate(7, 3)).toBe(false)
    expect(store().write.error).toBe('プリンタを選んでください')
    expect(api.recipients.printReliefCertificate).not.toHaveBeenCalled()
  })

  it('shows the refusal of a certification that is not approved', async () => {
    store().choosePrinter('窓口プリンタ1')
    api.recipients.printReliefCertificate.mockResolvedValue(
      failed('conflict', '承認された負担限度額認定にのみ認定証を交付できます'),
    )
    expect(await store().printReliefCertificate(7, 3)).toBe(false)
    expect(store().write.error).toBe('承認された負担限度額認定にのみ認定証を交付できます')
  })

  it('forgets the 減免 of the person on logout and lock', async () => {
    api.recipients.reductions.mockResolvedValue(ok({ personId: 7, reductions: [reduction(1)] }))
    await store().loadReductions(7)
    clearPersonalData()
    expect(store()).toMatchObject({ personId: null, reductions: { data: null }, printer: '' })
  })
})
