/**
 * The intake of a legacy extract (docs/migration.md; docs/interfaces/legacy-extract.md): the manifest opens the
 * extract, the files arrive in chunks (a chunk sent twice is kept once), and the finishing request assembles every
 * file, checks its size and SHA-256 against the manifest, hands it whole to the malware scan, validates the extract
 * and writes the staged rows, the findings and the 外字 occurrences — all in the request's transaction. An extract
 * that has finished is never read again: a second finish answers what the first one wrote.
 */
import { and, asc, count, countDistinct, desc, eq, notInArray, sql } from 'drizzle-orm'
import {
  MIGRATION_CHUNK_BYTES,
  type MigrationExtract,
  type MigrationFinding,
} from '../../../../../shared/api/migration'
import type { FindingRule } from '../../../../../shared/migration/findings'
import { DATA_LIST_EDITIONS } from '../../../../../shared/migration/kaigo-working-model'
import { ExtractManifest$, type ExtractManifest } from '../../../../../shared/migration/manifest'
import { bulkInsertJson } from '../../../core/db/bulk-insert'
import type { Db, Tx } from '../../../core/db/connect'
import { users } from '../../../core/db/schema'
import type { ReceivedImportFile } from '../../../core/files/import-files'
import { HttpProblem, RecordedProblem } from '../../../core/http/problem'
import {
  migrationExtractFiles,
  migrationExtracts,
  migrationFindings,
  migrationGaijiDecisions,
  migrationGaijiOccurrences,
  migrationStagedRows,
  migrationUploadChunks,
} from '../schema'
import { sha256Of } from './codec'
import { validateExtract } from './validate'

type ExtractRow = typeof migrationExtracts.$inferSelect

/** Rows per bulk statement (one JSON parameter each). */
const BULK_ROWS = 2_000

const invalid = (message: string) => new HttpProblem(400, 'invalidRequest', message)
const conflict = (message: string) => new HttpProblem(409, 'conflict', message)
const notFound = () => new HttpProblem(404, 'notFound', '抽出データが見つかりません')
const chunksOf = (bytes: number) => Math.ceil(bytes / MIGRATION_CHUNK_BYTES)

/** The manifest as the extract is opened: JSON, the format, an edition the importer speaks, each file once. */
export function parseManifest(text: string): ExtractManifest {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw invalid('管理ファイル（manifest.json）をJSONとして読み込めません')
  }
  const parsed = ExtractManifest$.safeParse(json)
  if (!parsed.success) throw invalid(`管理ファイルの形式が違います（${parsed.error.issues[0]?.path.join('.') ?? ''}）`)
  const manifest = parsed.data
  if (!DATA_LIST_EDITIONS[manifest.edition.id])
    throw invalid(`版「${manifest.edition.id}」の基本データリストは登録されていません`)
  const names = manifest.files.map((f) => f.fileName)
  const twice = names.find((name, i) => names.indexOf(name) !== i)
  if (twice) throw invalid(`管理ファイルにファイル ${twice} が2回記載されています`)
  return manifest
}

async function loadExtract(db: Db | Tx, extractId: number, forUpdate = false): Promise<ExtractRow> {
  const query = db.select().from(migrationExtracts).where(eq(migrationExtracts.id, extractId))
  const [row] = forUpdate ? await query.for('update') : await query
  if (!row) throw notFound()
  return row
}

