import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import type { BenefitsPassThrough } from '../../../shared/ipc/benefits'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

/**
 * 受給者・給付 for the person view's 給付 panel: the 受給者 record, the 給付実績 by サービス提供年月, the 高額介護サービス費
 * 初回申請 and the 償還払 applications go to the server as they are, with the in-memory session token — it checks the
 * permission and 支援措置, computes the figures and audits. Nothing of it is kept in main or written to disk.
 */
export class BenefitsService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
  ) {}

  call<K extends BenefitsPassThrough>(route: K, request: ApiInput<K>): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }
}
