/**
 * `npm start`: development PKI (created when absent, never committed), the server on the embedded database
 * in demo mode seeded with a dummy ward, and the client — Electron when its binary is installed, otherwise
 * browser mode (検証モード): Chromium in app mode against the headless main, or the URL printed when no
 * browser can be opened.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildClientIfStale } from './lib/build-if-stale'
import { repoRoot, startDemoStack } from './lib/demo-stack'
import { chromiumPath, electronBinaryPath } from './lib/electron-binary'

const started = performance.now()
const say = (line: string) => console.log(`[kaigo-desk] ${line}`)

buildClientIfStale(repoRoot, say)
const scale = Number(process.env.KAIGO_SEED_SCALE ?? 84_410)
const stack = await startDemoStack({
  dataDir: process.env.KAIGO_DATA_DIR ?? resolve(repoRoot, 'var/data/pglite'),
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
  scale,
  serverPort: Number(process.env.KAIGO_PORT ?? 8443),
  bridgePort: Number(process.env.KAIGO_BRIDGE_PORT ?? 5180),
  onSeeded: (s) =>
    say(
      `ダミーデータを投入しました: ${s.persons.toLocaleString()}人 / ${s.households.toLocaleString()}世帯 (${(s.ms / 1000).toFixed(1)} s)`,
    ),
  onRecreated: say,
})
say(`サーバー: ${stack.server.origin}（相互TLS・デモモード・${stack.database.kind}）`)

const electron = electronBinaryPath()
let child: ReturnType<typeof spawn> | null = null
if (electron) {
  say('Electron を起動します')
  child = spawn(electron, ['.'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, KAIGO_DEV_BACKEND_ORIGIN: stack.server.origin, KAIGO_DEV_PKI_DIR: stack.pkiDir },
  })
} else {
  const url = stack.headless.bridge.launchUrl
  say('Electron 本体がないため、検証モード（ブラウザ）で起動します')
  say(`URL: ${url}`)
  const chromium = chromiumPath()
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
  if (chromium && hasDisplay && process.env.KAIGO_NO_BROWSER !== '1') {
    child = spawn(
      chromium,
      [
        `--app=${url}`,
        `--user-data-dir=${mkdtempSync(join(tmpdir(), 'kaigo-desk-browser-'))}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--lang=ja',
      ],
      { stdio: 'ignore' },
    )
  } else {
    say('ブラウザを開けないため、上の URL を Chromium で開いてください')
  }
}
say(`起動完了 (${((performance.now() - started) / 1000).toFixed(1)} s)。終了するには Ctrl+C`)

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  child?.kill()
  await stack.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
child?.on('exit', () => void stop())