/** The extract as the contract shows it: files with what has arrived, finding counts, 外字 still undecided. */
async function summaryOf(db: Db | Tx, row: ExtractRow): Promise<MigrationExtract> {
  const files = await db
    .select()
    .from(migrationExtractFiles)
    .where(eq(migrationExtractFiles.extractId, row.id))
    .orderBy(asc(migrationExtractFiles.id))
  const received = await db
    .select({ fileName: migrationUploadChunks.fileName, bytes: sql<number>`sum(${migrationUploadChunks.bytes})::int` })
    .from(migrationUploadChunks)
    .where(eq(migrationUploadChunks.extractId, row.id))
    .groupBy(migrationUploadChunks.fileName)
  const receivedBytes = new Map(received.map((r) => [r.fileName, Number(r.bytes)]))
  const decided = db.select({ character: migrationGaijiDecisions.character }).from(migrationGaijiDecisions)
  const [open] = await db
    .select({ n: countDistinct(migrationGaijiOccurrences.character) })
    .from(migrationGaijiOccurrences)
    .where(
      and(eq(migrationGaijiOccurrences.extractId, row.id), notInArray(migrationGaijiOccurrences.character, decided)),
    )
  const [acceptor] = row.acceptedBy
    ? await db.select({ loginId: users.loginId }).from(users).where(eq(users.id, row.acceptedBy))
    : []
  return {
    id: row.id,
    status: row.status,
    editionId: row.editionId,
    sender: row.sender,
    extractedAt: row.extractedAt,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    kind: row.kind,
    receivedAt: row.receivedAt.toISOString(),
    validatedAt: row.validatedAt?.toISOString() ?? null,
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    acceptedBy: acceptor?.loginId ?? null,
    files: files.map((f) => ({
      group: f.groupId,
      fileName: f.fileName,
      rows: f.rows,
      bytes: f.bytes,
      // Once the file is read its chunks are gone: what arrived is the verified file.
      receivedBytes: f.receivedSha256 !== null ? f.bytes : (receivedBytes.get(f.fileName) ?? 0),
      sha256: f.sha256,
      receivedSha256: f.receivedSha256,
      encoding: f.encoding,
      scan: f.scan,
    })),
    findingCounts: row.findingCounts,
    openGaiji: Number(open?.n ?? 0),
    warnings: row.warnings,
  }
}

export async function extractSummary(db: Db | Tx, extractId: number): Promise<MigrationExtract> {
  return summaryOf(db, await loadExtract(db, extractId))
}

export async function listExtracts(db: Db | Tx): Promise<MigrationExtract[]> {
  const rows = await db.select().from(migrationExtracts).orderBy(desc(migrationExtracts.id))
  const out: MigrationExtract[] = []
  for (const row of rows) out.push(await summaryOf(db, row))
  return out
}

/** Opens an extract from its manifest (the request's idempotency key makes a retry answer the same extract). */
export async function beginExtract(
  db: Db | Tx,
  userId: number,
  manifestText: string,
  now: Date,
): Promise<MigrationExtract> {
  const manifest = parseManifest(manifestText)
  const [row] = await db
    .insert(migrationExtracts)
    .values({
      status: 'receiving',
      editionId: manifest.edition.id,
      manifest,
      manifestSha256: sha256Of(Buffer.from(manifestText, 'utf8')),
      sender: manifest.sender,
      extractedAt: manifest.extractedAt,
      periodFrom: manifest.period.from,
      periodTo: manifest.period.to,
      kind: manifest.kind,
      receivedBy: userId,
      receivedAt: now,
      findingCounts: {},
      warnings: [],
    })
    .returning()
  await db.insert(migrationExtractFiles).values(
    manifest.files.map((f) => ({
      extractId: row!.id,
      groupId: f.group,
      fileName: f.fileName,
      rows: f.rows,
      bytes: f.bytes,
      sha256: f.sha256,
      editionId: manifest.edition.id,
    })),
  )
  return summaryOf(db, row!)
}

/** Stores one chunk of one file; the same chunk again keeps the first copy (a retry changes nothing). */
export async function uploadChunk(
  db: Db | Tx,
  input: { extractId: number; fileName: string; index: number; contentBase64: string },
): Promise<MigrationExtract> {
  const row = await loadExtract(db, input.extractId)
  if (row.status !== 'receiving') throw conflict('この抽出データは受信を終えています。新しく受け入れ直してください')
  const [file] = await db
    .select()
    .from(migrationExtractFiles)
    .where(and(eq(migrationExtractFiles.extractId, row.id), eq(migrationExtractFiles.fileName, input.fileName)))
  if (!file) throw invalid(`ファイル ${input.fileName} は管理ファイルに記載されていません`)
  const chunks = chunksOf(file.bytes)
  if (input.index >= chunks)
    throw invalid(
      chunks === 0
        ? `${input.fileName} は0バイトのため送信するものはありません`
        : `${input.fileName} の分割番号 ${input.index} は範囲外です（0〜${chunks - 1}）`,
    )
  const bytes = Buffer.from(input.contentBase64, 'base64').length
  const expected =
    input.index === chunks - 1 ? file.bytes - MIGRATION_CHUNK_BYTES * (chunks - 1) : MIGRATION_CHUNK_BYTES
  if (bytes !== expected)
    throw invalid(
      `${input.fileName} の分割 ${input.index} の大きさが違います（${expected} バイトのはずが ${bytes} バイト）`,
    )
  await db
    .insert(migrationUploadChunks)
    .values({ extractId: row.id, fileName: input.fileName, index: input.index, content: input.contentBase64, bytes })
    .onConflictDoNothing()
  return summaryOf(db, row)
}

