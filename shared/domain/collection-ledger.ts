/**
 * 収納 ledger — the pure model of the collection ledger (docs/collection.md): the entry kinds and their sign, the
 * summary of an installment (調定, 収納, 還付, 充当, 不納欠損, 残高), the charge adjustments that make the ledger's 調定
 * equal the latest 賦課 version, the allocation of a payment (premium first, then 延滞金: docs/sources/domain.md §4.1)
 * and the 充当 of an overpayment (過誤納) to the same person's other unpaid installments, oldest due first.
 *
 * Sign convention: every entry's amount is signed so that the 残高 of an installment is the plain sum of its entries
 * (positive = still owed, negative = 過誤納). Hence the invariant 調定 − 収納 + 還付 − 充当 − 不納欠損 = 残高 with
 * 調定 = Σcharge, 収納 = −Σpayment, 還付 = Σrefund, 充当 = −Σ(offset + offsetIn) (net 充当 into the installment),
 * 不納欠損 = −ΣwriteOff. 延滞金 has its own balance (lateCharge − lateChargePayment − lateChargeWriteOff).
 */
import { lateCharge } from './collection'
import type { IsoDate } from './dates'
import type { LateChargeMethod, LateChargeRate } from './parameters/shinjuku'
import { SHINJUKU_LATE_CHARGE_METHOD } from './parameters/shinjuku'

/** The kinds of ledger entries and the sign their amount normally has. */
export const ledgerKinds = [
  'charge', // 調定 (±: a 更正 adds the difference)
  'payment', // 収納 (−; + for a reversal such as a returned 口座振替)
  'refund', // 還付 (+: the overpaid money paid back)
  'offset', // 充当 out of this installment (+: its overpayment leaves it)
  'offsetIn', // 充当 into this installment (−: it is paid by another installment's overpayment)
  'writeOff', // 不納欠損 (−: time-barred, 介護保険法第200条)
  'lateCharge', // 延滞金 fixed at payment time (+)
  'lateChargePayment', // 延滞金 収納 (−)
  'lateChargeWriteOff', // 延滞金 不納欠損 (−)
] as const
export type LedgerKind = (typeof ledgerKinds)[number]

export const ledgerKindLabels: Record<LedgerKind, string> = {
  charge: '調定',
  payment: '収納',
  refund: '還付',
  offset: '充当（充当元）',
  offsetIn: '充当（充当先）',
  writeOff: '不納欠損',
  lateCharge: '延滞金',
  lateChargePayment: '延滞金収納',
  lateChargeWriteOff: '延滞金不納欠損',
}

/** The kinds that make up the premium balance (the others are 延滞金). */
export const premiumKinds: readonly LedgerKind[] = ['charge', 'payment', 'refund', 'offset', 'offsetIn', 'writeOff']
export const lateChargeKinds: readonly LedgerKind[] = ['lateCharge', 'lateChargePayment', 'lateChargeWriteOff']

/** Collection method of an installment: 特別徴収 or 普通徴収 (shared/api/premiums.ts collectionMethods). */
export type LedgerMethod = 'withholding' | 'direct'

/** One installment of a person's fiscal year (期). */
export interface InstallmentKey {
  readonly personId: number
  readonly fiscalYear: number
  readonly method: LedgerMethod
  readonly seq: number
}

export function installmentKeyString(k: InstallmentKey): string {
  return `${k.personId}:${k.fiscalYear}:${k.method}:${k.seq}`
}

export interface LedgerEntryAmount extends InstallmentKey {
  readonly kind: LedgerKind
  readonly amount: number
}

/** The figures of one installment. All integer yen, in the sign of the report (収納 positive when paid). */
export interface InstallmentSummary extends InstallmentKey {
  /** 調定 */
  charged: number
  /** 収納 */
  paid: number
  /** 還付 */
  refunded: number
  /** 充当 into this installment (paid by another one's overpayment). */
  offsetIn: number
  /** 充当 out of this installment (its overpayment used elsewhere). */
  offsetOut: number
  /** 充当 net (offsetIn − offsetOut), as the invariant counts it. */
  offset: number
  /** 不納欠損 */
  writtenOff: number
  /** 残高 = Σ entries (positive owed, negative 過誤納). */
  balance: number
  lateCharged: number
  lateChargePaid: number
  lateChargeWrittenOff: number
  lateChargeBalance: number
}

