import { describe, expect, it, vi } from 'vitest'
import { BackendError } from '../../electron/main/backend/backend-client'
import type { IpcHandlers } from '../../electron/main/ipc/router'
import { createIpcRouter } from '../../electron/main/ipc/router'
import { isTrustedSender, type IpcSender } from '../../electron/main/ipc/sender'
import { registerIpcChannels } from '../../electron/main/platform/electron-ipc'
import { ipcChannelNames } from '../../shared/ipc/channels'

const summary = {
  total: 0,
  page: 1,
  pageSize: 50,
  items: [],
}

function fakeHandlers(overrides: Partial<IpcHandlers> = {}): IpcHandlers {
  return {
    'app.info': async () => ({
      shell: 'electron',
      verificationMode: false,
      serverMode: 'demo',
      insurerName: null,
      version: '0',
    }),
    'auth.login': async () => ({ loginId: 'u', displayName: 'd', department: 'x', roles: [], permissions: [] }),
    'auth.logout': async () => ({ ok: true as const }),
    'auth.currentUser': async () => null,
    'person.search': async () => summary,
    'person.summary': async () => {
      throw new BackendError('notFound', '該当するデータがありません', 404)
    },
    ...overrides,
  } as IpcHandlers
}

const trusted = new Set([7])
const appFrame: IpcSender = { kind: 'electron', webContentsId: 7, frameUrl: 'app://ui/index.html', isMainFrame: true }

// docs/sources/electron-security.md §6.3, checklist item 17: every IPC call passes sender check → zod → handler → zod.
describe('the IPC router', () => {
  const router = (handlers = fakeHandlers(), onRefused = vi.fn()) =>
    createIpcRouter({ handlers, isTrustedSender: (s) => isTrustedSender(s, trusted), onRefused })

  it('answers a valid request from the app top frame with { ok: true, value }', async () => {
    expect(await router().dispatch('person.search', { kana: 'ヤマダ' }, appFrame)).toEqual({ ok: true, value: summary })
  })

  it.each<[string, IpcSender]>([
    ['a sub-frame', { ...appFrame, isMainFrame: false }],
    ['an unknown webContents', { ...appFrame, webContentsId: 8 }],
    ['a foreign origin', { ...appFrame, frameUrl: 'https://example.com/' }],
    ['a file:// page', { ...appFrame, frameUrl: 'file:///tmp/x.html' }],
    ['app:// with another host', { ...appFrame, frameUrl: 'app://evil/index.html' }],
  ])('refuses %s as untrusted and calls no handler', async (_name, sender) => {
    const search = vi.fn()
    const onRefused = vi.fn()
    const result = await router(fakeHandlers({ 'person.search': search }), onRefused).dispatch(
      'person.search',
      { kana: 'ア' },
      sender,
    )
    expect(result).toMatchObject({ ok: false, code: 'untrustedSender' })
    expect(search).not.toHaveBeenCalled()
    expect(onRefused).toHaveBeenCalledWith({ channel: 'person.search', reason: 'untrustedSender' })
  })

  it('refuses an unknown channel, including prototype keys', async () => {
    for (const channel of ['person.delete', '__proto__', 'constructor', 'toString']) {
      expect(await router().dispatch(channel, {}, appFrame)).toMatchObject({ ok: false, code: 'invalidRequest' })
    }
  })

  it('refuses a payload that fails the schema with the Japanese message of the rule, and unknown fields', async () => {
    expect(await router().dispatch('person.search', { insuredNumber: '123' }, appFrame)).toEqual({
      ok: false,
      code: 'invalidRequest',
      message: '被保険者番号は10桁の数字です',
    })
    expect(await router().dispatch('person.search', { kana: 'ア', sql: 'drop' }, appFrame)).toMatchObject({
      ok: false,
      code: 'invalidRequest',
    })
    expect(await router().dispatch('person.search', {}, appFrame)).toMatchObject({
      message: '検索条件を1つ以上入力してください',
    })
  })

  it('refuses an impossible date with a Japanese message naming the field, and calls no handler', async () => {
    const search = vi.fn()
    const onRefused = vi.fn()
    const result = await router(fakeHandlers({ 'person.search': search }), onRefused).dispatch(
      'person.search',
      { birthDate: '2026-02-31' },
      appFrame,
    )
    expect(result).toEqual({
      ok: false,
      code: 'invalidRequest',
      message: '生年月日（birthDate）: 存在しない日付です（2026-02-31）',
    })
    expect(search).not.toHaveBeenCalled()
    expect(onRefused).toHaveBeenCalledWith({ channel: 'person.search', reason: 'invalidRequest' })
    expect(await router().dispatch('person.search', { birthDate: '2024-02-29' }, appFrame)).toMatchObject({ ok: true })
  })

  it('passes a backend error through with its code and Japanese message', async () => {
    expect(await router().dispatch('person.summary', { personId: 1 }, appFrame)).toEqual({
      ok: false,
      code: 'notFound',
      message: '該当するデータがありません',
    })
  })

  it('hides unexpected errors behind "internal" and never returns a handler result that breaks the schema', async () => {
    const onError = vi.fn()
    const broken = createIpcRouter({
      handlers: fakeHandlers({
        'person.search': async () => {
          throw new Error('secret detail')
        },
        'auth.currentUser': async () => ({ loginId: 'x' }) as never,
      }),
      isTrustedSender: () => true,
      onError,
    })
    expect(await broken.dispatch('person.search', { kana: 'ア' }, appFrame)).toEqual({
      ok: false,
      code: 'internal',
      message: 'システムエラーが発生しました',
    })
    expect(await broken.dispatch('auth.currentUser', {}, appFrame)).toMatchObject({ ok: false, code: 'internal' })
    expect(onError).toHaveBeenCalledTimes(2)
  })
})

describe('the ipcMain adapter', () => {
  it('registers exactly one handler per channel of the contract and reports the sender frame', async () => {
    const handlers = new Map<string, (event: unknown, payload: unknown) => unknown>()
    const dispatch = vi.fn(async () => ({ ok: true as const, value: null }))
    registerIpcChannels({ handle: (channel: string, fn: never) => void handlers.set(channel, fn) } as never, {
      dispatch,
    })
    expect([...handlers.keys()].sort()).toEqual([...ipcChannelNames].sort())

    const mainFrame = { url: 'app://ui/index.html', parent: null }
    await handlers.get('person.search')!({ sender: { id: 7 }, senderFrame: mainFrame }, { kana: 'ア' })
    expect(dispatch).toHaveBeenLastCalledWith('person.search', { kana: 'ア' }, appFrame)

    await handlers.get('person.search')!(
      { sender: { id: 7 }, senderFrame: { url: 'app://ui/x.html', parent: mainFrame } },
      {},
    )
    expect(dispatch).toHaveBeenLastCalledWith(
      'person.search',
      {},
      { ...appFrame, frameUrl: 'app://ui/x.html', isMainFrame: false },
    )

    await handlers.get('person.search')!({ sender: { id: 7 }, senderFrame: null }, {})
    expect(dispatch).toHaveBeenLastCalledWith('person.search', {}, { ...appFrame, frameUrl: '', isMainFrame: false })
  })
})
