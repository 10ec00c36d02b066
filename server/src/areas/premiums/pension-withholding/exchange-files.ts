/**
 * What the imports and exports of the 特別徴収 exchange share: the file row (by SHA-256: a received file applies
 * once), the ward's 市町村コード every header must carry, and the listing of the files exchanged.
 */
import { createHash } from 'node:crypto'
import { desc, eq } from 'drizzle-orm'
import { SHINJUKU_INSURER_NUMBER } from '../../../../../shared/domain'
import type { PensionExchangeFiles } from '../../../../../shared/api/pension-withholding'
import type { Db, Tx } from '../../../core/db/connect'
import type { FileKind } from './codes'
import { problem, type PensionWithholdingProblem } from './problem'
import type { PensionWithholdingRecord } from './records'
import { pensionExchangeFiles } from './schema'

/** 市町村コード of the ward: the 保険者番号 without its check digit (府県 2 + 市町村 3; 新宿区 13104). */
export const WARD_MUNICIPALITY_CODE = SHINJUKU_INSURER_NUMBER.slice(0, 5)

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export async function fileByHash(db: Db | Tx, fileHash: string) {
  const [row] = await db.select().from(pensionExchangeFiles).where(eq(pensionExchangeFiles.fileHash, fileHash))
  return row ?? null
}

/** A received file must be the ward's: every header's and the management record's 市町村コード. */
export function municipalityProblems(records: readonly PensionWithholdingRecord[]): PensionWithholdingProblem[] {
  return records.flatMap((r, i) =>
    (r.kind === 'management' || r.kind === 'header') && r.municipalityCode !== WARD_MUNICIPALITY_CODE
      ? [
          problem(
            i + 1,
            r.kind,
            r.kind === 'management' ? 1 : 2,
            '市町村コード',
            `市町村コード「${r.municipalityCode}」は本区（${WARD_MUNICIPALITY_CODE}）のものではありません`,
          ),
        ]
      : [],
  )
}

export async function insertFile(
  db: Db | Tx,
  row: {
    direction: 'received' | 'sent'
    fileKind: FileKind
    fiscalYear: number
    fileHash: string
    fileName: string
    records: number
    matched: number
    unmatched: number
    content: string | null
  },
  userId: number | null,
  now: Date,
): Promise<number> {
  const [inserted] = await db
    .insert(pensionExchangeFiles)
    .values({ ...row, createdAt: now, createdBy: userId })
    .returning({ id: pensionExchangeFiles.id })
  return inserted!.id
}

/** The files exchanged, newest first (of one fiscal year when given). No personal data: names, kinds and counts. */
export async function listExchangeFiles(db: Db | Tx, fiscalYear?: number): Promise<PensionExchangeFiles> {
  const rows = await db
    .select()
    .from(pensionExchangeFiles)
    .where(fiscalYear === undefined ? undefined : eq(pensionExchangeFiles.fiscalYear, fiscalYear))
    .orderBy(desc(pensionExchangeFiles.id))
  return {
    files: rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      fileKind: r.fileKind,
      fiscalYear: r.fiscalYear,
      fileName: r.fileName,
      records: r.records,
      matched: r.matched,
      unmatched: r.unmatched,
      createdAt: r.createdAt.toISOString(),
    })),
  }
}

/** Inserts in slices (a statement's parameters stay under the drivers' limits). */
export async function insertInSlices<T>(rows: readonly T[], size: number, insert: (slice: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size))
}