export function emptySummary(k: InstallmentKey): InstallmentSummary {
  return {
    personId: k.personId,
    fiscalYear: k.fiscalYear,
    method: k.method,
    seq: k.seq,
    charged: 0,
    paid: 0,
    refunded: 0,
    offsetIn: 0,
    offsetOut: 0,
    offset: 0,
    writtenOff: 0,
    balance: 0,
    lateCharged: 0,
    lateChargePaid: 0,
    lateChargeWrittenOff: 0,
    lateChargeBalance: 0,
  }
}

/** Adds one entry to a summary (in place). */
export function addToSummary(s: InstallmentSummary, kind: LedgerKind, amount: number): void {
  switch (kind) {
    case 'charge':
      s.charged += amount
      break
    case 'payment':
      s.paid -= amount
      break
    case 'refund':
      s.refunded += amount
      break
    case 'offset':
      s.offsetOut += amount
      s.offset -= amount
      break
    case 'offsetIn':
      s.offsetIn -= amount
      s.offset -= amount
      break
    case 'writeOff':
      s.writtenOff -= amount
      break
    case 'lateCharge':
      s.lateCharged += amount
      s.lateChargeBalance += amount
      return
    case 'lateChargePayment':
      s.lateChargePaid -= amount
      s.lateChargeBalance += amount
      return
    case 'lateChargeWriteOff':
      s.lateChargeWrittenOff -= amount
      s.lateChargeBalance += amount
      return
  }
  s.balance += amount
}

/** The summaries of the installments the entries name, keyed by {@link installmentKeyString}. */
export function summarizeEntries(entries: readonly LedgerEntryAmount[]): Map<string, InstallmentSummary> {
  const out = new Map<string, InstallmentSummary>()
  for (const e of entries) {
    const key = installmentKeyString(e)
    let s = out.get(key)
    if (!s) out.set(key, (s = emptySummary(e)))
    addToSummary(s, e.kind, e.amount)
  }
  return out
}

/** 調定 − 収納 + 還付 − 充当 − 不納欠損 − 残高 (0 when the invariant holds), and the same for 延滞金. */
export function invariantGap(s: InstallmentSummary): { premium: number; lateCharge: number } {
  return {
    premium: s.charged - s.paid + s.refunded - s.offset - s.writtenOff - s.balance,
    lateCharge: s.lateCharged - s.lateChargePaid - s.lateChargeWrittenOff - s.lateChargeBalance,
  }
}

// ——— 調定 from 賦課 ———

/**
 * The charge entries that make the ledger's 調定 equal the latest 賦課 version: `target` = the installments of the
 * latest version (an installment the latest version no longer has counts as 0), `charged` = the ledger's Σcharge
 * per installment. Returns one adjustment per installment whose figures differ, in key order.
 */
export function chargeAdjustments(
  target: readonly (InstallmentKey & { readonly amount: number })[],
  charged: readonly (InstallmentKey & { readonly amount: number })[],
): LedgerEntryAmount[] {
  const want = new Map<string, InstallmentKey & { amount: number }>()
  for (const t of target) {
    const k = installmentKeyString(t)
    want.set(k, { ...t, amount: (want.get(k)?.amount ?? 0) + t.amount })
  }
  const have = new Map<string, InstallmentKey & { amount: number }>()
  for (const c of charged) {
    const k = installmentKeyString(c)
    have.set(k, { ...c, amount: (have.get(k)?.amount ?? 0) + c.amount })
  }
  const out: LedgerEntryAmount[] = []
  for (const k of [...new Set([...want.keys(), ...have.keys()])].sort()) {
    const w = want.get(k)
    const h = have.get(k)
    const delta = (w?.amount ?? 0) - (h?.amount ?? 0)
    const key = (w ?? h)!
    if (delta !== 0)
      out.push({
        personId: key.personId,
        fiscalYear: key.fiscalYear,
        method: key.method,
        seq: key.seq,
        kind: 'charge',
        amount: delta,
      })
  }
  return out
}

