/** Submitted versions of the 事業状況報告 (append-only, statistics_report_versions): who submitted which cells when. */
import { createHash } from 'node:crypto'
import { and, asc, desc, eq } from 'drizzle-orm'
import type { Db, Tx } from '../../core/db/connect'
import { statisticsReportVersions } from './schema'

type Kind = 'monthly' | 'annual'
export type VersionRow = typeof statisticsReportVersions.$inferSelect

export async function latestSubmitted(db: Db | Tx, kind: Kind, period: string): Promise<VersionRow | null> {
  const [row] = await db
    .select()
    .from(statisticsReportVersions)
    .where(and(eq(statisticsReportVersions.kind, kind), eq(statisticsReportVersions.period, period)))
    .orderBy(desc(statisticsReportVersions.version))
    .limit(1)
  return row ?? null
}

export async function versionById(db: Db | Tx, id: number): Promise<VersionRow | null> {
  const [row] = await db.select().from(statisticsReportVersions).where(eq(statisticsReportVersions.id, id))
  return row ?? null
}

export const summaryOf = (r: VersionRow) => ({
  id: r.id,
  version: r.version,
  cutoffOn: r.cutoffOn,
  submittedBy: `${r.submittedName}（${r.submittedLogin}）`,
  submittedAt: r.submittedAt.toISOString(),
  sha256: r.sha256,
})

export async function versionSummaries(db: Db | Tx, kind: Kind, period: string) {
  const rows = await db
    .select()
    .from(statisticsReportVersions)
    .where(and(eq(statisticsReportVersions.kind, kind), eq(statisticsReportVersions.period, period)))
    .orderBy(asc(statisticsReportVersions.version))
  return rows.map(summaryOf)
}

/** SHA-256 of the cells in id order (what the Excel and the PDF of the version print). */
export function cellsDigest(cells: Record<string, number | null>): string {
  const canonical = JSON.stringify(
    Object.keys(cells)
      .sort()
      .map((k) => [k, cells[k] ?? null]),
  )
  return createHash('sha256').update(canonical).digest('hex')
}

export async function recordSubmission(
  db: Db | Tx,
  v: Omit<typeof statisticsReportVersions.$inferInsert, 'id' | 'version' | 'sha256'>,
): Promise<VersionRow> {
  const last = await latestSubmitted(db, v.kind, v.period)
  const [row] = await db
    .insert(statisticsReportVersions)
    .values({ ...v, version: (last?.version ?? 0) + 1, sha256: cellsDigest(v.cells) })
    .returning()
  return row!
}
