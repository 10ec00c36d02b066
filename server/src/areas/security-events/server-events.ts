/**
 * The server's own security events (control C-02: a refused or expired revocation list): one row each of the
 * hash-chained audit log, action 'server-security-event', terminal 'server', no user, the event as a purpose
 * line in the format of the terminals' events ("<at> <kind> <detail>"). The core raises them through the sink it is
 * given (core/http/revocation-guard.ts); it imports no area.
 */
import type { AuditLog } from '../../core/audit/audit-log'
import type { Db } from '../../core/db/connect'
import type { SecurityEventSink } from '../../core/http/revocation-guard'

export const SERVER_SECURITY_EVENT_ACTION = 'server-security-event'
/** The terminal id of rows the server writes by itself. */
export const SERVER_TERMINAL_ID = 'server'

export function serverSecurityEventSink(db: Db, auditLog: AuditLog): SecurityEventSink {
  return (event) =>
    auditLog.append(
      db,
      {
        userId: null,
        loginId: null,
        terminalId: SERVER_TERMINAL_ID,
        action: SERVER_SECURITY_EVENT_ACTION,
        targetType: 'user',
        targetIds: [],
        purpose: `サーバーセキュリティイベント 1件\n${event.at.toISOString()} ${event.kind} ${event.detail}`,
        outcome: event.kind === 'crl-restored' ? 'ok' : 'failed',
      },
      event.at,
    )
}
