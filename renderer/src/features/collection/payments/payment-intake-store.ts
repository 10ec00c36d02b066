import { create } from 'zustand'
import type {
  PaymentFileKind,
  PaymentImportResult,
  PaymentWorkItem,
  PaymentWorkList,
  WithholdingResultFiles,
} from '../../../../../shared/api/payment-intake'
import { PAYMENT_FILE_MAX_BYTES } from '../../../../../shared/ipc/payment-intake'
import { registerPersonalData } from '../../../app/personal-data-registry'
import { toBase64 } from '../../../lib/base64'
import { idleRequest, settle, type RequestState } from '../../../lib/request'
import { api } from '../../../platform/bridge'

/** Why a chosen file cannot be sent (in Japanese), or null. */
export function paymentFileProblem(file: { size: number } | null): string | null {
  if (!file) return '取り込むファイルを選んでください'
  if (file.size === 0) return 'ファイルが空です'
  if (file.size > PAYMENT_FILE_MAX_BYTES)
    return `ファイルが大きすぎます（上限 ${Math.floor(PAYMENT_FILE_MAX_BYTES / 1_000_000)}MB）。分割して取り込んでください`
  return null
}

/** The one-line summary of an import, in Japanese. */
export function importSummary(r: PaymentImportResult): string {
  const n = (v: number) => v.toLocaleString('ja-JP')
  if (r.status === 'validated') return `（${n(r.lines)}件、誤りはありません）`
  if (r.status === 'rejected') return `（誤り ${n(r.problemCount)}件）`
  return `（${n(r.lines)}件中 消込 ${n(r.applied)}件 ${n(r.appliedAmount)}円、要確認 ${n(r.work)}件 ${n(r.workAmount)}円、振替不能 ${n(r.notTransferred)}件、計上済 ${n(r.alreadyCounted)}件）`
}

export type WorkAction = 'assign' | 'refund' | 'hold'

interface PaymentIntakeState {
  kind: PaymentFileKind
  imported: RequestState<PaymentImportResult>
  list: RequestState<PaymentWorkList>
  /** The row the keyboard cursor is on (index into the list's items). */
  cursor: number
  decision: RequestState<string>
  /** The received 特別徴収結果 files and the last posting (or its dry run) of one of them. */
  withholdingFiles: RequestState<WithholdingResultFiles>
  posting: RequestState<PaymentImportResult>
  setKind(kind: PaymentFileKind): void
  loadWithholdingFiles(): Promise<boolean>
  postWithholding(pensionFileId: number, dryRun: boolean): Promise<boolean>
  importFile(file: { fileName: string; bytes: Uint8Array; dryRun: boolean }): Promise<boolean>
  load(status?: 'open' | 'all'): Promise<boolean>
  move(delta: number): void
  decide(item: PaymentWorkItem, action: WorkAction, note: string): Promise<boolean>
  reset(): void
}

const ACTION_TEXT: Record<WorkAction, string> = {
  assign: '消込しました',
  refund: '還付予定にしました',
  hold: '保留にしました',
}

const empty = {
  kind: 'directDebitResult' as PaymentFileKind,
  imported: idleRequest,
  list: idleRequest,
  cursor: 0,
  decision: idleRequest,
  withholdingFiles: idleRequest,
  posting: idleRequest,
}

/**
 * 消込: the import of a payment file (the report of what landed, by line) and the work list of the payments that were
 * not applied automatically, with the 収納担当's decision on each (assign to the installment, refund, hold). The list
 * names residents: cleared on logout and lock.
 */
export const usePaymentIntakeStore = create<PaymentIntakeState>()((set, get) => ({
  ...empty,
  setKind: (kind) => set({ kind, imported: idleRequest }),
  importFile: async ({ fileName, bytes, dryRun }) => {
    if (get().imported.busy) return false
    set((s) => ({ imported: { ...s.imported, busy: true, error: null } }))
    const res = await api.paymentIntake.import({
      kind: get().kind,
      fileName,
      contentBase64: toBase64(bytes),
      dryRun,
      idempotencyKey: crypto.randomUUID(),
    })
    set((s) => ({ imported: settle(s.imported, res) }))
    if (res.ok && res.value.status === 'applied') await get().load()
    return res.ok
  },
  loadWithholdingFiles: async () => {
    set((s) => ({ withholdingFiles: { ...s.withholdingFiles, busy: true, error: null } }))
    const res = await api.paymentIntake.withholdingFiles({})
    set((s) => ({ withholdingFiles: settle(s.withholdingFiles, res) }))
    return res.ok
  },
  postWithholding: async (pensionFileId, dryRun) => {
    if (get().posting.busy) return false
    set((s) => ({ posting: { ...s.posting, busy: true, error: null } }))
    const res = await api.paymentIntake.postWithholding({
      pensionFileId,
      dryRun,
      idempotencyKey: crypto.randomUUID(),
    })
    set((s) => ({ posting: settle(s.posting, res) }))
    if (res.ok && res.value.status === 'applied') await Promise.all([get().load(), get().loadWithholdingFiles()])
    return res.ok
  },
  load: async (status = 'open') => {
    set((s) => ({ list: { ...s.list, busy: true, error: null } }))
    const res = await api.paymentIntake.workList({ status })
    set((s) => ({
      list: settle(s.list, res),
      cursor: res.ok ? Math.min(s.cursor, Math.max(0, res.value.items.length - 1)) : s.cursor,
    }))
    return res.ok
  },
  move: (delta) =>
    set((s) => {
      const count = s.list.data?.items.length ?? 0
      return { cursor: count === 0 ? 0 : Math.min(count - 1, Math.max(0, s.cursor + delta)) }
    }),
  decide: async (item, action, note) => {
    if (get().decision.busy) return false
    set({ decision: { ...idleRequest, busy: true } })
    const res = await api.paymentIntake.decide({
      itemId: item.id,
      rowVersion: item.rowVersion,
      action,
      note,
      idempotencyKey: crypto.randomUUID(),
    })
    set((s) => ({
      decision: settle(
        s.decision,
        res.ok ? { ok: true, value: `${item.fileName} ${item.line}行目の入金を${ACTION_TEXT[action]}` } : res,
      ),
    }))
    if (res.ok) await get().load()
    return res.ok
  },
  reset: () => set(empty),
}))

registerPersonalData('paymentIntake', () => usePaymentIntakeStore.getState().reset())
