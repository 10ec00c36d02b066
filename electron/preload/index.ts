/**
 * The preload: exposes `window.api`, one function per IPC channel of shared/ipc, and nothing else —
 * never ipcRenderer itself, never Node (electron-security.md §6.2). Bundled into one CommonJS file for the sandbox.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { buildRendererApi } from '../../shared/ipc/api'
import { ipcChannelNames } from '../../shared/ipc/channels'

contextBridge.exposeInMainWorld(
  'api',
  buildRendererApi(ipcChannelNames, (channel, req) => ipcRenderer.invoke(channel, req)),
)
