import { create } from 'zustand'
import type { PersonBenefitMonths } from '../../../../shared/api/benefits'
import { fieldLabels } from '../../../../shared/api/field-labels'
import type { PersonHighCost } from '../../../../shared/api/high-cost'
import type { PrinterList } from '../../../../shared/api/print'
import {
  decisionStatusLabels,
  reductionKindLabels,
  type CopayReduction,
  type RecipientOverview,
  type RecipientReductions,
  type ReductionApplyRequest,
  type ReductionKind,
} from '../../../../shared/api/recipients'
import {
  reimbursementKindLabels,
  type PersonReimbursements,
  type ReimbursementApplicationRequest,
  type ReimbursementKindValue,
} from '../../../../shared/api/reimbursements'
import { formatWareki, todayInJapan, type IsoDate } from '../../../../shared/domain'
import { registerPersonalData } from '../../app/personal-data-registry'
import { personRecordsLoader } from '../../lib/person-records'
import { idleRequest, settle, type RequestState } from '../../lib/request'
import { api } from '../../platform/bridge'

/** How many サービス提供月 the panel asks for: this month and the eleven before it. */
export const BENEFIT_MONTHS_SHOWN = 12

/** The months the 給付実績 table asks for, ending with the month of `today` ('YYYY-MM'). */
export function benefitMonthRange(today: IsoDate): { fromMonth: string; toMonth: string } {
  const [y, m] = today.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) - (BENEFIT_MONTHS_SHOWN - 1)
  const from = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
  return { fromMonth: from, toMonth: today.slice(0, 7) }
}

/** A サービス提供年月 'YYYY-MM' in 和暦: 令和8年11月. */
export function serviceMonthLabel(month: string): string {
  return formatWareki(`${month}-01`).replace(/\d+日$/, '')
}

