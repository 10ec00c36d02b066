import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import type { DevPkiFiles } from '../../../server/src/demo/dev-pki'

const root = resolve(import.meta.dirname, '../../..')

/**
 * The real server entry (`server/src/main.ts`, as `npm start -w server` runs it) in a process of its own, so that
 * a test can kill it (SIGKILL) and start it again on the same database and port.
 */
export interface ServerProcess {
  origin: string
  /** Every line the process wrote to stdout and stderr, in order. */
  output: string[]
  kill(signal: NodeJS.Signals): Promise<number | null>
  exited: Promise<number | null>
  /** Whether the process has ended (by itself or killed). */
  hasExited(): boolean
}

export interface ServerProcessOptions {
  port: number
  pki: DevPkiFiles
  /** Database and anything else: DATABASE_URL or KAIGO_DATA_DIR, KAIGO_SEED_SCALE … */
  env: Record<string, string>
  readyTimeoutMs?: number
}

export function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  // Node itself with tsx as its loader (not the tsx CLI, which runs the server in a child of its own): the
  // process this test kills is the server.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'server/src/main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      KAIGO_MODE: 'demo',
      KAIGO_HOST: '127.0.0.1',
      KAIGO_PORT: String(options.port),
      KAIGO_TLS_CERT: options.pki.serverCert,
      KAIGO_TLS_KEY: options.pki.serverKey,
      KAIGO_TLS_CLIENT_CA: options.pki.caCert,
      KAIGO_TLS_CRL: options.pki.crl,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  const exited = new Promise<number | null>((done) => child.once('exit', (code, signal) => done(signal ? null : code)))
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(new Error(`server did not become ready:\n${output.join('')}`))
    }, options.readyTimeoutMs ?? 120_000)
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8')
      output.push(text)
      for (const line of text.split('\n')) {
        if (!line.startsWith('{')) continue
        try {
          const event = JSON.parse(line) as { event?: string; origin?: string }
          if (event.event === 'ready' && event.origin) {
            clearTimeout(timer)
            ready({
              origin: event.origin,
              output,
              exited,
              hasExited: () => child.exitCode !== null || child.signalCode !== null,
              kill(signal) {
                if (child.exitCode === null && child.signalCode === null) child.kill(signal)
                return exited
              },
            })
          }
        } catch {
          // a log line that is not an event
        }
      }
    }
    child.stdout!.on('data', collect)
    child.stderr!.on('data', collect)
    void exited.then((code) => {
      clearTimeout(timer)
      fail(new Error(`server exited (${code}) before it was ready:\n${output.join('')}`))
    })
  })
}
