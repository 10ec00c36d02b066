/**
 * Append-only, hash-chained audit log (control C-08). Each row's `hash` is HMAC-SHA-256, under a key derived
 * from the server secret, over the canonical JSON of its content, its `seq` and the previous row's hash; so a
 * modified, deleted or inserted row breaks the chain, and a database superuser without the server secret cannot
 * forge a consistent replacement. Rows written before this scheme (`hash_alg` 'sha256-v1': plain SHA-256 without
 * seq) stay verifiable as they are: the log is never rewritten.
 */
import { createHash, createHmac } from 'node:crypto'
import { asc, desc, gt, sql } from 'drizzle-orm'
import type { Db, Tx } from '../db/connect'
import { auditLog } from '../db/schema'
import { canonicalJson } from './canonical-json'

export const GENESIS_HASH = '0'.repeat(64)
export const AUDIT_HASH_ALG = 'hmac-sha256-v2'
/** Serialises appends across connections (PostgreSQL) so the chain never forks. */
const AUDIT_CHAIN_LOCK = 0x6b616967

export type AuditTargetType = 'person' | 'user' | 'designation'

export interface AuditEntry {
  userId: number | null
  loginId: string | null
  terminalId: string
  /** e.g. 'person.search', 'person.summary', 'auth.login'. */
  action: string
  /** What targetIds are ids of; 'person' (住民) unless said otherwise. */
  targetType?: AuditTargetType
  /** Internal ids of the records touched (never names or numbers). */
  targetIds: number[]
  purpose: string | null
  /** 'replayed': an idempotent retry of a personal-data request, answered from the first result (nothing rewritten). */
  outcome: 'ok' | 'denied' | 'failed' | 'replayed'
}

type AuditRow = typeof auditLog.$inferSelect

/** The legacy scheme (hash_alg 'sha256-v1'). */
export function legacyAuditHash(row: AuditRow): string {
  const content = canonicalJson({
    userId: row.userId,
    loginId: row.loginId,
    terminalId: row.terminalId,
    action: row.action,
    targetIds: row.targetIds,
    purpose: row.purpose,
    outcome: row.outcome,
    occurredAt: row.occurredAt.toISOString(),
    prevHash: row.prevHash,
  })
  return createHash('sha256').update(content).digest('hex')
}

export function auditMac(
  key: Buffer,
  row: Omit<AuditRow, 'hash' | 'hashAlg' | 'targetType'> & { targetType: string },
): string {
  const content = canonicalJson({
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    userId: row.userId,
    loginId: row.loginId,
    terminalId: row.terminalId,
    action: row.action,
    targetType: row.targetType,
    targetIds: row.targetIds,
    purpose: row.purpose,
    outcome: row.outcome,
    prevHash: row.prevHash,
  })
  return createHmac('sha256', key).update(content).digest('hex')
}

/** Whether a stored row is exactly what the application wrote. */
export function rowVerifies(key: Buffer, row: AuditRow): boolean {
  if (row.hashAlg === 'sha256-v1') return legacyAuditHash(row) === row.hash
  if (row.hashAlg === AUDIT_HASH_ALG) return auditMac(key, row) === row.hash
  return false
}

export class AuditLog {
  constructor(private readonly key: Buffer) {}

