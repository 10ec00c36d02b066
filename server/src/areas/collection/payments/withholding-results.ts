/**
 * 特別徴収結果の収納計上 (docs/interfaces/payments.md §5): the withheld amounts of a 特別徴収結果 file (Z14) that the
 * 賦課 area received and stored (premiums/pension-withholding/import-results.ts) become 収納 of the person's 特別徴収
 * installment of that pension month — the 期 of the 年金支払月 (April 第1期 … February 第6期, shared/domain/
 * special-withholding.ts). They go through the 消込 of the payment files: exact amounts applied to the ledger, the
 * others (a person not matched, an amount that differs from the 残高, a month without a 特別徴収 調定) to the work
 * list with their reason, so that no withheld yen is lost. Records not withheld carry no money and post nothing.
 * A file posts once (its SHA-256 is the intake source's identity); a dry run posts in a savepoint rolled back, so its
 * counts are the posting's and nothing remains.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { PaymentImportResult, WithholdingResultFiles } from '../../../../../shared/api/payment-intake'
import { pensionPaymentSchedule } from '../../../../../shared/domain/special-withholding'
import type { Db, Tx } from '../../../core/db/connect'
import { previewInSavepoint } from '../../../core/db/preview'
import { HttpProblem } from '../../../core/http/problem'
import { persons } from '../../persons/schema'
import { pensionExchangeFiles, pensionWithholdingResults } from '../../premiums'
import { applyPaymentLines } from './intake'
import type { LedgerPort } from './ledger-port'
import type { ReadPaymentLine } from './problems'
import { paymentIntakeFiles } from './schema'

/** The intake source's identity of a 特別徴収結果 file: one posting per received file. */
export const withholdingSourceKey = (fileHash: string) => `withholdingResult:${fileHash}`

/** 期 of a pension month ('YYYY-MM') in the fiscal year; 0 when the month is not one of the six payments. */
export function withholdingSeqOf(fiscalYear: number, period: string): number {
  return pensionPaymentSchedule(fiscalYear).find((s) => s.month === period)?.seq ?? 0
}

export async function postWithholdingResults(
  db: Db | Tx,
  ledger: LedgerPort,
  input: { pensionFileId: number; dryRun: boolean },
  ctx: { userId: number | null; now: Date },
): Promise<PaymentImportResult & { personIds: number[] }> {
  const [file] = await db.select().from(pensionExchangeFiles).where(eq(pensionExchangeFiles.id, input.pensionFileId))
  if (!file || file.direction !== 'received' || file.fileKind !== 'results')
    throw new HttpProblem(404, 'notFound', '特別徴収結果のファイルが見つかりません')
  const sha256 = withholdingSourceKey(file.fileHash)
  const [posted] = await db.select().from(paymentIntakeFiles).where(eq(paymentIntakeFiles.sha256, sha256))
  if (posted)
    return {
      status: 'alreadyImported',
      fileId: posted.id,
      lines: posted.lineCount,
      applied: posted.appliedCount,
      appliedAmount: posted.appliedAmount,
      work: posted.workCount,
      workAmount: posted.workAmount,
      notTransferred: 0,
      alreadyCounted: posted.alreadyCountedCount,
      problemCount: 0,
      problems: [],
      personIds: [],
    }

  const rows = await db
    .select({ r: pensionWithholdingResults, insuredNumber: persons.insuredNumber })
    .from(pensionWithholdingResults)
    .leftJoin(persons, eq(persons.id, pensionWithholdingResults.personId))
    .where(and(eq(pensionWithholdingResults.fileId, file.id), eq(pensionWithholdingResults.withheld, true)))
    .orderBy(asc(pensionWithholdingResults.recordNumber))
  const lines: ReadPaymentLine[] = rows.map(({ r, insuredNumber }) => ({
    line: r.recordNumber,
    kind: 'payment',
    receiptKey: `z14:${file.fileHash}:${r.recordNumber}`,
    channel: 'pension',
    insuredNumber: insuredNumber ?? '',
    fiscalYear: r.fiscalYear,
    method: 'withholding',
    // A month that is not a pension payment matches no installment: the work list says so.
    seq: withholdingSeqOf(r.fiscalYear, r.period),
    personId: r.personId,
    amount: r.amount,
    paidOn: r.paidOn,
    reference: `${r.basicPensionNumber} ${r.pensionCode}`,
    detail: `特別徴収結果 ${r.reasonCode}${r.unmatchedReason ? `（${r.unmatchedReason}）` : ''}`,
  }))
  const source = { kind: 'withholdingResult', fileName: file.fileName, sha256 } as const
  // The dry run posts in a savepoint and rolls it back: its counts are exactly what the posting will give.
  if (input.dryRun) {
    const preview = await previewInSavepoint(db, (tx) => applyPaymentLines(tx, ledger, source, lines, ctx))
    return { ...preview, status: 'validated', fileId: null }
  }
  return applyPaymentLines(db, ledger, source, lines, ctx)
}

/** The received 特別徴収結果 files (newest first), with their withheld totals and what their posting gave. */
export async function withholdingResultFiles(db: Db | Tx, fiscalYear?: number): Promise<WithholdingResultFiles> {
  const files = await db
    .select()
    .from(pensionExchangeFiles)
    .where(
      and(
        eq(pensionExchangeFiles.direction, 'received'),
        eq(pensionExchangeFiles.fileKind, 'results'),
        fiscalYear === undefined ? undefined : eq(pensionExchangeFiles.fiscalYear, fiscalYear),
      ),
    )
    .orderBy(desc(pensionExchangeFiles.createdAt), desc(pensionExchangeFiles.id))
  if (files.length === 0) return { files: [] }
  const ids = files.map((f) => f.id)
  const totals = await db
    .select({
      fileId: pensionWithholdingResults.fileId,
      n: sql<number>`count(*)::int`,
      amount: sql<number>`coalesce(sum(${pensionWithholdingResults.amount}), 0)::bigint`,
    })
    .from(pensionWithholdingResults)
    .where(and(inArray(pensionWithholdingResults.fileId, ids), eq(pensionWithholdingResults.withheld, true)))
    .groupBy(pensionWithholdingResults.fileId)
  const totalOf = new Map(totals.map((r) => [r.fileId, { n: Number(r.n), amount: Number(r.amount) }]))
  const postings = await db
    .select()
    .from(paymentIntakeFiles)
    .where(
      inArray(
        paymentIntakeFiles.sha256,
        files.map((f) => withholdingSourceKey(f.fileHash)),
      ),
    )
  const postingOf = new Map(postings.map((p) => [p.sha256, p]))
  return {
    files: files.map((f) => {
      const p = postingOf.get(withholdingSourceKey(f.fileHash))
      const total = totalOf.get(f.id) ?? { n: 0, amount: 0 }
      return {
        pensionFileId: f.id,
        fileName: f.fileName,
        fiscalYear: f.fiscalYear,
        receivedAt: f.createdAt.toISOString(),
        withheldCount: total.n,
        withheldAmount: total.amount,
        posted: p
          ? {
              postedAt: p.importedAt.toISOString(),
              applied: p.appliedCount,
              appliedAmount: p.appliedAmount,
              work: p.workCount,
              workAmount: p.workAmount,
            }
          : null,
      }
    }),
  }
}