// ——— Payments ———

/** An installment as the allocation sees it. */
export interface OpenInstallment extends InstallmentKey {
  readonly dueDate: IsoDate
  /** Premium 残高 (negative = 過誤納). */
  readonly balance: number
  readonly lateChargeBalance: number
  /** Set when the collection right is time-barred on the payment day (介護保険法第200条): it can no longer be paid. */
  readonly timeBarred?: string | null
}

/** Ordering of installments: oldest due first, then fiscal year, 特別徴収 before 普通徴収, 期. */
export function compareByDue(a: OpenInstallment, b: OpenInstallment): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1
  if (a.fiscalYear !== b.fiscalYear) return a.fiscalYear - b.fiscalYear
  if (a.method !== b.method) return a.method === 'withholding' ? -1 : 1
  return a.seq - b.seq
}

export class LedgerRuleError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LedgerRuleError'
  }
}

export interface PaymentAllocationInput {
  readonly amount: number
  readonly paidOn: IsoDate
  /** The person's installments (any order). */
  readonly installments: readonly OpenInstallment[]
  /** The installment the money was paid for (納付書 barcode, 口座振替 request); none = oldest due first. */
  readonly target?: InstallmentKey | null
  readonly rates: readonly LateChargeRate[]
  readonly method?: LateChargeMethod
}

export interface PaymentAllocation {
  /** payment, lateCharge and lateChargePayment entries in the order they apply. */
  readonly entries: LedgerEntryAmount[]
  /** The 延滞金 fixed by this payment (Σ lateCharge entries). */
  readonly lateCharge: number
  /** The part of the money beyond everything owed: left on {@link overpaidOn} as 過誤納 (negative balance). */
  readonly overpaid: number
  readonly overpaidOn: InstallmentKey | null
}

const sameKey = (a: InstallmentKey, b: InstallmentKey) =>
  a.personId === b.personId && a.fiscalYear === b.fiscalYear && a.method === b.method && a.seq === b.seq
const keyOf = (i: InstallmentKey): InstallmentKey => ({
  personId: i.personId,
  fiscalYear: i.fiscalYear,
  method: i.method,
  seq: i.seq,
})

/**
 * Allocates a payment (docs/collection.md §2): first the premium of the installments (the target only, or every
 * installment of the person oldest due first), each part fixing its 延滞金 with `lateCharge` on the premium paid late
 * (docs/sources/domain.md §4.1: 延滞金 is collected after the premium itself), then the 延滞金 in the same order;
 * what remains is 過誤納 on the target (or the last installment paid, or the person's latest installment). A
 * time-barred installment cannot be paid: as the target it is refused with the reason, otherwise it is skipped.
 */
export function allocatePayment(input: PaymentAllocationInput): PaymentAllocation {
  const { amount, paidOn, rates } = input
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new LedgerRuleError('金額は1円以上の整数で指定してください')
  const method = input.method ?? SHINJUKU_LATE_CHARGE_METHOD
  const all = [...input.installments].sort(compareByDue)
  let candidates: OpenInstallment[]
  if (input.target) {
    const target = all.find((i) => sameKey(i, input.target!))
    if (!target)
      throw new LedgerRuleError(
        `${input.target.fiscalYear}年度 ${input.target.method === 'withholding' ? '特別徴収' : '普通徴収'} 第${input.target.seq}期の調定がありません`,
      )
    if (target.timeBarred) throw new LedgerRuleError(target.timeBarred)
    candidates = [target]
  } else {
    candidates = all.filter((i) => !i.timeBarred)
  }
  const entries: LedgerEntryAmount[] = []
  let remaining = amount
  let fixed = 0
  let lastPaid: OpenInstallment | null = null
  const late = new Map<OpenInstallment, number>()
  for (const i of candidates) {
    late.set(i, Math.max(0, i.lateChargeBalance))
    if (remaining === 0 || i.balance <= 0) continue
    const take = Math.min(remaining, i.balance)
    entries.push({ ...keyOf(i), kind: 'payment', amount: -take })
    remaining -= take
    lastPaid = i
    const charge = lateChargeOf(take, i.dueDate, paidOn, rates, method)
    if (charge > 0) {
      entries.push({ ...keyOf(i), kind: 'lateCharge', amount: charge })
      late.set(i, late.get(i)! + charge)
      fixed += charge
    }
  }
  for (const i of candidates) {
    const owed = late.get(i)!
    if (remaining === 0 || owed <= 0) continue
    const take = Math.min(remaining, owed)
    entries.push({ ...keyOf(i), kind: 'lateChargePayment', amount: -take })
    remaining -= take
  }
  let overpaidOn: InstallmentKey | null = null
  if (remaining > 0) {
    const onto = candidates.length === 1 && input.target ? candidates[0]! : (lastPaid ?? all[all.length - 1])
    if (!onto) throw new LedgerRuleError('この方の調定がありません（収納先の期がありません）')
    overpaidOn = keyOf(onto)
    entries.push({ ...overpaidOn, kind: 'payment', amount: -remaining })
  }
  return { entries: mergePayments(entries), lateCharge: fixed, overpaid: remaining, overpaidOn }
}

