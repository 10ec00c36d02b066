import { todayInJapan } from '../../../../../shared/domain'
import { LedgerRuleError } from '../../../../../shared/domain/collection-ledger'
import { HttpProblem, problems } from '../../../core/http/problem'
import { defineRoute } from '../../../core/http/route'
import { loadPerson } from '../../persons'
import { quoteCounterPayment, takeCounterPayment } from './counter'
import { syncCharges, type TimeBarredLookup } from './ledger'
import { readPersonLedger, type LimitationLookup } from './person-ledger'
import { refundNoticePdf } from './refund-notice'
import { decideRefund, readRefundProposals, settleAndPropose } from './refunds'

const ledgerRefusal = (error: unknown): never => {
  if (error instanceof LedgerRuleError) throw new HttpProblem(422, 'ledgerRule', error.message)
  throw error
}

/**
 * 収納台帳 routes (docs/collection.md): a person's ledger (the 収納 tab; the 調定 is brought up to the latest 賦課
 * first, in the request's transaction), the 窓口 quote and payment, the 過誤納 充当 run, the 還付 queue, decision
 * (a second person, step-up) and notice. Thin: parse → the service → answer; every request writes its one audit row
 * naming the persons. `timeBarred` and `limitations` (the dunning sub-area's limitation with its renewals) are
 * injected by the composition root; without them the 2 years count from the 納期限 without renewals.
 */
export function collectionLedgerRoutes(deps: { timeBarred?: TimeBarredLookup; limitations?: LimitationLookup } = {}) {
  return [
    defineRoute({
      name: 'collection.personLedger',
      access: { kind: 'permission', permission: 'collection.read' },
      personalData: true,
      audit: { action: 'collection.personLedger' },
      effect: 'read',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.targets([input.personId])
        const { person } = await loadPerson(db, input.personId, 'collection.read', { permissions, user })
        audit.purpose('収納台帳（調定・収納・残高・延滞金・時効）の参照')
        await syncCharges(db, [person.id], { now, recordedBy: user?.id ?? null })
        return readPersonLedger(
          db,
          { id: person.id, name: `${person.familyName} ${person.givenName}`, insuredNumber: person.insuredNumber },
          todayInJapan(now),
          deps.limitations,
        )
      },
    }),
    defineRoute({
      name: 'collection.counterQuote',
      access: { kind: 'permission', permission: 'collection.pay' },
      personalData: true,
      audit: { action: 'collection.counterQuote' },
      effect: 'read',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.targets([input.personId])
        await loadPerson(db, input.personId, 'collection.pay', { permissions, user })
        audit.purpose(`窓口収納の試算 ${input.amount}円（納付日 ${input.paidOn}）`)
        return quoteCounterPayment(db, input, { now, userId: user?.id ?? null, timeBarred: deps.timeBarred })
      },
    }),
    defineRoute({
      name: 'collection.counterPayment',
      access: { kind: 'permission', permission: 'collection.pay' },
      personalData: true,
      audit: { action: 'collection.counterPayment' },
      effect: 'create',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.targets([input.personId])
        await loadPerson(db, input.personId, 'collection.pay', { permissions, user })
        audit.purpose(`窓口収納 ${input.amount}円（納付日 ${input.paidOn}）`)
        if (input.paidOn > todayInJapan(now))
          throw problems.invalidRequest('納付日（paidOn）: 未来の日付は指定できません')
        return takeCounterPayment(db, input, {
          now,
          today: todayInJapan(now),
          userId: user!.id,
          timeBarred: deps.timeBarred,
        }).catch(ledgerRefusal)
      },
    }),
    defineRoute({
      name: 'collection.settleOverpayments',
      access: { kind: 'permission', permission: 'collection.pay' },
      personalData: true,
      audit: { action: 'collection.settleOverpayments' },
      effect: 'create',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.targets([input.personId])
        await loadPerson(db, input.personId, 'collection.pay', { permissions, user })
        const result = await settleAndPropose(db, [input.personId], {
          now,
          today: todayInJapan(now),
          userId: user!.id,
          idempotencyKey: `settle:${input.idempotencyKey}`,
          timeBarred: deps.timeBarred,
        })
        audit.purpose(`過誤納の充当 ${result.offset}円・還付起案 ${result.refundProposals.length}件`)
        return result
      },
    }),
    defineRoute({
      name: 'collection.refundQueue',
      access: { kind: 'permission', permission: 'collection.refundDecide' },
      personalData: true,
      audit: { action: 'collection.refundQueue' },
      effect: 'read',
      async handle({ db, audit, now }) {
        const proposals = await readRefundProposals(db, { pendingOnly: true }, todayInJapan(now))
        audit.targets(proposals.map((p) => p.personId))
        audit.purpose(`還付の決定待ち ${proposals.length}件の参照`)
        return { proposals }
      },
    }),
    defineRoute({
      name: 'collection.refundDecide',
      access: { kind: 'permission', permission: 'collection.refundDecide' },
      personalData: true,
      audit: { action: 'collection.refundDecide' },
      effect: 'statusChange',
      stepUp: true,
      async handle({ input, db, user, audit, now, permissions }) {
        const verb = input.decision === 'approve' ? '還付決定' : '却下'
        audit.purpose(`還付 #${input.proposalId} の${verb}`)
        const [proposal] = await readRefundProposals(db, { id: input.proposalId }, todayInJapan(now))
        if (!proposal) throw problems.notFound()
        audit.targets([proposal.personId])
        await loadPerson(db, proposal.personId, 'collection.refundDecide', { permissions, user })
        return decideRefund(db, input, { userId: user!.id, now, today: todayInJapan(now) })
      },
    }),
    defineRoute({
      name: 'collection.refundNotice',
      access: { kind: 'permission', permission: 'collection.read' },
      personalData: true,
      audit: { action: 'collection.refundNotice' },
      effect: 'read',
      async handle({ input, db, user, audit, now, permissions }) {
        audit.purpose(`還付通知書 #${input.proposalId} の作成`)
        const [proposal] = await readRefundProposals(db, { id: input.proposalId }, todayInJapan(now))
        if (!proposal) throw problems.notFound()
        audit.targets([proposal.personId])
        await loadPerson(db, proposal.personId, 'collection.read', { permissions, user })
        return refundNoticePdf(db, input.proposalId, todayInJapan(now))
      },
    }),
  ]
}
