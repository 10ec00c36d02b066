// Change only with a security review.
// Idle lock (control C-31) and the clean-up on lock, logout and quit (control C-35).
// Driven by an injected IdleSource (powerMonitor in production) and an injected timer, so it runs in plain Node.
//
// Locks when the OS-wide idle time reaches the policy limit (idleLockMinutes), on the OS 'lock-screen' and on
// 'suspend'. The composition root also calls lock('logout') and lock('quit'). On every lock: listeners are told first
// (the lock screen replaces the UI; the server session is handled by the listener), then child windows are closed and
// the clipboard is cleared. Unlocking is the auth service's job (password, TOTP per policy); it then calls unlock().
//
// OS idle time cannot tell which app received the input: a user typing in another app keeps kaigo-desk unlocked.
// If "idle in this app" is required, feed a renderer heartbeat into the IdleSource.

/** What IdleLock needs from Electron's powerMonitor (which satisfies it). */
export interface IdleSource {
  getSystemIdleTime(): number
  on(event: 'lock-screen', listener: () => void): unknown
  on(event: 'suspend', listener: () => void): unknown
  removeListener(event: 'lock-screen', listener: () => void): unknown
  removeListener(event: 'suspend', listener: () => void): unknown
}

export interface IdleTimer {
  setInterval(fn: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

export type LockReason = 'idle' | 'os-lock' | 'suspend' | 'logout' | 'quit' | 'manual'

export type LockEvent = { reason: LockReason }

export type IdleLockStep = 'getSystemIdleTime' | 'listener' | 'clearClipboard' | 'closeChildWindows'

export type IdleLockDeps = {
  idle: IdleSource
  timer: IdleTimer
  /** TerminalPolicy.idleLockMinutes. */
  idleLockMinutes: number
  /** C-35: clears the clipboard (at least when it still holds what the app wrote). */
  clearClipboard(): void | Promise<void>
  /** C-35: closes every window except the main window. */
  closeChildWindows(): void | Promise<void>
  /** Errors of the clean-up steps or listeners; locking itself never fails. */
  onError?(step: IdleLockStep, error: unknown): void
  /** Poll period; default 5 s, so a lock comes at most 5 s after the limit. */
  pollIntervalMs?: number
}

/** Reasons that always run the clean-up again, even when already locked. */
const ALWAYS_CLEAN: ReadonlySet<LockReason> = new Set<LockReason>(['logout', 'quit'])

export class IdleLock {
  private locked = false
  private handle: unknown = undefined
  private readonly listeners = new Set<(e: LockEvent) => void>()
  private readonly limitSeconds: number
  private readonly onOsLock = () => this.lock('os-lock')
  private readonly onSuspend = () => this.lock('suspend')

  constructor(private readonly deps: IdleLockDeps) {
    if (!Number.isInteger(deps.idleLockMinutes) || deps.idleLockMinutes < 1) {
      throw new Error('idleLockMinutes must be a positive integer')
    }
    this.limitSeconds = deps.idleLockMinutes * 60
  }

  get idleLimitSeconds(): number {
    return this.limitSeconds
  }

  isLocked(): boolean {
    return this.locked
  }

  /** Starts watching. Idempotent. */
  start(): void {
    if (this.handle !== undefined) return
    this.deps.idle.on('lock-screen', this.onOsLock)
    this.deps.idle.on('suspend', this.onSuspend)
    this.handle = this.deps.timer.setInterval(() => this.poll(), this.deps.pollIntervalMs ?? 5_000)
  }

  stop(): void {
    if (this.handle === undefined) return
    this.deps.timer.clearInterval(this.handle)
    this.handle = undefined
    this.deps.idle.removeListener('lock-screen', this.onOsLock)
    this.deps.idle.removeListener('suspend', this.onSuspend)
  }

  /** Checks the OS idle time once (the timer calls this). */
  poll(): void {
    if (this.locked) return
    let idleSeconds: number
    try {
      idleSeconds = this.deps.idle.getSystemIdleTime()
    } catch (error) {
      // fail closed: if idle time cannot be read, lock rather than stay open
      this.deps.onError?.('getSystemIdleTime', error)
      this.lock('idle')
      return
    }
    if (idleSeconds >= this.limitSeconds) this.lock('idle')
  }

  /** Locks now. Safe to call repeatedly; logout and quit always repeat the clean-up (C-35). */
  lock(reason: LockReason): void {
    if (this.locked && !ALWAYS_CLEAN.has(reason)) return
    this.locked = true
    for (const l of [...this.listeners]) this.guard('listener', () => l({ reason }))
    this.guard('closeChildWindows', () => this.deps.closeChildWindows())
    this.guard('clearClipboard', () => this.deps.clearClipboard())
  }

  /** Called by the auth service after a successful re-authentication. */
  unlock(): void {
    this.locked = false
  }

  /** Subscribes to lock events; returns an unsubscribe function. */
  onLock(listener: (e: LockEvent) => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private guard(step: Exclude<IdleLockStep, 'getSystemIdleTime'>, fn: () => unknown): void {
    try {
      const r = fn()
      if (r instanceof Promise) r.catch((error: unknown) => this.deps.onError?.(step, error))
    } catch (error) {
      this.deps.onError?.(step, error)
    }
  }
}
