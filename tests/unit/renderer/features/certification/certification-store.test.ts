import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  certification: { cases: vi.fn(), personChecklists: vi.fn(), personCertifications: vi.fn() },
}))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useCertificationPersonStore } =
  await import('../../../../../renderer/src/features/certification/certification-store')
const { clearPersonalData, personalDataStores } = await import('../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'forbidden' as const, message })
const store = () => useCertificationPersonStore.getState()

beforeEach(() => {
  vi.clearAllMocks()
  store().reset()
})

describe('the person’s 認定 panel loads the cases, the checklists and the certifications of the person shown', () => {
  it('asks for all three with the person id and keeps the answers', async () => {
    const certification = {
      caseId: 3,
      personId: 7,
      level: '21',
      decidedOn: '2026-05-20',
      validFrom: '2026-05-01',
      validTo: '2027-04-30',
      boardOpinion: '',
      serviceTypes: [],
      withoutBoard: false,
    }
    api.certification.cases.mockResolvedValue(ok({ cases: [] }))
    api.certification.personChecklists.mockResolvedValue(ok({ checklists: [], participants: [] }))
    api.certification.personCertifications.mockResolvedValue(ok({ certifications: [certification] }))
    await store().load(7)
    expect(api.certification.cases).toHaveBeenCalledWith({ personId: 7 })
    expect(api.certification.personChecklists).toHaveBeenCalledWith({ personId: 7 })
    expect(api.certification.personCertifications).toHaveBeenCalledWith({ personId: 7 })
    expect(store().cases.data).toEqual({ cases: [] })
    expect(store().certifications.data).toEqual({ certifications: [certification] })
  })
  it('shows the Japanese refusal of the server (another area)', async () => {
    api.certification.cases.mockResolvedValue(refused('担当圏域外の住民の情報は参照できません'))
    api.certification.personChecklists.mockResolvedValue(refused('担当圏域外の住民の情報は参照できません'))
    api.certification.personCertifications.mockResolvedValue(refused('担当圏域外の住民の情報は参照できません'))
    await store().load(8)
    expect(store().cases.error).toBe('担当圏域外の住民の情報は参照できません')
  })
  it('is registered as certificationPerson and forgets the person on logout and lock', async () => {
    api.certification.cases.mockResolvedValue(ok({ cases: [] }))
    api.certification.personChecklists.mockResolvedValue(ok({ checklists: [], participants: [] }))
    api.certification.personCertifications.mockResolvedValue(ok({ certifications: [] }))
    await store().load(9)
    expect(personalDataStores()).toContain('certificationPerson')
    clearPersonalData()
    expect(store().personId).toBeNull()
    expect(store().cases.data).toBeNull()
  })
})
