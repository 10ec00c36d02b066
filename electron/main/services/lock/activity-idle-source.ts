// Idle sources without powerMonitor (control C-31): browser mode has no OS idle time, so it counts the seconds
// since the renderer's last IPC call; E2E tests may set the idle time directly (only with KAIGO_E2E=1).
import type { IdleSource } from '../idle-lock'

export class ActivityIdleSource implements IdleSource {
  private last: number
  private forced: number | null = null

  constructor(private readonly now: () => number = Date.now) {
    this.last = now()
  }

  /** Any renderer activity (an IPC call through the bridge). */
  touch(): void {
    this.last = this.now()
  }

  /** E2E hook: pretend the user has been idle this long (null: back to real activity). */
  force(seconds: number | null): void {
    this.forced = seconds
  }

  getSystemIdleTime(): number {
    return this.forced ?? Math.floor((this.now() - this.last) / 1000)
  }

  // No OS lock-screen or suspend events outside Electron.
  on(): unknown {
    return this
  }

  removeListener(): unknown {
    return this
  }
}
