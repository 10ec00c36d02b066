/**
 * The periodic analysis of the audit log for the supervisor (control C-08) and the intrusion signals of
 * control C-04: per-user counts, off-hours access, bulk lookups above a threshold per hour, login failures and
 * every access to a protected person (支援措置対象者). Ids only: the report never holds names or numbers.
 */
import { and, asc, eq, gt, gte, lt } from 'drizzle-orm'
import type { Db, Tx } from '../../core/db/connect'
import { auditLog } from '../../core/db/schema'
import { persons } from '../persons/schema'

export interface AuditReportOptions {
  from: Date
  to: Date
  /** Distinct persons per user per clock hour above which the hour is listed as a bulk lookup. */
  bulkThresholdPerHour: number
  /** Office hours in Japan time, on weekdays: 'HH:MM'. Outside them, and on weekends, is off-hours. */
  officeHours: { start: string; end: string }
  /** Actions that read or write personal data. */
  personalDataActions: ReadonlySet<string>
  /** Upper bound of listed rows per section (the counts stay exact). */
  listLimit?: number
}

export interface AuditReport {
  from: string
  to: string
  rows: number
  perUser: {
    userId: number | null
    loginId: string | null
    requests: number
    personalDataRequests: number
    denied: number
    distinctPersons: number
    offHours: number
  }[]
  offHours: { seq: number; occurredAt: string; loginId: string | null; terminalId: string; action: string }[]
  offHoursTotal: number
  bulkLookups: { userId: number | null; loginId: string | null; hourStart: string; persons: number; requests: number }[]
  loginFailures: { loginId: string | null; failures: number; terminals: string[] }[]
  protectedAccess: {
    seq: number
    occurredAt: string
    loginId: string | null
    terminalId: string
    action: string
    outcome: string
    personIds: number[]
    purpose: string | null
  }[]
  protectedAccessTotal: number
}

const JST_MS = 9 * 3_600_000
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return h! * 60 + m!
}

/** Whether an instant is outside office hours in Japan (weekends are off-hours all day). */
export function isOffHours(instant: Date, officeHours: { start: string; end: string }): boolean {
  const jst = new Date(instant.getTime() + JST_MS)
  const day = jst.getUTCDay()
  if (day === 0 || day === 6) return true
  const minutes = jst.getUTCHours() * 60 + jst.getUTCMinutes()
  return minutes < minutesOf(officeHours.start) || minutes >= minutesOf(officeHours.end)
}

export async function buildAuditReport(db: Db | Tx, options: AuditReportOptions): Promise<AuditReport> {
  const limit = options.listLimit ?? 1_000
  const protectedIds = new Set(
    (await db.select({ id: persons.id }).from(persons).where(eq(persons.isProtected, true))).map((r) => r.id),
  )
  const perUser = new Map<string, AuditReport['perUser'][number] & { persons: Set<number> }>()
  const hourly = new Map<
    string,
    { userId: number | null; loginId: string | null; hourStart: string; persons: Set<number>; requests: number }
  >()
  const failures = new Map<string, { loginId: string | null; failures: number; terminals: Set<string> }>()
  const report: AuditReport = {
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    rows: 0,
    perUser: [],
    offHours: [],
    offHoursTotal: 0,
    bulkLookups: [],
    loginFailures: [],
    protectedAccess: [],
    protectedAccessTotal: 0,
  }

  let after = -1
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.seq, after), gte(auditLog.occurredAt, options.from), lt(auditLog.occurredAt, options.to)))
      .orderBy(asc(auditLog.seq))
      .limit(5_000)
    for (const row of rows) {
      report.rows++
      const personal = options.personalDataActions.has(row.action)
      const personIds = row.targetType === 'person' ? row.targetIds : []
      const userKey = `${row.userId ?? ''}|${row.userId === null ? (row.loginId ?? '') : ''}`

      if (row.action === 'auth.login' && row.outcome !== 'ok') {
        const f = failures.get(row.loginId ?? '') ?? { loginId: row.loginId, failures: 0, terminals: new Set<string>() }
        f.failures++
        f.terminals.add(row.terminalId)
        failures.set(row.loginId ?? '', f)
      }

      const u = perUser.get(userKey) ?? {
        userId: row.userId,
        loginId: row.loginId,
        requests: 0,
        personalDataRequests: 0,
        denied: 0,
        distinctPersons: 0,
        offHours: 0,
        persons: new Set<number>(),
      }
      u.requests++
      if (row.outcome === 'denied') u.denied++
      if (personal) {
        u.personalDataRequests++
        for (const id of personIds) u.persons.add(id)
        if (isOffHours(row.occurredAt, options.officeHours)) {
          u.offHours++
          report.offHoursTotal++
          if (report.offHours.length < limit)
            report.offHours.push({
              seq: row.seq,
              occurredAt: row.occurredAt.toISOString(),
              loginId: row.loginId,
              terminalId: row.terminalId,
              action: row.action,
            })
        }
        const hourStart = new Date(Math.floor(row.occurredAt.getTime() / 3_600_000) * 3_600_000).toISOString()
        const hourKey = `${userKey}@${hourStart}`
        const h = hourly.get(hourKey) ?? {
          userId: row.userId,
          loginId: row.loginId,
          hourStart,
          persons: new Set(),
          requests: 0,
        }
        h.requests++
        for (const id of personIds) h.persons.add(id)
        hourly.set(hourKey, h)
      }
      perUser.set(userKey, u)

      const touched = personIds.filter((id) => protectedIds.has(id))
      if (touched.length > 0) {
        report.protectedAccessTotal++
        if (report.protectedAccess.length < limit)
          report.protectedAccess.push({
            seq: row.seq,
            occurredAt: row.occurredAt.toISOString(),
            loginId: row.loginId,
            terminalId: row.terminalId,
            action: row.action,
            outcome: row.outcome,
            personIds: touched,
            purpose: row.purpose,
          })
      }
    }
    if (rows.length < 5_000) break
    after = rows[rows.length - 1]!.seq
  }

  report.perUser = [...perUser.values()]
    .map(({ persons: set, ...rest }) => ({ ...rest, distinctPersons: set.size }))
    .sort((a, b) => b.requests - a.requests || String(a.loginId).localeCompare(String(b.loginId)))
  report.bulkLookups = [...hourly.values()]
    .filter((h) => h.persons.size > options.bulkThresholdPerHour)
    .map(({ persons: set, ...rest }) => ({ ...rest, persons: set.size }))
    .sort((a, b) => b.persons - a.persons)
    .slice(0, limit)
  report.loginFailures = [...failures.values()]
    .map((f) => ({ loginId: f.loginId, failures: f.failures, terminals: [...f.terminals].sort() }))
    .sort((a, b) => b.failures - a.failures)
  return report
}
