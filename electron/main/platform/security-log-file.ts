// Change only with a security review.
// The local security log file (control C-01 audit, docs/sources/electron-security.md §12): every line of the security sink
// (blocked requests, refused IPC, denied permissions, pin failures) is appended to a file in the terminal's log
// directory, readable by the terminal's account only, and still written to stderr for the OS log collection. Events
// carry no personal data (URLs are redacted to origin and path by the guards).
//
// At rest (control C-07) each line is sealed with the terminal's data key (services/at-rest/data-key.ts, AES-256-GCM,
// the key wrapped by the OS key store) and written as one base64 line: a copied disk shows no event. Lines raised
// before the key is known (before the app's 'ready') wait in memory; without an OS key store the file is not written
// at all (stderr and the server audit log still get every event).
import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DataKey } from '../services/at-rest/data-key'

/** Associated data of a sealed log line: a line does not open as any other sealed blob. */
export const SECURITY_LOG_SEAL_PURPOSE = 'security-log'
/** Lines kept while the data key is still being unwrapped (the oldest are dropped beyond). */
const PENDING_LIMIT = 1_000

export interface LogFileFs {
  appendFileSync(path: string, data: string, options: { mode: number }): void
  mkdirSync(path: string, options: { recursive: true; mode: number }): unknown
}

/** A `write(line)` for createSecurityLog that appends sealed lines to the file (created 0600, directory 0700) and stderr. */
export function securityLogWriter(
  /** The file, or a function giving it (Electron's app.getPath('logs') is resolved at the first event). */
  file: string | (() => string),
  /** The data key (known after 'ready'); null: no OS key store, so nothing is written to the file. */
  key: Promise<DataKey | null>,
  fs: LogFileFs = { appendFileSync, mkdirSync },
  stderr: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): (line: string) => void {
  let ready = false
  let sealer: DataKey | null | undefined
  const pending: string[] = []
  const append = (k: DataKey, line: string) => {
    try {
      const filePath = typeof file === 'string' ? file : file()
      if (!ready) {
        fs.mkdirSync(dirname(filePath), { recursive: true, mode: 0o700 })
        ready = true
      }
      fs.appendFileSync(filePath, k.seal(line, SECURITY_LOG_SEAL_PURPOSE).toString('base64') + '\n', { mode: 0o600 })
    } catch {
      // stderr still has the line; a full disk must not take the guards down
    }
  }
  key.then(
    (k) => {
      sealer = k
      const lines = pending.splice(0)
      if (k !== null) for (const line of lines) append(k, line)
    },
    () => {
      sealer = null
      pending.length = 0
    },
  )
  return (line) => {
    stderr(line)
    if (sealer === undefined) {
      if (pending.length >= PENDING_LIMIT) pending.shift()
      pending.push(line)
    } else if (sealer !== null) {
      append(sealer, line)
    }
  }
}

/** The lines of a sealed security log (for the operator's reader and the tests); throws on a line that does not open. */
export function readSecurityLog(content: string, key: DataKey): string[] {
  return content
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => key.open(Buffer.from(l, 'base64'), SECURITY_LOG_SEAL_PURPOSE).toString('utf8'))
}
