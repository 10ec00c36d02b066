// Change only with a security review.
// The local security log file (control C-01 audit, docs/sources/electron-security.md §12): every line of the security sink
// (blocked requests, refused IPC, denied permissions, pin failures) is appended as JSON to a file in the
// terminal's log directory, readable by the terminal's account only, and still written to stderr for the OS log
// collection. Events carry no personal data (URLs are redacted to origin and path by the guards).
import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export interface LogFileFs {
  appendFileSync(path: string, data: string, options: { mode: number }): void
  mkdirSync(path: string, options: { recursive: true; mode: number }): unknown
}

/** A `write(line)` for createSecurityLog that appends to the file (created 0600, directory 0700) and stderr. */
export function securityLogWriter(
  /** The file, or a function giving it (Electron's app.getPath('logs') is resolved at the first event). */
  file: string | (() => string),
  fs: LogFileFs = { appendFileSync, mkdirSync },
  stderr: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): (line: string) => void {
  let ready = false
  return (line) => {
    stderr(line)
    try {
      const filePath = typeof file === 'string' ? file : file()
      if (!ready) {
        fs.mkdirSync(dirname(filePath), { recursive: true, mode: 0o700 })
        ready = true
      }
      fs.appendFileSync(filePath, line + '\n', { mode: 0o600 })
    } catch {
      // stderr still has the line; a full disk must not take the guards down
    }
  }
}
