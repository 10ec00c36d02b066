/**
 * 窓口 payments (docs/collection.md §2): the quote shown before the money is taken — how the payment would be
 * allocated and the 延滞金 it fixes (shared/domain lateCharge through allocatePayment) — and the payment itself,
 * through the one allocation (applyPayment), followed by the 充当 of an overpayment and the 還付 proposal of the rest.
 */
import type {
  CounterPaymentQuote,
  CounterPaymentRequest,
  CounterPaymentResult,
  CounterPaymentQuoteRequest,
} from '../../../../../shared/api/collection'
import { allocatePayment, installmentKeyString, LedgerRuleError } from '../../../../../shared/domain/collection-ledger'
import type { IsoDate } from '../../../../../shared/domain/dates'
import { SHINJUKU_LATE_CHARGE_RATES } from '../../../../../shared/domain/parameters/shinjuku'
import { applyPayment, installmentBalances, syncCharges, type LedgerDb, type TimeBarredLookup } from './ledger'
import { lateChargeToday } from './person-ledger'
import { settleAndPropose } from './refunds'
import { limitationEndDate } from '../../../../../shared/domain/collection'

const lineOf = (e: {
  fiscalYear: number
  method: 'withholding' | 'direct'
  seq: number
  kind: string
  amount: number
}) => ({
  fiscalYear: e.fiscalYear,
  method: e.method,
  seq: e.seq,
  kind: e.kind as CounterPaymentQuote['lines'][number]['kind'],
  amount: e.amount,
})

/** The allocation a 窓口 payment would get, without writing anything (the 調定 is brought up to date first). */
export async function quoteCounterPayment(
  db: LedgerDb,
  input: Required<Pick<CounterPaymentQuoteRequest, 'personId' | 'amount' | 'paidOn'>> & {
    target: CounterPaymentQuoteRequest['target']
  },
  ctx: { now: Date; userId: number | null; timeBarred?: TimeBarredLookup | undefined },
): Promise<CounterPaymentQuote> {
  await syncCharges(db, [input.personId], { now: ctx.now, recordedBy: ctx.userId })
  const balances = await installmentBalances(db, { personIds: [input.personId] })
  const barred = ctx.timeBarred
    ? await ctx.timeBarred(db, { personIds: [input.personId], asOf: input.paidOn })
    : defaultBarred(balances, input.paidOn)
  const installments = balances.flatMap((b) =>
    b.dueDate ? [{ ...b, dueDate: b.dueDate, timeBarred: barred.get(installmentKeyString(b)) ?? null }] : [],
  )
  const target = input.target ? { personId: input.personId, ...input.target } : null
  const concerned = installments.filter(
    (i) => !i.timeBarred && (target ? installmentKeyString(i) === installmentKeyString(target) : i.balance > 0),
  )
  const totalDueToday = concerned.reduce(
    (s, i) =>
      s +
      Math.max(0, i.balance) +
      Math.max(0, i.lateChargeBalance) +
      lateChargeToday(i.balance, i.dueDate, input.paidOn),
    0,
  )
  try {
    const a = allocatePayment({
      amount: input.amount,
      paidOn: input.paidOn,
      installments,
      target,
      rates: SHINJUKU_LATE_CHARGE_RATES,
    })
    const paid = (kind: string) => -a.entries.filter((e) => e.kind === kind).reduce((s, e) => s + e.amount, 0)
    return {
      lines: a.entries.map(lineOf),
      premiumPaid: paid('payment') - a.overpaid,
      lateCharge: a.lateCharge,
      lateChargePaid: paid('lateChargePayment'),
      overpaid: a.overpaid,
      totalDueToday,
      refusal: null,
    }
  } catch (error) {
    if (!(error instanceof LedgerRuleError)) throw error
    return {
      lines: [],
      premiumPaid: 0,
      lateCharge: 0,
      lateChargePaid: 0,
      overpaid: 0,
      totalDueToday,
      refusal: error.message,
    }
  }
}

function defaultBarred(balances: Awaited<ReturnType<typeof installmentBalances>>, on: IsoDate): Map<string, string> {
  const out = new Map<string, string>()
  for (const b of balances)
    if (b.dueDate && on > limitationEndDate(b.dueDate))
      out.set(
        installmentKeyString(b),
        `${b.fiscalYear}年度 第${b.seq}期（納期限 ${b.dueDate}）は ${limitationEndDate(b.dueDate)} の経過で時効により消滅しており、納付を受けられません（介護保険法第200条）`,
      )
  return out
}

/** A 窓口 payment: applied once per idempotency key; an overpayment is offset, the rest proposed for 還付. */
export async function takeCounterPayment(
  db: LedgerDb,
  input: CounterPaymentRequest & { idempotencyKey: string; paidOn: IsoDate; amount: number },
  ctx: { now: Date; today: IsoDate; userId: number; timeBarred?: TimeBarredLookup | undefined },
): Promise<CounterPaymentResult> {
  await syncCharges(db, [input.personId], { now: ctx.now, recordedBy: ctx.userId })
  const applied = await applyPayment(
    db,
    {
      personId: input.personId,
      target: input.target ?? null,
      amount: input.amount,
      paidOn: input.paidOn,
      receivedOn: input.receivedOn ?? null,
      channel: 'counter',
      source: input.note ? `窓口（${input.note}）` : '窓口',
      idempotencyKey: `counter:${input.idempotencyKey}`,
    },
    { now: ctx.now, recordedBy: ctx.userId, ...(ctx.timeBarred ? { timeBarred: ctx.timeBarred } : {}) },
  )
  const settled =
    applied.applied && applied.overpaid > 0
      ? await settleAndPropose(db, [input.personId], {
          now: ctx.now,
          today: ctx.today,
          userId: ctx.userId,
          idempotencyKey: `counter:${input.idempotencyKey}`,
          timeBarred: ctx.timeBarred,
        })
      : { offset: 0, refundProposals: [] }
  return {
    applied: applied.applied,
    lines: applied.entries.map(lineOf),
    premiumPaid: applied.premiumPaid,
    lateCharge: applied.lateCharge,
    lateChargePaid: applied.lateChargePaid,
    overpaid: applied.overpaid,
    offset: settled.offset,
    refundProposals: settled.refundProposals,
  }
}
