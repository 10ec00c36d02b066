// Change only with a security review.
// Terminal security events into the server's audit log (controls C-01, C-21, C-28; docs/sources/electron-security.md §12).
// Every guard of main reports to one SecurityAuditSink; the composition root tees it into the local security log
// (always, at once) and into this forwarder, which sends the events to the server route 'security.clientEvents'
// whenever someone is signed in: events seen before the sign-in (or while the backend is unreachable) wait in a
// bounded memory buffer and go out with the next session. Nothing is written to disk here; the local log already
// has every line. Events carry no personal data: URLs arrive redacted (origin and path) from the guards.
import { randomUUID } from 'node:crypto'
import type { ClientSecurityEvent } from '../../../../shared/api/security-events'
import type { SecurityAuditSink, SecurityEvent } from '../../security/audit'

/** The way to the server, connected once the backend client exists (app-services.ts). */
export interface SecurityEventChannel {
  /** One batch to the server (security.clientEvents) with its idempotency key; rejects when it did not arrive. */
  send(events: ClientSecurityEvent[], idempotencyKey: string): Promise<void>
  /** True while a server session exists (events are only sent with one). */
  isSignedIn(): boolean
}

export interface SecurityEventForwarderDeps {
  now?: () => Date
  newKey?: () => string
  /** Oldest events beyond this are dropped, and the drop itself is reported (default 500). */
  maxBuffered?: number
  /** Events per request (default 50, the contract's maximum). */
  batchSize?: number
  /** After a failed send, no new attempt before this many ms (default 30 s): a pin failure must not loop. */
  retryDelayMs?: number
  /** Runs a flush later (default setTimeout 0). */
  schedule?: (fn: () => void) => void
}

/** A short text without personal data: the fields of the event that say what was refused. */
export function describeSecurityEvent(event: SecurityEvent): string {
  const { kind: _kind, ...rest } = event
  const text = Object.entries(rest)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ')
  return text.length > 300 ? text.slice(0, 299) + '…' : text
}

export class SecurityEventForwarder implements SecurityAuditSink {
  private buffer: ClientSecurityEvent[] = []
  /** The batch in flight or to be retried, with its key: a retry after a lost answer is not recorded twice. */
  private pending: { events: ClientSecurityEvent[]; key: string } | null = null
  private dropped = 0
  private flushing: Promise<void> | null = null
  private retryAt = 0
  private scheduled = false

  private channel: SecurityEventChannel | null = null

  /** Events are buffered from the start (guards run before 'ready'); they are sent once a channel is connected. */
  constructor(private readonly deps: SecurityEventForwarderDeps = {}) {}

  connect(channel: SecurityEventChannel): void {
    this.channel = channel
    this.flushSoon()
  }

  private signedIn(): boolean {
    try {
      return this.channel?.isSignedIn() ?? false
    } catch {
      return false
    }
  }

  /** Events waiting to be sent (the pending batch included). */
  get queued(): number {
    return this.buffer.length + (this.pending?.events.length ?? 0)
  }

  record(event: SecurityEvent): void {
    this.buffer.push({ at: this.now().toISOString(), kind: event.kind, detail: describeSecurityEvent(event) })
    const max = this.deps.maxBuffered ?? 500
    while (this.buffer.length > max) {
      this.buffer.shift()
      this.dropped += 1
    }
    this.flushSoon()
  }

  /** After a sign-in: a new session may send at once, whatever the last failure was. */
  afterLogin(): void {
    this.retryAt = 0
    this.flushSoon()
  }

  /** Asks for a flush (after a sign-in, on a new event); does nothing while signed out or backing off. */
  flushSoon(): void {
    if (this.scheduled) return
    this.scheduled = true
    const schedule = this.deps.schedule ?? ((fn) => void setTimeout(fn, 0))
    schedule(() => {
      this.scheduled = false
      void this.flush()
    })
  }

  /** Sends everything buffered, batch by batch, while signed in. Never throws. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing
    if (!this.signedIn() || this.now().getTime() < this.retryAt) return Promise.resolve()
    this.flushing = this.drain().finally(() => (this.flushing = null))
    return this.flushing
  }

  private async drain(): Promise<void> {
    const size = Math.min(Math.max(this.deps.batchSize ?? 50, 1), 50)
    for (;;) {
      if (!this.pending) {
        if (this.dropped > 0) {
          this.buffer.unshift({
            at: this.now().toISOString(),
            kind: 'events-dropped',
            detail: `count=${this.dropped} (buffer full while the server was unreachable)`,
          })
          this.dropped = 0
        }
        if (this.buffer.length === 0) return
        this.pending = { events: this.buffer.splice(0, size), key: (this.deps.newKey ?? randomUUID)() }
      }
      const channel = this.channel
      if (!channel || !this.signedIn()) return
      try {
        await channel.send(this.pending.events, this.pending.key)
        this.pending = null
      } catch {
        this.retryAt = this.now().getTime() + (this.deps.retryDelayMs ?? 30_000)
        return
      }
    }
  }

  private now(): Date {
    return (this.deps.now ?? (() => new Date()))()
  }
}

/** One sink that writes to several (the local log first: it must never wait for the network). */
export function teeSecurityAudit(...sinks: SecurityAuditSink[]): SecurityAuditSink {
  return {
    record(event) {
      for (const sink of sinks) {
        try {
          sink.record(event)
        } catch {
          // one broken sink must not silence the others
        }
      }
    },
  }
}
