import type { z } from 'zod'
import { describeInputIssue } from '../../../shared/api/invalid-input'
import { ipcChannels, type IpcChannel, type IpcResponse, type IpcResult } from '../../../shared/ipc/contract'
import { BackendError } from '../backend/backend-client'
import type { IpcSender } from './sender'

export type IpcHandlers = {
  [K in IpcChannel]: (req: z.output<(typeof ipcChannels)[K]['req']>, sender: IpcSender) => Promise<IpcResponse<K>>
}

export interface IpcRouterOptions {
  handlers: IpcHandlers
  isTrustedSender(sender: IpcSender): boolean
  /** Told about refused requests (untrusted sender, unknown channel, bad payload) for the security log. */
  onRefused?(event: { channel: string; reason: 'untrustedSender' | 'unknownChannel' | 'invalidRequest' }): void
  /** Told about unexpected errors; must not log payloads (they may hold personal data). */
  onError?(event: { channel: string; error: unknown }): void
}

export interface IpcRouter {
  dispatch(channel: string, payload: unknown, sender: IpcSender): Promise<IpcResult<unknown>>
}

const isChannel = (channel: string): channel is IpcChannel => Object.hasOwn(ipcChannels, channel)

/**
 * The single entry of every IPC call, used by the Electron `ipcMain.handle` adapter and by the loopback
 * bridge alike: sender check → zod parse → handler → zod parse of the result → `{ ok, value } | { ok, code }`.
 */
export function createIpcRouter(options: IpcRouterOptions): IpcRouter {
  return {
    async dispatch(channel, payload, sender) {
      if (!isChannel(channel)) {
        options.onRefused?.({ channel: channel.slice(0, 64), reason: 'unknownChannel' })
        return { ok: false, code: 'invalidRequest', message: '不明な操作です' }
      }
      if (!options.isTrustedSender(sender)) {
        options.onRefused?.({ channel, reason: 'untrustedSender' })
        return { ok: false, code: 'untrustedSender', message: '許可されていない呼び出し元です' }
      }
      const spec = ipcChannels[channel]
      const parsed = spec.req.safeParse(payload ?? {})
      if (!parsed.success) {
        options.onRefused?.({ channel, reason: 'invalidRequest' })
        return {
          ok: false,
          code: 'invalidRequest',
          message: parsed.error.issues[0] ? describeInputIssue(parsed.error.issues[0]) : '入力内容に誤りがあります',
        }
      }
      try {
        const handler = options.handlers[channel] as (req: unknown, sender: IpcSender) => Promise<unknown>
        const value = spec.res.parse(await handler(parsed.data, sender))
        return { ok: true, value }
      } catch (error) {
        if (error instanceof BackendError) return { ok: false, code: error.code, message: error.message }
        options.onError?.({ channel, error })
        return { ok: false, code: 'internal', message: 'システムエラーが発生しました' }
      }
    },
  }
}
