/**
 * The preload: exposes `window.api`, one function per IPC channel of shared/ipc, plus `api.on(event, cb)` for
 * the main → renderer events, and nothing else — never ipcRenderer itself, never Node (docs/sources/electron-security.md
 * §6.2). Bundled into one CommonJS file for the sandbox.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildRendererApi } from '../../shared/ipc/api'
import { ipcChannelNames, ipcEventNames, type IpcEventName } from '../../shared/ipc/channels'

const isEventName = (name: unknown): name is IpcEventName => ipcEventNames.includes(name as IpcEventName)

contextBridge.exposeInMainWorld(
  'api',
  buildRendererApi(
    ipcChannelNames,
    (channel, req) => ipcRenderer.invoke(channel, req),
    (event, listener) => {
      // control C-31: only declared event names; the Electron event object never reaches the page.
      if (!isEventName(event)) return () => undefined
      const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload)
      ipcRenderer.on(event, wrapped)
      return () => {
        ipcRenderer.removeListener(event, wrapped)
      }
    },
  ),
)
