/**
 * The IPC channel names, without their schemas, so the sandboxed preload can build `window.api` without
 * bundling zod. `contract.ts` must declare exactly these channels (a compile-time check).
 */
export const ipcChannelNames = [
  'app.info',
  'auth.login',
  'auth.logout',
  'auth.currentUser',
  'person.search',
  'person.summary',
] as const

export type IpcChannelName = (typeof ipcChannelNames)[number]
