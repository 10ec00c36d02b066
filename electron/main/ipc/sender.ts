import { isAppUiUrl } from '../security/origins'

/** Who sent an IPC request: a frame of an Electron webContents, or the authenticated loopback bridge. */
export type IpcSender =
  { kind: 'electron'; webContentsId: number; frameUrl: string; isMainFrame: boolean } | { kind: 'bridge' }

/**
 * Only the app's own top frame, loaded from app://ui, in a window main created, may call IPC
 * (GitHub Desktop's trusted-sender set; docs/sources/electron-security.md §6.3, checklist item 17).
 */
export function isTrustedSender(sender: IpcSender, trustedWebContentsIds: ReadonlySet<number>): boolean {
  if (sender.kind === 'bridge') return true
  return sender.isMainFrame && trustedWebContentsIds.has(sender.webContentsId) && isAppUiUrl(sender.frameUrl)
}
