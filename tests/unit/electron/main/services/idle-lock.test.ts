import type { PowerMonitor } from 'electron'
import { describe, expect, it } from 'vitest'
import {
  IdleLock,
  type IdleSource,
  type IdleTimer,
  type LockEvent,
} from '../../../../../electron/main/services/idle-lock'
import { FakeEmitter } from '../../fixtures/fakes'

// Compile-time proof that the real powerMonitor satisfies the narrow interface the composition root passes in.
export const powerMonitorIsAnIdleSource = (p: PowerMonitor): IdleSource => p

/** OS idle time and wall clock move together: advance(s) = s seconds without input. */
class FakeIdleSource extends FakeEmitter {
  idleSeconds = 0
  getSystemIdleTime() {
    return this.idleSeconds
  }
}

class FakeTimer implements IdleTimer {
  private fn: (() => void) | undefined
  intervalMs = 0
  cleared = false
  setInterval(fn: () => void, ms: number) {
    this.fn = fn
    this.intervalMs = ms
    return 42
  }
  clearInterval(handle: unknown) {
    if (handle === 42) this.cleared = true
    this.fn = undefined
  }
  /** Runs every tick that falls in the next `seconds`, while the source's idle time grows. */
  advance(source: FakeIdleSource, seconds: number) {
    const tick = this.intervalMs / 1000
    for (let t = tick; t <= seconds; t += tick) {
      source.idleSeconds += tick
      this.fn?.()
    }
  }
}

function setup(minutes = 5) {
  const idle = new FakeIdleSource()
  const timer = new FakeTimer()
  const calls: string[] = []
  const events: LockEvent[] = []
  const lock = new IdleLock({
    idle,
    timer,
    idleLockMinutes: minutes,
    clearClipboard: () => void calls.push('clearClipboard'),
    closeChildWindows: () => void calls.push('closeChildWindows'),
  })
  lock.onLock((e) => {
    events.push(e)
    calls.push(`lock:${e.reason}`)
  })
  lock.start()
  return { idle, timer, calls, events, lock }
}

describe('IdleLock (C-31, C-35)', () => {
  it('does not lock before the limit', () => {
    const { idle, timer, lock, events } = setup(5)
    timer.advance(idle, 5 * 60 - 5)
    expect(idle.idleSeconds).toBe(295)
    expect(lock.isLocked()).toBe(false)
    expect(events).toEqual([])
  })

  it('locks at the limit (default 5 minutes), within one poll period', () => {
    const { idle, timer, lock, events } = setup(5)
    timer.advance(idle, 300)
    expect(idle.idleSeconds).toBe(300)
    expect(lock.isLocked()).toBe(true)
    expect(events).toEqual([{ reason: 'idle' }])
    expect(timer.intervalMs).toBeLessThanOrEqual(15_000)
  })

  it('input resets the idle time: no lock while the user is working', () => {
    const { idle, timer, lock } = setup(1)
    for (let i = 0; i < 10; i++) {
      timer.advance(idle, 55)
      idle.idleSeconds = 0 // the user touched the keyboard
    }
    expect(lock.isLocked()).toBe(false)
  })

  it('uses the policy limit', () => {
    const { idle, timer, lock } = setup(2)
    timer.advance(idle, 115)
    expect(lock.isLocked()).toBe(false)
    timer.advance(idle, 5)
    expect(lock.isLocked()).toBe(true)
  })

  it("locks immediately on the OS 'lock-screen' and 'suspend' events", () => {
    const a = setup()
    a.idle.emit('lock-screen')
    expect(a.events).toEqual([{ reason: 'os-lock' }])
    const b = setup()
    b.idle.emit('suspend')
    expect(b.events).toEqual([{ reason: 'suspend' }])
  })

  it('on lock: tells listeners (lock screen), closes child windows and clears the clipboard (C-35)', () => {
    const { idle, calls } = setup()
    idle.emit('lock-screen')
    expect(calls).toEqual(['lock:os-lock', 'closeChildWindows', 'clearClipboard'])
  })

  it('locks once; logout and quit always repeat the clean-up', () => {
    const { idle, timer, lock, calls } = setup(1)
    timer.advance(idle, 60)
    timer.advance(idle, 60)
    idle.emit('suspend')
    expect(calls.filter((c) => c.startsWith('lock:'))).toEqual(['lock:idle'])
    lock.lock('logout')
    lock.lock('quit')
    expect(calls.filter((c) => c === 'clearClipboard')).toHaveLength(3)
    expect(calls.filter((c) => c.startsWith('lock:'))).toEqual(['lock:idle', 'lock:logout', 'lock:quit'])
  })

  it('unlock re-arms the idle lock', () => {
    const { idle, timer, lock, events } = setup(1)
    timer.advance(idle, 60)
    idle.idleSeconds = 0
    lock.unlock()
    expect(lock.isLocked()).toBe(false)
    timer.advance(idle, 60)
    expect(events.map((e) => e.reason)).toEqual(['idle', 'idle'])
  })

  it('a failing clean-up step does not stop the others, and is reported', async () => {
    const idle = new FakeIdleSource()
    const errors: string[] = []
    const calls: string[] = []
    const lock = new IdleLock({
      idle,
      timer: new FakeTimer(),
      idleLockMinutes: 5,
      clearClipboard: () => Promise.reject(new Error('clipboard busy')),
      closeChildWindows: () => {
        throw new Error('window gone')
      },
      onError: (step) => errors.push(step),
    })
    lock.onLock(() => calls.push('listener'))
    lock.onLock(() => {
      throw new Error('listener bug')
    })
    lock.lock('manual')
    await new Promise((r) => setTimeout(r, 0))
    expect(lock.isLocked()).toBe(true)
    expect(calls).toEqual(['listener'])
    expect(errors.sort()).toEqual(['clearClipboard', 'closeChildWindows', 'listener'])
  })

  it('fails closed: locks if the idle time cannot be read', () => {
    const idle = new FakeIdleSource()
    idle.getSystemIdleTime = () => {
      throw new Error('no idle time')
    }
    const lock = new IdleLock({
      idle,
      timer: new FakeTimer(),
      idleLockMinutes: 5,
      clearClipboard() {},
      closeChildWindows() {},
    })
    lock.poll()
    expect(lock.isLocked()).toBe(true)
  })

  it('stop() removes the timer and the OS listeners', () => {
    const { idle, timer, lock } = setup()
    expect(idle.count('lock-screen')).toBe(1)
    lock.stop()
    expect(timer.cleared).toBe(true)
    expect(idle.count('lock-screen')).toBe(0)
    expect(idle.count('suspend')).toBe(0)
  })

  it('refuses a nonsensical limit', () => {
    const idle = new FakeIdleSource()
    for (const m of [0, -1, 1.5, Number.NaN]) {
      expect(
        () =>
          new IdleLock({
            idle,
            timer: new FakeTimer(),
            idleLockMinutes: m,
            clearClipboard() {},
            closeChildWindows() {},
          }),
      ).toThrow()
    }
  })
})
