// Change only with a security review.
// The lock screen's main-process half (controls C-31, C-35).
//
// IdleLock decides WHEN to lock (OS idle time, OS lock, suspend); this service decides WHAT a lock means:
//  - the renderer is told at once ('session.locked') and clears every store and shows the lock screen;
//  - the backend session is ended and the token dropped, so nothing can fetch personal data while locked (the
//    server would also expire it after its own idle timeout);
//  - every channel except the lock screen's own is refused with code 'locked' (guardLockedHandlers);
//  - unlocking re-authenticates the same user with the password (and TOTP when required) and starts a new session.
// Logout while locked ends the lock; logout and quit are no lock-screen reasons (IdleLock cleans up for them).
import type { UserProfile } from '../../../../shared/api/auth'
import type { LockStatus, UnlockRequest } from '../../../../shared/ipc/lock'
import { BackendError } from '../../backend/backend-client'
import type { IpcHandlers } from '../../ipc/router'
import type { LockReason } from '../idle-lock'
import type { RendererEvents } from './renderer-events'

/** What the lock needs from AuthService. */
export interface LockAuth {
  currentUser(): UserProfile | null
  /** Password and, when required, the TOTP code together (AuthService.loginWithCode). */
  login(req: { loginId: string; password: string; totpCode?: string }): Promise<UserProfile>
  logout(): Promise<void>
}

export interface LockServiceOptions {
  /** Terminal policy requireTotpOnUnlock. */
  requireTotpOnUnlock: boolean
  /**
   * Whether the backend's login takes a TOTP code. Until it does, the unlock asks for the password only and the
   * status says so (the lock screen never shows a field the server would ignore).
   */
  backendSupportsTotp?: boolean
}

const SCREEN_REASONS: ReadonlySet<LockReason> = new Set<LockReason>(['idle', 'os-lock', 'suspend', 'manual'])

export class LockService {
  private lockedUser: UserProfile | null = null
  private readonly unlockedListeners = new Set<() => void>()

  constructor(
    private readonly auth: LockAuth,
    private readonly events: RendererEvents,
    private readonly options: LockServiceOptions,
  ) {}

  isLocked(): boolean {
    return this.lockedUser !== null
  }

  private get totpRequired(): boolean {
    return this.options.requireTotpOnUnlock && this.options.backendSupportsTotp === true
  }

  status(): LockStatus {
    const u = this.lockedUser
    return {
      locked: u !== null,
      user: u ? { loginId: u.loginId, displayName: u.displayName, department: u.department } : null,
      totpRequired: this.totpRequired,
    }
  }

  /** Told by IdleLock.onLock. Nobody signed in, logout or quit: nothing to lock, the idle watch starts again. */
  async handleLock(reason: LockReason): Promise<void> {
    const user = this.auth.currentUser()
    if (!SCREEN_REASONS.has(reason) || (!user && !this.lockedUser)) {
      this.notifyUnlocked()
      return
    }
    if (this.lockedUser) return
    this.lockedUser = user
    // The renderer first (it hides the data now), then the server session.
    this.events.emit('session.locked', { reason: reason as 'idle' | 'os-lock' | 'suspend' | 'manual' })
    await this.auth.logout().catch(() => undefined)
  }

  async unlock(req: UnlockRequest): Promise<UserProfile> {
    const user = this.lockedUser
    if (!user) {
      const current = this.auth.currentUser()
      if (current) return current
      throw new BackendError('notAuthenticated', 'ログインが必要です')
    }
    if (this.totpRequired && !req.totpCode)
      throw new BackendError('invalidRequest', 'ワンタイムパスワードを入力してください')
    // The same user only: the lock screen never becomes a login screen for someone else.
    const profile = await this.auth.login({
      loginId: user.loginId,
      password: req.password,
      ...(req.totpCode ? { totpCode: req.totpCode } : {}),
    })
    this.lockedUser = null
    this.events.emit('session.unlocked', {})
    this.notifyUnlocked()
    return profile
  }

  /** Logout from the lock screen: the lock ends, the login screen follows. */
  signedOut(): void {
    if (!this.lockedUser) return
    this.lockedUser = null
    this.notifyUnlocked()
  }

  /** Subscribed by the composition root: IdleLock.unlock() so the idle watch starts again. */
  onUnlocked(listener: () => void): () => void {
    this.unlockedListeners.add(listener)
    return () => {
      this.unlockedListeners.delete(listener)
    }
  }

  private notifyUnlocked(): void {
    for (const l of [...this.unlockedListeners]) l()
  }
}

/** Channels the lock screen itself needs; everything else is refused while locked. */
const OPEN_WHILE_LOCKED: ReadonlySet<string> = new Set([
  'app.info',
  'auth.logout',
  'auth.currentUser',
  'lock.status',
  'lock.unlock',
])

/**
 * Wraps the IPC handlers (control C-31): while locked every other channel answers 'locked'; logout also ends
 * the lock; login while locked is refused (unlock is the way back).
 */
export function guardLockedHandlers(handlers: IpcHandlers, lock: LockService, onLogout?: () => void): IpcHandlers {
  const guarded: Record<string, (req: never, sender: never) => Promise<unknown>> = {}
  for (const [channel, handler] of Object.entries(handlers) as [
    string,
    (req: never, sender: never) => Promise<unknown>,
  ][]) {
    guarded[channel] = async (req, sender) => {
      if (lock.isLocked() && !OPEN_WHILE_LOCKED.has(channel))
        throw new BackendError('locked', '画面がロックされています。パスワードを入力して解除してください')
      const result = await handler(req, sender)
      if (channel === 'auth.logout') {
        lock.signedOut()
        onLogout?.()
      }
      return result
    }
  }
  return guarded as unknown as IpcHandlers
}
