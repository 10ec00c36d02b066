import type { LoginRequest, ServerMeta, UserProfile } from '../../../shared/api/auth'
import type { LoginStep } from '../../../shared/ipc/contract'
import { BackendError, type BackendClient } from '../backend/backend-client'
import type { LoginSession } from './login-session'

export interface AuthServiceOptions {
  /** Server modes this client may talk to: a non-production or browser-mode client never talks to production (C-23). */
  allowedServerModes: readonly ServerMeta['mode'][]
}

/**
 * Sign-in in two steps (controls C-06, C-30): the password, then the TOTP code for the server's challenge. The
 * challenge and the session token are held here, in main-process memory only; the renderer sees neither.
 */
export class AuthService {
  private meta: ServerMeta | null = null
  private pendingChallenge: string | null = null

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

  /** Step 1: the password. Signed in at once only for an account that needs no second factor. */
  async login(req: LoginRequest): Promise<LoginStep> {
    await this.serverMeta()
    this.pendingChallenge = null
    const res = await this.backend.call('auth.login', req)
    if (res.status === 'signedIn') {
      this.session.start(res.token, res.user)
      return { status: 'signedIn', user: res.user }
    }
    this.pendingChallenge = res.challenge
    return res.status === 'totpRequired'
      ? { status: 'totpRequired' }
      : { status: 'totpEnrolmentRequired', secret: res.secret, otpauthUri: res.otpauthUri }
  }

  /** Step 2: the TOTP code for the pending challenge. A wrong code may be retried; a lockout ends the attempt. */
  async verifyTotp(code: string): Promise<UserProfile> {
    const challenge = this.pendingChallenge
    if (!challenge) throw new BackendError('notAuthenticated', 'ユーザーIDとパスワードからログインし直してください')
    try {
      const res = await this.backend.call('auth.verifyTotp', { challenge, code })
      this.pendingChallenge = null
      this.session.start(res.token, res.user)
      return res.user
    } catch (error) {
      if (error instanceof BackendError && error.code === 'locked') this.pendingChallenge = null
      throw error
    }
  }

  /** Both steps at once, for re-authentication of the same user (the lock screen: password and code together). */
  async loginWithCode(req: LoginRequest & { totpCode?: string | undefined }): Promise<UserProfile> {
    const step = await this.login({ loginId: req.loginId, password: req.password })
    if (step.status === 'signedIn') return step.user
    if (step.status === 'totpRequired' && req.totpCode) return this.verifyTotp(req.totpCode)
    this.pendingChallenge = null
    throw new BackendError('invalidRequest', '確認コード（6桁）を入力してください')
  }

  /** Step-up re-authentication before a sensitive action (revealing a マイナンバー). */
  stepUp(req: { password: string; code: string }): Promise<{ validUntil: string }> {
    return this.authenticated((token) => this.backend.call('auth.stepUp', req, token))
  }

  async logout(): Promise<void> {
    const token = this.session.currentToken
    this.pendingChallenge = null
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
