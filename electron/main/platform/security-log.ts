import type { SecurityAuditSink, SecurityEvent } from '../security/audit'

/**
 * The local security log: refused requests, permissions, certificates. Events carry no personal data
 * (URLs are redacted by the guards); they are written as JSON lines to the main process's stderr, which the
 * terminal's OS log collection picks up. The composition root tees the same events into the server's audit log
 * (services/security-events/security-event-forwarder.ts).
 */
export function createSecurityLog(
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): SecurityAuditSink {
  return {
    record(event: SecurityEvent) {
      write(JSON.stringify({ at: new Date().toISOString(), source: 'security', ...event }))
    },
  }
}
