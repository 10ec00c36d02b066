/**
 * The quarantine of an infected import file (control C-05): one row of `quarantined_files` (hash, size, name,
 * finding, who, from which terminal, when — never the bytes) and one row of the hash-chained audit log
 * ('files.malwareDetected', outcome 'denied'), written together in one transaction.
 */
import type { AuditLog } from '../audit/audit-log'
import type { Db, Tx } from '../db/connect'
import { quarantinedFiles } from '../db/schema'

export const MALWARE_AUDIT_ACTION = 'files.malwareDetected'

export interface QuarantineEntry {
  fileKind: string
  fileKindLabel: string
  fileName: string
  sha256: string
  sizeBytes: number
  signature: string
  user: { id: number; loginId: string } | null
  terminalId: string
  now: Date
}

/** The audit row's purpose: what was found in which file; the file is named by its hash (no personal data). */
export function quarantinePurpose(entry: QuarantineEntry): string {
  return `${entry.fileKindLabel}取込 マルウェア検出 ${entry.signature} sha256=${entry.sha256} ${entry.sizeBytes}バイト 隔離#`
}

export async function quarantineFile(db: Db | Tx, auditLog: AuditLog, entry: QuarantineEntry): Promise<number> {
  const [row] = await db
    .insert(quarantinedFiles)
    .values({
      fileKind: entry.fileKind,
      fileName: entry.fileName,
      sha256: entry.sha256,
      sizeBytes: entry.sizeBytes,
      signature: entry.signature,
      userId: entry.user?.id ?? null,
      terminalId: entry.terminalId,
      detectedAt: entry.now,
    })
    .returning({ id: quarantinedFiles.id })
  await auditLog.append(
    db,
    {
      userId: entry.user?.id ?? null,
      loginId: entry.user?.loginId ?? null,
      terminalId: entry.terminalId,
      action: MALWARE_AUDIT_ACTION,
      // The uploader is who the event is about; the file's persons are unknown (it was never parsed).
      targetType: 'user',
      targetIds: entry.user ? [entry.user.id] : [],
      purpose: `${quarantinePurpose(entry)}${row!.id}`,
      outcome: 'denied',
    },
    entry.now,
  )
  return row!.id
}
