import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  benefits: { personMonths: vi.fn() },
  recipients: { overview: vi.fn(), copayRedetermine: vi.fn() },
  highCost: { registerApplication: vi.fn(), personStatus: vi.fn() },
  reimbursement: { register: vi.fn(), personApplications: vi.fn() },
}))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useBenefitsStore, benefitMonthRange, serviceMonthLabel, reimbursementRequest, emptyReimbursementDraft } =
  await import('../../../../../renderer/src/features/benefits/benefits-store')
const { clearPersonalData, personalDataStores } = await import('../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'forbidden' as const, message })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const store = () => useBenefitsStore.getState()

const figures = {
  limit: 100_000,
  used: 0,
  remaining: 100_000,
  coveredCost: 30_000,
  uncoveredCost: 0,
  copayRate: 1,
  insurerShare: 27_000,
  userShare: 3_000,
  notes: [],
}
const application = (id: number, personId = 7) => ({
  id,
  personId,
  kind: 'equipmentPurchase' as const,
  serviceOn: '2026-11-20',
  cost: 30_000,
  provider: '検証福祉用具店',
  receivedOn: '2026-12-01',
  dwelling: null,
  careLevel: '22',
  priorApplicationOn: null,
  recordedBy: 3,
  figures,
  decision: null,
})
const draft = {
  ...emptyReimbursementDraft('2026-12-01'),
  serviceOn: '2026-11-20',
  cost: '３０，０００',
  provider: ' 検証福祉用具店 ',
}

beforeEach(() => {
  clearPersonalData()
  vi.clearAllMocks()
})

describe('the months the 給付実績 table asks for', () => {
  it('are this month and the eleven before it', () => {
    expect(benefitMonthRange('2026-12-07')).toEqual({ fromMonth: '2026-01', toMonth: '2026-12' })
  })

  it('cross the year boundary', () => {
    expect(benefitMonthRange('2027-01-31')).toEqual({ fromMonth: '2026-02', toMonth: '2027-01' })
    expect(benefitMonthRange('2026-11-01')).toEqual({ fromMonth: '2025-12', toMonth: '2026-11' })
  })

  it('are shown in 和暦', () => {
    expect(serviceMonthLabel('2026-11')).toBe('令和8年11月')
    expect(serviceMonthLabel('2019-04')).toBe('平成31年4月')
  })
})

describe('the 償還払 form', () => {
  it('sends the 費用額 as integer yen, full-width digits and commas read', () => {
    expect(reimbursementRequest(7, draft)).toEqual({
      ok: true,
      request: {
        personId: 7,
        kind: 'equipmentPurchase',
        serviceOn: '2026-11-20',
        cost: 30_000,
        provider: '検証福祉用具店',
        receivedOn: '2026-12-01',
      },
    })
  })

  it('refuses a 費用額 of 0 yen or with a fraction, naming the field', () => {
    expect(reimbursementRequest(7, { ...draft, cost: '0' })).toEqual({
      ok: false,
      message: '費用額（全額）（cost）: 1円以上の整数で入力してください',
    })
    expect(reimbursementRequest(7, { ...draft, cost: '100.5' })).toMatchObject({ ok: false })
  })

  it('requires the dwelling and the 事前申請 of a 住宅改修, and sends them', () => {
    const home = { ...draft, kind: 'homeAlteration' as const }
    expect(reimbursementRequest(7, home)).toEqual({
      ok: false,
      message: '住宅改修の対象住宅（dwelling）: 入力してください',
    })
    expect(reimbursementRequest(7, { ...home, dwelling: '新宿区西新宿二丁目' })).toEqual({
      ok: false,
      message: '事前申請の受付日（priorApplicationOn）: 日付を入力してください',
    })
    const checked = reimbursementRequest(7, {
      ...home,
      dwelling: '新宿区西新宿二丁目',
      priorApplicationOn: '2026-11-01',
    })
    expect(checked).toMatchObject({
      ok: true,
      request: { dwelling: '新宿区西新宿二丁目', priorApplicationOn: '2026-11-01' },
    })
  })

  it('sends no dwelling for the other kinds', () => {
    const checked = reimbursementRequest(7, { ...draft, dwelling: '新宿区', priorApplicationOn: '2026-11-01' })
    expect(checked.ok && 'dwelling' in checked.request).toBe(false)
  })
})

describe('the 給付 panel store', () => {
  it('loads the person’s months and 受給者 record, each its own audited read', async () => {
    api.benefits.personMonths.mockResolvedValue(ok({ personId: 7, months: [] }))
    api.recipients.overview.mockResolvedValue(
      ok({ personId: 7, copayPeriods: [], reliefCertifications: [], reductions: [], carePlanNotifications: [] }),
    )
    await Promise.all([store().loadMonths(7), store().loadRecipient(7)])
    expect(api.benefits.personMonths).toHaveBeenCalledWith(expect.objectContaining({ personId: 7 }))
    expect(api.recipients.overview).toHaveBeenCalledWith({ personId: 7 })
    expect(store().months.data).toEqual({ personId: 7, months: [] })
    expect(store().recipient.data?.personId).toBe(7)
  })

  it('shows the server’s refusal of a protected person as the error, and no records', async () => {
    api.benefits.personMonths.mockResolvedValue(refused('支援措置の対象者のため表示できません'))
    await store().loadMonths(7)
    expect(store().months).toEqual({ busy: false, error: '支援措置の対象者のため表示できません', data: null })
  })

  it('registers a 償還払 application once with an idempotency key and reads the person’s applications again', async () => {
    api.reimbursement.register.mockResolvedValue(ok(application(41)))
    api.reimbursement.personApplications.mockResolvedValue(ok({ personId: 7, applications: [application(41)] }))
    await store().loadMonths(7)
    expect(await store().registerReimbursement(7, draft)).toBe(true)
    expect(api.reimbursement.register).toHaveBeenCalledOnce()
    expect(api.reimbursement.personApplications).toHaveBeenCalledWith({ personId: 7 })
    expect(api.reimbursement.register.mock.calls[0]![0]).toMatchObject({
      cost: 30_000,
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().reimbursements.data?.applications.map((a) => a.id)).toEqual([41])
    expect(store().write.data).toBe('福祉用具購入費の申請を受け付けました（申請番号 41・支給見込額 27,000円）')
  })

  it('sends nothing when the form is incomplete', async () => {
    expect(await store().registerReimbursement(7, { ...draft, provider: '' })).toBe(false)
    expect(api.reimbursement.register).not.toHaveBeenCalled()
    expect(store().write.error).toBe('支払先（事業者・販売事業者・施工業者）（provider）: 入力してください')
  })

  it('keeps the server’s refusal of an application (the limit used up) as the message', async () => {
    api.reimbursement.register.mockResolvedValue(refused('福祉用具購入費の支給限度基準額を使い切っています'))
    expect(await store().registerReimbursement(7, draft)).toBe(false)
    expect(store().write.error).toBe('福祉用具購入費の支給限度基準額を使い切っています')
    expect(api.reimbursement.personApplications).not.toHaveBeenCalled()
  })

  it('loads the person’s 高額 status and 償還払 applications, keeping only the newest answer of the person shown', async () => {
    const status = { personId: 7, application: { id: 3, personId: 7, receivedOn: '2026-10-15' }, decisions: [] }
    api.highCost.personStatus.mockResolvedValue(ok(status))
    let answerSlow: (v: unknown) => void = () => undefined
    api.reimbursement.personApplications
      .mockReturnValueOnce(new Promise((r) => (answerSlow = r)))
      .mockResolvedValueOnce(ok({ personId: 8, applications: [application(9, 8)] }))
    await store().loadHighCost(7)
    expect(store().highCost.data).toEqual(status)
    const slow = store().loadReimbursements(7)
    await store().loadReimbursements(8)
    answerSlow(ok({ personId: 7, applications: [application(41)] }))
    await slow
    expect(store().personId).toBe(8)
    expect(store().reimbursements.data?.applications.map((a) => a.id)).toEqual([9])
    expect(store().highCost.data).toBeNull()
  })

  it('registers the 高額 初回申請 with an idempotency key', async () => {
    api.highCost.registerApplication.mockResolvedValue(ok({ id: 3, personId: 7, receivedOn: '2026-12-01' }))
    api.highCost.personStatus.mockResolvedValue(
      ok({ personId: 7, application: { id: 3, personId: 7, receivedOn: '2026-12-01' }, decisions: [] }),
    )
    expect(await store().registerHighCostApplication(7, '2026-12-01')).toBe(true)
    expect(api.highCost.personStatus).toHaveBeenCalledWith({ personId: 7 })
    expect(api.highCost.registerApplication).toHaveBeenCalledWith({
      personId: 7,
      receivedOn: '2026-12-01',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().write.data).toContain('高額介護サービス費の初回申請を登録しました（受付 令和8年12月1日）')
  })

  it('re-determines the 負担割合 with its reason and reloads the 受給者 record when it changed', async () => {
    const overview = {
      personId: 7,
      copayPeriods: [],
      reliefCertifications: [],
      reductions: [],
      carePlanNotifications: [],
    }
    api.recipients.overview.mockResolvedValue(ok(overview))
    await store().loadRecipient(7)
    api.recipients.copayRedetermine.mockResolvedValue(
      ok({ personId: 7, oldRatio: null, newRatio: 2, period: { validFrom: '2026-11-01', validTo: '2027-07-31' } }),
    )
    expect(await store().redetermineCopay(7, '2026-11-01', ' 世帯異動 ')).toBe(true)
    expect(api.recipients.copayRedetermine).toHaveBeenCalledWith({
      personId: 7,
      effectiveFrom: '2026-11-01',
      reason: '世帯異動',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().write.data).toBe('負担割合を再判定しました：判定なし → 2割（令和8年11月1日〜令和9年7月31日）')
    expect(api.recipients.overview).toHaveBeenCalledTimes(2)
  })

  it('says so when the re-determination leaves the 負担割合 as it was, and sends nothing without a reason', async () => {
    api.recipients.copayRedetermine.mockResolvedValue(ok({ personId: 7, oldRatio: 1, newRatio: 1, period: null }))
    expect(await store().redetermineCopay(7, '2026-11-01', '')).toBe(false)
    expect(store().write.error).toBe('理由（reason）: 再判定の理由を入力してください')
    expect(api.recipients.copayRedetermine).not.toHaveBeenCalled()
    expect(await store().redetermineCopay(7, '2026-11-01', '更正')).toBe(true)
    expect(store().write.data).toBe('負担割合は変わりません（1割）')
    expect(api.recipients.overview).not.toHaveBeenCalled()
  })

  it('forgets everything of the person on logout and lock', async () => {
    api.reimbursement.register.mockResolvedValue(ok(application(41)))
    api.reimbursement.personApplications.mockResolvedValue(ok({ personId: 7, applications: [application(41)] }))
    await store().registerReimbursement(7, draft)
    expect(store().reimbursements.data).not.toBeNull()
    expect(personalDataStores()).toContain('benefits')
    clearPersonalData()
    expect(store()).toMatchObject({
      personId: null,
      reimbursements: { data: null },
      highCost: { data: null },
      months: { data: null },
      write: { data: null },
    })
  })
})
