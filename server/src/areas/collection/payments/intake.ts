/**
 * The import of a payment file (docs/interfaces/payments.md §3): the whole file is read and checked first (any
 * problem → nothing written, every problem named with its line and field); then, in the request's transaction, its
 * lines are staged set-based, matched to persons and installments with one join, decided in TypeScript
 * (shared/domain/payment-matching.ts), and written: exact payments through the ledger, the others to the work list.
 * A file already imported (same SHA-256) is answered with its first counts and changes nothing; a payment already
 * counted from another file (the 速報 of a 確報) is counted once.
 */
import { eq, sql } from 'drizzle-orm'
import {
  INTAKE_PROBLEM_LIMIT,
  type IntakeLineOutcome,
  type PaymentFileKind,
  type PaymentIntakeKind,
  type PaymentImportResult,
} from '../../../../../shared/api/payment-intake'
import { matchPayments, type PaymentLineToMatch, type WorkReason } from '../../../../../shared/domain/payment-matching'
import {
  installmentKeyString,
  LedgerRuleError,
  type LedgerMethod,
} from '../../../../../shared/domain/collection-ledger'
import type { IsoDate } from '../../../../../shared/domain/dates'
import { bulkInsertJson } from '../../../core/db/bulk-insert'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { readConvenienceFile } from './convenience'
import { paymentChannelOf, type LedgerPort, type PaymentToApply } from './ledger-port'
import type { IntakeProblem, ReadPaymentLine } from './problems'
import { paymentIntakeFiles, paymentIntakeLines, paymentWorkItems } from './schema'
import { readZenginResult } from './zengin-result'

/** Rows per staging statement (one JSON parameter each). */
const STAGE_CHUNK = 5_000

export interface PaymentFileInput {
  kind: PaymentFileKind
  fileName: string
  bytes: Uint8Array
  sha256: string
  /** The ward's 収納機関コード (notices.billerCode): a convenience barcode must carry it. */
  billerCode: string
  /** 検証のみ: read and check, write nothing. */
  dryRun: boolean
}

export function readPaymentFile(
  file: Pick<PaymentFileInput, 'kind' | 'bytes' | 'sha256' | 'billerCode'>,
): { ok: true; lines: ReadPaymentLine[] } | { ok: false; problems: IntakeProblem[] } {
  return file.kind === 'directDebitResult'
    ? readZenginResult(file.bytes, file.sha256)
    : readConvenienceFile(file.bytes, file.billerCode)
}

const rejected = (problems: IntakeProblem[]): PaymentImportResult => ({
  status: 'rejected',
  fileId: null,
  lines: 0,
  applied: 0,
  appliedAmount: 0,
  work: 0,
  workAmount: 0,
  notTransferred: 0,
  alreadyCounted: 0,
  problemCount: problems.length,
  problems: problems.slice(0, INTAKE_PROBLEM_LIMIT),
})

type FileRow = typeof paymentIntakeFiles.$inferSelect
const resultOf = (f: FileRow, status: 'applied' | 'alreadyImported'): PaymentImportResult => ({
  status,
  fileId: f.id,
  lines: f.lineCount,
  applied: f.appliedCount,
  appliedAmount: f.appliedAmount,
  work: f.workCount,
  workAmount: f.workAmount,
  notTransferred: f.notTransferredCount,
  alreadyCounted: f.alreadyCountedCount,
  problemCount: 0,
  problems: [],
})

interface StagedLine {
  id: number
  line: number
  amount: number
  receiptKey: string
  personId: number | null
  fiscalYear: number
  seq: number
  method: LedgerMethod
  paidOn: string
  channel: string
  transferred: boolean
  /** The amount the same payment (receipt key) was counted with in an earlier file, if it was. */
  countedAmount: number | null
}

export async function importPaymentFile(
  db: Db | Tx,
  ledger: LedgerPort,
  file: PaymentFileInput,
  ctx: { userId: number | null; now: Date },
): Promise<PaymentImportResult & { personIds: number[] }> {
  const [already] = await db.select().from(paymentIntakeFiles).where(eq(paymentIntakeFiles.sha256, file.sha256))
  if (already) return { ...resultOf(already, 'alreadyImported'), personIds: [] }
  const read = readPaymentFile(file)
  if (!read.ok) return { ...rejected(read.problems), personIds: [] }
  if (file.dryRun) return { ...rejected([]), status: 'validated', lines: read.lines.length, personIds: [] }
  return applyPaymentLines(db, ledger, file, read.lines, ctx)
}

