import { and, count, gt, isNull } from 'drizzle-orm'
import { auditLog, sessions } from '../../core/db/schema'
import { defineRoute } from '../../core/http/route'

/** Operations status for 運用事業者 and システム管理者: counts only, no personal data (controls C-24, C-27). */
export function opsRoutes(deps: { mode: 'demo' | 'production'; database: 'pglite' | 'postgres'; startedAt: Date }) {
  return [
    defineRoute({
      name: 'ops.status',
      access: { kind: 'permission', permission: 'ops.status' },
      personalData: false,
      audit: false,
      effect: 'read',
      async handle({ db, now }) {
        const [active] = await db
          .select({ n: count() })
          .from(sessions)
          .where(and(isNull(sessions.endedAt), gt(sessions.expiresAt, now)))
        const [audits] = await db.select({ n: count() }).from(auditLog)
        return {
          mode: deps.mode,
          database: deps.database,
          uptimeSeconds: Math.max(0, Math.floor((now.getTime() - deps.startedAt.getTime()) / 1000)),
          activeSessions: Number(active?.n ?? 0),
          auditRows: Number(audits?.n ?? 0),
        }
      },
    }),
  ]
}
