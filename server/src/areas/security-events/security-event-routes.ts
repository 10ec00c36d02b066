/**
 * Terminal security events (controls C-01, C-21, C-28; docs/sources/electron-security.md §12): a terminal's main process reports
 * what it refused locally — requests to foreign origins, navigations, permissions, devices, exports, prints — and
 * each batch becomes one row of the hash-chained audit log (action 'client-security-event', outcome 'denied'-like
 * facts in the purpose). Any signed-in user's terminal may report; the events carry no personal data (URLs are
 * origin and path only), so the route is not a personal-data route. The supervisor reads them back, filtered,
 * from the same rows ('security.events'; the reading is itself audited).
 */
import { and, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm'
import { auditLog } from '../../core/db/schema'
import { defineRoute } from '../../core/http/route'
import type { SecurityEventRow } from '../../../../shared/api/security-events'

export const SECURITY_EVENT_ACTION = 'client-security-event'
/** The server's own events (a refused revocation list …) share the purpose format and are listed with them. */
const SERVER_EVENT_ACTION = 'server-security-event'
const HEADER = '端末セキュリティイベント'
const HEADERS = [HEADER, 'サーバーセキュリティイベント']

/** One line per event, in the order main saw them: "2026-11-26T03:00:00.000Z request-blocked https://evil/ (xhr)". */
export function securityEventsPurpose(events: readonly { at: string; kind: string; detail: string }[]): string {
  return [`${HEADER} ${events.length}件`, ...events.map((e) => `${e.at} ${e.kind} ${e.detail}`)].join('\n')
}

/** The events of one audit row's purpose, as securityEventsPurpose wrote them (lines it did not write are skipped). */
export function parseSecurityEventsPurpose(purpose: string | null): { at: string; kind: string; detail: string }[] {
  if (!purpose || !HEADERS.some((h) => purpose.startsWith(h))) return []
  return purpose
    .split('\n')
    .slice(1)
    .flatMap((line) => {
      const m = /^(\S+) (\S+) ?(.*)$/.exec(line)
      return m ? [{ at: m[1]!, kind: m[2]!, detail: m[3]! }] : []
    })
}

export function securityEventRoutes() {
  return [
    defineRoute({
      name: 'security.clientEvents',
      access: { kind: 'authenticated' },
      personalData: false,
      audit: { action: SECURITY_EVENT_ACTION, targetType: 'user' },
      effect: 'create',
      async handle({ input, audit }) {
        audit.purpose(securityEventsPurpose(input.events))
        return { recorded: input.events.length }
      },
    }),
    defineRoute({
      name: 'security.events',
      access: { kind: 'permission', permission: 'security.readEvents' },
      personalData: false,
      audit: { action: 'security.events', targetType: 'user' },
      effect: 'read',
      async handle({ input, db, audit }) {
        audit.purpose(
          [
            `端末セキュリティイベントの参照 ${input.from} – ${input.to}`,
            input.kind && `種別 ${input.kind}`,
            input.terminalId && `端末 ${input.terminalId}`,
            input.loginId && `ユーザー ${input.loginId}`,
          ]
            .filter(Boolean)
            .join(' / '),
        )
        const where: SQL[] = [
          inArray(auditLog.action, [SECURITY_EVENT_ACTION, SERVER_EVENT_ACTION]),
          gte(auditLog.occurredAt, new Date(input.from)),
          lt(auditLog.occurredAt, new Date(input.to)),
        ]
        if (input.terminalId) where.push(eq(auditLog.terminalId, input.terminalId))
        if (input.loginId) where.push(eq(auditLog.loginId, input.loginId))
        const rows = await db
          .select({
            seq: auditLog.seq,
            occurredAt: auditLog.occurredAt,
            terminalId: auditLog.terminalId,
            loginId: auditLog.loginId,
            purpose: auditLog.purpose,
          })
          .from(auditLog)
          .where(and(...where))
          .orderBy(desc(auditLog.seq))
        const items: SecurityEventRow[] = []
        const byKind = new Map<string, number>()
        let total = 0
        for (const row of rows) {
          // Newest first: the batch's events in reverse of the order main saw them.
          for (const e of parseSecurityEventsPurpose(row.purpose).reverse()) {
            if (input.kind && e.kind !== input.kind) continue
            total++
            byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1)
            if (items.length < input.limit)
              items.push({
                seq: row.seq,
                recordedAt: row.occurredAt.toISOString(),
                at: e.at,
                kind: e.kind,
                detail: e.detail,
                terminalId: row.terminalId,
                loginId: row.loginId,
              })
          }
        }
        return {
          items,
          total,
          byKind: [...byKind]
            .map(([kind, count]) => ({ kind, count }))
            .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
        }
      },
    }),
  ]
}
