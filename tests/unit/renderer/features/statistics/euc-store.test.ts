import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({
  statistics: {
    extractTemplates: vi.fn(),
    saveExtractTemplate: vi.fn(),
    runExtract: vi.fn(),
    exportExtract: vi.fn(),
  },
  export: { myRequests: vi.fn(), execute: vi.fn() },
}))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { useEucStore, draftDefinition, draftProblem, emptyDraft, extractRequests } =
  await import('../../../../../renderer/src/features/statistics/euc-store')
const { clearPersonalData, personalDataStores } = await import('../../../../../renderer/src/app/personal-data-registry')

const ok = <T>(value: T) => ({ ok: true as const, value })
const refused = (message: string) => ({ ok: false as const, code: 'forbidden' as const, message })
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const store = () => useEucStore.getState()

const template = {
  id: 3,
  templateName: '町名別 第1号',
  shared: false,
  definition: {
    population: 'insured1',
    columns: [],
    groupBy: ['town'],
    filters: { towns: [], careAreas: [], sex: null, careLevels: [], premiumStages: [], ageFrom: null, ageTo: null },
  },
  rowVersion: 1,
  createdBy: '検証 二郎（fuka01）',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: null,
}
const catalogue = [{ id: 'town', label: '町名', group: '宛名・共通', identifying: false, groupable: true }]
const run = {
  extractRunId: 9,
  templateId: 3,
  baseDate: '2026-11-30',
  header: ['町名', '人数'],
  rows: [
    ['本町', '12'],
    ['新町', '*'],
  ],
  rowCount: 2,
  personCount: 15,
  maskedItems: [],
  suppressedCells: 1,
  sha256: 'b'.repeat(64),
  ranBy: '検証 二郎（fuka01）',
  ranAt: '2026-12-01T00:00:00.000Z',
}
const request = (id: number, status: string, recordTypes = ['statisticsExtract']) => ({
  id,
  purpose: '地域ケア会議の資料',
  recordTypes,
  personCount: 15,
  status,
  requestedBy: '検証 二郎（fuka01）',
  requestedAt: '2026-12-01T00:00:00.000Z',
  approvedBy: status === 'pending' ? null : '検証 四季（kantoku01）',
})

beforeEach(() => {
  vi.clearAllMocks()
  store().reset()
})

describe('the draft of an EUC template', () => {
  it('a grouped draft stores no columns (a grouped run shows 人数 per group)', () => {
    const def = draftDefinition({
      ...emptyDraft,
      templateName: 'x',
      columns: ['name'],
      groupBy: ['town'],
      sex: 'female',
    })
    expect(def).toEqual({
      population: 'insured1',
      columns: [],
      groupBy: ['town'],
      filters: {
        towns: [],
        careAreas: [],
        sex: 'female',
        careLevels: [],
        premiumStages: [],
        ageFrom: null,
        ageTo: null,
      },
    })
  })

  it('needs a name, an item, and an age range in order', () => {
    expect(draftProblem(emptyDraft)).toBe('テンプレート名を入力してください')
    expect(draftProblem({ ...emptyDraft, templateName: 'x' })).toBe('表示項目か集計項目を1つ以上選んでください')
    expect(draftProblem({ ...emptyDraft, templateName: 'x', columns: ['age'], ageFrom: 80, ageTo: 65 })).toBe(
      '年齢の範囲が逆になっています',
    )
    expect(draftProblem({ ...emptyDraft, templateName: 'x', columns: ['age'], ageFrom: 65, ageTo: 65 })).toBeNull()
  })
})

describe('useEucStore', () => {
  it('saves a template with a new idempotency key and reloads the list', async () => {
    api.statistics.saveExtractTemplate.mockResolvedValue(ok(template))
    api.statistics.extractTemplates.mockResolvedValue(ok({ items: [template], catalogue }))
    const saved = await store().saveTemplate({ ...emptyDraft, templateName: ' 町名別 第1号 ', groupBy: ['town'] })
    expect(saved).toEqual(template)
    const sent = api.statistics.saveExtractTemplate.mock.calls[0]![0]
    expect(sent.idempotencyKey).toMatch(UUID)
    expect(sent).toMatchObject({ templateName: '町名別 第1号', shared: false, definition: { groupBy: ['town'] } })
    expect(store().templates.data?.items).toEqual([template])
    expect(store().write.data).toBe('テンプレート「町名別 第1号」を保存しました')
  })

  it('runs a template, then hands the run to 持出申請 and shows only the EUC requests, newest first', async () => {
    api.statistics.runExtract.mockResolvedValue(ok(run))
    expect(await store().runExtract({ templateId: 3, baseDate: '2026-11-30', reason: null })).toBe(true)
    expect(store().run.data?.suppressedCells).toBe(1)

    api.statistics.exportExtract.mockResolvedValue(ok(request(21, 'pending')))
    api.export.myRequests.mockResolvedValue(
      ok({ items: [request(20, 'completed'), request(19, 'pending', ['personBasic']), request(21, 'pending')] }),
    )
    const r = await store().requestExport('地域ケア会議の資料')
    expect(r?.id).toBe(21)
    expect(api.statistics.exportExtract.mock.calls[0]![0]).toMatchObject({
      extractRunId: 9,
      purpose: '地域ケア会議の資料',
      idempotencyKey: expect.stringMatching(UUID),
    })
    expect(store().requests.data?.map((x) => x.id)).toEqual([21, 20])
    expect(store().write.data).toContain('監督者の承認後に保存できます')
  })

  it('without a run there is nothing to request', async () => {
    expect(await store().requestExport('地域ケア会議の資料')).toBeNull()
    expect(api.statistics.exportExtract).not.toHaveBeenCalled()
  })

  it('saves an approved extract through export.execute; the password is held until dismissed', async () => {
    const result = {
      fileName: 'kaigo-export-21.zip',
      destination: '/x/kaigo-export-21.zip',
      fileSha256: 'c'.repeat(64),
      password: 'Ab3#'.repeat(5),
    }
    api.export.execute.mockResolvedValue(ok(result))
    api.export.myRequests.mockResolvedValue(ok({ items: [request(21, 'completed')] }))
    expect(await store().saveFile(21)).toEqual(result)
    expect(api.export.execute).toHaveBeenCalledWith({ requestId: 21 })
    expect(store().result).toEqual(result)
    expect(store().requests.data?.[0]?.status).toBe('completed')
    store().dismissResult()
    expect(store().result).toBeNull()
  })

  it("the server's refusal (not yet approved) is shown, nothing held", async () => {
    api.export.execute.mockResolvedValue(refused('監督者の承認がないため持ち出せません'))
    expect(await store().saveFile(21)).toBeNull()
    expect(store().write.error).toBe('監督者の承認がないため持ち出せません')
    expect(store().result).toBeNull()
  })

  it('a run and a password are cleared on logout and lock (registered personal data)', async () => {
    api.statistics.runExtract.mockResolvedValue(ok(run))
    await store().runExtract({ templateId: 3, baseDate: '2026-11-30', reason: null })
    useEucStore.setState({ result: { fileName: 'a', destination: 'b', fileSha256: 'c', password: 'd' } })
    expect(personalDataStores()).toContain('euc')
    clearPersonalData()
    expect(store().run.data).toBeNull()
    expect(store().result).toBeNull()
  })

  it('extractRequests keeps the statisticsExtract requests', () => {
    expect(extractRequests([request(1, 'pending', ['personBasic'])] as never)).toEqual([])
  })
})