async function insertInBatches<T>(rows: readonly T[], write: (batch: readonly T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BULK_ROWS) await write(rows.slice(i, i + BULK_ROWS))
}

/**
 * Assembles every file, verifies it against the manifest, scans it (`receive`), validates the extract and stores
 * the result: 'validated', or 'rejected' when a file-level rule blocks it. The chunks are deleted once read. A file
 * whose bytes do not match is refused and its chunks are discarded, so that it can be sent again.
 */
export async function finishExtract(
  db: Db | Tx,
  extractId: number,
  now: Date,
  receive: (bytes: Buffer, fileName: string) => Promise<ReceivedImportFile>,
): Promise<{ extract: MigrationExtract; finished: boolean }> {
  const row = await loadExtract(db, extractId, true)
  if (row.status !== 'receiving') return { extract: await summaryOf(db, row), finished: false }
  const files = await db
    .select()
    .from(migrationExtractFiles)
    .where(eq(migrationExtractFiles.extractId, row.id))
    .orderBy(asc(migrationExtractFiles.id))
  const chunks = await db
    .select({
      fileName: migrationUploadChunks.fileName,
      index: migrationUploadChunks.index,
      content: migrationUploadChunks.content,
    })
    .from(migrationUploadChunks)
    .where(eq(migrationUploadChunks.extractId, row.id))
    .orderBy(asc(migrationUploadChunks.fileName), asc(migrationUploadChunks.index))
  const missing = files
    .map((f) => ({ f, left: chunksOf(f.bytes) - chunks.filter((c) => c.fileName === f.fileName).length }))
    .filter((m) => m.left > 0)
  if (missing.length > 0)
    throw conflict(
      `ファイルの送信が終わっていません（${missing.map((m) => `${m.f.fileName} 残り ${m.left} 分割`).join('、')}）。送信し直してください`,
    )

  const assembled = new Map<string, Buffer>()
  for (const file of files) {
    const bytes = Buffer.concat(
      chunks.filter((c) => c.fileName === file.fileName).map((c) => Buffer.from(c.content, 'base64')),
    )
    if (bytes.length !== file.bytes || sha256Of(bytes) !== file.sha256)
      throw new RecordedProblem(
        409,
        'conflict',
        `${file.fileName} の大きさまたはSHA-256が管理ファイルと一致しません。このファイルを送信し直してください`,
        `受信 ${bytes.length} バイト、管理ファイル ${file.bytes} バイト`,
        async (after) =>
          void (await after
            .delete(migrationUploadChunks)
            .where(
              and(eq(migrationUploadChunks.extractId, row.id), eq(migrationUploadChunks.fileName, file.fileName)),
            )),
      )
    assembled.set(file.fileName, bytes)
  }

  const scans = new Map<string, ReceivedImportFile['scan']>()
  const warnings: string[] = []
  for (const file of files) {
    const received = await receive(assembled.get(file.fileName)!, file.fileName)
    assembled.set(file.fileName, received.bytes)
    scans.set(file.fileName, received.scan)
    for (const w of received.warnings) if (!warnings.includes(w)) warnings.push(w)
  }

  const result = validateExtract(JSON.stringify(row.manifest), assembled)
  for (const read of result.files)
    await db
      .update(migrationExtractFiles)
      .set({ receivedSha256: read.receivedSha256, encoding: read.encoding, scan: scans.get(read.fileName) ?? null })
      .where(and(eq(migrationExtractFiles.extractId, row.id), eq(migrationExtractFiles.fileName, read.fileName)))
  await insertInBatches(result.rows, (batch) =>
    bulkInsertJson(
      db,
      migrationStagedRows,
      batch.map((r) => ({
        extractId: row.id,
        groupId: r.groupId,
        line: r.line,
        personKey: r.personKey,
        values: r.values,
      })),
    ),
  )
  await insertInBatches(result.findings, (batch) =>
    bulkInsertJson(
      db,
      migrationFindings,
      batch.map((f) => ({
        extractId: row.id,
        groupId: f.groupId,
        fileName: f.fileName,
        line: f.line,
        item: f.item,
        value: f.value,
        expected: f.expected,
        rule: f.rule,
        message: f.message,
        personKey: f.personKey,
      })),
    ),
  )
  await insertInBatches(result.gaiji, (batch) =>
    bulkInsertJson(
      db,
      migrationGaijiOccurrences,
      batch.map((g) => ({ extractId: row.id, ...g })),
    ),
  )
  const findingCounts: Record<string, number> = {}
  for (const f of result.findings) findingCounts[f.rule] = (findingCounts[f.rule] ?? 0) + 1
  const [updated] = await db
    .update(migrationExtracts)
    .set({ status: result.blocked ? 'rejected' : 'validated', validatedAt: now, findingCounts, warnings })
    .where(eq(migrationExtracts.id, row.id))
    .returning()
  // The staged rows hold what was read; the raw chunks are not kept.
  await db.delete(migrationUploadChunks).where(eq(migrationUploadChunks.extractId, row.id))
  return { extract: await summaryOf(db, updated!), finished: true }
}

