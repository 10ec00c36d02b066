/**
 * The 監督者's sign-off of a sent 特別徴収 file (依頼 Z12, 各種異動 Z1A), as for the 口座振替依頼 file of
 * premiums/direct-debit/: the clerk prepares the file (export-requests.ts records it and what it requests), a second
 * person with the approval permission signs it off after a step-up, and only then are its bytes handed out for the
 * 経由機関. The approval is one append-only row per file.
 */
import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { PensionFileDownload, PensionSentFile } from '../../../../../shared/api/pension-withholding'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { pensionExchangeApprovals, pensionExchangeFiles, pensionWithholdingRequests } from './schema'

const SENT_KINDS = new Set(['requests', 'changes'])

async function sentFile(db: Db | Tx, fileId: number) {
  const [row] = await db
    .select({ file: pensionExchangeFiles, approval: pensionExchangeApprovals })
    .from(pensionExchangeFiles)
    .leftJoin(pensionExchangeApprovals, eq(pensionExchangeApprovals.fileId, pensionExchangeFiles.id))
    .where(and(eq(pensionExchangeFiles.id, fileId), eq(pensionExchangeFiles.direction, 'sent')))
  if (!row || !SENT_KINDS.has(row.file.fileKind))
    throw new HttpProblem(404, 'notFound', `特別徴収の送付ファイル 第${fileId}号はありません`)
  return row
}

/** The persons a sent file names (its request rows). */
async function filePersonIds(db: Db | Tx, fileId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ personId: pensionWithholdingRequests.personId })
    .from(pensionWithholdingRequests)
    .where(eq(pensionWithholdingRequests.fileId, fileId))
  return rows.map((r) => r.personId)
}

const summary = (
  file: typeof pensionExchangeFiles.$inferSelect,
  approval: typeof pensionExchangeApprovals.$inferSelect | null,
): PensionSentFile => ({
  fileId: file.id,
  fileKind: file.fileKind,
  fiscalYear: file.fiscalYear,
  fileName: file.fileName,
  records: file.records,
  status: approval ? 'approved' : 'awaitingApproval',
  preparedAt: file.createdAt.toISOString(),
  approvedAt: approval ? approval.approvedAt.toISOString() : null,
})

/** The sign-off: a second person (never the preparer), once per file. */
export async function approveSentFile(
  db: Db | Tx,
  fileId: number,
  actor: { userId: number; now: Date },
): Promise<PensionSentFile & { personIds: number[] }> {
  const { file, approval } = await sentFile(db, fileId)
  if (approval) throw new HttpProblem(409, 'alreadyApproved', 'この特別徴収の送付ファイルは承認済みです')
  if (file.createdBy === actor.userId)
    throw new HttpProblem(403, 'fourEyes', '送付ファイルを作成した職員は承認できません（別の監督者が承認してください）')
  const [row] = await db
    .insert(pensionExchangeApprovals)
    .values({ fileId, approvedBy: actor.userId, approvedAt: actor.now })
    .returning()
  return { ...summary(file, row!), personIds: await filePersonIds(db, fileId) }
}

/** The approved file's bytes, exactly as recorded (its SHA-256 is checked); refused before the sign-off. */
export async function downloadSentFile(
  db: Db | Tx,
  fileId: number,
): Promise<PensionFileDownload & { personIds: number[] }> {
  const { file, approval } = await sentFile(db, fileId)
  if (!approval)
    throw new HttpProblem(
      409,
      'awaitingApproval',
      'この特別徴収の送付ファイルは監督者の承認前です。承認後に取り出せます',
    )
  const content = file.content ?? ''
  if (createHash('sha256').update(Buffer.from(content, 'base64')).digest('hex') !== file.fileHash)
    throw new HttpProblem(
      500,
      'integrity',
      '特別徴収の送付ファイルの記録が作成時と一致しません（管理者に連絡してください）',
    )
  return {
    fileId: file.id,
    fileName: file.fileName,
    contentBase64: content,
    records: file.records,
    personIds: await filePersonIds(db, fileId),
  }
}