/** Integer yen as the other panels show it: 12,840円. */
export const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`

/** What the 償還払 form holds: the amounts and dates as typed ('' = not given). */
export interface ReimbursementDraft {
  kind: ReimbursementKindValue
  serviceOn: string
  cost: string
  provider: string
  receivedOn: string
  dwelling: string
  priorApplicationOn: string
}

export const emptyReimbursementDraft = (today: IsoDate): ReimbursementDraft => ({
  kind: 'equipmentPurchase',
  serviceOn: '',
  cost: '',
  provider: '',
  receivedOn: today,
  dwelling: '',
  priorApplicationOn: '',
})

const missing = (field: string, what = '入力してください') => ({
  ok: false as const,
  message: `${fieldLabels[field] ?? field}（${field}）: ${what}`,
})

/**
 * The 償還払 form checked before it is sent: the 費用額 a positive integer of yen (full-width digits and commas
 * accepted), the dates given, and for a 住宅改修 the dwelling and the day of its 事前申請; or the Japanese reason.
 * The limits, the 負担割合 and the split are the server's.
 */
export function reimbursementRequest(
  personId: number,
  draft: ReimbursementDraft,
): { ok: true; request: Omit<ReimbursementApplicationRequest, 'idempotencyKey'> } | { ok: false; message: string } {
  if (draft.serviceOn === '') return missing('serviceOn', '日付を入力してください')
  const digits = draft.cost.replace(/[,，円\s]/g, '').replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))
  if (!/^[1-9][0-9]{0,8}$/.test(digits)) return missing('cost', '1円以上の整数で入力してください')
  const provider = draft.provider.trim()
  if (provider === '') return missing('provider')
  if (draft.receivedOn === '') return missing('receivedOn', '日付を入力してください')
  const request: Omit<ReimbursementApplicationRequest, 'idempotencyKey'> = {
    personId,
    kind: draft.kind,
    serviceOn: draft.serviceOn,
    cost: Number(digits),
    provider,
    receivedOn: draft.receivedOn,
  }
  if (draft.kind === 'homeAlteration') {
    const dwelling = draft.dwelling.trim()
    if (dwelling === '') return missing('dwelling')
    if (draft.priorApplicationOn === '') return missing('priorApplicationOn', '日付を入力してください')
    request.dwelling = dwelling
    request.priorApplicationOn = draft.priorApplicationOn
  }
  return { ok: true, request }
}

/** What the 減免 application form holds: the rate and dates as typed ('' = not given). */
export interface ReductionDraft {
  kind: ReductionKind
  ratePercent: string
  appliedOn: string
  validFrom: string
  validTo: string
  reason: string
}

export const emptyReductionDraft = (today: IsoDate): ReductionDraft => ({
  kind: 'socialWelfareCorp',
  ratePercent: '',
  appliedOn: today,
  validFrom: '',
  validTo: '',
  reason: '',
})

/** The fields of the 減免 form whose contract name (fieldLabels) would read wrong here (appliedOn is 認定申請日). */
const reductionFieldLabels: Record<string, string> = { appliedOn: '申請日' }
const reductionMissing = (field: string, what = '入力してください') => ({
  ok: false as const,
  message: `${reductionFieldLabels[field] ?? fieldLabels[field] ?? field}（${field}）: ${what}`,
})

/**
 * The 減免 form checked before it is sent: the dates given, the rate an integer when typed (full-width digits read;
 * empty is sent as null), a reason; or the Japanese reason naming the field. Whether the rate suits the kind, the
 * period suits the 申請日 and the 判定年度 and overlaps no other 減免 is the server's (its refusal names the field).
 */
export function reductionRequest(
  personId: number,
  draft: ReductionDraft,
): { ok: true; request: Omit<ReductionApplyRequest, 'idempotencyKey'> } | { ok: false; message: string } {
  const digits = draft.ratePercent.trim().replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))
  if (digits !== '' && !/^[0-9]{1,3}$/.test(digits))
    return reductionMissing('ratePercent', '1〜100の整数で入力してください')
  for (const field of ['appliedOn', 'validFrom', 'validTo'] as const)
    if (draft[field] === '') return reductionMissing(field, '日付を入力してください')
  const reason = draft.reason.trim()
  if (reason === '') return reductionMissing('reason', '申請の理由を入力してください')
  return {
    ok: true,
    request: {
      personId,
      kind: draft.kind,
      ratePercent: digits === '' ? null : Number(digits),
      appliedOn: draft.appliedOn,
      validFrom: draft.validFrom,
      validTo: draft.validTo,
      reason,
    },
  }
}

/** One 減免 as the panel lists it: 社会福祉法人等による利用者負担軽減 25% 申請中. */
export function reductionTitle(r: Pick<CopayReduction, 'kind' | 'ratePercent' | 'status'>): string {
  return `${reductionKindLabels[r.kind]}${r.ratePercent !== null ? ` ${r.ratePercent}%` : ''} ${decisionStatusLabels[r.status]}`
}

interface BenefitsState {
  personId: number | null
  /** 給付実績 by サービス提供年月 against the 区分支給限度基準額 (benefits.recordsRead). */
  months: RequestState<PersonBenefitMonths>
  /** The 受給者 record: 負担割合, 負担限度額認定, 減免, 居宅届出 (recipients.read). */
  recipient: RequestState<RecipientOverview>
  /** The 高額介護サービス費 初回申請 and the committed decisions (highCost.read). */
  highCost: RequestState<PersonHighCost>
  /** The person's 償還払 applications with their figures and decisions, newest first (reimbursement.read). */
  reimbursements: RequestState<PersonReimbursements>
  /** The person's 減免 applications and decisions, by validFrom (recipients.read). */
  reductions: RequestState<RecipientReductions>
  /** The terminal's printers (for the 負担限度額認定証) and the one chosen: the first allowed unless changed. */
  printers: PrinterList['printers'] | null
  printer: string
  write: RequestState<string>
  loadMonths(personId: number): Promise<void>
  loadRecipient(personId: number): Promise<void>
  loadHighCost(personId: number): Promise<void>
  loadReimbursements(personId: number): Promise<void>
  loadReductions(personId: number): Promise<void>
  /** A 減免 application recorded (申請中); the 減免 and the 受給者 record read again. */
  applyReduction(personId: number, draft: ReductionDraft): Promise<boolean>
  /** The 監督者's approval or rejection of an application, with its reason (after the step-up); reloaded. */
  decideReduction(personId: number, reduction: CopayReduction, approve: boolean, reason: string): Promise<boolean>
  loadPrinters(): Promise<void>
  choosePrinter(printer: string): void
  /** The 負担限度額認定証 of an approved certification, printed by main on the chosen printer (C-28). */
  printReliefCertificate(personId: number, certificationId: number): Promise<boolean>
  /** 負担割合 re-determined from `effectiveFrom` to the end of its 判定年度 (更正・世帯異動); the record reloaded. */
  redetermineCopay(personId: number, effectiveFrom: string, reason: string): Promise<boolean>
  registerReimbursement(personId: number, draft: ReimbursementDraft): Promise<boolean>
  registerHighCostApplication(personId: number, receivedOn: string): Promise<boolean>
  clearMessage(): void
  reset(): void
}

const empty = {
  personId: null,
  months: idleRequest,
  recipient: idleRequest,
  highCost: idleRequest,
  reimbursements: idleRequest,
  reductions: idleRequest,
  write: idleRequest,
}

/**
 * The person view's 給付 panel: the 受給者 record, the 給付実績 by month, the 高額介護サービス費 初回申請 and decisions
 * and the 償還払 applications (audited reads on the server, each only when the user may read it); the 負担割合
 * re-determined, the 初回申請 and a 償還払 application registered with an idempotency key — its figures (limit,
 * remaining, split) as the server computed them — and the records read again.
 * Every answer is the person's personal data: cleared with the other personal-data stores on logout and lock.
 */
export const useBenefitsStore = create<BenefitsState>()((set, get) => {
  const months = personRecordsLoader(set, get, {
    key: 'months',
    empty,
    call: (personId) => api.benefits.personMonths({ personId, ...benefitMonthRange(todayInJapan(new Date())) }),
  })
  const recipient = personRecordsLoader(set, get, {
    key: 'recipient',
    empty,
    call: (personId) => api.recipients.overview({ personId }),
  })
  const highCost = personRecordsLoader(set, get, {
    key: 'highCost',
    empty,
    call: (personId) => api.highCost.personStatus({ personId }),
  })
  const reimbursements = personRecordsLoader(set, get, {
    key: 'reimbursements',
    empty,
    call: (personId) => api.reimbursement.personApplications({ personId }),
  })
  const reductions = personRecordsLoader(set, get, {
    key: 'reductions',
    empty,
    call: (personId) => api.recipients.reductions({ personId }),
  })
  /** Starts a write for the person shown (a write for another person starts from the empty state). */
  const begin = (personId: number): boolean => {
    if (get().write.busy) return false
    set((s) =>
      s.personId === personId
        ? { write: { ...idleRequest, busy: true } }
        : { ...empty, personId, write: { ...idleRequest, busy: true } },
    )
    return true
  }
  return {
    ...empty,
    loadMonths: months.load,
    loadRecipient: recipient.load,
    loadHighCost: highCost.load,
    loadReimbursements: reimbursements.load,
    loadReductions: reductions.load,
    printers: null,
    printer: '',
    redetermineCopay: async (personId, effectiveFrom, reason) => {
      if (effectiveFrom === '') {
        set({ write: { busy: false, error: missing('effectiveFrom', '日付を入力してください').message, data: null } })
        return false
      }
      if (reason.trim() === '') {
        set({ write: { busy: false, error: missing('reason', '再判定の理由を入力してください').message, data: null } })
        return false
      }
      if (!begin(personId)) return false
      const res = await api.recipients.copayRedetermine({
        personId,
        effectiveFrom,
        reason: reason.trim(),
        idempotencyKey: crypto.randomUUID(),
      })
      if (get().personId !== personId) return false
      const ratio = (r: number | null) => (r === null ? '判定なし' : `${r}割`)
      set((s) => ({
        write: settle(
          s.write,
          res.ok
            ? {
                ok: true,
                value: res.value.period
                  ? `負担割合を再判定しました：${ratio(res.value.oldRatio)} → ${ratio(res.value.newRatio)}（${formatWareki(res.value.period.validFrom)}〜${formatWareki(res.value.period.validTo)}）`
                  : `負担割合は変わりません（${ratio(res.value.newRatio)}）`,
              }
            : res,
        ),
      }))
      if (res.ok && res.value.period) await get().loadRecipient(personId)
      return res.ok
    },
    registerReimbursement: async (personId, draft) => {
      const checked = reimbursementRequest(personId, draft)
      if (!checked.ok) {
        set({ write: { busy: false, error: checked.message, data: null } })
        return false
      }
      if (!begin(personId)) return false
      const res = await api.reimbursement.register({ ...checked.request, idempotencyKey: crypto.randomUUID() })
      if (get().personId !== personId) return false
      if (!res.ok) {
        set((s) => ({ write: settle(s.write, res) }))
        return false
      }
      const a = res.value
      set({
        write: {
          busy: false,
          error: null,
          data: `${reimbursementKindLabels[a.kind]}の申請を受け付けました（申請番号 ${a.id}・支給見込額 ${yen(a.figures.insurerShare)}）`,
        },
      })
      await get().loadReimbursements(personId)
      return true
    },
    registerHighCostApplication: async (personId, receivedOn) => {
      if (receivedOn === '') {
        set({ write: { busy: false, error: missing('receivedOn', '日付を入力してください').message, data: null } })
        return false
      }
      if (!begin(personId)) return false
      const res = await api.highCost.registerApplication({
        personId,
        receivedOn,
        idempotencyKey: crypto.randomUUID(),
      })
      if (get().personId !== personId) return false
      set((s) => ({
        write: settle(
          s.write,
          res.ok
            ? {
                ok: true,
                value: `高額介護サービス費の初回申請を登録しました（受付 ${formatWareki(res.value.receivedOn)}）。以後の月は申請なしで支給されます`,
              }
            : res,
        ),
      }))
      if (res.ok) await get().loadHighCost(personId)
      return res.ok
    },
    applyReduction: async (personId, draft) => {
      const checked = reductionRequest(personId, draft)
      if (!checked.ok) {
        set({ write: { busy: false, error: checked.message, data: null } })
        return false
      }
      if (!begin(personId)) return false
      const res = await api.recipients.reductionApply({ ...checked.request, idempotencyKey: crypto.randomUUID() })
      if (get().personId !== personId) return false
      set((s) => ({
        write: settle(
          s.write,
          res.ok
            ? {
                ok: true,
                value: `${reductionKindLabels[res.value.kind]}の申請を受け付けました（第${res.value.id}号・${formatWareki(res.value.validFrom)}〜${formatWareki(res.value.validTo)}）。監督者の決定を待ちます`,
              }
            : res,
        ),
      }))
      if (res.ok) await Promise.all([get().loadReductions(personId), get().loadRecipient(personId)])
      return res.ok
    },
    decideReduction: async (personId, reduction, approve, reason) => {
      if (reason.trim() === '') {
        set({ write: { busy: false, error: missing('reason', '決定の理由を入力してください').message, data: null } })
        return false
      }
      if (!begin(personId)) return false
      const res = await api.recipients.reductionDecide({
        recordId: reduction.id,
        approve,
        rowVersion: reduction.rowVersion,
        reason: reason.trim(),
        idempotencyKey: crypto.randomUUID(),
      })
      if (get().personId !== personId) return false
      set((s) => ({
        write: settle(
          s.write,
          res.ok
            ? {
                ok: true,
                value: `減免の申請 第${res.value.id}号を${approve ? '承認' : '却下'}しました（${reductionKindLabels[res.value.kind]}）`,
              }
            : res,
        ),
      }))
      // A stale row version or a decision taken meanwhile: the list is read again either way.
      if (res.ok || res.code === 'conflict')
        await Promise.all([get().loadReductions(personId), get().loadRecipient(personId)])
      return res.ok
    },
    loadPrinters: async () => {
      const res = await api.print.printers({})
      if (!res.ok) return
      const first = res.value.printers.find((p) => p.allowed)?.name ?? ''
      set((s) => ({ printers: res.value.printers, printer: s.printer || first }))
    },
    choosePrinter: (printer) => set({ printer }),
    printReliefCertificate: async (personId, certificationId) => {
      const printer = get().printer
      if (!printer) {
        set({ write: { busy: false, error: 'プリンタを選んでください', data: null } })
        return false
      }
      if (!begin(personId)) return false
      const res = await api.recipients.printReliefCertificate({
        recordId: certificationId,
        personId,
        printer,
        idempotencyKey: crypto.randomUUID(),
      })
      if (get().personId !== personId) return false
      set((s) => ({
        write: settle(s.write, res.ok ? { ok: true, value: `${res.value.title}を ${printer} に印刷しました` } : res),
      }))
      return res.ok
    },
    clearMessage: () => set((s) => ({ write: { ...s.write, error: null, data: null } })),
    reset: () => {
      for (const loader of [months, recipient, highCost, reimbursements, reductions]) loader.forget()
      set({ ...empty, printers: null, printer: '' })
    },
  }
})

registerPersonalData('benefits', () => useBenefitsStore.getState().reset())
