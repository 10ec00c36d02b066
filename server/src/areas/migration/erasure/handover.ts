/**
 * The 持出管理簿 of migration media (control C-22; docs/sources/migration.md §4.3): every extract received from the
 * legacy vendor and every standard-format export sent out is one entry. The password travels separately: an entry
 * whose password was handed over together with the media (same instant, or the same channel as the media) is refused.
 */
import { desc } from 'drizzle-orm'
import type { Db, Tx } from '../../../core/db/connect'
import { HttpProblem } from '../../../core/http/problem'
import { migrationErasureReports, migrationHandoverLedger } from './schema'

export type HandoverEntry = typeof migrationHandoverLedger.$inferInsert
export type HandoverRow = typeof migrationHandoverLedger.$inferSelect

export async function recordHandover(db: Db | Tx, entry: HandoverEntry): Promise<HandoverRow> {
  if (entry.handlerLogin === entry.approverLogin)
    throw new HttpProblem(403, 'forbidden', '持出・受領の承認者は取扱者と別の職員でなければなりません')
  if (entry.passwordHandedAt.getTime() === entry.handedAt.getTime() || entry.passwordChannel === entry.media)
    throw new HttpProblem(422, 'invalidInput', 'パスワードは媒体と別の機会・別の経路で伝達してください')
  if (!/^[0-9a-f]{64}$/.test(entry.sha256))
    throw new HttpProblem(422, 'invalidInput', 'SHA-256 の形式が正しくありません')
  const [row] = await db.insert(migrationHandoverLedger).values(entry).returning()
  return row!
}

/** The ledger with each entry's closing 消去報告書 (null while open). */
export async function handoverLedger(db: Db | Tx): Promise<(HandoverRow & { erasureReportId: number | null })[]> {
  const rows = await db.select().from(migrationHandoverLedger).orderBy(desc(migrationHandoverLedger.id)).limit(500)
  const reports = await db
    .select({ id: migrationErasureReports.id, entries: migrationErasureReports.ledgerEntryIds })
    .from(migrationErasureReports)
  const closedBy = new Map<number, number>()
  for (const r of reports) for (const e of r.entries) closedBy.set(e, r.id)
  return rows.map((r) => ({ ...r, erasureReportId: closedBy.get(r.id) ?? null }))
}
