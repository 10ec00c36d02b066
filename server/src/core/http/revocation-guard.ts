/**
 * The state of the revocation list in force (control C-02), for the health answer and the security events:
 * - `current`: the list in force is the file's, and its nextUpdate is more than a day away;
 * - `expiring`: its nextUpdate is less than a day away (CRL_EXPIRY_WARNING_MS): terminals are still accepted, but
 *   the ward's CA must publish the next list now, or every terminal is refused when it passes;
 * - `stale-kept`: the file was refused at the last reload (missing, half-written, not a CRL, another CA's …): the
 *   previous list and TLS context stay in force — revoked terminals stay refused — until a valid file is installed;
 * - `expired`: the list in force is past its nextUpdate (by the server's clock). The TLS stack (OpenSSL) then refuses
 *   every terminal's handshake (`CRL has expired`): the server fails closed rather than trusting an outdated list;
 *   the ward's CA must publish the next list before nextUpdate (docs/operations.md).
 * A change into a degraded state raises one security event (and one log line); leaving it raises `crl-restored`.
 */
import type { Clock } from '../clock'
import { crlProblemText, type CrlProblem, type CrlRefusedError, type VerifiedCrl } from './crl'

export type TlsSecurityEventKind = 'crl-refused' | 'crl-expiring' | 'crl-expired' | 'crl-restored'

/** How long before its nextUpdate a list in force is reported as expiring: a day, for the CA to publish the next. */
export const CRL_EXPIRY_WARNING_MS = 24 * 3_600_000

export interface TlsSecurityEvent {
  at: Date
  kind: TlsSecurityEventKind
  /** `key=value` pairs, no personal data. */
  detail: string
}

/** Where the server's own security events go; the composition root passes one that writes the audit log. */
export type SecurityEventSink = (event: TlsSecurityEvent) => Promise<void>

export interface CrlHealth {
  state: 'current' | 'expiring' | 'stale-kept' | 'expired'
  /**
   * When the degraded state began (stale-kept: the first refused reload; expired: the nextUpdate passed; expiring:
   * a day before the nextUpdate).
   */
  since: string | null
  /** What is wrong, in Japanese (null when current). */
  reason: string | null
  /** stale-kept: why the file was refused. */
  problem: CrlProblem | null
  /** Whether the list in force is past its nextUpdate (also while stale-kept). */
  expired: boolean
  thisUpdate: string
  nextUpdate: string | null
  /** Terminals the list in force revokes. */
  revoked: number
}

interface GuardLogger {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export class RevocationGuard {
  private refused: { since: Date; problem: CrlProblem } | null = null
  private expiredNoticed = false
  private expiringNoticed = false
  private events: Promise<void> = Promise.resolve()

  constructor(
    private crl: VerifiedCrl,
    private readonly deps: { path: string; clock: Clock; sink: SecurityEventSink; logger: GuardLogger },
  ) {
    this.evaluate()
  }

  /** The list in force. */
  get inForce(): VerifiedCrl {
    return this.crl
  }

  /** A new list is in force (its TLS context installed). */
  installed(crl: VerifiedCrl): void {
    const wasDegraded = this.refused !== null || this.expiredNoticed || this.expiringNoticed
    this.crl = crl
    this.refused = null
    this.expiredNoticed = false
    this.expiringNoticed = false
    const health = this.evaluate()
    if (wasDegraded && health.state === 'current') {
      this.deps.logger.info({ event: 'crlRestored', revoked: crl.revoked.size }, 'CRL valid again')
      this.emit('crl-restored', `revoked=${crl.revoked.size} nextUpdate=${iso(crl.nextUpdate)}`)
    }
  }

  /** The file was refused at a reload: the list in force stays; every refused reload is one alert. */
  refusedFile(error: CrlRefusedError): void {
    const now = this.deps.clock()
    this.refused = { since: this.refused?.since ?? now, problem: error.problem }
    this.deps.logger.error(
      { event: 'crlRefused', problem: error.problem, path: error.path, keptThisUpdate: this.crl.thisUpdate },
      'CRL file refused; the previous CRL and TLS context stay in force',
    )
    this.emit(
      'crl-refused',
      `problem=${error.problem} path=${error.path} kept=thisUpdate:${this.crl.thisUpdate.toISOString()}`,
    )
  }

  /** The health of the list in force now (by the injected clock); notices the passing of nextUpdate once. */
  evaluate(): CrlHealth {
    const now = this.deps.clock()
    const next = this.crl.nextUpdate
    const expired = next !== null && now.getTime() > next.getTime()
    if (expired && !this.expiredNoticed) {
      this.expiredNoticed = true
      this.deps.logger.warn(
        { event: 'crlExpired', nextUpdate: next },
        'CRL past its nextUpdate: terminal handshakes are refused until a new CRL is installed',
      )
      this.emit('crl-expired', `nextUpdate=${iso(next)} thisUpdate=${this.crl.thisUpdate.toISOString()}`)
    }
    if (!expired) this.expiredNoticed = false
    const expiring = !expired && next !== null && next.getTime() - now.getTime() < CRL_EXPIRY_WARNING_MS
    if (expiring && !this.expiringNoticed) {
      this.expiringNoticed = true
      this.deps.logger.warn(
        { event: 'crlExpiring', nextUpdate: next },
        'CRL nextUpdate is less than a day away: publish the next CRL, or terminal handshakes will be refused',
      )
      this.emit('crl-expiring', `nextUpdate=${iso(next)} thisUpdate=${this.crl.thisUpdate.toISOString()}`)
    }
    const base = {
      expired,
      thisUpdate: this.crl.thisUpdate.toISOString(),
      nextUpdate: iso(next),
      revoked: this.crl.revoked.size,
    }
    if (this.refused) {
      return {
        state: 'stale-kept',
        since: this.refused.since.toISOString(),
        reason: `失効リストのファイルを使用できないため、前回の失効リストを使い続けています: ${crlProblemText[this.refused.problem].ja}`,
        problem: this.refused.problem,
        ...base,
      }
    }
    if (expired) {
      return {
        state: 'expired',
        since: iso(next),
        reason: '失効リストの次回更新予定（nextUpdate）を過ぎています。端末の接続は拒否されます',
        problem: null,
        ...base,
      }
    }
    if (expiring) {
      return {
        state: 'expiring',
        since: new Date(next.getTime() - CRL_EXPIRY_WARNING_MS).toISOString(),
        reason: '失効リストの次回更新予定（nextUpdate）まで1日を切りました。新しい失効リストを配置してください',
        problem: null,
        ...base,
      }
    }
    return { state: 'current', since: null, reason: null, problem: null, ...base }
  }

  /** Resolves when every event raised so far has reached the sink (or failed to: logged). */
  settled(): Promise<void> {
    return this.events
  }

  private emit(kind: TlsSecurityEventKind, detail: string): void {
    const event = { at: this.deps.clock(), kind, detail }
    this.events = this.events
      .then(() => this.deps.sink(event))
      .catch(() => this.deps.logger.error({ event: 'securityEventNotRecorded', kind }, 'security event not recorded'))
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)