/** The validation report: findings in the order validation found them, optionally of one rule, a page at a time. */
export async function extractReport(
  db: Db | Tx,
  input: { extractId: number; rule?: FindingRule | undefined; offset: number; limit: number },
): Promise<{ extractId: number; total: number; findings: MigrationFinding[] }> {
  const row = await loadExtract(db, input.extractId)
  const where = and(
    eq(migrationFindings.extractId, row.id),
    input.rule ? eq(migrationFindings.rule, input.rule) : undefined,
  )
  const [total] = await db.select({ n: count() }).from(migrationFindings).where(where)
  const rows = await db
    .select()
    .from(migrationFindings)
    .where(where)
    .orderBy(asc(migrationFindings.id))
    .offset(input.offset)
    .limit(input.limit)
  return {
    extractId: row.id,
    total: Number(total?.n ?? 0),
    findings: rows.map((f) => ({
      id: f.id,
      fileName: f.fileName,
      group: f.groupId,
      line: f.line,
      item: f.item,
      value: f.value,
      expected: f.expected,
      rule: f.rule as FindingRule,
      message: f.message,
      personKey: f.personKey,
    })),
  }
}

/** Four eyes: a validated report is accepted by a second person, never the one who received the extract. */
export async function acceptReport(
  db: Db | Tx,
  user: { id: number },
  input: { extractId: number; note: string },
  now: Date,
): Promise<MigrationExtract> {
  const row = await loadExtract(db, input.extractId, true)
  if (row.status === 'accepted') throw conflict('この抽出データの検証結果は既に承認されています')
  if (row.status !== 'validated')
    throw conflict('検証済（承認待ち）の抽出データだけを承認できます。受入不可の抽出データは受け入れ直してください')
  if (row.receivedBy === user.id)
    throw new HttpProblem(
      403,
      'forbidden',
      '自分が受け入れた抽出データの検証結果は承認できません。別の監督者に承認を依頼してください',
    )
  const [updated] = await db
    .update(migrationExtracts)
    .set({ status: 'accepted', acceptedBy: user.id, acceptedAt: now, acceptNote: input.note })
    .where(and(eq(migrationExtracts.id, row.id), eq(migrationExtracts.status, 'validated')))
    .returning()
  if (!updated) throw conflict('検証済（承認待ち）の抽出データだけを承認できます')
  return summaryOf(db, updated)
}
