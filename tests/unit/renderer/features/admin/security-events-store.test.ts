import { beforeEach, describe, expect, it, vi } from 'vitest'

const api = vi.hoisted(() => ({ admin: { securityEvents: vi.fn() } }))
vi.mock('../../../../../renderer/src/platform/bridge', () => ({ isBrowserShell: false, api }))

const { kindLabel, useSecurityEventsStore } =
  await import('../../../../../renderer/src/features/admin/security-events-store')

const list = {
  items: [
    {
      seq: 88,
      recordedAt: '2026-12-03T01:00:05.000Z',
      at: '2026-12-03T01:00:00.000Z',
      kind: 'request-blocked',
      detail: 'url=https://evil.example/collect resourceType=xhr',
      terminalId: 'KD-0001',
      loginId: 'shikaku01',
    },
  ],
  total: 1,
  byKind: [{ kind: 'request-blocked', count: 1 }],
}

beforeEach(() => {
  vi.clearAllMocks()
  useSecurityEventsStore.getState().reset()
  api.admin.securityEvents.mockResolvedValue({ ok: true, value: list })
})

const filter = { from: '2026-12-01', to: '2026-12-03', kind: '' as const, terminalId: '', loginId: '' }

describe('filtering the security events', () => {
  it('sends the period as instants in Japan and blank filters as none', async () => {
    await useSecurityEventsStore.getState().search({ ...filter, terminalId: '  ', loginId: '' })
    expect(api.admin.securityEvents).toHaveBeenCalledWith({
      from: '2026-12-01T00:00:00+09:00',
      to: '2026-12-04T00:00:00+09:00',
      kind: null,
      terminalId: null,
      loginId: null,
    })
    expect(useSecurityEventsStore.getState().result.data).toEqual(list)
  })

  it('sends a kind, a terminal and a user id trimmed', async () => {
    await useSecurityEventsStore
      .getState()
      .search({ ...filter, kind: 'print-refused', terminalId: ' KD-0001 ', loginId: 'shikaku01 ' })
    expect(api.admin.securityEvents.mock.calls[0]![0]).toMatchObject({
      kind: 'print-refused',
      terminalId: 'KD-0001',
      loginId: 'shikaku01',
    })
  })

  it('refuses an end before the start without calling main, keeping the list shown', async () => {
    await useSecurityEventsStore.getState().search(filter)
    await useSecurityEventsStore.getState().search({ ...filter, to: '2026-11-30' })
    expect(useSecurityEventsStore.getState().result).toMatchObject({
      error: '期間の終了日は開始日以降にしてください',
      data: list,
    })
    expect(api.admin.securityEvents).toHaveBeenCalledOnce()
  })

  it('names the kinds in Japanese, and shows an unknown kind as it is', () => {
    expect(kindLabel('request-blocked')).toBe('外部への通信の遮断')
    expect(kindLabel('some-new-kind')).toBe('some-new-kind')
  })
})
