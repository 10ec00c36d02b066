/**
 * Append-only, hash-chained audit log (control C-08). Each row's hash is SHA-256 over the canonical JSON of
 * its content and the previous row's hash, so a modified, deleted or inserted row breaks the chain.
 */
import { createHash } from 'node:crypto'
import { asc, desc, sql } from 'drizzle-orm'
import type { Db, Tx } from '../db/connect'
import { auditLog } from '../db/schema'
import { canonicalJson } from './canonical-json'

export const GENESIS_HASH = '0'.repeat(64)
/** Serialises appends across connections (PostgreSQL) so the chain never forks. */
const AUDIT_CHAIN_LOCK = 0x6b616967

export interface AuditEntry {
  userId: number | null
  loginId: string | null
  terminalId: string
  /** e.g. 'person.search', 'person.summary', 'auth.login'. */
  action: string
  /** Internal ids of the person records touched (never names or numbers). */
  targetIds: number[]
  purpose: string | null
  outcome: 'ok' | 'denied' | 'failed'
}

export function auditHash(entry: AuditEntry, occurredAt: Date, prevHash: string): string {
  const content = canonicalJson({ ...entry, occurredAt: occurredAt.toISOString(), prevHash })
  return createHash('sha256').update(content).digest('hex')
}

/** Appends one row inside the caller's transaction: it commits or rolls back with the data it describes. */
export async function appendAudit(tx: Tx | Db, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`)
  const last = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1)
  const prevHash = last[0]?.hash ?? GENESIS_HASH
  const occurredAt = new Date(Math.floor(now.getTime()))
  await tx.insert(auditLog).values({ ...entry, occurredAt, prevHash, hash: auditHash(entry, occurredAt, prevHash) })
}

export interface AuditVerification {
  ok: boolean
  rows: number
  problems: { seq: number; problem: 'modified' | 'chainBroken' }[]
}

/** Walks the whole chain and reports every row whose content or link does not verify. */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  const rows = await db.select().from(auditLog).orderBy(asc(auditLog.seq))
  const problems: AuditVerification['problems'] = []
  let expectedPrev = GENESIS_HASH
  for (const row of rows) {
    const entry: AuditEntry = {
      userId: row.userId,
      loginId: row.loginId,
      terminalId: row.terminalId,
      action: row.action,
      targetIds: row.targetIds,
      purpose: row.purpose,
      outcome: row.outcome as AuditEntry['outcome'],
    }
    if (row.prevHash !== expectedPrev) problems.push({ seq: row.seq, problem: 'chainBroken' })
    if (auditHash(entry, row.occurredAt, row.prevHash) !== row.hash)
      problems.push({ seq: row.seq, problem: 'modified' })
    expectedPrev = row.hash
  }
  return { ok: problems.length === 0, rows: rows.length, problems }
}
