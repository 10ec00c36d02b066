/**
 * The 消込 work list (docs/interfaces/payments.md §3.3): the payments that were not applied automatically, with their
 * Japanese reason, and the 収納担当's decision on each — assign it to a person's installment (applied through the
 * ledger), mark it to be refunded to the payer, or hold it. A decision names the row version it read (409 when
 * another clerk decided first); an item once assigned or marked for refund is final.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import {
  workItemStatusLabels,
  type PaymentWorkDecision,
  type PaymentWorkItem,
  type PaymentWorkList,
} from '../../../../../shared/api/payment-intake'
import { installmentKeyString, LedgerRuleError } from '../../../../../shared/domain/collection-ledger'
import { workReasonLabels } from '../../../../../shared/domain/payment-matching'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem, problems } from '../../../core/http/problem'
import { persons } from '../../persons/schema'
import { paymentChannelOf, type LedgerPort } from './ledger-port'
import { paymentIntakeFiles, paymentIntakeLines, paymentWorkItems } from './schema'

const selection = {
  item: paymentWorkItems,
  line: paymentIntakeLines,
  fileName: paymentIntakeFiles.fileName,
  familyName: persons.familyName,
  givenName: persons.givenName,
}

async function loadItems(db: Db | Tx, where: ReturnType<typeof eq> | undefined) {
  return db
    .select(selection)
    .from(paymentWorkItems)
    .innerJoin(paymentIntakeLines, eq(paymentIntakeLines.id, paymentWorkItems.lineId))
    .innerJoin(paymentIntakeFiles, eq(paymentIntakeFiles.id, paymentIntakeLines.fileId))
    .leftJoin(persons, eq(persons.id, paymentIntakeLines.personId))
    .where(where)
    .orderBy(asc(paymentIntakeLines.paidOn), asc(paymentWorkItems.id))
}
type ItemRow = Awaited<ReturnType<typeof loadItems>>[number]

function present(r: ItemRow, balances: ReadonlyMap<string, number>): PaymentWorkItem {
  const personId = r.line.personId
  const balance =
    personId === null
      ? undefined
      : balances.get(
          installmentKeyString({
            personId,
            fiscalYear: r.line.fiscalYear,
            method: r.line.method ?? 'direct',
            seq: r.line.installmentSeq,
          }),
        )
  const i = r.item
  return {
    id: i.id,
    rowVersion: i.rowVersion,
    status: i.status,
    reason: r.line.reason ?? 'unmatched',
    reasonLabel: workReasonLabels[r.line.reason ?? 'unmatched'],
    message: r.line.message ?? '',
    fileName: r.fileName,
    line: r.line.line,
    channel: r.line.channel,
    detail: r.line.detail,
    amount: r.line.amount,
    paidOn: r.line.paidOn,
    reference: r.line.reference,
    insuredNumber: r.line.insuredNumber,
    fiscalYear: r.line.fiscalYear,
    seq: r.line.installmentSeq,
    person: personId === null ? null : { id: personId, name: `${r.familyName ?? ''} ${r.givenName ?? ''}`.trim() },
    balance: balance ?? null,
    assignedTo:
      i.personId === null || i.fiscalYear === null || i.method === null || i.installmentSeq === null
        ? null
        : { personId: i.personId, fiscalYear: i.fiscalYear, method: i.method, seq: i.installmentSeq },
    note: i.note,
  }
}

export async function paymentWorkList(
  db: Db | Tx,
  ledger: LedgerPort,
  status: 'open' | 'all',
): Promise<PaymentWorkList & { personIds: number[] }> {
  const rows = await loadItems(db, status === 'open' ? inArray(paymentWorkItems.status, ['open', 'held']) : undefined)
  const personIds = [...new Set(rows.flatMap((r) => (r.line.personId === null ? [] : [r.line.personId])))]
  const balances = await ledger.balances(db, personIds)
  const [open] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(paymentWorkItems)
    .where(eq(paymentWorkItems.status, 'open'))
  return { items: rows.map((r) => present(r, balances)), openCount: open?.n ?? 0, personIds }
}

/** The person an item concerns (for the audit row and the area check), before it is decided. */
export async function workItemPerson(db: Db | Tx, itemId: number): Promise<number | null> {
  const [row] = await loadItems(db, eq(paymentWorkItems.id, itemId))
  if (!row) throw problems.notFound()
  return row.line.personId
}

export async function decidePaymentWork(
  db: Db | Tx,
  ledger: LedgerPort,
  input: PaymentWorkDecision,
  ctx: { userId: number | null; now: Date; paidOnFallback?: string },
): Promise<PaymentWorkItem & { personIds: number[] }> {
  const [row] = await loadItems(db, eq(paymentWorkItems.id, input.itemId))
  if (!row) throw problems.notFound()
  if (row.item.rowVersion !== input.rowVersion) throw problems.conflict()
  if (row.item.status === 'assigned' || row.item.status === 'refund')
    throw new HttpProblem(409, 'workItemDecided', `この入金は処理済みです（${workItemStatusLabels[row.item.status]}）`)
  let target: { personId: number; fiscalYear: number; method: 'withholding' | 'direct'; seq: number } | null = null
  if (input.action === 'assign') {
    target =
      input.target ??
      (row.line.personId === null
        ? null
        : {
            personId: row.line.personId,
            fiscalYear: row.line.fiscalYear,
            method: row.line.method ?? 'direct',
            seq: row.line.installmentSeq,
          })
    if (target === null)
      throw new HttpProblem(422, 'workItemTarget', '充当先（被保険者・年度・期別）を指定してください')
    try {
      await ledger.syncCharges(db, [target.personId], ctx.now)
      await ledger.applyPayments(
        db,
        [
          {
            ...target,
            amount: row.line.amount,
            paidOn: row.line.paidOn,
            channel: paymentChannelOf(row.line.channel),
            source: `intake work item ${row.item.id} (file ${row.line.fileId} line ${row.line.line})`,
            idempotencyKey: `payment:work:${row.item.id}`,
            batchId: `intake:${row.line.fileId}`,
          },
        ],
        { userId: ctx.userId, now: ctx.now },
      )
    } catch (error) {
      if (error instanceof LedgerRuleError) throw new HttpProblem(422, 'ledgerRule', error.message)
      throw error
    }
  }
  const status = input.action === 'assign' ? 'assigned' : input.action === 'refund' ? 'refund' : 'held'
  const updated = await db
    .update(paymentWorkItems)
    .set({
      status,
      rowVersion: row.item.rowVersion + 1,
      personId: target?.personId ?? null,
      fiscalYear: target?.fiscalYear ?? null,
      method: target?.method ?? null,
      installmentSeq: target?.seq ?? null,
      note: input.note,
      decidedAt: ctx.now,
      decidedBy: ctx.userId,
    })
    .where(and(eq(paymentWorkItems.id, row.item.id), eq(paymentWorkItems.rowVersion, row.item.rowVersion)))
    .returning({ id: paymentWorkItems.id })
  if (updated.length === 0) throw problems.conflict()
  const [after] = await loadItems(db, eq(paymentWorkItems.id, row.item.id))
  const personIds = [...new Set([row.line.personId, target?.personId].filter((p): p is number => p != null))]
  const balances = await ledger.balances(db, personIds)
  return { ...present(after!, balances), personIds }
}