/** `lateCharge`, its missing-rate error told in Japanese (the dated table has no row for a year). */
function lateChargeOf(
  amount: number,
  dueDate: IsoDate,
  paidOn: IsoDate,
  rates: readonly LateChargeRate[],
  method: LateChargeMethod,
): number {
  try {
    return lateCharge({ amount, dueDate, paidOn }, rates, method)
  } catch (error) {
    const year = error instanceof RangeError ? /no late-charge rates for (\d+)/.exec(error.message)?.[1] : undefined
    if (year) throw new LedgerRuleError(`${year}年の延滞金の割合が定められていません（延滞金の率の表に追加が必要です）`)
    throw error
  }
}

/** One payment entry per installment (the overpaid rest merged into the premium part of the same installment). */
function mergePayments(entries: LedgerEntryAmount[]): LedgerEntryAmount[] {
  const out: LedgerEntryAmount[] = []
  for (const e of entries) {
    const same =
      e.kind === 'payment' ? out.find((o) => o.kind === 'payment' && sameKey(o, e) && o.amount < 0) : undefined
    if (same) out[out.indexOf(same)] = { ...same, amount: same.amount + e.amount }
    else out.push(e)
  }
  return out
}

// ——— 過誤納 → 充当 / 還付 ———

export interface OffsetPlan {
  /** Pairs of offset (+, on the overpaid installment) and offsetIn (−, on the unpaid one). */
  readonly entries: (LedgerEntryAmount & { readonly counterpart: InstallmentKey })[]
  /** What stays overpaid after 充当, per installment: the refund proposals (還付). */
  readonly refundable: (InstallmentKey & { readonly amount: number })[]
}

/**
 * 充当 of one person's overpayments (docs/collection.md §3): each overpaid installment (negative balance), oldest due
 * first, pays the person's other unpaid installments, oldest due first (time-barred ones excluded: 介護保険法第200条
 * — they can no longer be paid); what is left over is refundable (還付).
 */
export function planOffsets(installments: readonly OpenInstallment[]): OffsetPlan {
  const sorted = [...installments].sort(compareByDue)
  const owed = new Map<OpenInstallment, number>()
  for (const i of sorted) owed.set(i, i.timeBarred ? 0 : Math.max(0, i.balance))
  const entries: (LedgerEntryAmount & { counterpart: InstallmentKey })[] = []
  const refundable: (InstallmentKey & { amount: number })[] = []
  for (const source of sorted) {
    let credit = source.balance < 0 ? -source.balance : 0
    for (const target of sorted) {
      if (credit === 0) break
      const need = owed.get(target)!
      if (need <= 0 || target === source) continue
      const take = Math.min(credit, need)
      entries.push({ ...keyOf(source), kind: 'offset', amount: take, counterpart: keyOf(target) })
      entries.push({ ...keyOf(target), kind: 'offsetIn', amount: -take, counterpart: keyOf(source) })
      owed.set(target, need - take)
      credit -= take
    }
    if (credit > 0) refundable.push({ ...keyOf(source), amount: credit })
  }
  return { entries, refundable }
}
