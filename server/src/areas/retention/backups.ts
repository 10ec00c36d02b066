/**
 * Backups and retention (controls C-20, C-09): a backup is a copy of everything, so a record erased from the database
 * lives on in every backup taken before the erasure. The retention run therefore lists, from the backup folder
 * (KAIGO_BACKUP_DIR, the files `npm run db:backup` wrote with their manifests), the backups past the backup
 * retention (ward parameter `backup`: destroy now) and the younger ones that still hold what the run erases (destroy
 * on their last day). Only manifests are read; the backups themselves are never opened.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isPastRetention, retentionEndDate, todayInJapan, type IsoDate } from '../../../../shared/domain'
import type { RetentionBackupRow } from './schema'

const MANIFEST = '.manifest.json'

/**
 * The backups to report on `today`: every backup in `dir` taken before `before` (the erasure, or now for a dry run),
 * 'expired' when past the backup retention, 'holdsErased' otherwise; oldest first. A folder that is not there, or a
 * manifest that cannot be read, reports nothing for it (the run is not held up by the backup folder).
 */
export function backupsToReport(dir: string | null | undefined, today: IsoDate, before: Date): RetentionBackupRow[] {
  if (!dir || !existsSync(dir)) return []
  const rows: RetentionBackupRow[] = []
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(MANIFEST)) continue
    let createdAt: string
    try {
      const manifest = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { format?: string; createdAt?: string }
      if (manifest.format !== 'kaigo-desk-backup-v1' || typeof manifest.createdAt !== 'string') continue
      createdAt = manifest.createdAt
    } catch {
      continue
    }
    const taken = new Date(createdAt)
    if (Number.isNaN(taken.getTime()) || taken.getTime() >= before.getTime()) continue
    const takenOn = todayInJapan(taken)
    rows.push({
      file: name.slice(0, -MANIFEST.length),
      takenAt: taken.toISOString(),
      keepUntil: retentionEndDate('backup', takenOn, today)!,
      status: isPastRetention('backup', takenOn, today) ? 'expired' : 'holdsErased',
    })
  }
  return rows.sort((a, b) => a.takenAt.localeCompare(b.takenAt) || a.file.localeCompare(b.file))
}
