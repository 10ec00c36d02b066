import type { ApiRouteName } from '../../../../../shared/api/routes'
import type { AuditEntry, AuditLog } from '../../audit/audit-log'
import type { Db, Tx } from '../../db/connect'
import type { AuthenticatedUser } from '../../sessions/sessions'
import { HttpProblem } from '../problem'
import type { HandlerContext, RouteDefinition } from '../route'

/**
 * The audit rows a request committed (audited routes only), kept on the request: the log line carries it, so that
 * the integration suite can check "exactly one audit row per personal-data request" on every request (C-08).
 * -1 means "not an audited route" (or the request never reached its handler).
 */
export interface AuditRowCount {
  auditRows: number
}

/** Starts the count at 0 for an audited route, before any step can refuse the request. */
export function startAuditCount(request: unknown, route: Pick<RouteDefinition, 'audit'>): AuditRowCount {
  const counted = request as AuditRowCount
  if (route.audit) counted.auditRows = 0
  return counted
}

/** The single audit row of a request: who, from which terminal, what, on which records, why, and how it ended. */
export class RequestAudit {
  private readonly targets: number[] = []
  private purpose: string | null = null

  constructor(
    private readonly route: Pick<RouteDefinition, 'name' | 'audit' | 'personalData'>,
    private readonly caller: { user: AuthenticatedUser | null; terminalId: string },
    private readonly log: AuditLog,
    private readonly count: AuditRowCount,
    private readonly now: Date,
  ) {}

  /** What the handler reports through `ctx.audit`. */
  readonly recorder: HandlerContext<ApiRouteName>['audit'] = {
    targets: (ids) => void this.targets.push(...ids),
    purpose: (text) => void (this.purpose = text),
  }

  get audited(): boolean {
    return this.route.audit !== false
  }

  /** The records the request touched so far, each once. */
  touched(): number[] {
    return [...new Set(this.targets)]
  }

  /** The purpose the handler gave (kept with an idempotent answer, so that its replay is audited with it). */
  purposeGiven(): string | null {
    return this.purpose
  }

  /** A replay answers the first request's records again, for the first request's purpose. */
  touchAgain(ids: readonly number[], purpose: string | null): void {
    this.targets.push(...ids)
    if (purpose !== null) this.purpose = purpose
  }

  entry(outcome: AuditEntry['outcome']): AuditEntry {
    const { route, caller } = this
    return {
      userId: caller.user?.id ?? null,
      loginId: caller.user?.loginId ?? null,
      terminalId: caller.terminalId,
      action: route.audit ? route.audit.action : route.name,
      targetType: route.audit ? (route.audit.targetType ?? 'person') : 'person',
      targetIds: this.touched(),
      purpose: this.purpose,
      outcome,
    }
  }

  /** Appends the row in `db` (the request's transaction: counted once it commits, see {@link committed}). */
  async append(db: Db | Tx, outcome: AuditEntry['outcome']): Promise<void> {
    await this.log.append(db, this.entry(outcome), this.now)
  }

  /** One more audit row of this request is committed. */
  committed(): void {
    this.count.auditRows++
  }

  /** A refusal before the input is read: audited as 'denied' (audited routes), then answered. */
  async refuse(db: Db, problem: HttpProblem): Promise<never> {
    if (this.audited) {
      await this.append(db, 'denied')
      this.committed()
    }
    throw problem
  }

  /**
   * The request's transaction rolled back: its refusal (401/403) or failure is still audited, outside it (C-08).
   * Best effort: the original error is what the caller gets.
   */
  async afterRollback(db: Db, error: unknown): Promise<void> {
    if (!this.audited) return
    const refused = error instanceof HttpProblem && (error.status === 401 || error.status === 403)
    await this.append(db, refused ? 'denied' : 'failed')
      .then(() => this.committed())
      .catch(() => undefined)
  }
}