  /**
   * Appends one row inside the caller's transaction (a savepoint there; its own transaction when given the
   * database): it commits or rolls back with the data it describes.
   */
  async append(db: Tx | Db, entry: AuditEntry, now: Date): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`)
      const last = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1)
      const prevHash = last[0]?.hash ?? GENESIS_HASH
      const next = (await tx.execute(
        sql`SELECT nextval(pg_get_serial_sequence('audit_log', 'seq')) AS seq`,
      )) as unknown as {
        rows: { seq: string | number }[]
      }
      const row = {
        seq: Number(next.rows[0]!.seq),
        occurredAt: new Date(Math.floor(now.getTime())),
        userId: entry.userId,
        loginId: entry.loginId,
        terminalId: entry.terminalId,
        action: entry.action,
        targetType: entry.targetType ?? 'person',
        targetIds: entry.targetIds,
        purpose: entry.purpose,
        outcome: entry.outcome,
        prevHash,
      }
      await tx.insert(auditLog).values({ ...row, hash: auditMac(this.key, row), hashAlg: AUDIT_HASH_ALG })
    })
  }
}

export interface AuditProblem {
  kind: 'modified' | 'inserted' | 'deleted'
  /** The row concerned; for 'deleted', the first row after the gap. */
  seq: number
  /** For 'deleted': the last intact row before the missing ones (null: from the start of the log). */
  afterSeq?: number | null
  detail: string
}

export interface AuditVerification {
  ok: boolean
  rows: number
  /** The last row: record it outside the database to detect a truncated tail later (`--anchor`). */
  head: { seq: number; hash: string } | null
  problems: AuditProblem[]
}

async function* auditRows(db: Db, batch = 5_000): AsyncGenerator<AuditRow> {
  let after = -1
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(batch)
    for (const row of rows) yield row
    if (rows.length < batch) return
    after = rows[rows.length - 1]!.seq
  }
}

/**
 * Walks the whole chain and says which rows were modified, inserted or deleted:
 * - a row whose MAC fails but whose stored hash the next row still links to existed and was changed: modified;
 * - a row whose MAC fails and which the next row links past: it was never written by the application: inserted;
 *   the last row, having no successor, is reported as inserted as well (a change cannot be told apart there);
 * - a genuine row that does not link to the genuine row before it: rows between them were deleted.
 * `anchor` (a head recorded earlier) also detects a deleted tail.
 */
export async function verifyAuditChain(
  db: Db,
  key: Buffer,
  anchor?: { seq: number; hash: string },
): Promise<AuditVerification> {
  const problems: AuditProblem[] = []
  let expectedPrev = GENESIS_HASH
  let lastGoodSeq: number | null = null
  let previousFlagged = false
  let count = 0
  let head: AuditVerification['head'] = null
  let anchorSeen = false
  let keyedSeen = false

  const iterator = auditRows(db)
  let current = (await iterator.next()).value as AuditRow | undefined
  while (current) {
    const next = (await iterator.next()).value as AuditRow | undefined
    const row = current
    count++
    head = { seq: row.seq, hash: row.hash }
    if (anchor && row.seq === anchor.seq) {
      anchorSeen = true
      if (row.hash !== anchor.hash)
        problems.push({ kind: 'modified', seq: row.seq, detail: '記録済みの先頭行（アンカー）と一致しません' })
    }
    // A legacy (unkeyed) row after the first keyed one would be a forgery: the scheme never goes back.
    const genuine = rowVerifies(key, row) && !(row.hashAlg !== AUDIT_HASH_ALG && keyedSeen)
    if (row.hashAlg === AUDIT_HASH_ALG && genuine) keyedSeen = true
    if (genuine) {
      if (row.prevHash !== expectedPrev && !previousFlagged) {
        problems.push({
          kind: 'deleted',
          seq: row.seq,
          afterSeq: lastGoodSeq,
          detail: `seq ${lastGoodSeq ?? '(先頭)'} と seq ${row.seq} の間の行が削除されています`,
        })
      }
      expectedPrev = row.hash
      lastGoodSeq = row.seq
      previousFlagged = false
    } else if (next && next.prevHash === row.hash) {
      problems.push({ kind: 'modified', seq: row.seq, detail: `seq ${row.seq} の内容が書き換えられています` })
      expectedPrev = row.hash
      lastGoodSeq = row.seq
      previousFlagged = true
    } else if (!next || next.prevHash === expectedPrev) {
      problems.push({
        kind: 'inserted',
        seq: row.seq,
        detail: next
          ? `seq ${row.seq} はアプリケーションが書いた行ではありません（挿入）`
          : `seq ${row.seq}（最終行）はアプリケーションが書いた行ではありません（挿入または改ざん）`,
      })
      previousFlagged = false
    } else {
      problems.push({ kind: 'modified', seq: row.seq, detail: `seq ${row.seq} の内容とハッシュが書き換えられています` })
      expectedPrev = next.prevHash
      lastGoodSeq = row.seq
      previousFlagged = true
    }
    current = next
  }
  if (anchor && !anchorSeen) {
    problems.push({
      kind: 'deleted',
      seq: anchor.seq,
      afterSeq: lastGoodSeq,
      detail: `記録済みの行 seq ${anchor.seq} が存在しません（末尾の削除）`,
    })
  }
  return { ok: problems.length === 0, rows: count, head, problems }
}
