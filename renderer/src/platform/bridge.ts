/**
 * The renderer's only way out: `window.api` from the preload in Electron, or — in browser mode (検証モード)
 * — the same contract over the loopback bridge of the headless main. Nothing else in the renderer touches
 * `window.api`, the network or storage of secrets.
 */
import { buildRendererApi, type RendererApi } from '../../../shared/ipc/api'
import { ipcChannelNames } from '../../../shared/ipc/channels'

declare global {
  interface Window {
    api?: RendererApi
  }
}

const TOKEN_KEY = 'kaigo-desk.bridge'

function bridgeToken(): string {
  const match = /(?:^#|&)bridge=([A-Za-z0-9_-]+)/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1])
    window.history.replaceState(null, '', window.location.pathname)
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

function createLoopbackApi(): RendererApi {
  const token = bridgeToken()
  return buildRendererApi(ipcChannelNames, async (channel, req) => {
    try {
      const res = await fetch(`/__bridge/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kaigo-bridge-token': token },
        body: JSON.stringify(req ?? {}),
      })
      if (!res.ok)
        return { ok: false, code: 'untrustedSender', message: '検証モードの接続が無効です。起動し直してください' }
      return await res.json()
    } catch {
      return { ok: false, code: 'backendUnavailable', message: 'アプリ本体に接続できません' }
    }
  })
}

export const isBrowserShell = window.api === undefined
export const api: RendererApi = window.api ?? createLoopbackApi()
