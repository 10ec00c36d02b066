import { create } from 'zustand'
import type { ClientSecurityEventKind, SecurityEventList } from '../../../../shared/api/security-events'
import type { IsoDate } from '../../../../shared/domain'
import { registerPersonalData } from '../../app/personal-data-registry'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'
import { periodInstants } from './period'

export interface SecurityEventFilter {
  from: IsoDate | null
  to: IsoDate | null
  kind: ClientSecurityEventKind | ''
  terminalId: string
  loginId: string
}

/** Japanese names of the event kinds (shared/api/security-events.ts); a kind without one shows as it is. */
export const securityEventKindLabels: Partial<Record<ClientSecurityEventKind, string>> = {
  'permission-denied': '権限要求の拒否',
  'device-denied': 'デバイス接続の拒否',
  'download-cancelled': 'ダウンロードの中止',
  'file-system-access-denied': 'ファイルアクセスの拒否',
  'request-blocked': '外部への通信の遮断',
  'navigation-blocked': '画面遷移の遮断',
  'window-open-blocked': '新しいウィンドウの遮断',
  'webview-blocked': 'webview の遮断',
  'devtools-closed': '開発者ツールの遮断',
  'certificate-rejected': 'サーバ証明書の拒否',
  'client-certificate-not-found': '端末証明書なし',
  'render-process-gone': '画面プロセスの異常終了',
  'ipc-refused': '不正な内部呼出しの拒否',
  'export-refused': '持出の拒否',
  'print-refused': '印刷の拒否',
  'events-dropped': 'イベントの欠落',
  'storage-unprotected': '保存データの保護なし',
}

export const kindLabel = (kind: string): string => securityEventKindLabels[kind as ClientSecurityEventKind] ?? kind

interface SecurityEventsState {
  result: RequestState<SecurityEventList>
  /** Lists the terminals' security events of the period (newest first), filtered by kind, terminal, user. */
  search(filter: SecurityEventFilter): Promise<void>
  reset(): void
}

/** 端末セキュリティイベント (controls C-01, C-21, C-28): what the terminals refused, read back from the audit log. */
export const useSecurityEventsStore = create<SecurityEventsState>()((set) => ({
  result: idleRequest,
  search: async (filter) => {
    const period = periodInstants(filter.from, filter.to)
    if (!period.ok) return set((s) => ({ result: { ...s.result, error: period.message } }))
    set((s) => ({ result: { ...s.result, busy: true, error: null } }))
    const res = await api.admin.securityEvents({
      from: period.from,
      to: period.to,
      kind: filter.kind || null,
      terminalId: filter.terminalId.trim() || null,
      loginId: filter.loginId.trim() || null,
    })
    set((s) => ({ result: settle(s.result, res) }))
  },
  reset: () => set({ result: idleRequest }),
}))

// User ids and terminals of staff: cleared on logout and lock like the other administration stores.
registerPersonalData('adminSecurityEvents', () => useSecurityEventsStore.getState().reset())
