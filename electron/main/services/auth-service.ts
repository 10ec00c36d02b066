import type { LoginRequest, ServerMeta, UserProfile } from '../../../shared/api/auth'
import { BackendError, type BackendClient } from '../backend/backend-client'
import type { LoginSession } from './login-session'

export interface AuthServiceOptions {
  /** Server modes this client may talk to: a non-production or browser-mode client never talks to production (C-23). */
  allowedServerModes: readonly ServerMeta['mode'][]
}

export class AuthService {
  private meta: ServerMeta | null = null

  constructor(
    private readonly backend: BackendClient,
    private readonly session: LoginSession,
    private readonly options: AuthServiceOptions,
  ) {}

  /** Reads the server's declared mode and refuses servers this client may not use. */
  async serverMeta(): Promise<ServerMeta> {
    const meta = this.meta ?? (await this.backend.call('meta.get', {}))
    if (!this.options.allowedServerModes.includes(meta.mode)) {
      throw new BackendError(
        'backendRejected',
        meta.mode === 'production'
          ? '検証用クライアントは本番サーバーに接続できません'
          : 'このクライアントは検証用サーバーに接続できません',
      )
    }
    this.meta = meta
    return meta
  }

  async login(req: LoginRequest): Promise<UserProfile> {
    await this.serverMeta()
    const res = await this.backend.call('auth.login', req)
    this.session.start(res.token, res.user)
    return res.user
  }

  async logout(): Promise<void> {
    const token = this.session.currentToken
    this.session.end()
    if (token) await this.backend.call('auth.logout', {}, token).catch(() => undefined)
  }

  currentUser(): UserProfile | null {
    return this.session.currentUser
  }

  /** The token for an authenticated call; a 401 from the server ends the local session too. */
  requireToken(): string {
    const token = this.session.currentToken
    if (!token) throw new BackendError('notAuthenticated', 'ログインが必要です')
    return token
  }

  async authenticated<T>(call: (token: string) => Promise<T>): Promise<T> {
    try {
      return await call(this.requireToken())
    } catch (error) {
      if (error instanceof BackendError && error.code === 'notAuthenticated') this.session.end()
      throw error
    }
  }
}