/**
 * The lines of one source (a file read above, or the 特別徴収結果 the 賦課 area stored), in the request's transaction:
 * staged, matched to persons and installments, decided, and written — exact payments through the ledger, the others
 * to the work list. `source.sha256` is the source's identity: the payment_intake_files row is unique on it.
 */
export async function applyPaymentLines(
  db: Db | Tx,
  ledger: LedgerPort,
  source: { kind: PaymentIntakeKind; fileName: string; sha256: string },
  lines: readonly ReadPaymentLine[],
  ctx: { userId: number | null; now: Date },
): Promise<PaymentImportResult & { personIds: number[] }> {
  const [created] = await db
    .insert(paymentIntakeFiles)
    .values({
      kind: source.kind,
      fileName: source.fileName,
      sha256: source.sha256,
      lineCount: lines.length,
      appliedCount: 0,
      appliedAmount: 0,
      workCount: 0,
      workAmount: 0,
      notTransferredCount: 0,
      alreadyCountedCount: 0,
      importedAt: ctx.now,
      importedBy: ctx.userId,
    })
    .returning({ id: paymentIntakeFiles.id })
  const fileId = created!.id
  for (let i = 0; i < lines.length; i += STAGE_CHUNK)
    await bulkInsertJson(
      db,
      paymentIntakeLines,
      lines.slice(i, i + STAGE_CHUNK).map((l) => ({
        fileId,
        line: l.line,
        channel: l.channel,
        receiptKey: l.receiptKey,
        insuredNumber: l.insuredNumber,
        fiscalYear: l.fiscalYear,
        installmentSeq: l.seq,
        personId: l.personId ?? null,
        method: l.method ?? 'direct',
        amount: l.amount,
        paidOn: l.paidOn,
        reference: l.reference,
        detail: l.detail,
        // Decided below, in the same transaction: 'notTransferred' stays, payments are re-decided.
        outcome: l.kind === 'notTransferred' ? 'notTransferred' : 'work',
      })),
    )

  // One join: the person of each line's 被保険者番号, and whether the same payment was counted from another file.
  const staged = (
    (await db.execute(sql`
      with mine as (select * from ${paymentIntakeLines} where file_id = ${fileId}),
      counted as (
        select distinct on (o.receipt_key) o.receipt_key, o.amount
          from ${paymentIntakeLines} o join mine m on m.receipt_key = o.receipt_key
         where o.file_id <> ${fileId} and o.outcome <> 'notTransferred'
         order by o.receipt_key, o.id)
      select l.id, l.line, l.amount, l.receipt_key as "receiptKey", coalesce(l.person_id, p.id) as "personId",
             l.fiscal_year as "fiscalYear", l.installment_seq as seq, l.method, l.paid_on::text as "paidOn", l.channel,
             l.outcome <> 'notTransferred' as transferred, c.amount as "countedAmount"
        from mine l
        left join persons p on p.insured_number = l.insured_number
        left join counted c on c.receipt_key = l.receipt_key
       order by l.line`)) as unknown as { rows: StagedLine[] }
  ).rows

  const personIds = [...new Set(staged.flatMap((s) => (s.personId === null ? [] : [Number(s.personId)])))]
  // The persons locked, their 調定 brought up to the latest 賦課, their 残高 and 時効 (介護保険法第200条) on each
  // 納付日 of the file read once; applyPayments below allocates on the same figures without reading them again.
  const prepared = await ledger.prepare(db, personIds, [...new Set(staged.map((s) => s.paidOn as IsoDate))], ctx.now)
  const balances = prepared.balances
  // The same payment (receipt key) once: counted already (another file, or earlier in this file) → not again.
  const firstAmount = new Map<string, number>()
  for (const s of staged) if (s.countedAmount !== null) firstAmount.set(s.receiptKey, Number(s.countedAmount))
  const decided = new Map<number, { outcome: IntakeLineOutcome; reason: WorkReason | null; message: string | null }>()
  const toMatch: (PaymentLineToMatch & { s: StagedLine })[] = []
  for (const s of staged) {
    if (!s.transferred) continue
    const counted = firstAmount.get(s.receiptKey)
    if (counted !== undefined) {
      decided.set(
        s.id,
        counted === s.amount
          ? { outcome: 'alreadyCounted', reason: null, message: null }
          : {
              outcome: 'work',
              reason: 'duplicate',
              message: `同じ受付番号の速報・確報で金額が異なります（先の報告 ${counted}円、この行 ${s.amount}円）`,
            },
      )
      continue
    }
    firstAmount.set(s.receiptKey, s.amount)
    const barred =
      s.personId === null
        ? undefined
        : prepared.barredOn(s.paidOn as IsoDate).get(
            installmentKeyString({
              personId: Number(s.personId),
              fiscalYear: s.fiscalYear,
              method: s.method,
              seq: s.seq,
            }),
          )
    toMatch.push({
      timeBarred: barred ?? null,
      s,
      line: s.line,
      amount: s.amount,
      target:
        s.personId === null
          ? null
          : { personId: Number(s.personId), fiscalYear: s.fiscalYear, method: s.method, seq: s.seq },
    })
  }
  const matches = matchPayments(toMatch, balances)
  const payments: PaymentToApply[] = []
  matches.forEach((m, i) => {
    const { s, target } = toMatch[i]!
    if (m.outcome === 'apply') {
      decided.set(s.id, { outcome: 'applied', reason: null, message: null })
      payments.push({
        ...target!,
        amount: s.amount,
        paidOn: s.paidOn,
        channel: paymentChannelOf(s.channel),
        source: `intake file ${fileId} line ${s.line}`,
        idempotencyKey: `payment:${s.receiptKey}`,
        batchId: `intake:${fileId}`,
      })
    } else decided.set(s.id, { outcome: 'work', reason: m.reason, message: m.message })
  })

  const updates = staged.flatMap((s) => {
    const d = decided.get(s.id)
    if (!d) return []
    return [{ id: s.id, person_id: s.personId, method: s.personId === null ? null : s.method, ...d }]
  })
  for (let i = 0; i < updates.length; i += STAGE_CHUNK)
    await db.execute(sql`
      update ${paymentIntakeLines} l
         set outcome = v.outcome, reason = v.reason, message = v.message, person_id = v.person_id, method = v.method
        from json_to_recordset(${JSON.stringify(updates.slice(i, i + STAGE_CHUNK))}::json)
             as v(id integer, outcome text, reason text, message text, person_id integer, method text)
       where l.id = v.id`)
  const workLineIds = updates.filter((u) => u.outcome === 'work').map((u) => u.id)
  for (let i = 0; i < workLineIds.length; i += STAGE_CHUNK)
    await bulkInsertJson(
      db,
      paymentWorkItems,
      workLineIds.slice(i, i + STAGE_CHUNK).map((lineId) => ({ lineId, status: 'open' as const, rowVersion: 1 })),
    )
  try {
    await ledger.applyPayments(db, payments, ctx, prepared)
  } catch (error) {
    // e.g. a time-barred installment (介護保険法第200条): the whole file is refused, naming the line.
    if (error instanceof LedgerRuleError) throw new HttpProblem(422, 'ledgerRule', error.message)
    throw error
  }

  const byId = new Map(staged.map((s) => [s.id, s]))
  const sum = (outcome: IntakeLineOutcome) => {
    const rows = updates.filter((u) => u.outcome === outcome)
    return { count: rows.length, amount: rows.reduce((t, u) => t + byId.get(u.id)!.amount, 0) }
  }
  const applied = sum('applied')
  const work = sum('work')
  const [row] = await db
    .update(paymentIntakeFiles)
    .set({
      appliedCount: applied.count,
      appliedAmount: applied.amount,
      workCount: work.count,
      workAmount: work.amount,
      notTransferredCount: staged.filter((s) => !s.transferred).length,
      alreadyCountedCount: sum('alreadyCounted').count,
    })
    .where(eq(paymentIntakeFiles.id, fileId))
    .returning()
  return { ...resultOf(row!, 'applied'), personIds }
}
