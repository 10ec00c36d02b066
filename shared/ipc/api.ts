import type { IpcChannelName } from './channels'
import type { IpcChannel, IpcEvent, IpcEventPayload, IpcRequest, IpcResponse, IpcResult } from './contract'

type AreaOf<K extends string> = K extends `${infer A}.${string}` ? A : never
type VerbOf<K extends string, A extends string> = K extends `${A}.${infer V}` ? V : never

/**
 * What the preload exposes as `window.api`: one function per IPC channel, grouped by area
 * (`api.person.search(query)` for channel 'person.search'). Never the raw ipcRenderer.
 */
export type RendererApi = {
  [A in AreaOf<IpcChannel>]: {
    [V in VerbOf<IpcChannel, A>]: (
      req: IpcRequest<`${A}.${V}` & IpcChannel>,
    ) => Promise<IpcResult<IpcResponse<`${A}.${V}` & IpcChannel>>>
  }
} & RendererEventApi

/** Main → renderer events (C-31): `api.on('session.locked', cb)` returns the unsubscribe function. */
export type RendererEventApi = {
  on<E extends IpcEvent>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void
}

/** How a shell delivers events: the preload wraps ipcRenderer.on, browser mode long-polls the bridge. */
export type EventSubscriber = (event: IpcEvent, listener: (payload: unknown) => void) => () => void

/** Builds a RendererApi from a single invoke function (used by the preload and by the loopback bridge client). */
export function buildRendererApi(
  channels: readonly IpcChannelName[],
  invoke: (channel: IpcChannelName, req: unknown) => Promise<unknown>,
  subscribe: EventSubscriber = () => () => undefined,
): RendererApi {
  const api: Record<string, Record<string, (req: unknown) => Promise<unknown>>> = {}
  for (const channel of channels) {
    const [area, verb] = channel.split('.') as [string, string]
    const group = (api[area] ??= {})
    // Exactly one argument crosses the boundary, whatever the caller passes (GitHub Desktop's invokeProxy habit).
    group[verb] = (req: unknown) => invoke(channel, req)
  }
  const on = (event: IpcEvent, listener: (payload: unknown) => void) => subscribe(event, listener)
  return Object.assign(api, { on }) as unknown as RendererApi
}
