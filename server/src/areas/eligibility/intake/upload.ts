/**
 * Chunked upload of large 住基異動 files, so the UI can show progress while the semantics stay all or
 * nothing: the chunks only wait in intake_upload_chunks (owned by the uploader); the finishing request checks that
 * every chunk arrived (size and SHA-256 of the whole file) and applies the file through importResidentChanges in its
 * own single transaction — exactly as a one-request import would — then deletes the chunks.
 */
import { createHash } from 'node:crypto'
import { and, asc, eq, lt } from 'drizzle-orm'
import {
  INTAKE_CHUNK_BYTES,
  type BeginIntakeUpload,
  type IntakeResult,
  type IntakeUpload,
} from '../../../../../shared/eligibility/intake'
import type { Db, Tx } from '../../../core/db/connect'
import { invalidInput } from '../rule-problem'
import type { ReceivedImportFile } from '../../../core/files/import-files'
import { HttpProblem, RecordedProblem } from '../../../core/http/problem'
import { importResidentChanges } from './apply'
import { intakeUploadChunks, intakeUploads } from './schema'

/** Unfinished uploads are deleted after this long. */
export const UPLOAD_TTL_HOURS = 24

const chunksOf = (totalBytes: number) => Math.ceil(totalBytes / INTAKE_CHUNK_BYTES)

async function ownUpload(db: Db | Tx, uploadId: number, userId: number) {
  const [upload] = await db
    .select()
    .from(intakeUploads)
    .where(and(eq(intakeUploads.id, uploadId), eq(intakeUploads.userId, userId)))
  // Another user's upload is as unknown as a missing one.
  if (!upload) throw new HttpProblem(404, 'notFound', '取込の送信が見つかりません。最初から取り込み直してください')
  return upload
}

async function progress(db: Db | Tx, upload: typeof intakeUploads.$inferSelect): Promise<IntakeUpload> {
  const rows = await db
    .select({ bytes: intakeUploadChunks.bytes })
    .from(intakeUploadChunks)
    .where(eq(intakeUploadChunks.uploadId, upload.id))
  return {
    uploadId: upload.id,
    chunkBytes: INTAKE_CHUNK_BYTES,
    chunks: chunksOf(upload.totalBytes),
    receivedBytes: rows.reduce((sum, r) => sum + r.bytes, 0),
    totalBytes: upload.totalBytes,
  }
}

export async function beginIntakeUpload(
  db: Db | Tx,
  userId: number,
  input: Required<Omit<BeginIntakeUpload, 'idempotencyKey'>>,
  now: Date,
): Promise<IntakeUpload> {
  const cutoff = new Date(now.getTime() - UPLOAD_TTL_HOURS * 3_600_000)
  await db.delete(intakeUploads).where(lt(intakeUploads.createdAt, cutoff))
  const [upload] = await db
    .insert(intakeUploads)
    .values({
      userId,
      fileName: input.fileName,
      totalBytes: input.totalBytes,
      sha256: input.sha256,
      encoding: input.encoding,
      dryRun: input.dryRun,
      createdAt: now,
    })
    .returning()
  return progress(db, upload!)
}

export async function uploadIntakeChunk(
  db: Db | Tx,
  userId: number,
  input: { uploadId: number; index: number; contentBase64: string },
): Promise<IntakeUpload> {
  const upload = await ownUpload(db, input.uploadId, userId)
  const chunks = chunksOf(upload.totalBytes)
  if (input.index >= chunks) throw invalidInput(`分割番号 ${input.index} は範囲外です（0〜${chunks - 1}）`)
  const bytes = Buffer.from(input.contentBase64, 'base64').length
  const expected =
    input.index === chunks - 1 ? upload.totalBytes - INTAKE_CHUNK_BYTES * (chunks - 1) : INTAKE_CHUNK_BYTES
  if (bytes !== expected)
    throw invalidInput(`分割 ${input.index} の大きさが違います（${expected} バイトのはずが ${bytes} バイト）`)
  // A chunk sent again (a retry with a new key) replaces nothing: the first copy stays.
  await db
    .insert(intakeUploadChunks)
    .values({ uploadId: upload.id, index: input.index, content: input.contentBase64, bytes })
    .onConflictDoNothing()
  return progress(db, upload)
}

/**
 * Assembles the file, checks it against what was announced, hands the whole of it to `receive` (the malware scan,
 * core/files/import-files.ts) and only then parses and applies it. An infected file's staged chunks are deleted
 * together with its quarantine record.
 */
export async function finishIntakeUpload(
  db: Db | Tx,
  userId: number,
  uploadId: number,
  today: string,
  receive: (bytes: Buffer, fileName: string) => Promise<ReceivedImportFile>,
): Promise<IntakeResult & { personIds: number[]; file: ReceivedImportFile }> {
  const upload = await ownUpload(db, uploadId, userId)
  const rows = await db
    .select({ index: intakeUploadChunks.index, content: intakeUploadChunks.content })
    .from(intakeUploadChunks)
    .where(eq(intakeUploadChunks.uploadId, upload.id))
    .orderBy(asc(intakeUploadChunks.index))
  const chunks = chunksOf(upload.totalBytes)
  const missing = chunks - rows.length
  if (missing > 0)
    throw new HttpProblem(
      409,
      'conflict',
      `ファイルの送信が終わっていません（残り ${missing} 分割）。送信し直してください`,
    )
  const bytes = Buffer.concat(rows.map((r) => Buffer.from(r.content, 'base64')))
  const hash = createHash('sha256').update(bytes).digest('hex')
  if (bytes.length !== upload.totalBytes || hash !== upload.sha256)
    throw new HttpProblem(
      409,
      'conflict',
      '送信されたファイルが元のファイルと一致しません。最初から取り込み直してください',
    )
  const file = await receive(bytes, upload.fileName).catch((error: unknown) => {
    if (error instanceof RecordedProblem)
      error.andRecord(async (after) => void (await after.delete(intakeUploads).where(eq(intakeUploads.id, upload.id))))
    throw error
  })
  const result = await importResidentChanges(
    db,
    { fileName: upload.fileName, bytes: file.bytes, encoding: upload.encoding, dryRun: upload.dryRun },
    userId,
    today,
  )
  // The staged bytes are not kept (the applied records are in intake_records).
  await db.delete(intakeUploads).where(eq(intakeUploads.id, upload.id))
  return { ...result, file }
}
