/**
 * 過誤納 → 充当 → 還付 (docs/collection.md §3): after a payment or a downward 更正, settleOverpayments offsets the
 * person's other unpaid installments (oldest due first); what stays overpaid becomes a 還付 proposal. A second person
 * (collection.refundDecide, never the proposer) approves it — payee the person's 口座 or cash — or rejects it; an
 * approval writes the 還付 entry. A refund right older than 2 years is refused (介護保険法第200条).
 */
import { alias } from 'drizzle-orm/pg-core'
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { RefundDecideRequest, RefundProposal } from '../../../../../shared/api/collection'
import { limitationEndDate } from '../../../../../shared/domain/collection'
import { installmentKeyString, type InstallmentKey } from '../../../../../shared/domain/collection-ledger'
import type { IsoDate } from '../../../../../shared/domain/dates'
import { users } from '../../../core/db/schema'
import { HttpProblem, problems } from '../../../core/http/problem'
import { persons } from '../../persons/schema'
import { bankAccountRevisions } from '../../premiums'
import { appendLedgerEntries, installmentBalances, settleOverpayments, syncCharges, type LedgerDb } from './ledger'
import type { TimeBarredLookup } from './ledger'
import { collectionRefundDecisions, collectionRefundProposals } from './schema'

const proposer = alias(users, 'refund_proposer')
const decider = alias(users, 'refund_decider')

export const refundRefusal = (message: string) => new HttpProblem(422, 'refundRefused', message)

/** The proposals (with their decision) of the persons given, or the pending ones of everybody. */
export async function readRefundProposals(
  db: LedgerDb,
  query: { personIds?: readonly number[]; pendingOnly?: boolean; id?: number },
  _today: IsoDate,
): Promise<RefundProposal[]> {
  const where = [sql`true`]
  if (query.personIds) where.push(inArray(collectionRefundProposals.personId, [...query.personIds]))
  if (query.pendingOnly) where.push(isNull(collectionRefundDecisions.id))
  if (query.id !== undefined) where.push(eq(collectionRefundProposals.id, query.id))
  const rows = await db
    .select({
      p: collectionRefundProposals,
      d: collectionRefundDecisions,
      person: {
        familyName: persons.familyName,
        givenName: persons.givenName,
        insuredNumber: persons.insuredNumber,
      },
      proposedBy: proposer.displayName,
      decidedBy: decider.displayName,
    })
    .from(collectionRefundProposals)
    .innerJoin(persons, eq(persons.id, collectionRefundProposals.personId))
    .leftJoin(collectionRefundDecisions, eq(collectionRefundDecisions.proposalId, collectionRefundProposals.id))
    .leftJoin(proposer, eq(proposer.id, collectionRefundProposals.proposedBy))
    .leftJoin(decider, eq(decider.id, collectionRefundDecisions.decidedBy))
    .where(and(...where))
    .orderBy(query.pendingOnly ? asc(collectionRefundProposals.id) : desc(collectionRefundProposals.id))
  return rows.map(({ p, d, person, proposedBy, decidedBy }) => ({
    id: p.id,
    personId: p.personId,
    person: { name: `${person.familyName} ${person.givenName}`, insuredNumber: person.insuredNumber },
    fiscalYear: p.fiscalYear,
    method: p.method,
    seq: p.installmentSeq,
    amount: p.amount,
    arisenOn: p.arisenOn,
    rightEndsOn: limitationEndDate(p.arisenOn),
    proposedOn: p.proposedOn,
    proposedBy: proposedBy ?? null,
    status: d ? (d.decision === 'approve' ? 'approved' : 'rejected') : 'pending',
    payee: d?.payee ?? null,
    decidedOn: d?.decidedOn ?? null,
    decidedBy: decidedBy ?? null,
    reason: d?.reason ?? null,
  }))
}

export interface SettleAndProposeResult {
  readonly offset: number
  readonly refundProposals: number[]
}

/**
 * 調定 synced, overpayments offset, and a 還付 proposal for what stays overpaid on each installment beyond the
 * pending proposals of that installment (so a repeat proposes nothing twice). The refund right arises on the day of
 * the last payment or 調定 change of the installment that left it overpaid.
 */
