/**
 * The demo ward's 受給者台帳 (control C-23: dummy data only): one certification for every notified demo case, with the
 * level the case's decided event carries (server/src/demo/certification-cases.ts: plausible by age) and the validity
 * of validityPeriod (介護保険法施行規則第38条・第41条): 12 months for a new application, 24 for a renewal (a demo
 * choice within the limits). Once: nothing when the ledger has rows.
 */
import { asc, eq, sql } from 'drizzle-orm'
import { validityPeriod } from '../../../shared/domain'
import type { Db } from '../core/db/connect'
import { bulkInsertJson } from '../core/db/bulk-insert'
import { certificationCaseEvents, certificationCases, certifiedPersons } from '../areas/certification'

const LEVELS = new Set(['12', '13', '21', '22', '23', '24', '25'])
const CHUNK = 2_000

export async function seedCertificationDecisions(db: Db, options: { now: Date }): Promise<number> {
  const [{ n } = { n: 0 }] = (await db.select({ n: sql<number>`count(*)` }).from(certifiedPersons)) as { n: number }[]
  if (Number(n) > 0) return 0
  const decided = await db
    .select({ c: certificationCases, on: certificationCaseEvents.on, details: certificationCaseEvents.details })
    .from(certificationCaseEvents)
    .innerJoin(certificationCases, eq(certificationCases.id, certificationCaseEvents.caseId))
    .where(sql`${certificationCaseEvents.kind} = 'decided' and ${certificationCases.stage} = 'notified'`)
    .orderBy(asc(certificationCases.id))
  const rows: (typeof certifiedPersons.$inferInsert)[] = []
  for (const { c, on, details } of decided) {
    const level = typeof details.level === 'string' ? details.level : ''
    if (!LEVELS.has(level)) continue
    const renewal = c.kind === 'renewal' && c.previousValidTo !== null
    let period: { start: string; end: string }
    try {
      period = validityPeriod({
        kind: renewal ? 'renewal' : 'new',
        applicationDate: c.appliedOn,
        months: renewal ? 24 : 12,
        ...(renewal ? { previousEnd: c.previousValidTo! } : {}),
      })
    } catch {
      continue
    }
    rows.push({
      personId: c.personId,
      caseId: c.id,
      level,
      decidedOn: on,
      validFrom: period.start,
      validTo: period.end,
      boardOpinion: '',
      serviceTypes: [],
      withoutBoard: !c.boardRequired,
      recordedAt: options.now,
    })
  }
  for (let i = 0; i < rows.length; i += CHUNK) await bulkInsertJson(db, certifiedPersons, rows.slice(i, i + CHUNK))
  return rows.length
}
