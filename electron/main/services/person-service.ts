import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import type { PersonSearchQuery, PersonSearchResult, PersonSummary } from '../../../shared/api/person'
import type {
  Age65BatchRequest,
  Age65BatchResult,
  EligibilityHistory,
  EligibilityHistoryQuery,
  IssueInsuranceCardRequest,
  IssuedInsuranceCard,
} from '../../../shared/eligibility/contract'
import type { IntakeRequest, IntakeResult } from '../../../shared/eligibility/intake'
import type { IssuedProvisionalCard, IssueProvisionalCardRequest } from '../../../shared/forms/contract'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

/** Person lookups: always from the server (personal data is never cached on the terminal, control C-07). */
export class PersonService {
  constructor(
    private readonly backend: BackendClient,
    private readonly auth: AuthService,
  ) {}

  search(query: PersonSearchQuery): Promise<PersonSearchResult> {
    return this.auth.authenticated((token) => this.backend.call('person.search', query, token))
  }

  summary(personId: number): Promise<PersonSummary> {
    return this.auth.authenticated((token) => this.backend.call('person.summary', { personId }, token))
  }

  /** The full マイナンバー: needs the permission, a stated reason and a recent step-up (C-28); audited on the server. */
  revealIndividualNumber(request: { personId: number; reason: string }) {
    return this.auth.authenticated((token) => this.backend.call('person.revealIndividualNumber', request, token))
  }

  /** 資格履歴: bitemporal, "as known on" a date. */
  eligibilityHistory(query: EligibilityHistoryQuery): Promise<EligibilityHistory> {
    return this.auth.authenticated((token) => this.backend.call('eligibility.history', query, token))
  }

  /** The 65-attainment batch for a date range (idempotent on the server). */
  runAge65Batch(request: Age65BatchRequest): Promise<Age65BatchResult> {
    return this.auth.authenticated((token) => this.backend.call('eligibility.runAge65Batch', request, token))
  }

  /** 住基異動 intake: the file goes to the server as is (all or nothing there); nothing is kept on the terminal. */
  importResidentChanges(request: IntakeRequest): Promise<IntakeResult> {
    return this.auth.authenticated((token) => this.backend.call('eligibility.importResidentChanges', request, token))
  }

  /** 被保険者証の交付・再交付: the PDF comes back for printing; the server keeps the ledger and the audit row. */
  issueInsuranceCard(request: IssueInsuranceCardRequest): Promise<IssuedInsuranceCard> {
    return this.auth.authenticated((token) => this.backend.call('eligibility.issueInsuranceCard', request, token))
  }

  /** 資格者証の交付・再交付 (while the 被保険者証 is held for a certification application): as above. */
  issueProvisionalCard(request: IssueProvisionalCardRequest): Promise<IssuedProvisionalCard> {
    return this.auth.authenticated((token) => this.backend.call('eligibility.issueProvisionalCard', request, token))
  }

  /**
   * The further eligibility routes (住所地特例・適用除外施設, 第2号 at application, corrections with approval,
   * the chunked intake upload): passed through as they are — validated by the backend client, decided and audited
   * by the server; nothing is kept on the terminal.
   */
  eligibilityCall<K extends EligibilityPassThrough>(route: K, request: ApiInput<K>): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }
}

export type EligibilityPassThrough =
  | 'eligibility.recordFacilityEvent'
  | 'eligibility.acquireCategory2AtApplication'
  | 'eligibility.proposeCorrection'
  | 'eligibility.corrections'
  | 'eligibility.decideCorrection'
  | 'eligibility.beginIntakeUpload'
  | 'eligibility.uploadIntakeChunk'
  | 'eligibility.finishIntakeUpload'
  | 'person.mailingAddresses'
  | 'person.recordMailingAddress'
  | 'person.endMailingAddress'
