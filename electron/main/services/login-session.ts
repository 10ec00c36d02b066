import type { UserProfile } from '../../../shared/api/auth'

/**
 * The signed-in user and the backend session token, held in main-process memory only: never written to
 * disk, never sent to the renderer (controls C-06, C-07).
 */
export class LoginSession {
  private token: string | null = null
  private user: UserProfile | null = null

  start(token: string, user: UserProfile): void {
    this.token = token
    this.user = user
  }

  end(): void {
    this.token = null
    this.user = null
  }

  get currentUser(): UserProfile | null {
    return this.user
  }

  get currentToken(): string | null {
    return this.token
  }
}
