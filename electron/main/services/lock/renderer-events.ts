// Main → renderer events (control C-31): the lock screen must appear without the renderer asking.
// One hub per main process; the Electron adapter forwards to the trusted windows (webContents.send), the loopback
// bridge serves the buffered events by long-poll. Every payload is parsed with its schema before it leaves.
import { ipcEvents, type IpcEvent, type IpcEventPayload } from '../../../../shared/ipc/contract'

export type RendererEventRecord = { seq: number; event: IpcEvent; payload: unknown }

const BUFFER = 32

export class RendererEvents {
  private seq = 0
  private readonly buffer: RendererEventRecord[] = []
  private readonly sinks = new Set<(record: RendererEventRecord) => void>()
  private readonly waiters = new Set<() => void>()

  emit<E extends IpcEvent>(event: E, payload: IpcEventPayload<E>): void {
    const record = { seq: ++this.seq, event, payload: ipcEvents[event].parse(payload) }
    this.buffer.push(record)
    if (this.buffer.length > BUFFER) this.buffer.shift()
    for (const sink of [...this.sinks]) sink(record)
    for (const wake of [...this.waiters]) wake()
  }

  /** Forwards every future event (Electron: to webContents.send of the trusted windows). */
  subscribe(sink: (record: RendererEventRecord) => void): () => void {
    this.sinks.add(sink)
    return () => {
      this.sinks.delete(sink)
    }
  }

  get cursor(): number {
    return this.seq
  }

  since(after: number): RendererEventRecord[] {
    return this.buffer.filter((r) => r.seq > after)
  }

  /** Long-poll: resolves with the events after `after` as soon as there are any, or empty after `timeoutMs`. */
  wait(after: number, timeoutMs: number): Promise<RendererEventRecord[]> {
    const ready = this.since(after)
    if (ready.length > 0 || after > this.seq) return Promise.resolve(after > this.seq ? [] : ready)
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.waiters.delete(done)
        resolve(this.since(after))
      }
      const timer = setTimeout(done, timeoutMs)
      this.waiters.add(done)
    })
  }

  /** Ends every pending long-poll (bridge shutdown). */
  release(): void {
    for (const wake of [...this.waiters]) wake()
  }
}
