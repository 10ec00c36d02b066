import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import type { CertificationIntakePassThrough } from '../../../shared/ipc/certification-intake'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

/**
 * 要介護認定 intake: 申請, 認定調査 (with the draft saved on the server as it is typed), 主治医意見書, the clock board and
 * the 基本チェックリスト. Every call goes to the server as it is, with the in-memory session token: the server checks
 * the permission and the 相談センター's area, and audits. Nothing is kept on the terminal (no cache, no file).
 */
export class CertificationService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
  ) {}

  call<K extends CertificationIntakePassThrough>(route: K, request: ApiInput<K>): Promise<ApiOutput<K>> {
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }
}