export async function settleAndPropose(
  db: LedgerDb,
  personIds: readonly number[],
  options: {
    now: Date
    today: IsoDate
    userId: number | null
    idempotencyKey: string
    timeBarred?: TimeBarredLookup | undefined
  },
): Promise<SettleAndProposeResult> {
  await syncCharges(db, personIds, { now: options.now, recordedBy: options.userId })
  const settled = await settleOverpayments(db, personIds, {
    now: options.now,
    on: options.today,
    recordedBy: options.userId,
    idempotencyKey: `settle:${options.idempotencyKey}`,
    ...(options.timeBarred ? { timeBarred: options.timeBarred } : {}),
  })
  const offset = settled.entries.filter((e) => e.kind === 'offset').reduce((s, e) => s + e.amount, 0)
  const proposals = await proposeRefunds(db, settled.refundable, options)
  return { offset, refundProposals: proposals }
}

async function proposeRefunds(
  db: LedgerDb,
  refundable: readonly (InstallmentKey & { amount: number })[],
  options: { now: Date; today: IsoDate; userId: number | null; idempotencyKey: string },
): Promise<number[]> {
  if (refundable.length === 0) return []
  const personIds = [...new Set(refundable.map((r) => r.personId))]
  const pending = await db
    .select({
      personId: collectionRefundProposals.personId,
      fiscalYear: collectionRefundProposals.fiscalYear,
      method: collectionRefundProposals.method,
      seq: collectionRefundProposals.installmentSeq,
      amount: collectionRefundProposals.amount,
    })
    .from(collectionRefundProposals)
    .leftJoin(collectionRefundDecisions, eq(collectionRefundDecisions.proposalId, collectionRefundProposals.id))
    .where(and(inArray(collectionRefundProposals.personId, personIds), isNull(collectionRefundDecisions.id)))
  const pendingOf = new Map<string, number>()
  for (const p of pending)
    pendingOf.set(installmentKeyString(p), (pendingOf.get(installmentKeyString(p)) ?? 0) + p.amount)
  const arisen = (await db.execute(sql`
    select person_id, fiscal_year, method, installment_seq as seq, max(occurred_on)::text as on
    from collection_entries
    where person_id in (select value::int from json_array_elements_text(${JSON.stringify(personIds)}::json))
      and kind in ('payment', 'charge')
    group by person_id, fiscal_year, method, installment_seq
  `)) as unknown as { rows: { person_id: number; fiscal_year: number; method: string; seq: number; on: string }[] }
  const arisenOf = new Map(
    arisen.rows.map((r) => [
      installmentKeyString({
        personId: Number(r.person_id),
        fiscalYear: Number(r.fiscal_year),
        method: r.method as InstallmentKey['method'],
        seq: Number(r.seq),
      }),
      r.on,
    ]),
  )
  const rows = refundable
    .map((r) => ({ ...r, amount: r.amount - (pendingOf.get(installmentKeyString(r)) ?? 0) }))
    .filter((r) => r.amount > 0)
  if (rows.length === 0) return []
  const inserted = await db
    .insert(collectionRefundProposals)
    .values(
      rows.map((r) => ({
        personId: r.personId,
        fiscalYear: r.fiscalYear,
        method: r.method,
        installmentSeq: r.seq,
        amount: r.amount,
        arisenOn: arisenOf.get(installmentKeyString(r)) ?? options.today,
        proposedOn: options.today,
        idempotencyKey: `refund:${options.idempotencyKey}:${installmentKeyString(r)}`,
        proposedAt: options.now,
        proposedBy: options.userId,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: collectionRefundProposals.id })
  return inserted.map((r) => r.id)
}

/**
 * The decision on a proposal by a second person. An approval is refused when the refund right is time-barred
 * (介護保険法第200条: 2 years from the day after it arose), when the installment is no longer overpaid by the amount,
 * or when the payee is the 口座 and the person has none in force; it writes the 還付 entry (+) in the same
 * transaction. A rejection needs its reason.
 */
export async function decideRefund(
  db: LedgerDb,
  input: RefundDecideRequest & { idempotencyKey: string },
  ctx: { userId: number; now: Date; today: IsoDate },
): Promise<RefundProposal> {
  const [proposal] = await db
    .select()
    .from(collectionRefundProposals)
    .where(eq(collectionRefundProposals.id, input.proposalId))
    .for('update')
  if (!proposal) throw problems.notFound()
  const [decided] = await db
    .select({ id: collectionRefundDecisions.id })
    .from(collectionRefundDecisions)
    .where(eq(collectionRefundDecisions.proposalId, proposal.id))
  if (decided) throw new HttpProblem(409, 'conflict', 'この還付はすでに決定されています')
  if (proposal.proposedBy === ctx.userId)
    throw new HttpProblem(403, 'forbidden', '自分が起案した還付は決定できません。別の担当者に決定を依頼してください')
  const comment = input.comment ?? ''
  if (input.decision === 'reject') {
    if (comment.trim() === '') throw refundRefusal('却下の理由（コメント）を入力してください')
    await db.insert(collectionRefundDecisions).values({
      proposalId: proposal.id,
      decision: 'reject',
      payee: null,
      bankAccountRevisionId: null,
      reason: comment,
      decidedOn: ctx.today,
      entryId: null,
      decidedAt: ctx.now,
      decidedBy: ctx.userId,
    })
    return (await readRefundProposals(db, { id: proposal.id }, ctx.today))[0]!
  }
  const rightEnds = limitationEndDate(proposal.arisenOn)
  if (ctx.today > rightEnds)
    throw refundRefusal(
      `還付請求権は ${rightEnds} の経過で時効により消滅しています（${proposal.arisenOn} に発生、介護保険法第200条）。却下してください`,
    )
  const payee = input.payee ?? null
  if (payee === null) throw refundRefusal('還付先（口座または現金）を選んでください')
  const key = {
    personId: proposal.personId,
    fiscalYear: proposal.fiscalYear,
    method: proposal.method,
    seq: proposal.installmentSeq,
  }
  const [balance] = (await installmentBalances(db, { personIds: [proposal.personId] })).filter(
    (b) => installmentKeyString(b) === installmentKeyString(key),
  )
  if (!balance || -balance.balance < proposal.amount)
    throw refundRefusal(
      `過誤納額が起案時から変わりました（現在 ${Math.max(0, -(balance?.balance ?? 0))}円、起案 ${proposal.amount}円）。充当をやり直して起案し直してください`,
    )
  let accountId: number | null = null
  if (payee === 'account') {
    const account = await currentAccount(db, proposal.personId, ctx.today)
    if (!account) throw refundRefusal('この方には有効な口座がありません。現金（窓口）で還付してください')
    accountId = account
  }
  const [entry] = await appendLedgerEntries(db, [
    {
      ...key,
      kind: 'refund',
      amount: proposal.amount,
      occurredOn: ctx.today,
      channel: payee === 'account' ? 'bank' : 'cash',
      source: `還付決定 #${proposal.id}`,
      idempotencyKey: `refund:p${proposal.id}`,
      recordedAt: ctx.now,
      recordedBy: ctx.userId,
    },
  ])
  if (!entry) throw new HttpProblem(409, 'conflict', 'この還付はすでに記帳されています')
  await db.insert(collectionRefundDecisions).values({
    proposalId: proposal.id,
    decision: 'approve',
    payee,
    bankAccountRevisionId: accountId,
    reason: comment,
    decidedOn: ctx.today,
    entryId: entry.id,
    decidedAt: ctx.now,
    decidedBy: ctx.userId,
  })
  return (await readRefundProposals(db, { id: proposal.id }, ctx.today))[0]!
}

/** The latest revision of the person's 口座 in force today (口座振替 not stopped), or null. */
export async function currentAccount(db: LedgerDb, personId: number, today: IsoDate): Promise<number | null> {
  const rows = await db
    .select()
    .from(bankAccountRevisions)
    .where(eq(bankAccountRevisions.personId, personId))
    .orderBy(desc(bankAccountRevisions.accountId), desc(bankAccountRevisions.revision))
  const latest = new Map<number, (typeof rows)[number]>()
  for (const r of rows) if (!latest.has(r.accountId)) latest.set(r.accountId, r)
  const inForce = [...latest.values()].filter((r) => r.validFrom <= today && (r.validTo === null || r.validTo >= today))
  return inForce[0]?.id ?? null
}
