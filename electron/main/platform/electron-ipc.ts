/**
 * The only place that registers `ipcMain` handlers: one per channel of the contract, each going through the
 * typed router (sender check → zod → service → zod). `ipcMain` is injected so contract tests can use a fake.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { ipcChannelNames } from '../../../shared/ipc/channels'
import type { IpcRouter } from '../ipc/router'
import type { IpcSender } from '../ipc/sender'

export function senderOf(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): IpcSender {
  const frame = event.senderFrame
  return {
    kind: 'electron',
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? '',
    isMainFrame: frame !== null && frame.parent === null,
  }
}

export function registerIpcChannels(ipcMain: Pick<IpcMain, 'handle'>, router: IpcRouter): void {
  for (const channel of ipcChannelNames) {
    ipcMain.handle(channel, (event, payload: unknown) => router.dispatch(channel, payload, senderOf(event)))
  }
}
