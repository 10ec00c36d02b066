import { beforeEach, describe, expect, it, vi } from 'vitest'

const record = {
  id: 7,
  personId: 41,
  recipientName: '成年後見人　検証太郎',
  careOf: null,
  postalCode: '169-0075',
  mailingAddress: '東京都新宿区高田馬場一丁目2番3号',
  reason: 'guardian',
  note: null,
  validFrom: '2026-08-01',
  validTo: null,
  supersedesId: null,
  withdrawn: false,
  endReason: null,
  recordedAt: '2026-07-01T00:00:00.000Z',
  recordedBy: 3,
}
const listed = { personId: 41, current: record, effective: [record], history: [record] }

const api = {
  person: {
    mailingAddresses: vi.fn(async () => ({ ok: true as const, value: listed })),
    recordMailingAddress: vi.fn(async (_request: unknown) => ({ ok: true as const, value: record })),
    endMailingAddress: vi.fn(async () => ({
      ok: false as const,
      message: 'この送付先はすでに終了または取消されています',
    })),
  },
}
vi.mock('../../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useMailingAddressStore } =
  await import('../../../../../../renderer/src/features/persons/mailing/mailing-address-store')
const { clearPersonalData, personalDataStores } =
  await import('../../../../../../renderer/src/app/personal-data-registry')
const { emptyMailingForm, mailingRequestOf } =
  await import('../../../../../../renderer/src/features/persons/mailing/mailing-form')

beforeEach(() => {
  useMailingAddressStore.getState().reset()
  vi.clearAllMocks()
})

describe('the 送付先 store holds a resident’s addresses: registered with the personal-data registry', () => {
  it('loads the person’s 送付先 and empties on logout and lock', async () => {
    await useMailingAddressStore.getState().load(41)
    expect(useMailingAddressStore.getState().addresses.data?.current?.recipientName).toBe('成年後見人　検証太郎')
    expect(personalDataStores()).toContain('mailingAddress')
    clearPersonalData()
    expect(useMailingAddressStore.getState()).toMatchObject({ personId: null, addresses: { data: null } })
  })

  it('records with a fresh idempotency key and reloads; a second press while saving sends once', async () => {
    await useMailingAddressStore.getState().load(41)
    const draft = mailingRequestOf({
      ...emptyMailingForm(),
      recipientName: '成年後見人　検証太郎',
      postalCode: '1690075',
      mailingAddress: '東京都新宿区高田馬場一丁目2番3号',
      reason: 'guardian',
      validFrom: { era: 'R', year: '8', month: '8', day: '1' },
    })
    if (!draft.ok) throw new Error(draft.message)
    const [first, second] = await Promise.all([
      useMailingAddressStore.getState().record(41, draft.request),
      useMailingAddressStore.getState().record(41, draft.request),
    ])
    expect([first, second]).toEqual([true, false])
    expect(api.person.recordMailingAddress).toHaveBeenCalledTimes(1)
    expect(api.person.recordMailingAddress.mock.calls[0]![0]).toMatchObject({
      personId: 41,
      validFrom: '2026-08-01',
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    })
    expect(api.person.mailingAddresses).toHaveBeenCalledTimes(2)
  })

  it('keeps the server’s Japanese refusal of an ending', async () => {
    await useMailingAddressStore.getState().load(41)
    const ok = await useMailingAddressStore
      .getState()
      .end(41, { mailingAddressId: 7, validTo: '2026-12-31', endReason: '退所' })
    expect(ok).toBe(false)
    expect(useMailingAddressStore.getState().saving.error).toMatch(/すでに終了/)
  })
})

describe('the 送付先 form: checked before sending, in Japanese', () => {
  const filled = {
    ...emptyMailingForm(),
    recipientName: '特別養護老人ホーム検証苑',
    postalCode: '１６９－００７５'.replace('－', '-'),
    mailingAddress: '東京都新宿区高田馬場一丁目2番3号',
    validFrom: { era: 'R', year: '8', month: '8', day: '1' },
  }

  it('accepts full-width digits in the postcode and sends no empty optional field', () => {
    const r = mailingRequestOf(filled)
    expect(r).toEqual({
      ok: true,
      request: {
        recipientName: '特別養護老人ホーム検証苑',
        postalCode: '169-0075',
        mailingAddress: '東京都新宿区高田馬場一丁目2番3号',
        reason: 'facility',
        validFrom: '2026-08-01',
      },
    })
  })

  it('refuses a 6-digit postcode, その他 without a note, and an end before the start', () => {
    expect(mailingRequestOf({ ...filled, postalCode: '169-007' })).toMatchObject({ ok: false, message: /郵便番号/ })
    expect(mailingRequestOf({ ...filled, reason: 'other' })).toMatchObject({ ok: false, message: /備考/ })
    // the last day may be the first day (both included), not the day before
    expect(mailingRequestOf({ ...filled, validTo: { era: 'R', year: '8', month: '8', day: '1' } }).ok).toBe(true)
    expect(mailingRequestOf({ ...filled, validTo: { era: 'R', year: '8', month: '7', day: '31' } })).toMatchObject({
      ok: false,
      message: /終了日は開始日以降/,
    })
  })
})
