/**
 * The renderer's only way out: `window.api` from the preload in Electron, or — in browser mode (検証モード)
 * — the same contract over the loopback bridge of the headless main. Nothing else in the renderer touches
 * `window.api`, the network or storage of secrets.
 */
import { buildRendererApi, type RendererApi } from '../../../shared/ipc/api'
import { ipcChannelNames, type IpcEventName } from '../../../shared/ipc/channels'

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

type BridgeEvent = { seq: number; event: IpcEventName; payload: unknown }

/**
 * Main → renderer events in browser mode (C-31): long-poll POST /__bridge/events with the same token and origin
 * checks as IPC. Started with the first listener; a failed poll is retried after a pause.
 */
function createLoopbackEvents(token: string) {
  const listeners = new Map<IpcEventName, Set<(payload: unknown) => void>>()
  let running = false
  const poll = async () => {
    let cursor: number | null = null
    while (running) {
      try {
        const res = await fetch('/__bridge/events', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-kaigo-bridge-token': token },
          body: JSON.stringify({ after: cursor }),
        })
        if (!res.ok) throw new Error(String(res.status))
        const body = (await res.json()) as { cursor: number; events: BridgeEvent[] }
        cursor = body.cursor
        for (const e of body.events) for (const l of [...(listeners.get(e.event) ?? [])]) l(e.payload)
      } catch {
        await new Promise((r) => setTimeout(r, 1_000))
      }
    }
  }
  return (event: IpcEventName, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    set.add(listener)
    if (!running) {
      running = true
      void poll()
    }
    return () => {
      set.delete(listener)
    }
  }
}

function createLoopbackApi(): RendererApi {
  const token = bridgeToken()
  const subscribe = createLoopbackEvents(token)
  return buildRendererApi(
    ipcChannelNames,
    async (channel, req) => {
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
    },
    subscribe,
  )
}

export const isBrowserShell = window.api === undefined
export const api: RendererApi = window.api ?? createLoopbackApi()
