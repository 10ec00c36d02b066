import { beforeEach, describe, expect, it, vi } from 'vitest'
import { version } from './fixtures'

const api = vi.hoisted(() => ({ premiums: { personAssessments: vi.fn(), assess: vi.fn() } }))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { usePremiumPersonStore, shownVersions } =
  await import('../../../../../renderer/src/features/premiums/premium-person-store')
const { clearPersonalData, personalDataStores } = await import('../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'forbidden' as const, message })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const store = () => usePremiumPersonStore.getState()

/** Two years of person 41: FY2025 one version, FY2026 an 当初 and a 所得更正 (73,680 → 82,000 yen, as answered). */
const versions = [version(1, 2025, 1, 73_680), version(2, 2026, 1, 70_000), version(3, 2026, 2, 82_000)]

beforeEach(() => {
  vi.clearAllMocks()
  store().reset()
})

describe('the person’s assessments: the newest year and its version in force are shown first', () => {
  it('loads the person’s versions and shows the newest fiscal year, its newest version', async () => {
    api.premiums.personAssessments.mockResolvedValue(ok({ personId: 41, versions }))
    await store().load(41)
    expect(api.premiums.personAssessments).toHaveBeenCalledWith({ personId: 41 })
    expect(store().fiscalYear).toBe(2026)
    const shown = shownVersions(store())
    expect(shown.versions.map((v) => v.version)).toEqual([2, 1])
    expect(shown.version?.id).toBe(3)
  })
  it('shows an older version of the year when chosen, and the version in force again for another year', async () => {
    api.premiums.personAssessments.mockResolvedValue(ok({ personId: 41, versions }))
    await store().load(41)
    store().selectVersion(2)
    expect(shownVersions(store()).version?.id).toBe(2)
    store().selectYear(2025)
    expect(shownVersions(store()).version?.id).toBe(1)
  })
  it('keeps the year chosen across a reload of the same person', async () => {
    api.premiums.personAssessments.mockResolvedValue(ok({ personId: 41, versions }))
    await store().load(41)
    store().selectYear(2025)
    await store().load(41)
    expect(store().fiscalYear).toBe(2025)
  })
  it('shows nothing of a person with no version', async () => {
    api.premiums.personAssessments.mockResolvedValue(ok({ personId: 41, versions: [] }))
    await store().load(41)
    expect(store().fiscalYear).toBeNull()
    expect(shownVersions(store())).toEqual({ versions: [], version: null })
  })
})

describe('the request helper: busy, errors and the newest answer', () => {
  it('is busy while the read runs, and not after', async () => {
    let answer: (v: unknown) => void = () => undefined
    api.premiums.personAssessments.mockReturnValue(new Promise((r) => (answer = r)))
    const loading = store().load(41)
    expect(store().assessments.busy).toBe(true)
    answer(ok({ personId: 41, versions }))
    await loading
    expect(store().assessments.busy).toBe(false)
  })
  it('shows the server’s Japanese refusal as it is (支援措置, no permission)', async () => {
    const message = 'この方の情報は表示できません'
    api.premiums.personAssessments.mockResolvedValue(refused(message))
    await store().load(41)
    expect(store().assessments).toEqual({ busy: false, error: message, data: null })
  })
  it('never lets the slow answer for an earlier person replace the newer person’s', async () => {
    let first: (v: unknown) => void = () => undefined
    api.premiums.personAssessments
      .mockReturnValueOnce(new Promise((r) => (first = r)))
      .mockResolvedValueOnce(ok({ personId: 42, versions: [version(9, 2026, 1, 50_000, { personId: 42 })] }))
    const slow = store().load(41)
    await store().load(42)
    first(ok({ personId: 41, versions }))
    await slow
    expect(store().personId).toBe(42)
    expect(store().assessments.data?.personId).toBe(42)
  })
})

describe('賦課（更正）: one request per press, then the person is read again', () => {
  it('assesses the year with a fresh idempotency key and shows the new version', async () => {
    api.premiums.personAssessments.mockResolvedValue(ok({ personId: 41, versions }))
    await store().load(41)
    api.premiums.assess.mockResolvedValue(ok({ changed: true, assessment: versions[2] }))
    expect(await store().assess(41, 2026)).toBe(true)
    const req = api.premiums.assess.mock.calls[0]![0]
    expect(req).toEqual({ personId: 41, fiscalYear: 2026, idempotencyKey: req.idempotencyKey })
    expect(req.idempotencyKey).toMatch(UUID)
    expect(api.premiums.personAssessments).toHaveBeenCalledTimes(2)
    expect(store().assessment.data?.changed).toBe(true)
  })
  it('sends a double press once', async () => {
    api.premiums.personAssessments.mockResolvedValue(ok({ personId: 41, versions }))
    await store().load(41)
    let answer: (v: unknown) => void = () => undefined
    api.premiums.assess.mockReturnValue(new Promise((r) => (answer = r)))
    const first = store().assess(41, 2026)
    expect(await store().assess(41, 2026)).toBe(false)
    answer(ok({ changed: false, assessment: versions[2] }))
    expect(await first).toBe(true)
    expect(api.premiums.assess).toHaveBeenCalledTimes(1)
  })
  it('shows the refusal of a year past the 賦課権 limit as the server words it, and reads nothing again', async () => {
    api.premiums.personAssessments.mockResolvedValue(ok({ personId: 41, versions }))
    await store().load(41)
    const message = '2024年度の賦課権は2027-03-31までのため、更正できません'
    api.premiums.assess.mockResolvedValue({ ok: false, code: 'conflict', message })
    expect(await store().assess(41, 2024)).toBe(false)
    expect(store().assessment).toEqual({ busy: false, error: message, data: null })
    expect(api.premiums.personAssessments).toHaveBeenCalledTimes(1)
  })
})

describe('the personal-data registry empties the premiums of a person on logout and lock', () => {
  it('is registered as premiumPerson and forgets the person and their premiums', async () => {
    expect(personalDataStores()).toContain('premiumPerson')
    api.premiums.personAssessments.mockResolvedValue(ok({ personId: 41, versions }))
    await store().load(41)
    clearPersonalData()
    expect(store().personId).toBeNull()
    expect(store().assessments.data).toBeNull()
    expect(store().fiscalYear).toBeNull()
  })
  it('drops an answer that arrives after the reset', async () => {
    let answer: (v: unknown) => void = () => undefined
    api.premiums.personAssessments.mockReturnValue(new Promise((r) => (answer = r)))
    const loading = store().load(41)
    clearPersonalData()
    answer(ok({ personId: 41, versions }))
    await loading
    expect(store().assessments.data).toBeNull()
  })
})
