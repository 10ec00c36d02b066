import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { postgresUrlOf } from './databases'
import type { TestServer } from './test-server'

const root = resolve(import.meta.dirname, '../../..')

/** Runs one of the repository's CLIs (server/src/cli/*.ts) as `npm run …` would, and collects its output. */
export function runCli(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'server/src/cli', script), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => void (stdout += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString('utf8')))
    child.on('error', reject)
    child.on('exit', (code) => done({ code: code ?? 1, stdout, stderr }))
  })
}

/**
 * The environment under which a CLI sees the test server's database: its PostgreSQL URL, or — the embedded
 * database being in memory — a copy of it in a data directory (removed by `cleanup`).
 */
export async function cliDatabaseEnv(t: TestServer): Promise<{ env: Record<string, string>; cleanup(): void }> {
  if (t.kind === 'postgres')
    return { env: { KAIGO_MODE: 'demo', DATABASE_URL: postgresUrlOf(t.database) }, cleanup: () => undefined }
  const dir = mkdtempSync(join(tmpdir(), 'kaigo-cli-db-'))
  const dump = await t.database.pglite!.dumpDataDir('none')
  const copy = new PGlite(dir, { loadDataDir: dump })
  await copy.waitReady
  await copy.close()
  return {
    env: { KAIGO_MODE: 'demo', KAIGO_DATA_DIR: dir },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** Runs the server's entry point (server/src/main.ts) as `npm run start -w server` would, until it exits. */
export function runServerMain(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli('../main.ts', [], env)
}
