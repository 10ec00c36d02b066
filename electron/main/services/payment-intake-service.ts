import type { ApiInput, ApiOutput } from '../../../shared/api/routes'
import { paymentIntakeRoutes, type PaymentIntakeChannel } from '../../../shared/ipc/payment-intake'
import type { BackendClient } from '../backend/backend-client'
import type { AuthService } from './auth-service'

type RouteOf<K extends PaymentIntakeChannel> = (typeof paymentIntakeRoutes)[K]

/**
 * 消込 (payment intake): the payment file, the work list and a decision go to the server as they are, with the
 * in-memory session token — the server checks the permission and the person's area, applies the file in one
 * transaction and audits. Nothing of it is kept on the terminal (the file's bytes pass through memory only).
 */
export class PaymentIntakeService {
  constructor(
    private readonly backend: Pick<BackendClient, 'call'>,
    private readonly auth: Pick<AuthService, 'authenticated'>,
  ) {}

  call<K extends PaymentIntakeChannel>(channel: K, request: ApiInput<RouteOf<K>>): Promise<ApiOutput<RouteOf<K>>> {
    const route: RouteOf<K> = paymentIntakeRoutes[channel]
    return this.auth.authenticated((token) => this.backend.call(route, request, token))
  }
}
