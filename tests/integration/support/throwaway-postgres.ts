import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A PostgreSQL cluster of the test's own (initdb + pg_ctl of Debian's server packages, as `.ci/run` starts one),
 * for tests that restart or stop the database: the shared CI server is never touched. As root, the cluster runs as
 * the `postgres` user (initdb and pg_ctl refuse root).
 */
export interface ThrowawayPostgres {
  url: string
  /**
   * `pg_ctl restart -m fast`: every connection is cut, the server is back when this resolves. Asynchronous, so
   * that the test's own terminals go on working (and failing) meanwhile.
   */
  restart(): Promise<void>
  stop(): void
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql'
  const versions = readdirSync(root).sort((a, b) => Number(a) - Number(b))
  const latest = versions.at(-1)
  if (!latest) throw new Error(`no PostgreSQL server under ${root} (Debian package postgresql)`)
  return join(root, latest, 'bin')
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBin()
  const dataDir = mkdtempSync(join(tmpdir(), 'kaigo-faults-pg-'))
  const port = await freePort()
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    chownSync(dataDir, uid, gid)
  }
  const shell = (program: string, args: string[]): [string, string[]] => {
    const command = [join(bin, program), ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')
    return [asRoot ? 'su' : 'sh', asRoot ? ['postgres', '-s', '/bin/sh', '-c', command] : ['-c', command]]
  }
  const run = (program: string, args: string[]) => {
    execFileSync(...shell(program, args), { stdio: ['ignore', 'ignore', 'pipe'] })
  }
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${tmpdir()} -c fsync=off`
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C'])
  run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dataDir, 'server.log'), '-w', 'start'])
  let stopped = false
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: async () => {
      const [file, args] = shell('pg_ctl', [
        '-D',
        dataDir,
        '-o',
        options,
        '-l',
        join(dataDir, 'server.log'),
        '-m',
        'fast',
        '-w',
        'restart',
      ])
      await promisify(execFile)(file, args)
    },
    stop() {
      if (stopped) return
      stopped = true
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dataDir, { recursive: true, force: true })
      }
    },
  }
}
