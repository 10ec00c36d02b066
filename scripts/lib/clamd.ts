/**
 * A throwaway clamd for tests and the demo (control C-05): Debian's clamd (package clamav-daemon) with a temporary
 * configuration — in the foreground, a Unix socket in a temporary folder, and as its only database the signature
 * file shipped in build/clamav/ (the EICAR test string), so it starts in a second without the official databases
 * (these machines cannot reach the ClamAV mirror). Waits for PING → PONG; `stop()` ends it and removes the folder.
 * No clamd installed is an error, never a skip: CI installs it (.ci/run).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ClamdScanner } from '../../server/src/core/files/malware-scan'

/** The signatures shipped with the repository (ClamAV .ndb body signatures). */
export const shippedSignatureDir = resolve(import.meta.dirname, '../../build/clamav')

/** The standard 68-byte EICAR anti-virus test file (eicar.org), which the shipped signature finds anywhere in a file. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
/** The name clamd reports for it: the shipped signature's name, marked UNOFFICIAL (not from the ClamAV mirror). */
export const EICAR_SIGNATURE = 'Kaigo.Test.EICAR-1.UNOFFICIAL'

export interface ThrowawayClamd {
  socket: string
  pid: number
  /** SIGSTOP: clamd still accepts connections (the kernel queues them) but answers nothing — a hung scanner. */
  pause(): void
  resume(): void
  stop(): Promise<void>
}

function clamdBinary(): string {
  for (const candidate of ['/usr/sbin/clamd', '/usr/bin/clamd']) {
    if (spawnSync(candidate, ['--version']).status === 0) return candidate
  }
  const found = spawnSync('sh', ['-c', 'command -v clamd'], { encoding: 'utf8' })
  if (found.status === 0 && found.stdout.trim()) return found.stdout.trim()
  throw new Error(
    'clamd がありません（Debian: apt-get install clamav-daemon）。ウイルス検査のテストには実物の clamd が必要です',
  )
}

export async function startThrowawayClamd(options: { streamMaxLength?: string } = {}): Promise<ThrowawayClamd> {
  const binary = clamdBinary()
  const dir = mkdtempSync(join(tmpdir(), 'kaigo-clamd-'))
  const socket = join(dir, 'clamd.sock')
  const conf = join(dir, 'clamd.conf')
  writeFileSync(
    conf,
    [
      'Foreground yes',
      `LocalSocket ${socket}`,
      `DatabaseDirectory ${shippedSignatureDir}`,
      `TemporaryDirectory ${dir}`,
      `LogFile ${join(dir, 'clamd.log')}`,
      `StreamMaxLength ${options.streamMaxLength ?? '25M'}`,
      'SelfCheck 0',
      '',
    ].join('\n'),
  )
  const child: ChildProcess = spawn(binary, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  let exited = false
  child.once('exit', () => (exited = true))
  const stop = async () => {
    if (!exited) {
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGCONT')
      child.kill('SIGTERM')
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))])
      if (!exited) child.kill('SIGKILL')
    }
    rmSync(dir, { recursive: true, force: true })
  }
  const probe = new ClamdScanner({ socket, timeoutMs: 1_000, maxBytes: 1 })
  const deadline = Date.now() + 30_000
  while (!(await probe.ping())) {
    if (exited || Date.now() > deadline) {
      let log = ''
      try {
        log = readFileSync(join(dir, 'clamd.log'), 'utf8')
      } catch {
        // no log yet
      }
      await stop()
      throw new Error(`clamd が起動しませんでした:\n${stderr}\n${log}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    socket,
    pid: child.pid!,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop,
  }
}
